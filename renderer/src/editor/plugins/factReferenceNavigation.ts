import { $dfs } from '@lexical/utils';
import { $getSelection, $isElementNode, $isRangeSelection, type LexicalNode } from 'lexical';
import { $isFactReferenceNode, type FactReferenceNode } from '../nodes/FactReferenceNode';
import { $referenceAtSelection } from './FactLinkingPlugin/registerFactTools';

/** Where the caret is, as a place in document order: the index of its node in a depth-first walk (halves between). */
function $caretPlace(order: ReadonlyMap<LexicalNode['__key'], number>): number | undefined {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return undefined;
  const point = selection.isBackward() ? selection.focus : selection.anchor;
  const node = point.getNode();
  if (point.type === 'text' || !$isElementNode(node)) return order.get(node.getKey());
  const child = node.getChildAtIndex(point.offset);
  if (child) return (order.get(child.getKey()) ?? 0) - 0.5;
  return (order.get((node.getLastDescendant() ?? node).getKey()) ?? 0) + 0.5;
}

/** Whether the selection is a caret right before this reference (in it at 0, or at the end of the text before it). */
function $caretAtStartOf(reference: FactReferenceNode): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
  const { anchor } = selection;
  const node = anchor.getNode();
  if (node.is(reference)) return anchor.offset === 0;
  return anchor.type === 'text' && anchor.offset === node.getTextContentSize() && reference.is(node.getNextSibling());
}

/**
 * Selects the next (or previous) fact reference after the caret, wrapping round at the end of the brief, and returns
 * it. The reference the caret is in is skipped, unless the caret is just before it and the step is forward.
 * Undefined when the brief has no other reference to go to.
 */
export function $selectAdjacentFactReference(direction: 'next' | 'previous'): FactReferenceNode | undefined {
  const order = new Map<string, number>();
  const references: Array<{ node: FactReferenceNode; place: number }> = [];
  for (const [index, { node }] of $dfs().entries()) {
    order.set(node.getKey(), index);
    if ($isFactReferenceNode(node)) references.push({ node, place: index });
  }
  const at = $referenceAtSelection();
  const justBefore = at !== undefined && direction === 'next' && $caretAtStartOf(at);
  const current = justBefore ? undefined : at;
  const candidates = references.filter(({ node }) => !node.is(current));
  const caret = justBefore ? order.get(at.getKey())! - 0.5 : ($caretPlace(order) ?? -1);
  const target =
    direction === 'next'
      ? (candidates.find(({ place }) => place > caret) ?? candidates[0])
      : (candidates.findLast(({ place }) => place < caret) ?? candidates.at(-1));
  if (!target) return undefined;
  target.node.select(0, target.node.getTextContentSize());
  return target.node;
}
