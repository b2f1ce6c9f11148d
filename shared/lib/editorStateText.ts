import type { EditorStateJSON } from '../model/brief';

interface NodeLike {
  type?: unknown;
  text?: unknown;
  children?: unknown;
}

function blockText(node: NodeLike): string {
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'linebreak') return '\n';
  if (!Array.isArray(node.children)) return '';
  return (node.children as NodeLike[]).map(blockText).join('');
}

/** The plain text of each top-level block of a serialized editor state, without needing an editor instance. */
export function editorStateBlocks(state: EditorStateJSON): string[] {
  return (state.root.children as NodeLike[]).flatMap((node) =>
    node.type === 'list' && Array.isArray(node.children) ? (node.children as NodeLike[]).map(blockText) : [blockText(node)],
  );
}

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}

/** How `countBriefWords` reads a node, so one count serves a saved brief's JSON and the live editor's nodes alike. */
export interface WordCountAccess<N> {
  type(node: N): string;
  /** The text of a text node (plain text, a reference, a tab), undefined for any other node. */
  text(node: N): string | undefined;
  children(node: N): readonly N[] | undefined;
}

/** Elements that sit inside a line of text: a word may run across their edges. */
const INLINE_ELEMENT_TYPES: ReadonlySet<string> = new Set(['link', 'autolink']);
const BLOCK_EDGE = Symbol('block edge');

/**
 * The words of a brief: every block (paragraph, heading, quote, list item, table cell…) counted on its own, so no
 * word runs from one cell or item into the next; text nodes and inline elements within a block run together, so a
 * reference and the "’s" after it are one word. Walked with an explicit stack, never recursion.
 */
export function countBriefWords<N>(root: N, access: WordCountAccess<N>): number {
  let words = 0;
  let line = '';
  const endLine = (): void => {
    words += countWords(line);
    line = '';
  };
  const stack: Array<N | typeof BLOCK_EDGE> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === BLOCK_EDGE) {
      endLine();
      continue;
    }
    const text = access.text(node);
    if (text !== undefined) {
      line += text;
      continue;
    }
    const type = access.type(node);
    if (type === 'linebreak') {
      line += '\n';
      continue;
    }
    const inline = INLINE_ELEMENT_TYPES.has(type);
    if (!inline) {
      endLine();
      stack.push(BLOCK_EDGE);
    }
    const children = access.children(node) ?? [];
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  endLine();
  return words;
}

const JSON_ACCESS: WordCountAccess<NodeLike> = {
  type: (node) => (typeof node.type === 'string' ? node.type : ''),
  text: (node) => (typeof node.text === 'string' ? node.text : undefined),
  children: (node) => (Array.isArray(node.children) ? (node.children as NodeLike[]) : undefined),
};

/** The words of a saved brief, counted as the editor's status line counts them (see countBriefWords). */
export function editorStateWordCount(state: EditorStateJSON): number {
  return countBriefWords<NodeLike>(state.root, JSON_ACCESS);
}

/** A brief's title is its first block, so the analyst names a brief by writing its heading. */
export function deriveTitle(state: EditorStateJSON, fallback: string): string {
  const first = editorStateBlocks(state)[0]?.trim();
  if (!first) return fallback;
  return first.length > 120 ? `${first.slice(0, 119)}…` : first;
}
