import { $getRoot, $isElementNode, $isTextNode, type ElementNode, type LexicalNode, type TextNode } from 'lexical';
import type { FactMatcher } from '../../../../../shared/lib/factMatcher';
import { $isFactReferenceNode } from '../../nodes/FactReferenceNode';

/**
 * Beyond this many nodes a block is left to the transforms: the check reads the whole block, and a transform only
 * the node typed into, so checking a huge paragraph at every keystroke would cost more than it saves.
 */
const MAX_CHECKED_NODES = 400;

/**
 * Whether a block's text nodes are linked exactly as the matcher reads the block's text: they are plain text and
 * references alone, in one format, and the references are the matcher's spans (those of facts not unlinked), each
 * over exactly its span, with text between them. Such a block is what the linking transforms make of its text, and
 * they would change nothing in it. Anything this cannot vouch for — other children (links, line breaks), formatting
 * that changes within the block, code, tabs, unlinked mentions, two references side by side — counts as not linked,
 * for the transforms to settle.
 */
export function $isLinkedAsMatched(
  block: ElementNode,
  children: readonly LexicalNode[],
  matcher: FactMatcher,
  unlinkedFacts: ReadonlySet<string>,
): boolean {
  if (block.isInline() || block.getType() === 'code' || children.length === 0 || children.length > MAX_CHECKED_NODES) return false;
  const first = children[0]!;
  if (!$isTextNode(first) || first.hasFormat('code')) return false;
  let text = '';
  for (const child of children) {
    if (!$isTextNode(child) || (!child.isSimpleText() && !$isFactReferenceNode(child))) return false;
    if (child.getFormat() !== first.getFormat() || child.getStyle() !== first.getStyle() || child.getDetail() !== first.getDetail()) return false;
    text += child.getTextContent();
  }
  const texts = children as readonly TextNode[];
  let index = 0;
  let at = 0;
  const plainRun = (end: number): boolean => {
    const node = texts[index++];
    return node !== undefined && node.isSimpleText() && node.getTextContent() === text.slice(at, end);
  };
  for (const span of matcher.match(text)) {
    if (unlinkedFacts.has(span.factId)) continue;
    // Side by side, the transforms unlink both references: leave that to them.
    if (span.start === at && at > 0) return false;
    if (span.start > at && !plainRun(span.start)) return false;
    const reference = texts[index++];
    if (!$isFactReferenceNode(reference) || reference.getFactId() !== span.factId || reference.getTextContent() !== text.slice(span.start, span.end)) {
      return false;
    }
    at = span.end;
  }
  if (at < text.length && !plainRun(text.length)) return false;
  return index === texts.length;
}

/** Every element holding text nodes that is not linked as the matcher reads it (see $isLinkedAsMatched). */
export function $blocksToRelink(isLinked: (block: ElementNode, children: readonly LexicalNode[]) => boolean): ElementNode[] {
  const blocks: ElementNode[] = [];
  const stack: ElementNode[] = [$getRoot()];
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    const children = element.getChildren();
    stack.push(...children.filter($isElementNode));
    if (children.some($isTextNode) && !isLinked(element, children)) blocks.push(element);
  }
  return blocks;
}
