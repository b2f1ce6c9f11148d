import { $isLinkNode } from '@lexical/link';
import { $findMatchingParent } from '@lexical/utils';
import { $createTextNode, $getSelection, $isRangeSelection, $isTextNode, TextNode, type LexicalEditor, type LexicalNode } from 'lexical';
import { $createFactReferenceNode, $isFactReferenceNode, setFactReferenceTransform, type FactReferenceNode } from '../../nodes/FactReferenceNode';

export interface FactMatch {
  start: number;
  end: number;
  factId: string;
}

/** The first mention in `text` that should be linked (suppressed facts already left out), or null. */
export type GetFactMatch = (text: string) => FactMatch | null;

function $replaceWithSimpleText(node: TextNode): void {
  node.replace($createTextNode(node.getTextContent()).setFormat(node.getFormat()).setStyle(node.getStyle()).setDetail(node.getDetail()));
}

/** Mentions inside links, code, or code-formatted text are never linked: they quote, they don't claim. */
function $isLinkable(node: LexicalNode): boolean {
  if ($isTextNode(node) && node.hasFormat('code')) return false;
  return $findMatchingParent(node, (parent) => $isLinkNode(parent) || parent.getType() === 'code') === null;
}

/**
 * Lexical's text-entity transforms (the algorithm of @lexical/text's registerLexicalTextEntity), adapted so a match
 * carries its fact id, and so links and code are skipped — which the library's version cannot know about.
 * Only dirty text nodes are visited, so typing re-matches only the node being edited, and none in a block that
 * `$isSettled` says the transforms would leave as it is: a brief opened, or every text node marked dirty at once
 * (registering a transform does that), costs a check per block, not a transform per node. References take their
 * transform from their node class, which marks none of them dirty.
 */
export function registerFactLinking(editor: LexicalEditor, getMatch: GetFactMatch, $isSettled: (node: TextNode) => boolean): () => void {
  const $textNodeTransform = (node: TextNode): void => {
    if (!node.isSimpleText() || $isSettled(node) || !$isLinkable(node)) return;
    let prevSibling = node.getPreviousSibling();
    let text = node.getTextContent();
    let currentNode: TextNode | undefined = node;

    if ($isTextNode(prevSibling)) {
      const previousText = prevSibling.getTextContent();
      const prevMatch = getMatch(previousText + text);
      if ($isFactReferenceNode(prevSibling)) {
        if (prevMatch === null || prevMatch.start !== 0 || prevMatch.factId !== prevSibling.getFactId()) {
          // Typing after a reference changed what it says ("Kim" → "Kimberly"; "Kim" → "Kim Jong Un"): unlink and re-match.
          $replaceWithSimpleText(prevSibling);
          return;
        }
        const grow = prevMatch.end - previousText.length;
        if (grow > 0) {
          // The reference swallows the start of this node; the caret keeps its place in the text.
          const selection = $getSelection();
          const caret = $isRangeSelection(selection) && selection.isCollapsed() && selection.anchor.key === node.getKey() ? selection.anchor.offset : undefined;
          prevSibling.setTextContent(previousText + text.slice(0, grow));
          if (grow === text.length) node.remove();
          else node.setTextContent(text.slice(grow));
          if (caret !== undefined && (caret <= grow || grow === text.length)) prevSibling.select(previousText.length + caret, previousText.length + caret);
          else if (caret !== undefined) node.select(caret - grow, caret - grow);
          return;
        }
      } else if (prevMatch !== null && prevMatch.start < previousText.length && prevSibling.isSimpleText() && $isLinkable(prevSibling)) {
        return;
      }
    }

    let skip = 0;
    for (;;) {
      const remaining = text;
      const match = getMatch(remaining);
      const rest = match === null ? '' : remaining.slice(match.end);
      text = rest;
      if (rest === '') {
        const nextSibling: LexicalNode | null = currentNode.getNextSibling();
        if ($isTextNode(nextSibling)) {
          const nextMatch = getMatch(remaining + nextSibling.getTextContent());
          if (nextMatch === null) {
            if ($isFactReferenceNode(nextSibling)) $replaceWithSimpleText(nextSibling);
            else if (nextSibling.isSimpleText()) nextSibling.markDirty();
            return;
          }
          if (match === null || nextMatch.start !== match.start) return;
        }
      }
      if (match === null) return;
      if (match.start === 0 && $isTextNode(prevSibling) && prevSibling.isTextEntity()) {
        skip += match.end;
        continue;
      }
      let nodeToReplace: TextNode | undefined;
      if (match.start + skip === 0) [nodeToReplace, currentNode] = currentNode.splitText(match.end);
      else [, nodeToReplace, currentNode] = currentNode.splitText(match.start + skip, match.end + skip);
      if (!nodeToReplace) return;
      const reference = $createFactReferenceNode(match.factId, nodeToReplace.getTextContent())
        .setFormat(nodeToReplace.getFormat())
        .setStyle(nodeToReplace.getStyle())
        .setDetail(nodeToReplace.getDetail());
      nodeToReplace.replace(reference);
      if (!currentNode) return;
      skip = 0;
      prevSibling = reference;
    }
  };

  const $referenceTransform = (node: FactReferenceNode): void => {
    if ($isSettled(node)) return;
    const text = node.getTextContent();
    const match = $isLinkable(node) ? getMatch(text) : null;
    if (match === null || match.start !== 0 || match.factId !== node.getFactId()) {
      $replaceWithSimpleText(node);
      return;
    }
    if (text.length > match.end) {
      node.splitText(match.end);
      return;
    }
    const prevSibling = node.getPreviousSibling();
    if ($isTextNode(prevSibling) && prevSibling.isTextEntity()) {
      $replaceWithSimpleText(prevSibling);
      $replaceWithSimpleText(node);
      return;
    }
    const nextSibling = node.getNextSibling();
    if ($isTextNode(nextSibling) && nextSibling.isTextEntity()) {
      $replaceWithSimpleText(nextSibling);
      if ($isFactReferenceNode(node)) $replaceWithSimpleText(node);
    }
  };

  const removeText = editor.registerNodeTransform(TextNode, $textNodeTransform);
  const removeReference = setFactReferenceTransform(editor, $referenceTransform);
  return () => {
    removeText();
    removeReference();
  };
}
