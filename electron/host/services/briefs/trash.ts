import { AppError } from '../../../../shared/contract/define';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import { titleHint } from './titleHint';

export interface TrashEntry {
  entryId: string;
  briefId: string;
  deletedAt: string;
  /** The title the deleted file names, when it can be read. */
  title?: string;
}

/** Where deleted briefs go: the OS trash in the desktop app, `.briefdesk/trash` in the Node host. */
export interface Trash {
  /** True when `list` and `restore` work (the OS trash cannot be read back programmatically). */
  readonly restorable: boolean;
  /** Moves the regular file at `relative` (inside `files`) to the trash. */
  moveToTrash(files: ConfinedFolder, relative: string, briefId: string): Promise<void>;
  list(): Promise<TrashEntry[]>;
  /** Moves an entry back to `targetFolder/<briefId>.brief.json` and returns the brief id. */
  restore(entryId: string, targetFolder: string): Promise<string>;
}

const ENTRY = /^(?<briefId>[a-z0-9-]+)\.(?<stamp>\d+)\.brief\.json$/;
const TRASH_FOLDER = '.briefdesk/trash';

export class FolderTrash implements Trash {
  readonly restorable = true;

  constructor(private readonly files: ConfinedFolder) {}

  async moveToTrash(files: ConfinedFolder, relative: string, briefId: string): Promise<void> {
    await this.files.mkdir(TRASH_FOLDER);
    await files.move(relative, `${TRASH_FOLDER}/${briefId}.${Date.now()}.brief.json`, 'The brief');
  }

  async list(): Promise<TrashEntry[]> {
    const entries = await this.files.listIfPresent(TRASH_FOLDER).catch(() => []);
    const found = entries.flatMap((entry) => {
      const match = entry.kind === 'file' ? ENTRY.exec(entry.name) : null;
      if (!match?.groups) return [];
      return [{ entryId: entry.name, briefId: match.groups.briefId!, deletedAt: new Date(Number(match.groups.stamp)).toISOString() }];
    });
    const titled = await Promise.all(
      found.map(async (entry) => {
        const title = await titleHint(this.files, `${TRASH_FOLDER}/${entry.entryId}`);
        return title ? { ...entry, title } : entry;
      }),
    );
    return titled.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  /** Moves the entry back as `<briefId>.brief.json`; refuses if a brief with that id exists again. */
  async restore(entryId: string, targetFolder: string): Promise<string> {
    const match = ENTRY.exec(entryId);
    if (!match?.groups) throw new AppError('invalid_argument', `${entryId} is not a trash entry.`);
    const target = `${targetFolder}/${match.groups.briefId}.brief.json`;
    if ((await this.files.kind(target)) !== undefined) {
      throw new AppError('already_exists', 'A brief with the same id exists again; rename or delete it first.');
    }
    await this.files.move(`${TRASH_FOLDER}/${entryId}`, target, 'That brief in the trash').catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', 'That brief is no longer in the trash.');
      throw error;
    });
    return match.groups.briefId!;
  }
}
