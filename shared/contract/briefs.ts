import { z } from 'zod';
import { method } from './define';
import { BriefIdSchema, BriefSchema, BriefSummarySchema, EditorStateSchema } from '../model/brief';

export const SaveBriefArgsSchema = z.object({
  id: BriefIdSchema,
  editorState: EditorStateSchema,
  /** The revision the renderer's copy was based on; a mismatch means the file changed underneath. */
  baseRevision: z.number().int().min(0),
});
export type SaveBriefArgs = z.infer<typeof SaveBriefArgsSchema>;

export const briefsContract = {
  list: method(z.void(), z.array(BriefSummarySchema)),
  create: method(z.object({ title: z.string().max(200).optional() }), BriefSchema),
  open: method(z.object({ id: BriefIdSchema }), BriefSchema),
  save: method(SaveBriefArgsSchema, BriefSchema),
};
