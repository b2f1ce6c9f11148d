import { shell } from 'electron';
import { AppError } from '../../shared/contract/define';
import type { ConfinedFolder } from '../host/platform/confinedFolder';
import type { Trash } from '../host/services/briefs/trash';

/** The desktop app's trash: the operating system's, so deleted briefs are restored where analysts expect. */
export class OsTrash implements Trash {
  readonly restorable = false;

  /** Only a regular file goes to the system trash: a planted symlink's target must never be moved. */
  async moveToTrash(files: ConfinedFolder, relative: string): Promise<void> {
    if ((await files.kind(relative)) !== 'file') throw new AppError('refused', 'Only a brief file can be moved to the trash; this entry is not a regular file.');
    await shell.trashItem(files.path(relative));
  }

  async list(): Promise<[]> {
    return [];
  }

  restore(): Promise<string> {
    return Promise.reject(new AppError('refused', 'Deleted briefs are in your system trash: restore them from there.'));
  }
}
