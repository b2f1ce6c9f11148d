import { z } from 'zod';
import { SlugSchema, IsoDateTimeSchema } from './ids';

export const BRIEF_SCHEMA_VERSION = 1;

export const BriefIdSchema = SlugSchema;

interface LexicalNodeJSON {
  type: string;
  children?: LexicalNodeJSON[];
  [key: string]: unknown;
}
/**
 * A serialized Lexical editor state. Its node tree is validated structurally here (every node has a type,
 * children are nodes); the editor itself rejects node types it does not know when the state is parsed.
 */
const LexicalNodeSchema: z.ZodType<LexicalNodeJSON> = z.lazy(() =>
  z.looseObject({ type: z.string().min(1), children: z.array(LexicalNodeSchema).optional() }),
);
export const EditorStateSchema = z.looseObject({
  root: z.looseObject({ type: z.literal('root'), children: z.array(LexicalNodeSchema) }),
});
export type EditorStateJSON = z.infer<typeof EditorStateSchema>;

export const ClassificationSchema = z.string().trim().min(1).max(80);
export const DEFAULT_CLASSIFICATION = 'UNCLASSIFIED';

export const BriefSchema = z.object({
  schemaVersion: z.literal(BRIEF_SCHEMA_VERSION),
  id: BriefIdSchema,
  title: z.string().max(200),
  /** False once the analyst renames the brief; until then the title follows the brief's first line. */
  autoTitle: z.boolean(),
  author: z.string().max(200),
  classification: ClassificationSchema,
  template: z.string().min(1).max(80),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** Counts saves: a save must name the revision it was based on, so a file changed underneath is never overwritten. */
  revision: z.number().int().min(0),
  /** SHA-256 of the editor state's JSON text: lets history and backups tell real changes from re-saves. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  editorState: EditorStateSchema,
});
export type Brief = z.infer<typeof BriefSchema>;

export const BriefSummarySchema = z.object({
  id: BriefIdSchema,
  title: z.string(),
  updatedAt: IsoDateTimeSchema.optional(),
  wordCount: z.number().int().min(0),
  classification: z.string().optional(),
  /** Why the file could not be read; such a brief is listed, never rewritten. */
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
