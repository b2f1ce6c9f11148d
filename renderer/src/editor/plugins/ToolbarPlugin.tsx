import { useCallback, useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode, type HeadingTagType } from '@lexical/rich-text';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND, ListNode } from '@lexical/list';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { ToolbarButton } from '../../components/ToolbarButton';

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
const TEXT_FORMATS: ReadonlyArray<{ format: TextFormatType; label: string; shortcut: string; glyph: string }> = [
  { format: 'bold', label: 'Bold', shortcut: 'Ctrl+B', glyph: 'B' },
  { format: 'italic', label: 'Italic', shortcut: 'Ctrl+I', glyph: 'I' },
  { format: 'underline', label: 'Underline', shortcut: 'Ctrl+U', glyph: 'U' },
];

export function ToolbarPlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [blockType, setBlockType] = useState<BlockType>('paragraph');
  const [formats, setFormats] = useState<ReadonlySet<TextFormatType>>(new Set());
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  const readSelection = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    setFormats(new Set(TEXT_FORMATS.map((f) => f.format).filter((f) => selection.hasFormat(f))));
    const anchor = selection.anchor.getNode();
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
    <div className="bd-toolbar" role="toolbar" aria-label="Formatting">
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
      <span className="bd-toolbar-divider" />
      <ToolbarButton label="Bulleted list" pressed={blockType === 'bullet'} onClick={() => applyBlock('bullet')}>
        •≡
      </ToolbarButton>
      <ToolbarButton label="Numbered list" pressed={blockType === 'number'} onClick={() => applyBlock('number')}>
        1≡
      </ToolbarButton>
    </div>
  );
}
