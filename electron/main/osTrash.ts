import { shell } from 'electron';
import { AppError } from '../../shared/contract/define';
import type { Trash } from '../host/services/briefs/trash';

/** The desktop app's trash: the operating system's, so deleted briefs are restored where analysts expect. */
export class OsTrash implements Trash {
  readonly restorable = false;

  moveToTrash(path: string): Promise<void> {
    return shell.trashItem(path);
  }

  async list(): Promise<[]> {
    return [];
  }

  restore(): Promise<string> {
    return Promise.reject(new AppError('refused', 'Deleted briefs are in your system trash: restore them from there.'));
  }
}
