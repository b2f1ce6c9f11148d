import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isListItemNode, type ListItemNode } from '@lexical/list';
import { $isTableCellNode, $isTableSelection } from '@lexical/table';
import { $findMatchingParent } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_LOW,
  INDENT_CONTENT_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';

function $listItemAround(node: LexicalNode): ListItemNode | null {
  return $findMatchingParent(node, $isListItemNode);
}

/**
 * Tab and Shift+Tab where a writer expects them, and nowhere else (WCAG 2.1.2: no keyboard trap):
 * - in a list, Tab indents the item at the caret wherever the caret is in it, and Shift+Tab outdents a nested item;
 * - in a table, TablePlugin moves between cells (a selection it does not move, such as several cells, stays put);
 * - everywhere else (paragraphs, headings, quotes, Shift+Tab on a top-level item) the browser gets the key and moves
 *   focus out of the editor. The toolbar's Indent and Outdent buttons still indent any block.
 * Lexical's TabIndentationPlugin, which this replaces, inserted a tab character in all those places.
 */
export function registerTabKey(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    KEY_TAB_COMMAND,
    (event) => {
      const selection = $getSelection();
      if ($isTableSelection(selection)) {
        event.preventDefault();
        return true;
      }
      if (!$isRangeSelection(selection)) return false;
      const ends = [selection.anchor.getNode(), selection.focus.getNode()];
      if (ends.some((node) => $findMatchingParent(node, $isTableCellNode) !== null)) {
        event.preventDefault();
        return true;
      }
      const items = ends.map($listItemAround).filter((item): item is ListItemNode => item !== null);
      if (items.length === 0) return false;
      if (event.shiftKey && items.every((item) => item.getIndent() === 0)) return false;
      event.preventDefault();
      return editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined);
    },
    COMMAND_PRIORITY_LOW,
  );
}

export function TabKeyPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerTabKey(editor), [editor]);
  return null;
}
