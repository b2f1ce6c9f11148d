import { FORMAT_TEXT_COMMAND, type LexicalEditor, type TextFormatType } from 'lexical';
import type { CommandDefinition } from '../../../../shared/commands/registry';
import { EDITOR_KEYS } from '../../editor/editorKeys';

/** What the briefs feature can do; the commands below only decide when and with which keys. */
export interface BriefActions {
  newBrief: () => void;
  openBrief: (id: string) => void;
  save: () => void;
  rename: () => void;
  history: () => void;
  duplicate: () => void;
  remove: () => void;
  showTrash: () => void;
  flushBeforeClose: () => void;
  newFactFromSelection: () => void;
  editor: () => LexicalEditor | null;
  /** Set while the workspace cannot be written: nothing that writes is offered. */
  workspaceWritable: () => boolean;
}

const FORMATS: ReadonlyArray<{ format: TextFormatType; title: string; key: string }> = [
  { format: 'bold', title: 'Bold', key: 'Ctrl+B' },
  { format: 'italic', title: 'Italic', key: 'Ctrl+I' },
  { format: 'underline', title: 'Underline', key: 'Ctrl+U' },
  { format: 'strikethrough', title: 'Strikethrough', key: 'Ctrl+Shift+X' },
  { format: 'code', title: 'Inline code', key: 'Ctrl+Shift+E' },
];

/** Markdown typed at the start of a line: keys the editor handles, listed in the shortcut sheet. */
const TYPED_SHORTCUTS: ReadonlyArray<{ id: string; keys: string; title: string }> = [
  { id: 'editor.typeHeading', keys: '# / ## / ### then space', title: 'Heading 1, 2, 3' },
  { id: 'editor.typeBulletList', keys: '- or * then space', title: 'Bulleted list' },
  { id: 'editor.typeNumberedList', keys: '1. then space', title: 'Numbered list' },
  { id: 'editor.typeQuote', keys: '> then space', title: 'Quote' },
  { id: 'editor.typeRule', keys: '--- then space', title: 'Horizontal rule' },
  { id: 'editor.typeLink', keys: '[text](https://…)', title: 'Link (http, https and mailto only)' },
  { id: 'editor.insertLink', keys: 'Ctrl+K', title: 'Insert or edit a link' },
  { id: 'editor.openLink', keys: 'Ctrl+click on a link', title: 'Open the link (after confirmation in the desktop app)' },
  { id: 'editor.undoRedo', keys: 'Ctrl+Z / Ctrl+Shift+Z', title: 'Undo, redo' },
];

export function briefCommands(actions: BriefActions): CommandDefinition[] {
  const editable = (c: { briefOpen: boolean; briefEditable: boolean }): boolean => c.briefOpen && c.briefEditable;
  const writable = (): boolean => actions.workspaceWritable();
  const open = (c: { briefOpen: boolean }): boolean => c.briefOpen;
  return [
    { id: 'brief.new', title: 'New brief', category: 'File', keybinding: { key: 'Ctrl+N', browser: 'Ctrl+Alt+N' }, when: writable, menu: { name: 'File', group: 1, order: 1 }, run: actions.newBrief },
    { id: 'brief.open', title: 'Open brief', category: 'File', hidden: true, run: ({ briefId }) => {
        if (briefId) actions.openBrief(briefId);
      },
    },
    { id: 'brief.save', title: 'Save', category: 'File', keybinding: { key: 'Ctrl+S' }, when: editable, menu: { name: 'File', group: 2, order: 1 }, run: actions.save },
    { id: 'brief.rename', title: 'Rename brief…', category: 'Brief', keybinding: { key: 'F2' }, when: editable, menu: { name: 'File', group: 2, order: 2 }, run: actions.rename },
    {
      id: 'brief.history',
      title: 'Version history…',
      category: 'Brief',
      keybinding: { key: 'Ctrl+Shift+H' },
      when: (c) => c.briefOpen || c.damagedBriefShown,
      menu: { name: 'File', group: 2, order: 3 },
      run: actions.history,
    },
    { id: 'brief.duplicate', title: 'Duplicate brief', category: 'Brief', when: (c) => open(c) && writable(), menu: { name: 'File', group: 2, order: 4 }, run: actions.duplicate },
    { id: 'brief.delete', title: 'Move brief to the trash', category: 'Brief', when: (c) => open(c) && writable(), menu: { name: 'File', group: 2, order: 5 }, run: actions.remove },
    { id: 'brief.showTrash', title: 'Show the trash…', category: 'File', menu: { name: 'File', group: 3, order: 1 }, run: actions.showTrash },
    { id: 'app.flushBeforeClose', title: 'Save before closing', category: 'File', hidden: true, run: actions.flushBeforeClose },
    {
      id: 'fact.newFromSelection',
      title: 'New fact from selection…',
      category: 'Facts',
      when: (c) => editable(c) && c.editorHasSelection && writable(),
      run: actions.newFactFromSelection,
    },
    ...FORMATS.map(
      ({ format, title, key }): CommandDefinition => ({
        id: `editor.format.${format}`,
        title,
        category: 'Edit',
        keybinding: { key, scope: 'editor' },
        when: editable,
        run: () => {
          const editor = actions.editor();
          editor?.focus();
          editor?.dispatchCommand(FORMAT_TEXT_COMMAND, format);
        },
      }),
    ),
    ...[...EDITOR_KEYS, ...TYPED_SHORTCUTS.map(({ id, keys, title }) => ({ id, keys, description: title }))].map(
      (key): CommandDefinition => ({
        id: key.id,
        title: key.description,
        category: 'Edit',
        keybinding: { key: key.keys, scope: 'editor' },
        sheetOnly: true,
        run: () => undefined,
      }),
    ),
  ];
}
