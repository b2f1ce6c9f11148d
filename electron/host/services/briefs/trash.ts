import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/define';

export interface TrashEntry {
  entryId: string;
  briefId: string;
  deletedAt: string;
}

/** Where deleted briefs go: the OS trash in the desktop app, `.briefdesk/trash` in the Node host. */
export interface Trash {
  /** True when `list` and `restore` work (the OS trash cannot be read back programmatically). */
  readonly restorable: boolean;
  moveToTrash(path: string, briefId: string): Promise<void>;
  list(): Promise<TrashEntry[]>;
  restore(entryId: string, targetFolder: string): Promise<string>;
}

const ENTRY = /^(?<briefId>[a-z0-9-]+)\.(?<stamp>\d+)\.brief\.json$/;

export class FolderTrash implements Trash {
  readonly restorable = true;

  constructor(private readonly folder: string) {}

  async moveToTrash(path: string, briefId: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await rename(path, join(this.folder, `${briefId}.${Date.now()}.brief.json`));
  }

  async list(): Promise<TrashEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const entries = names.flatMap((name) => {
      const match = ENTRY.exec(name);
      if (!match?.groups) return [];
      return [{ entryId: name, briefId: match.groups.briefId!, deletedAt: new Date(Number(match.groups.stamp)).toISOString() }];
    });
    return entries.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  /** Moves the entry back as `<briefId>.brief.json`; refuses if a brief with that id exists again. */
  async restore(entryId: string, targetFolder: string): Promise<string> {
    const match = ENTRY.exec(entryId);
    if (!match?.groups) throw new AppError('invalid_argument', `${entryId} is not a trash entry.`);
    const target = join(targetFolder, `${match.groups.briefId}.brief.json`);
    if (await stat(target).then(() => true, () => false)) {
      throw new AppError('already_exists', 'A brief with the same id exists again; rename or delete it first.');
    }
    try {
      await rename(join(this.folder, entryId), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', 'That brief is no longer in the trash.');
      throw error;
    }
    return match.groups.briefId!;
  }
}
