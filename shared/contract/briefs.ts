import { z } from 'zod';
import { NAME_CHARS } from '../limits';
import { method } from './define';
import { BriefIdSchema, BriefSchema, BriefSummarySchema, CatalogueFingerprintSchema, EditorStateSchema } from '../model/brief';
import { TemplateIdSchema } from '../lib/briefTemplates';

const RevisionSchema = z.number().int().min(0);

export const SaveBriefArgsSchema = z.object({
  id: BriefIdSchema,
  editorState: EditorStateSchema,
  /** The revision the renderer's copy was based on; a mismatch means the file changed underneath. */
  baseRevision: RevisionSchema,
  /** An explicit save (Ctrl+S) always snapshots; an autosave at most every five minutes. */
  reason: z.enum(['explicit', 'auto']).default('auto'),
  /**
   * The fingerprint of the catalogue `editorState` is linked against (the editor's `linkedCatalogueOf`), kept in the
   * file and returned by `open` while the content is unchanged; without it the next open checks every link.
   */
  linkedCatalogue: CatalogueFingerprintSchema.optional(),
});
export type SaveBriefArgs = z.infer<typeof SaveBriefArgsSchema>;

export const CreateBriefArgsSchema = z.object({
  title: z.string().max(200).optional(),
  template: TemplateIdSchema.optional(),
  /** Content for the new brief (save-as-copy, recovery); otherwise the template's. */
  editorState: EditorStateSchema.optional(),
});
export type CreateBriefArgs = z.infer<typeof CreateBriefArgsSchema>;

export const BackupInfoSchema = z.object({
  savedAt: z.string(),
  baseRevision: RevisionSchema,
  editorState: EditorStateSchema,
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const TrashListSchema = z.object({
  /** False in the desktop app, where deleted briefs go to the system trash and are restored from there. */
  restorable: z.boolean(),
  entries: z.array(z.object({ entryId: z.string(), briefId: BriefIdSchema, deletedAt: z.string(), title: z.string().max(NAME_CHARS).optional() })),
});

const IdArgs = z.object({ id: BriefIdSchema });

/**
 * A save's answer: the brief as written, and a warning when the brief is safely on disk but something after it (the
 * history version, removing the hot-exit backup) failed. Such a save succeeded: the warning is shown, never an error.
 */
export const SavedBriefSchema = BriefSchema.extend({ warning: z.string().optional() });

export const briefsContract = {
  list: method(z.void(), z.array(BriefSummarySchema)),
  create: method(CreateBriefArgsSchema, BriefSchema),
  open: method(IdArgs, BriefSchema),
  save: method(SaveBriefArgsSchema, SavedBriefSchema),
  rename: method(z.object({ id: BriefIdSchema, title: z.string(), baseRevision: RevisionSchema }), BriefSchema),
  duplicate: method(IdArgs, BriefSchema),
  delete: method(IdArgs, z.null()),
  listTrash: method(z.void(), TrashListSchema),
  restore: method(z.object({ entryId: z.string().max(200) }), BriefSchema),
  backup: method(z.object({ id: BriefIdSchema, editorState: EditorStateSchema, baseRevision: RevisionSchema }), z.object({ savedAt: z.string() })),
  /** The hot-exit backup, when one exists and differs from the saved brief. */
  readBackup: method(IdArgs, BackupInfoSchema.nullable()),
  discardBackup: method(IdArgs, z.null()),
  /** A damaged brief's text, for reading only; at most the first 2 MB. */
  readRaw: method(IdArgs, z.object({ text: z.string(), truncated: z.boolean() })),
};
