import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import type { InitialConfigType } from '@lexical/react/LexicalComposer';
import { editorTheme } from './theme/editorTheme';
import { FactReferenceNode } from './nodes/FactReferenceNode';
import { UnlinkedMentionNode } from './nodes/UnlinkedMentionNode';

export const BRIEF_EDITOR_NODES = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, FactReferenceNode, UnlinkedMentionNode,
  TableNode, TableRowNode, TableCellNode, HorizontalRuleNode];

/** The brief editor's configuration; `editorState` is the brief's saved JSON, parsed by Lexical itself. */
export function briefEditorConfig(editorStateJson: string, onError: (error: Error) => void): InitialConfigType {
  return {
    namespace: 'briefdesk-brief',
    theme: editorTheme,
    nodes: BRIEF_EDITOR_NODES,
    editorState: editorStateJson,
    onError,
  };
}
