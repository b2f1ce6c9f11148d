import { z } from 'zod';
import { SlugSchema, IsoDateTimeSchema } from './ids';

export const BRIEF_SCHEMA_VERSION = 1;

export const BriefIdSchema = SlugSchema;

/**
 * A serialized Lexical editor state. Its node tree is validated structurally here (every node has a type,
 * children are nodes); the editor itself rejects node types it does not know when the state is parsed.
 */
interface LexicalNodeJSON {
  type: string;
  children?: LexicalNodeJSON[];
  [key: string]: unknown;
}
const LexicalNodeSchema: z.ZodType<LexicalNodeJSON> = z.lazy(() =>
  z.looseObject({ type: z.string().min(1), children: z.array(LexicalNodeSchema).optional() }),
);
export const EditorStateSchema = z.looseObject({
  root: z.looseObject({ type: z.literal('root'), children: z.array(LexicalNodeSchema) }),
});
export type EditorStateJSON = z.infer<typeof EditorStateSchema>;

export const BriefSchema = z.object({
  schemaVersion: z.literal(BRIEF_SCHEMA_VERSION),
  id: BriefIdSchema,
  title: z.string(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** Counts saves: a save must name the revision it was based on, so a file changed underneath is never overwritten. */
  revision: z.number().int().min(0),
  editorState: EditorStateSchema,
});
export type Brief = z.infer<typeof BriefSchema>;

export const BriefSummarySchema = z.object({
  id: BriefIdSchema,
  title: z.string(),
  updatedAt: IsoDateTimeSchema.optional(),
  wordCount: z.number().int().min(0),
  damaged: z.string().optional(),
});
export type BriefSummary = z.infer<typeof BriefSummarySchema>;

export const UNTITLED_BRIEF = 'Untitled brief';

export function emptyEditorState(): EditorStateJSON {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [] }],
    },
  };
}
