import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { EditorStateSchema } from '../../../../shared/model/brief';
import { IsoDateTimeSchema } from '../../../../shared/model/ids';
import { writeFileAtomic } from '../../platform/atomicWrite';
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

/** Hot exit: unsaved edits written to `.briefdesk/backups/<id>.json`, removed once the brief is saved. */
export class BackupStore {
  constructor(private readonly pathFor: (briefId: string) => string) {}

  async write(briefId: string, baseRevision: number, editorState: Backup['editorState']): Promise<Backup> {
    const backup: Backup = {
      schemaVersion: 1,
      briefId,
      baseRevision,
      savedAt: new Date().toISOString(),
      contentHash: hashEditorState(editorState),
      editorState,
    };
    const path = this.pathFor(briefId);
    // Nothing else creates `.briefdesk/backups/`: without this the first backup of a workspace fails with ENOENT.
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(backup));
    return backup;
  }

  /** The backup, or undefined when there is none or it cannot be read (a broken backup must not block opening). */
  async read(briefId: string): Promise<Backup | undefined> {
    try {
      const parsed = BackupSchema.safeParse(JSON.parse(await readFile(this.pathFor(briefId), 'utf8')));
      return parsed.success && parsed.data.briefId === briefId ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async discard(briefId: string): Promise<void> {
    await rm(this.pathFor(briefId), { force: true });
  }
}
