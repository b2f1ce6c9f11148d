import { useCallback, useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode, type HeadingTagType } from '@lexical/rich-text';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND, ListNode } from '@lexical/list';
import { $toggleLink, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_TABLE_COMMAND, $isTableSelection } from '@lexical/table';
import { $setBlocksType } from '@lexical/selection';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_MODIFIER_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { Toolbar } from '../../components/Toolbar';
import { ToolbarButton } from '../../components/ToolbarButton';
import { FOCUS_TOOLBAR } from '../editorKeys';
import { $linkAround, LINK_SHORTCUT, OPEN_LINK_DIALOG_COMMAND } from './LinkPlugin';
import { $tableCellAtSelection, TableActionsButton } from './TableActionMenuPlugin';
import { NEW_TABLE } from './TablePlugin';
import { matchesShortcut } from './keyboardShortcut';

type BlockType = 'paragraph' | HeadingTagType | 'quote' | 'bullet' | 'number';

const BLOCK_LABELS: Readonly<Record<BlockType, string>> = {
  paragraph: 'Paragraph',
  h1: 'Heading 1',
  h2: 'Heading 2',
  h3: 'Heading 3',
  h4: 'Heading 4',
  h5: 'Heading 5',
  h6: 'Heading 6',
  quote: 'Quote',
  bullet: 'Bulleted list',
  number: 'Numbered list',
};
const BLOCK_CHOICES: readonly BlockType[] = ['paragraph', 'h1', 'h2', 'h3', 'quote', 'bullet', 'number'];

/** `bound`: Lexical's rich text binds the shortcut itself; the others are bound below (listed in EDITOR_SHORTCUTS). */
const TEXT_FORMATS: ReadonlyArray<{ format: TextFormatType; label: string; shortcut: string; glyph: string; bound?: true }> = [
  { format: 'bold', label: 'Bold', shortcut: 'Ctrl+B', glyph: 'B', bound: true },
  { format: 'italic', label: 'Italic', shortcut: 'Ctrl+I', glyph: 'I', bound: true },
  { format: 'underline', label: 'Underline', shortcut: 'Ctrl+U', glyph: 'U', bound: true },
  { format: 'strikethrough', label: 'Strikethrough', shortcut: 'Ctrl+Shift+X', glyph: 'S' },
  { format: 'code', label: 'Inline code', shortcut: 'Ctrl+Shift+E', glyph: '</>' },
];

/** Line icons (16 × 16, stroked in the text colour) for the actions no text glyph says well. */
const ICON_PATHS = {
  link: 'M6.8 9.2l2.4-2.4M7.4 4.6l1.1-1.1a2.6 2.6 0 013.7 3.7l-1.1 1.1M8.6 11.4l-1.1 1.1a2.6 2.6 0 01-3.7-3.7l1.1-1.1',
  unlink: 'M7.4 4.6l1.1-1.1a2.6 2.6 0 013.7 3.7l-1.1 1.1M8.6 11.4l-1.1 1.1a2.6 2.6 0 01-3.7-3.7l1.1-1.1M2.5 2.5l11 11',
  table: 'M2.5 3.5h11v9h-11zM2.5 6.5h11M2.5 9.5h11M6.2 3.5v9M9.8 3.5v9',
  rule: 'M1.5 8h13M4 4.5h8M4 11.5h8',
  clear: 'M3 3.5h8M7 3.5v9M10 9.5l4 4M14 9.5l-4 4',
  indent: 'M2.5 3.5h11M7 6.5h6.5M7 9.5h6.5M2.5 12.5h11M2.5 6l2.5 2-2.5 2',
  outdent: 'M2.5 3.5h11M7 6.5h6.5M7 9.5h6.5M2.5 12.5h11M5 6L2.5 8 5 10',
  // Drawn, not typed ("1≡" was text, so the button's visible label did not match its name, WCAG 2.5.3).
  bullets: 'M3 4h.5M3 8h.5M3 12h.5M6.5 4h7M6.5 8h7M6.5 12h7',
  numbers: 'M2.5 2.8l1-.6v3.3M2.3 8.2a1 1 0 011.8.4c0 .7-1.8 1.4-1.8 2.2h1.9M6.5 4h7M6.5 8h7M6.5 12h7',
} as const;

