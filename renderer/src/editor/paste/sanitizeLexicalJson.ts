import type { SerializedLexicalNode } from 'lexical';
import { z } from 'zod';
import {
  LexicalClipboardPayloadSchema,
  PASTE_ELEMENT_TYPES,
  PASTE_INLINE_TYPES,
  PASTE_MAX_DEPTH,
  PASTE_NODE_SCHEMAS,
  PastedFactIdSchema,
  pasteNodeSchema,
} from '../../../../shared/lib/pasteSchema';
import { BRIEF_NODE_TYPES, MAX_EDITOR_DEPTH } from '../../../../shared/limits';
import type { EditorStateJSON } from '../../../../shared/model/brief';

/** A serialized node as it leaves the sanitizer: an allowed type, allowed fields only, children cleaned too. */
export interface CleanSerializedNode extends SerializedLexicalNode {
  children?: CleanSerializedNode[];
  [field: string]: unknown;
}

export interface CleanLexicalPayload {
  namespace: string;
  nodes: CleanSerializedNode[];
}

/**
 * Cleans an `application/x-lexical-editor` clipboard payload (JSON text or already parsed) by the rules of
 * `shared/lib/pasteSchema.ts`: node types the brief editor does not have are dropped, keeping their text (as plain
 * text) or their children; fields not allowed for a type are dropped; a link whose URL `safeUrl` refuses becomes
 * its children; a fact mention whose `factId` is not a slug becomes plain text; inline CSS is emptied.
 *
 * Returns undefined when the payload is not such JSON, was copied from another editor (`namespace` differs, so
 * the HTML on the clipboard describes it better, as Lexical itself decides), or nothing of it is left.
 */
export function sanitizeLexicalJson(input: unknown, namespace?: string): CleanLexicalPayload | undefined {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch {
      return undefined;
    }
  }
  const payload = LexicalClipboardPayloadSchema.safeParse(raw);
  if (!payload.success) return undefined;
  if (namespace !== undefined && payload.data.namespace !== namespace) return undefined;
  const nodes = cleanChildren(payload.data.nodes, null, 0, { placeholders: false, maxDepth: PASTE_MAX_DEPTH });
  return nodes.length > 0 ? { namespace: payload.data.namespace, nodes } : undefined;
}

/**
 * The root of a brief's saved state: the element fields every block has (a quote's are exactly those) and the facts
 * unlinked in the whole brief (`$.unlinkedFacts`, the FactLinkingPlugin's node state), each a slug like any fact id.
 */
const RootSchema = PASTE_NODE_SCHEMAS.quote.extend({
  $: z
    .object({
      unlinkedFacts: z
        .array(z.unknown())
        .transform((ids) => ids.filter((id): id is string => PastedFactIdSchema.safeParse(id).success))
        .catch([]),
    })
    .optional()
    .catch(undefined),
});

/**
 * Cleans a brief's saved editor state by the same rules as a paste (`sanitizeLexicalJson`), so a file written by
 * another program or an older or newer Briefdesk can bring into the editor no more than a paste could: no inline
 * CSS, no link target or rel beyond the safe ones, no unsafe URLs, no node types the editor does not have.
 *
 * With `placeholders`, each node of a type not in `BRIEF_NODE_TYPES` is replaced by a short italic text naming
 * its type (its own text and known children follow it, as a paste keeps them), so a brief shown read-only marks
 * where something was left out; without, such nodes just give way to their text and children (the copy made by
 * "Duplicate without the unknown parts").
 */
export function sanitizeEditorState(state: EditorStateJSON, options: { placeholders: boolean }): EditorStateJSON {
  const root = RootSchema.parse(state.root);
  // A saved brief may nest as deep as the host lets it be saved, so loading never flattens a valid file.
  const walk = { ...options, maxDepth: MAX_EDITOR_DEPTH };
  return { root: { type: 'root', version: 1, ...root, children: cleanChildren(state.root.children, 'root', 0, walk) } };
}

/** The text that stands where a node of an unknown type was, in a brief shown read-only. */
const unknownNodePlaceholder = (type: string): string => `[content this version cannot show: ${type}]`;

/** Parents whose children are inline: a placeholder there is text, elsewhere a paragraph of its own. */
const INLINE_PARENTS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'link', 'listitem']);

