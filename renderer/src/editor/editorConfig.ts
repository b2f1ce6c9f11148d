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

/** Lexical's clipboard namespace for briefs: content copied between briefs keeps its nodes (fact references). */
export const BRIEF_EDITOR_NAMESPACE = 'briefdesk-brief';

/**
 * The brief editor's configuration. `editorState` is what `prepareBriefState` made of the brief's saved JSON
 * (cleaned and parsed once); `editable` is false for a brief opened read-only.
 */
export function briefEditorConfig(editorState: InitialConfigType['editorState'], onError: (error: Error) => void, editable = true): InitialConfigType {
  return {
    namespace: BRIEF_EDITOR_NAMESPACE,
    theme: editorTheme,
    nodes: BRIEF_EDITOR_NODES,
    editorState,
    editable,
    onError,
  };
}