function Icon({ name }: { name: keyof typeof ICON_PATHS }): React.JSX.Element {
  return (
    <svg className="bd-tool-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={ICON_PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * Removes every text format (bold … inline code) and inline style from the selected text and unwraps the links
 * in it; blocks (headings, lists, quotes) stay as they are. A collapsed selection only resets the typing format.
 */
export function $clearFormatting(): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  if (!selection.isCollapsed()) {
    for (const node of selection.extract()) {
      if ($isTextNode(node)) node.setFormat(0).setStyle('');
    }
    // Splits a partly selected link, so only the selected part loses it.
    $toggleLink(null);
  }
  selection.setFormat(0);
  selection.setStyle('');
}

export function ToolbarPlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [blockType, setBlockType] = useState<BlockType>('paragraph');
  const [formats, setFormats] = useState<ReadonlySet<TextFormatType>>(new Set());
  const [inLink, setInLink] = useState(false);
  const [indent, setIndent] = useState(0);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [inTable, setInTable] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);

  const readSelection = useCallback(() => {
    const selection = $getSelection();
    setInTable($tableCellAtSelection() !== null);
    if ($isTableSelection(selection)) setFormats((previous) => (previous.size === 0 ? previous : new Set()));
    if (!$isRangeSelection(selection)) return;
    const active = TEXT_FORMATS.map((f) => f.format).filter((f) => selection.hasFormat(f));
    // Keep the same Set when nothing changed, so typing does not re-render the toolbar on every keystroke.
    setFormats((previous) => (previous.size === active.length && active.every((f) => previous.has(f)) ? previous : new Set(active)));
    const anchor = selection.anchor.getNode();
    setInLink($linkAround(anchor) !== null || $linkAround(selection.focus.getNode()) !== null);
    const nearestBlock = $findMatchingParent(anchor, (node) => $isElementNode(node) && !node.isInline());
    setIndent(nearestBlock && $isElementNode(nearestBlock) ? nearestBlock.getIndent() : 0);
    const block = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElementOrThrow();
    const list = $getNearestNodeOfType(anchor, ListNode);
    if (list && $isListNode(list)) setBlockType(list.getListType() === 'number' ? 'number' : 'bullet');
    else if ($isHeadingNode(block)) setBlockType(block.getTag());
    else if ($isQuoteNode(block)) setBlockType('quote');
    else setBlockType('paragraph');
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(readSelection)),
        editor.registerCommand(CAN_UNDO_COMMAND, (value) => (setCanUndo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (value) => (setCanRedo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (!matchesShortcut(event, FOCUS_TOOLBAR.keys)) return false;
            const stop = toolbar.current?.querySelector<HTMLElement>('[tabindex="0"]');
            if (!stop) return false;
            event.preventDefault();
            stop.focus();
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_MODIFIER_COMMAND,
          (event) => {
            const format = TEXT_FORMATS.find((f) => !f.bound && matchesShortcut(event, f.shortcut));
            if (!format) return false;
            event.preventDefault();
            editor.dispatchCommand(FORMAT_TEXT_COMMAND, format.format);
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor, readSelection],
  );

  const applyBlock = (next: BlockType): void => {
    if (next === 'bullet' || next === 'number') {
      editor.dispatchCommand(next === blockType ? REMOVE_LIST_COMMAND : next === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
      return;
    }
    if (blockType === 'bullet' || blockType === 'number') editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () =>
        next === 'paragraph' ? $createParagraphNode() : next === 'quote' ? $createQuoteNode() : $createHeadingNode(next),
      );
    });
    editor.focus();
  };

  return (
    <Toolbar ref={toolbar} className="bd-toolbar" label="Formatting" onEscape={() => editor.focus()}>
      <ToolbarButton label="Undo" shortcut="Ctrl+Z" disabled={!canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        ↶
      </ToolbarButton>
      <ToolbarButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={!canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        ↷
      </ToolbarButton>
      <span className="bd-toolbar-divider" />
      <select
        className="bd-block-select"
        aria-label="Block type"
        value={BLOCK_CHOICES.includes(blockType) ? blockType : 'paragraph'}
        onChange={(event) => applyBlock(event.target.value as BlockType)}
      >
        {BLOCK_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {BLOCK_LABELS[choice]}
          </option>
        ))}
      </select>
      <span className="bd-toolbar-divider" />
      {TEXT_FORMATS.map(({ format, label, shortcut, glyph }) => (
        <ToolbarButton
          key={format}
          label={label}
          shortcut={shortcut}
          pressed={formats.has(format)}
          className={`bd-format-${format}`}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {glyph}
        </ToolbarButton>
      ))}
      <ToolbarButton label="Clear formatting" onClick={() => editor.update($clearFormatting)}>
        <Icon name="clear" />
      </ToolbarButton>
      <span className="bd-toolbar-divider" />
      <ToolbarButton label="Bulleted list" pressed={blockType === 'bullet'} onClick={() => applyBlock('bullet')}>
        <Icon name="bullets" />
      </ToolbarButton>
      <ToolbarButton label="Numbered list" pressed={blockType === 'number'} onClick={() => applyBlock('number')}>
        <Icon name="numbers" />
      </ToolbarButton>
      <ToolbarButton label="Outdent" shortcut="Shift+Tab in a list" disabled={indent === 0} onClick={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)}>
        <Icon name="outdent" />
      </ToolbarButton>
      <ToolbarButton label="Indent" shortcut="Tab in a list" onClick={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)}>
        <Icon name="indent" />
      </ToolbarButton>
      <span className="bd-toolbar-divider" />
      <ToolbarButton
        label={inLink ? 'Edit link' : 'Insert link'}
        shortcut={LINK_SHORTCUT}
        pressed={inLink}
        onClick={() => editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined)}
      >
        <Icon name="link" />
      </ToolbarButton>
      <ToolbarButton label="Remove link" disabled={!inLink} onClick={() => editor.dispatchCommand(TOGGLE_LINK_COMMAND, null)}>
        <Icon name="unlink" />
      </ToolbarButton>
      <ToolbarButton label="Insert table" onClick={() => editor.dispatchCommand(INSERT_TABLE_COMMAND, NEW_TABLE)}>
        <Icon name="table" />
      </ToolbarButton>
      <TableActionsButton inTable={inTable} />
      <ToolbarButton label="Insert horizontal rule" shortcut="--- then space" onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}>
        <Icon name="rule" />
      </ToolbarButton>
    </Toolbar>
  );
}