interface WalkOptions {
  /** Mark each node of an unknown type with a placeholder (see `sanitizeEditorState`). */
  placeholders: boolean;
  /** Nodes nested deeper than this are flattened to their text. */
  maxDepth: number;
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

function cleanChildren(raws: unknown, parentType: string | null, depth: number, options: WalkOptions): CleanSerializedNode[] {
  if (!Array.isArray(raws)) return [];
  const cleaned = raws.flatMap((raw) => cleanNode(raw, parentType, depth, options));
  return fitChildren(parentType, cleaned);
}

/** One raw node becomes zero, one or (when it is demoted to its children) several clean nodes. */
function cleanNode(raw: unknown, parentType: string | null, depth: number, options: WalkOptions): CleanSerializedNode[] {
  if (!isRecord(raw)) return [];
  if (depth >= options.maxDepth) return demotedText(raw);
  const schema = pasteNodeSchema(raw.type);
  const parsed = schema?.safeParse(raw);
  if (!parsed?.success) {
    const demoted = demote(raw, parentType, depth, options);
    if (!options.placeholders || typeof raw.type !== 'string' || BRIEF_NODE_TYPES.has(raw.type)) return demoted;
    const mark = plainText(unknownNodePlaceholder(raw.type), ITALIC);
    return [parentType !== null && INLINE_PARENTS.has(parentType) ? mark : element('paragraph', [mark]), ...demoted];
  }
  const type = raw.type as string;
  const node: CleanSerializedNode = { type, version: 1, ...(parsed.data as Raw) };
  if (PASTE_ELEMENT_TYPES.has(type)) node.children = cleanChildren(raw.children, type, depth + 1, options);
  return [node];
}

/** A node that is not allowed as it is: its text as plain text, else its children lifted into its parent. */
function demote(raw: Raw, parentType: string | null, depth: number, options: WalkOptions): CleanSerializedNode[] {
  if (typeof raw.text === 'string') return raw.text === '' ? [] : [plainText(raw.text, raw.format)];
  return cleanChildren(raw.children, parentType, depth + 1, options);
}

/** All the text under a node, flattened (used past the depth limit, so without recursion). */
function demotedText(raw: Raw): CleanSerializedNode[] {
  const parts: string[] = [];
  const stack: unknown[] = [raw];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isRecord(node)) continue;
    if (typeof node.text === 'string') parts.push(node.text);
    if (Array.isArray(node.children)) for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]);
  }
  const text = parts.join('');
  return text === '' ? [] : [plainText(text, 0)];
}

/** Lexical's italic text format bit. */
const ITALIC = 2;

function plainText(text: string, format: unknown): CleanSerializedNode {
  return { type: 'text', version: 1, ...PASTE_NODE_SCHEMAS.text.parse({ text, format }) };
}

const element = (type: string, children: CleanSerializedNode[], fields: Raw = {}): CleanSerializedNode => ({
  type,
  version: 1,
  ...(PASTE_NODE_SCHEMAS[type as keyof typeof PASTE_NODE_SCHEMAS].parse(fields) as Raw),
  children,
});

const isInline = (node: CleanSerializedNode): boolean => PASTE_INLINE_TYPES.has(node.type);

/**
 * Makes a cleaned child list fit its parent, so that a demoted node cannot leave, say, a paragraph inside a
 * paragraph or text directly inside a list:
 * - paragraphs, headings, quotes and links hold inline nodes only (a block inside is replaced by its content,
 *   a link inside a link by its text);
 * - a list item holds inline nodes and nested lists; a list holds list items (anything else is wrapped in one);
 * - a table holds rows, a row holds cells (anything else is wrapped in them), a cell holds blocks (inline runs
 *   are wrapped in a paragraph, a nested table gives up its blocks);
 * - at the top of the payload anything goes, except that stray list items are put in a list and stray rows or
 *   cells in a table;
 * - the root of an editor state holds blocks only: the same, and runs of inline nodes go in a paragraph.
 */
function fitChildren(parentType: string | null, children: CleanSerializedNode[]): CleanSerializedNode[] {
  switch (parentType) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'link':
      return inlineOnly(children, parentType === 'link');
    case 'listitem':
      return children.flatMap((child) => (child.type === 'list' || isInline(child) ? [child] : inlineOnly([child], false)));
    case 'list':
      return intoListItems(children);
    case 'table':
      return intoRows(children);
    case 'tablerow':
      return children.flatMap((child) => (child.type === 'tablecell' ? [child] : asCell([child])));
    case 'tablecell':
      return intoBlocks(children);
    case 'root':
      return groupStrays(wrapInlineRuns(children, 'paragraph', (child) => [child]));
    default:
      return groupStrays(children);
  }
}

