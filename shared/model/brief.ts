import { z } from 'zod';
import { BRIEF_NODE_TYPES, MAX_EDITOR_DEPTH, MAX_EDITOR_NODES, NAME_CHARS } from '../limits';
import { SlugSchema, IsoDateTimeSchema } from './ids';

export const BRIEF_SCHEMA_VERSION = 1;

export const BriefIdSchema = SlugSchema;

interface LexicalNodeJSON {
  type: string;
  children?: LexicalNodeJSON[];
  [key: string]: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON nesting allowed anywhere in an editor state: each node level is two (node, its children list) plus headroom for fields. */
const MAX_EDITOR_JSON_DEPTH = 2 * MAX_EDITOR_DEPTH + 16;

interface PendingValue {
  value: unknown;
  /** Set for values that sit in a `children` list: they must be nodes. */
  nodeDepth: number | undefined;
  jsonDepth: number;
  path: string;
}

/**
 * Why a node tree is not one Briefdesk reads, or undefined: every node an object with a type, children an array of
 * nodes, at most MAX_EDITOR_DEPTH nodes deep and MAX_EDITOR_NODES in all, and no field of any node nested deeper than
 * MAX_EDITOR_JSON_DEPTH. Walked with an explicit stack, never recursion, so a tree nested a million levels deep is
 * refused in words instead of overflowing a stack here or in anything that walks it later (hashing, the transports'
 * serializers). The same limits apply to what is saved and what is read, so nothing is written that cannot be opened.
 */
export function editorTreeProblem(root: unknown): string | undefined {
  const stack: PendingValue[] = [{ value: root, nodeDepth: 0, jsonDepth: 0, path: 'root' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, nodeDepth, jsonDepth, path } = stack.pop()!;
    if (jsonDepth > MAX_EDITOR_JSON_DEPTH) return `it is nested more than ${MAX_EDITOR_JSON_DEPTH} levels deep at ${path}`;
    if (nodeDepth !== undefined) {
      if (!isPlainObject(value)) return `the node at ${path} is not an object`;
      if (typeof value.type !== 'string' || value.type.length === 0 || value.type.length > 100) return `the node at ${path} has no valid type`;
      if (++nodes > MAX_EDITOR_NODES) return `it has more than ${MAX_EDITOR_NODES.toLocaleString('en')} nodes`;
      if (value.children !== undefined && !Array.isArray(value.children)) return `the children of the node at ${path} are not a list`;
      if (Array.isArray(value.children) && value.children.length > 0 && nodeDepth + 1 > MAX_EDITOR_DEPTH) return `it is nested more than ${MAX_EDITOR_DEPTH} levels deep`;
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], nodeDepth: undefined, jsonDepth: jsonDepth + 1, path: `${path}.${index}` });
    } else if (isPlainObject(value)) {
      for (const [key, field] of Object.entries(value)) {
        if (nodeDepth !== undefined && key === 'children' && Array.isArray(field)) {
          for (let index = field.length - 1; index >= 0; index--) {
            stack.push({ value: field[index], nodeDepth: nodeDepth + 1, jsonDepth: jsonDepth + 2, path: `${path}.children.${index}` });
          }
        } else if (typeof field === 'object' && field !== null) {
          stack.push({ value: field, nodeDepth: undefined, jsonDepth: jsonDepth + 1, path: `${path}.${key}` });
        }
      }
    }
  }
  return undefined;
}

/**
 * A serialized Lexical editor state: `root` and nothing beside it (Lexical writes nothing else, and an unchecked
 * sibling could nest without limit). The node tree is checked structurally by `editorTreeProblem` (the editor itself
 * decides which node types it can show; see BRIEF_NODE_TYPES).
 */
export const EditorStateSchema = z
  .object({
    root: z.looseObject({ type: z.literal('root'), children: z.custom<LexicalNodeJSON[]>((value) => Array.isArray(value), 'children must be a list') }),
  })
  .superRefine((state, ctx) => {
    const problem = editorTreeProblem(state.root);
    if (problem) ctx.addIssue({ code: 'custom', path: ['root'], message: `the editor content is not readable: ${problem}` });
  });
export type EditorStateJSON = z.infer<typeof EditorStateSchema>;

/** The node types in a saved state that are not in `BRIEF_NODE_TYPES`, at any depth (an explicit stack, no recursion). */
export function unknownNodeTypes(state: EditorStateJSON): string[] {
  const unknown = new Set<string>();
  const stack: unknown[] = [state.root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type === 'string' && !BRIEF_NODE_TYPES.has(type)) unknown.add(type);
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return [...unknown];
}

/** What `catalogueFingerprint` (shared/lib) makes of a catalogue: 64 bits as 16 hex digits. */
export const CatalogueFingerprintSchema = z.string().regex(/^[0-9a-f]{16}$/, 'must be a catalogue fingerprint (16 hex digits)');

export const ClassificationSchema = z.string().trim().min(1).max(80);
export const DEFAULT_CLASSIFICATION = 'UNCLASSIFIED';

export const BriefSchema = z.object({
  schemaVersion: z.literal(BRIEF_SCHEMA_VERSION),
  id: BriefIdSchema,
  title: z.string().max(NAME_CHARS),
  /** False once the analyst renames the brief; until then the title follows the brief's first line. */
  autoTitle: z.boolean(),
  author: z.string().max(NAME_CHARS),
  classification: ClassificationSchema,
  template: z.string().min(1).max(80),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** Counts saves: a save must name the revision it was based on, so a file changed underneath is never overwritten. */
  revision: z.number().int().min(0),
  /** SHA-256 of the editor state's JSON text: lets history and backups tell real changes from re-saves. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  editorState: EditorStateSchema,
  /**
   * The fingerprint of the fact catalogue the editor had linked this content against when it was saved: opening the
   * brief with that catalogue need not check its links again. Optional (older files have none) and only a hint, so
   * a value that is not a fingerprint is dropped rather than making the file unreadable.
   */
  linkedCatalogue: CatalogueFingerprintSchema.optional().catch(undefined),
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
  /** A damaged brief's file name, shown beside the title it names (or instead of one). */
  fileName: z.string().max(300).optional(),
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
