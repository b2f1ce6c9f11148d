import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $findCellNode,
  $findTableNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableSelection,
  type TableCellNode,
} from '@lexical/table';
import { $createParagraphNode, $getSelection, $isRangeSelection, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND } from 'lexical';
import { Menu, type MenuItem } from '../../components/Menu';
import { ToolbarButton } from '../../components/ToolbarButton';
import { TABLE_MENU } from '../editorKeys';
import { matchesShortcut } from './keyboardShortcut';

/** The cell the selection starts in, for a caret, a text selection, or several selected cells alike. */
export function $tableCellAtSelection(): TableCellNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) && !$isTableSelection(selection)) return null;
  return $findCellNode(selection.anchor.getNode());
}

/** Removes the table the selection is in and puts the caret where it was: in the block after it, or a new paragraph. */
function $deleteTableAtSelection(): void {
  const cell = $tableCellAtSelection();
  const table = cell && $findTableNode(cell);
  if (!table) return;
  const next = table.getNextSibling();
  if (next) {
    table.remove();
    next.selectStart();
    return;
  }
  const paragraph = $createParagraphNode();
  table.replace(paragraph);
  paragraph.select();
}

/** The menu's actions, as in the Lexical playground's TableActionMenuPlugin, each one of @lexical/table's own functions. */
export const TABLE_ACTIONS = [
  { id: 'row-above', label: 'Insert row above', $run: () => void $insertTableRowAtSelection(false) },
  { id: 'row-below', label: 'Insert row below', $run: () => void $insertTableRowAtSelection(true) },
  { id: 'column-left', label: 'Insert column left', $run: () => void $insertTableColumnAtSelection(false) },
  { id: 'column-right', label: 'Insert column right', $run: () => void $insertTableColumnAtSelection(true) },
  { id: 'delete-row', label: 'Delete row', $run: $deleteTableRowAtSelection, destructive: true },
  { id: 'delete-column', label: 'Delete column', $run: $deleteTableColumnAtSelection, destructive: true },
  { id: 'delete-table', label: 'Delete table', $run: $deleteTableAtSelection, destructive: true },
] as const satisfies ReadonlyArray<MenuItem & { $run: () => void }>;

export type TableActionId = (typeof TABLE_ACTIONS)[number]['id'];

/** Runs one table action on the selection; false when the selection is not in a table. Call inside an update. */
export function $runTableAction(id: TableActionId): boolean {
  if ($tableCellAtSelection() === null) return false;
  TABLE_ACTIONS.find((action) => action.id === id)?.$run();
  return true;
}

interface OpenMenu {
  anchor: { left: number; bottom: number };
  /** Where Escape sends focus back to: the toolbar button that opened the menu, or the editor (Shift+F10 in a cell). */
  from: 'button' | 'editor';
}

/**
 * The toolbar's "Table actions" menu button (enabled while the selection is in a table) and its menu; Shift+F10 or the
 * context-menu key in a cell opens the same menu at the cell. After an action the caret is back in the table.
 */
export function TableActionsButton({ inTable }: { inTable: boolean }): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const button = useRef<HTMLButtonElement>(null);
  const [menu, setMenu] = useState<OpenMenu>();

  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!matchesShortcut(event, TABLE_MENU.keys) && event.key !== 'ContextMenu') return false;
          const cell = $tableCellAtSelection();
          const element = cell && editor.getElementByKey(cell.getKey());
          if (!element) return false;
          event.preventDefault();
          const rect = element.getBoundingClientRect();
          setMenu({ anchor: { left: rect.left, bottom: rect.bottom }, from: 'editor' });
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );

  return (
    <>
      <ToolbarButton
        ref={button}
        label="Table actions"
        shortcut={`${TABLE_MENU.keys} in a table`}
        disabled={!inTable}
        menuExpanded={menu !== undefined}
        onClick={() => {
          const rect = button.current?.getBoundingClientRect();
          if (rect) setMenu({ anchor: { left: rect.left, bottom: rect.bottom }, from: 'button' });
        }}
      >
        <svg className="bd-tool-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M1.5 3.5h9v8h-9zM1.5 6.5h9M1.5 9h9M6 3.5v8M12 6l1.5 1.5L15 6" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </ToolbarButton>
      {menu &&
        createPortal(
          <Menu
            label="Table actions"
            items={TABLE_ACTIONS}
            anchor={menu.anchor}
            onSelect={(id) => {
              setMenu(undefined);
              editor.update(() => void $runTableAction(id as TableActionId));
              editor.focus();
            }}
            onClose={(returnFocus) => {
              setMenu(undefined);
              if (!returnFocus) return;
              if (menu.from === 'button') button.current?.focus();
              else editor.focus();
            }}
          />,
          document.body,
        )}
    </>
  );
}