/** Inline nodes pass; a block is replaced by its inline content, set apart from its neighbours by line breaks. */
function inlineOnly(children: CleanSerializedNode[], insideLink: boolean): CleanSerializedNode[] {
  const out: CleanSerializedNode[] = [];
  let breakBeforeNext = false;
  for (const child of children) {
    if (isInline(child) && !(insideLink && child.type === 'link')) {
      if (breakBeforeNext) out.push(lineBreak());
      out.push(child);
      breakBeforeNext = false;
      continue;
    }
    const content = inlineOnly(child.children ?? [], insideLink);
    if (content.length === 0) continue;
    const isBlock = child.type !== 'link';
    if (out.length > 0 && (isBlock || breakBeforeNext)) out.push(lineBreak());
    out.push(...content);
    breakBeforeNext = isBlock;
  }
  return out;
}

/** Runs of inline nodes go into a new `wrapper` element; every other child is handed to `block`. */
function wrapInlineRuns(
  children: CleanSerializedNode[],
  wrapper: string,
  block: (child: CleanSerializedNode) => CleanSerializedNode[],
): CleanSerializedNode[] {
  const out: CleanSerializedNode[] = [];
  let inlineRun: CleanSerializedNode[] = [];
  const flush = (): void => {
    if (inlineRun.length > 0) out.push(element(wrapper, inlineRun));
    inlineRun = [];
  };
  for (const child of children) {
    if (isInline(child)) {
      inlineRun.push(child);
      continue;
    }
    flush();
    out.push(...block(child));
  }
  flush();
  return out;
}

function intoListItems(children: CleanSerializedNode[]): CleanSerializedNode[] {
  return wrapInlineRuns(children, 'listitem', (child) => {
    if (child.type === 'listitem') return [child];
    if (child.type === 'list') return [element('listitem', [child])];
    const content = inlineOnly([child], false);
    return content.length > 0 ? [element('listitem', content)] : [];
  });
}

/** Wraps content in a new table cell (nothing when it leaves no blocks). */
function asCell(content: CleanSerializedNode[]): CleanSerializedNode[] {
  const blocks = intoBlocks(content);
  return blocks.length > 0 ? [element('tablecell', blocks)] : [];
}

function intoRows(children: CleanSerializedNode[]): CleanSerializedNode[] {
  const out: CleanSerializedNode[] = [];
  let cells: CleanSerializedNode[] = [];
  const flush = (): void => {
    if (cells.length > 0) out.push(element('tablerow', cells));
    cells = [];
  };
  for (const child of children) {
    if (child.type === 'tablerow') {
      flush();
      out.push(child);
    } else {
      cells.push(...(child.type === 'tablecell' ? [child] : asCell([child])));
    }
  }
  flush();
  return out;
}

const CELL_BLOCK_TYPES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem']);

/** Block content for a table cell: runs of inline nodes go in paragraphs, nested tables give up their blocks. */
function intoBlocks(children: CleanSerializedNode[]): CleanSerializedNode[] {
  const blocks = wrapInlineRuns(children, 'paragraph', (child) => {
    if (CELL_BLOCK_TYPES.has(child.type)) return [child];
    if (child.type === 'table' || child.type === 'tablerow' || child.type === 'tablecell') return intoBlocks(child.children ?? []);
    // A horizontal rule has no place in a cell: dropped.
    return [];
  });
  return groupStrays(blocks);
}

/** Puts runs of stray list items in a list, and runs of stray table rows or cells in a table. */
function groupStrays(children: CleanSerializedNode[]): CleanSerializedNode[] {
  const out: CleanSerializedNode[] = [];
  let run: CleanSerializedNode[] = [];
  let runKind: 'list' | 'table' | null = null;
  const flush = (): void => {
    if (runKind === 'list') out.push(element('list', run));
    if (runKind === 'table') out.push(element('table', intoRows(run)));
    run = [];
    runKind = null;
  };
  for (const child of children) {
    const kind = child.type === 'listitem' ? 'list' : child.type === 'tablerow' || child.type === 'tablecell' ? 'table' : null;
    if (kind !== runKind) flush();
    if (kind === null) out.push(child);
    else {
      runKind = kind;
      run.push(child);
    }
  }
  flush();
  return out;
}

const lineBreak = (): CleanSerializedNode => ({ type: 'linebreak', version: 1 });
