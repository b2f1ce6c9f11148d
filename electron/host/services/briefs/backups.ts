import { z } from 'zod';
import { MAX_FILE_BYTES } from '../../../../shared/limits';
import { EditorStateSchema } from '../../../../shared/model/brief';
import { IsoDateTimeSchema } from '../../../../shared/model/ids';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import { readJsonFile } from '../../platform/jsonFile';
import { hashEditorState } from './briefFile';

export const BackupSchema = z.object({
  schemaVersion: z.literal(1),
  briefId: z.string(),
  baseRevision: z.number().int().min(0),
  savedAt: IsoDateTimeSchema,
  contentHash: z.string(),
  editorState: EditorStateSchema,
});
export type Backup = z.infer<typeof BackupSchema>;

const BACKUPS_FOLDER = '.briefdesk/backups';

/** Hot exit: unsaved edits written to `.briefdesk/backups/<id>.json`, removed once the brief is saved. */
export class BackupStore {
  constructor(private readonly files: ConfinedFolder) {}

  private path(briefId: string): string {
    return `${BACKUPS_FOLDER}/${briefId}.json`;
  }

  async write(briefId: string, baseRevision: number, editorState: Backup['editorState']): Promise<Backup> {
    const backup: Backup = {
      schemaVersion: 1,
      briefId,
      baseRevision,
      savedAt: new Date().toISOString(),
      contentHash: hashEditorState(editorState),
      editorState,
    };
    // Nothing else creates `.briefdesk/backups/`: without this the first backup of a workspace fails with ENOENT.
    await this.files.mkdir(BACKUPS_FOLDER);
    await this.files.write(this.path(briefId), JSON.stringify(backup), 'The backup of your unsaved edits');
    return backup;
  }

  /** The backup, or undefined when there is none or it cannot be read (a broken backup must not block opening). */
  async read(briefId: string): Promise<Backup | undefined> {
    try {
      const backup = await readJsonFile(this.files, this.path(briefId), BackupSchema, { maxBytes: MAX_FILE_BYTES.backup, what: 'The backup' });
      return backup.briefId === briefId ? backup : undefined;
    } catch {
      return undefined;
    }
  }

  async discard(briefId: string): Promise<void> {
    await this.files.remove(this.path(briefId), 'The backup of your unsaved edits');
  }
}
