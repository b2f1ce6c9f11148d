import type { EditorStateJSON } from '../model/brief';

interface NodeLike {
  type?: unknown;
  text?: unknown;
  children?: unknown;
}

const BLOCK_SEPARATOR = '\n';

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

export function editorStatePlainText(state: EditorStateJSON): string {
  return editorStateBlocks(state).join(BLOCK_SEPARATOR);
}

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}

/** A brief's title is its first block, so the analyst names a brief by writing its heading. */
export function deriveTitle(state: EditorStateJSON, fallback: string): string {
  const first = editorStateBlocks(state)[0]?.trim();
  if (!first) return fallback;
  return first.length > 120 ? `${first.slice(0, 119)}…` : first;
}
