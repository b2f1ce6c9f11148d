import { TablePlugin as LexicalTablePlugin } from '@lexical/react/LexicalTablePlugin';
import type { InsertTableCommandPayload } from '@lexical/table';

/** What the toolbar's table button inserts: 3 × 3 with a header row (payload of INSERT_TABLE_COMMAND). */
export const NEW_TABLE: InsertTableCommandPayload = { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } };

/**
 * Tables in a brief: a plain grid (no merged cells, no cell colours), Tab moves between cells, and a wide
 * table scrolls sideways instead of widening the page. Needs TableNode, TableRowNode and TableCellNode.
 */
export function TablePlugin(): React.JSX.Element | null {
  return <LexicalTablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasTabHandler hasHorizontalScroll />;
}
