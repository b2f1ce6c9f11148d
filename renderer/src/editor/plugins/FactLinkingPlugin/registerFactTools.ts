import { $dfs, mergeRegister } from '@lexical/utils';
import {
  $createTextNode,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  COMMAND_PRIORITY_EDITOR,
  HISTORY_MERGE_TAG,
  createCommand,
  type EditorUpdateOptions,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import type { FactMatcher } from '../../../../../shared/lib/factMatcher';
import { $createFactReferenceNode, $isFactReferenceNode, type FactReferenceNode } from '../../nodes/FactReferenceNode';
import { $createUnlinkedMentionNode, $isUnlinkedMentionNode } from '../../nodes/UnlinkedMentionNode';
import { registerFactLinking, type FactMatch } from './registerFactLinking';
import { $blocksToRelink, $isLinkedAsMatched } from './blocksToRelink';
import { $getUnlinkedFacts, $setUnlinkedFacts } from './unlinkedFacts';

/** Unlink one mention: the reference with this node key (or, without a key, the one at the caret). */
export const UNLINK_MENTION_COMMAND = createCommand<string | undefined>('UNLINK_MENTION_COMMAND');
/** Unlink every mention of a fact in this brief, and keep it unlinked. */
export const UNLINK_FACT_COMMAND = createCommand<string>('UNLINK_FACT_COMMAND');
/** Undo "unlink all" for a fact: link its mentions again. */
export const RELINK_FACT_COMMAND = createCommand<string>('RELINK_FACT_COMMAND');
/** Insert a reference to a fact at the caret. */
export const INSERT_FACT_REFERENCE_COMMAND = createCommand<{ factId: string; text: string }>('INSERT_FACT_REFERENCE_COMMAND');

/** The reference the caret is in or touches, if any. */
export function $referenceAtSelection(): FactReferenceNode | undefined {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return undefined;
  const node = selection.anchor.getNode();
  if ($isFactReferenceNode(node)) return node;
  if ($isTextNode(node)) {
    const offset = selection.anchor.offset;
    const neighbour = offset === 0 ? node.getPreviousSibling() : offset === node.getTextContentSize() ? node.getNextSibling() : null;
    if ($isFactReferenceNode(neighbour)) return neighbour;
  }
  return undefined;
}

function $toPlainText(node: FactReferenceNode): void {
  node.replace($createTextNode(node.getTextContent()).setFormat(node.getFormat()).setStyle(node.getStyle()));
}

export interface FactTools {
  /**
   * Swaps in a new catalogue's matcher and re-links every block it reads differently; `onLinked` runs once the
   * brief is linked by it.
   */
  setMatcher(matcher: FactMatcher, onLinked?: () => void): void;
  dispose(): void;
}

export interface FactToolsOptions {
  /** The brief in the editor is linked by this matcher already (it was saved linked against this catalogue). */
  contentLinked?: boolean;
  /** Runs once the brief in the editor is linked by the first matcher. */
  onLinked?: () => void;
}

/**
 * Everything that links facts in an editor: the linking transforms, the brief's unlinked facts, and the commands
 * to unlink, re-link and insert references. Framework-free, so headless tests drive exactly what the app runs.
 *
 * The brief already in the editor is linked at once where its links are not what the matcher reads (nowhere, when
 * `contentLinked`), and left untouched elsewhere.
 */
export function registerFactTools(editor: LexicalEditor, initialMatcher: FactMatcher, options: FactToolsOptions = {}): FactTools {
  let matcher = initialMatcher;
  // Read from the state being transformed (not a copy kept on the side), so a freshly loaded brief is right at once.
  let unlinkedIds: readonly string[] = [];
  let unlinked: ReadonlySet<string> = new Set();
  // The transforms ask again for the rest of a node after each reference they split off: answer those from the
  // spans of the whole text instead of scanning it again (a paragraph with 15 mentions was scanned 8 times).
  let scannedText = '';
  let scannedSpans: readonly FactMatch[] = [];
  const spansOf = (text: string): readonly FactMatch[] => {
    if (text !== scannedText) {
      const shift = scannedText.length - text.length;
      // Only the rest after a match: it starts at a word boundary, so scanning it afresh finds the same spans.
      if (shift > 0 && scannedText.endsWith(text) && scannedSpans.some((s) => s.end === shift)) {
        return scannedSpans.filter((s) => s.start >= shift).map((s) => ({ ...s, start: s.start - shift, end: s.end - shift }));
      }
      scannedText = text;
      scannedSpans = matcher.match(text);
    }
    return scannedSpans;
  };
  const $currentUnlinked = (): ReadonlySet<string> => {
    const ids = $getUnlinkedFacts();
    if (ids !== unlinkedIds) {
      unlinkedIds = ids;
      unlinked = new Set(ids);
    }
    return unlinked;
  };
  const getMatch = (text: string): FactMatch | null => {
    const skipped = $currentUnlinked();
    for (const span of spansOf(text)) if (!skipped.has(span.factId)) return span;
    return null;
  };
  // The text nodes of blocks found linked as the matcher reads them, each with its neighbours then. A transform
  // reads only its node and the nodes beside it (Lexical makes a new object of a node it changes), so while those
  // three and the matcher and unlinked facts are the same, it would change nothing: a brief whose every text node
  // is marked dirty costs one check per block.
  const settled = new WeakMap<LexicalNode, { previous: LexicalNode | null; next: LexicalNode | null; matcher: FactMatcher; unlinked: ReadonlySet<string> }>();
  const $settle = (node: LexicalNode): void => {
    settled.set(node, { previous: node.getPreviousSibling(), next: node.getNextSibling(), matcher, unlinked: $currentUnlinked() });
  };
  const $isBlockLinked = (block: ElementNode, children: readonly LexicalNode[]): boolean => {
    if (!$isLinkedAsMatched(block, children, matcher, $currentUnlinked())) return false;
    children.forEach($settle);
    return true;
  };
  // A brief saved linked against this catalogue is taken as linked: registering has each of its text nodes pass
  // through the transform, which settles it unchecked.
  let trustingLoaded = options.contentLinked === true;
  const $wasSettled = (node: LexicalNode): boolean => {
    const known = settled.get(node);
    return (
      known !== undefined &&
      known.matcher === matcher &&
      known.unlinked === $currentUnlinked() &&
      known.previous === node.getPreviousSibling() &&
      known.next === node.getNextSibling()
    );
  };
  const $isSettled = (node: TextNode): boolean => {
    if (trustingLoaded) $settle(node);
    if ($wasSettled(node)) return true;
    const block = node.getParent();
    return block !== null && $isBlockLinked(block, block.getChildren());
  };
  const $relinkAll = (): void => {
    for (const { node } of $dfs()) if ($isTextNode(node) && (node.isSimpleText() || $isFactReferenceNode(node))) node.markDirty();
  };
  /** Re-links every block the current matcher reads differently; `onLinked` runs once that is committed. */
  const relinkWhereNeeded = (options: EditorUpdateOptions): void => {
    editor.update(() => {
      for (const block of $blocksToRelink((block, children) => children.every($wasSettled) || $isBlockLinked(block, children))) {
        for (const child of block.getChildren()) if ($isTextNode(child)) child.markDirty();
      }
    }, options);
  };

  const unregisterLinking = registerFactLinking(editor, getMatch, $isSettled);
  trustingLoaded = false;
  const dispose = mergeRegister(
    unregisterLinking,
    editor.registerCommand(
      UNLINK_MENTION_COMMAND,
      (key) => {
        const node = key ? $getNodeByKey(key) : $referenceAtSelection();
        if (!$isFactReferenceNode(node)) return false;
        node.replace($createUnlinkedMentionNode(node.getFactId(), node.getTextContent()).setFormat(node.getFormat()).setStyle(node.getStyle()));
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      UNLINK_FACT_COMMAND,
      (factId) => {
        $setUnlinkedFacts([...$getUnlinkedFacts(), factId]);
        for (const { node } of $dfs()) if ($isFactReferenceNode(node) && node.getFactId() === factId) $toPlainText(node);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      RELINK_FACT_COMMAND,
      (factId) => {
        $setUnlinkedFacts($getUnlinkedFacts().filter((id) => id !== factId));
        for (const { node } of $dfs()) {
          if ($isUnlinkedMentionNode(node) && node.getFactId() === factId) node.replace($createTextNode(node.getTextContent()).setFormat(node.getFormat()));
        }
        $relinkAll();
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      INSERT_FACT_REFERENCE_COMMAND,
      ({ factId, text }) => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return false;
        const reference = $createFactReferenceNode(factId, text);
        selection.insertNodes([reference]);
        const space = $createTextNode(' ');
        reference.insertAfter(space);
        space.select(1, 1);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
  );

  const onLinked = options.onLinked ? { onUpdate: options.onLinked } : {};
  // Linking the brief as loaded is not an edit: it neither makes the brief unsaved nor becomes a step to undo.
  if (options.contentLinked) editor.update(() => undefined, onLinked);
  else relinkWhereNeeded({ tag: HISTORY_MERGE_TAG, ...onLinked });

  return {
    setMatcher(next, onLinked) {
      if (next === matcher) return;
      matcher = next;
      scannedText = '';
      relinkWhereNeeded(onLinked ? { onUpdate: onLinked } : {});
    },
    dispose,
  };
}
