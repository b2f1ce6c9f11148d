import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs, mergeRegister } from '@lexical/utils';
import { $getNodeByKey, $getRoot, $isElementNode, $isTextNode, COMMAND_PRIORITY_EDITOR, createCommand, type LexicalNode } from 'lexical';
import { countBriefWords, type WordCountAccess } from '../../../../shared/lib/editorStateText';
import { $isFactReferenceNode } from '../nodes/FactReferenceNode';
import { $getUnlinkedFacts } from './FactLinkingPlugin/unlinkedFacts';

export interface BriefStats {
  words: number;
  characters: number;
  references: number;
  /** Node keys of each fact's mentions, in document order. */
  mentions: ReadonlyMap<string, readonly string[]>;
  /** Facts unlinked everywhere in this brief. */
  unlinkedFacts: readonly string[];
}

const STATS_DELAY_MS = 250;

/** Selects a fact's `index`-th mention (wrapping) and scrolls it into view. */
export const SELECT_FACT_MENTION_COMMAND = createCommand<{ factId: string; index: number }>('SELECT_FACT_MENTION_COMMAND');

/** The live editor's nodes as the shared word count reads them, so the status line counts as the sidebar does. */
const LEXICAL_ACCESS: WordCountAccess<LexicalNode> = {
  type: (node) => node.getType(),
  text: (node) => ($isTextNode(node) ? node.getTextContent() : undefined),
  children: (node) => ($isElementNode(node) ? node.getChildren() : undefined),
};

function $collectStats(): BriefStats {
  const root = $getRoot();
  const text = root.getTextContent();
  const mentions = new Map<string, string[]>();
  let references = 0;
  for (const { node } of $dfs()) {
    if (!$isFactReferenceNode(node)) continue;
    references += 1;
    const keys = mentions.get(node.getFactId()) ?? [];
    keys.push(node.getKey());
    mentions.set(node.getFactId(), keys);
  }
  return { words: countBriefWords<LexicalNode>(root, LEXICAL_ACCESS), characters: text.replace(/\n/g, '').length, references, mentions, unlinkedFacts: $getUnlinkedFacts() };
}

/** Word, character and reference counts for the status line and the Facts-in-this-brief panel, off the typing path. */
export function BriefStatsPlugin({ onStats }: { onStats: (stats: BriefStats) => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => onStats(editor.getEditorState().read($collectStats)), STATS_DELAY_MS);
    };
    schedule();
    return mergeRegister(
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) schedule();
      }),
      editor.registerCommand(
        SELECT_FACT_MENTION_COMMAND,
        ({ factId, index }) => {
          const keys = $collectStats().mentions.get(factId) ?? [];
          if (keys.length === 0) return false;
          const node = $getNodeByKey(keys[((index % keys.length) + keys.length) % keys.length]!);
          if (!$isFactReferenceNode(node)) return false;
          node.select(0, node.getTextContentSize());
          editor.getElementByKey(node.getKey())?.scrollIntoView({ block: 'center' });
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      () => clearTimeout(timer),
    );
  }, [editor, onStats]);
  return null;
}
