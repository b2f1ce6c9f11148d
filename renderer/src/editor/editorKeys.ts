/**
 * The brief editor's own keys, as data: the plugins match key presses against `keys` (with matchesShortcut), and the
 * app's command registry lists them in the shortcut sheet. `keys` is written the way the sheet shows it ("Shift+F8";
 * Ctrl means Cmd on a Mac). None of them is a browser's or an operating system's own key.
 */
export interface EditorKey {
  /** Stable id, for the command registry. */
  id: string;
  keys: string;
  description: string;
}

export const NEXT_FACT_REFERENCE: EditorKey = { id: 'editor.nextFactReference', keys: 'F8', description: 'Go to the next fact reference' };
export const PREVIOUS_FACT_REFERENCE: EditorKey = { id: 'editor.previousFactReference', keys: 'Shift+F8', description: 'Go to the previous fact reference' };
export const FACT_DETAILS: EditorKey = { id: 'editor.factDetails', keys: 'Alt+Enter', description: 'Show the fact at the caret (Escape closes it)' };
export const UNLINK_MENTION: EditorKey = { id: 'editor.unlinkMention', keys: 'Ctrl+Shift+U', description: 'Unlink the fact reference at the caret' };
export const FOCUS_TOOLBAR: EditorKey = { id: 'editor.focusToolbar', keys: 'Alt+F10', description: 'Move to the formatting toolbar (arrow keys move along it, Escape goes back)' };
export const TAB_IN_LISTS: EditorKey = { id: 'editor.indentListItem', keys: 'Tab / Shift+Tab', description: 'In a list: indent, outdent the item. In a table: next, previous cell. Elsewhere: leave the editor' };
export const TABLE_MENU: EditorKey = { id: 'editor.tableMenu', keys: 'Shift+F10', description: 'In a table: insert or delete rows and columns (also the context-menu key)' };
export const FACT_PICKER: EditorKey = { id: 'editor.factPicker', keys: '@', description: 'Insert a fact reference: type @ and part of its name' };

export const EDITOR_KEYS: readonly EditorKey[] = [
  FACT_PICKER,
  NEXT_FACT_REFERENCE,
  PREVIOUS_FACT_REFERENCE,
  FACT_DETAILS,
  UNLINK_MENTION,
  FOCUS_TOOLBAR,
  TAB_IN_LISTS,
  TABLE_MENU,
];
