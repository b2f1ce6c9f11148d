import { HorizontalRuleNode } from '@lexical/extension';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { $getState, TextNode, createState, type Klass, type LexicalNode } from 'lexical';
import { FACT_REFERENCE_NODE_TYPE } from '../../../../shared/model/factReference';

/**
 * The brief editor's nodes as the host reads them to print: the same types and serialized fields as the renderer's
 * (renderer/src/editor/editorConfig.ts), without what only an on-screen editor needs (DOM, transforms, entity rules).
 * `BRIEF_NODE_TYPES` (shared/limits) lists the types both sides must know.
 */
const factIdState = createState('factId', { parse: (value) => (typeof value === 'string' ? value : '') });

/** A text node naming a fact by `factId`: a reference (cited) or a mention the analyst unlinked (not cited). */
abstract class FactTextNode extends TextNode {
  getFactId(): string {
    return $getState(this, factIdState);
  }
}

export class PrintedFactReference extends FactTextNode {
  override $config() {
    return this.config(FACT_REFERENCE_NODE_TYPE, { extends: TextNode, stateConfigs: [{ stateConfig: factIdState, flat: true }] });
  }
}

export class PrintedUnlinkedMention extends FactTextNode {
  override $config() {
    return this.config('unlinked-mention', { extends: TextNode, stateConfigs: [{ stateConfig: factIdState, flat: true }] });
  }
}

export const PRINT_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  HorizontalRuleNode,
  PrintedFactReference,
  PrintedUnlinkedMention,
];
