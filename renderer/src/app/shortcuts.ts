import type { AppCommand } from '../../../shared/contract/app';

export interface Shortcut {
  keys: string;
  description: string;
  command?: AppCommand;
}

/** The one list of shortcuts: browser mode binds these, and Help → Keyboard shortcuts shows them. */
export const APP_SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+S', description: 'Save the brief now', command: 'brief.save' },
  { keys: 'Ctrl+Alt+N', description: 'New brief (Ctrl+N in the desktop app)', command: 'brief.new' },
  { keys: 'F2', description: 'Rename the brief', command: 'brief.rename' },
  { keys: 'Ctrl+Shift+H', description: 'Version history', command: 'brief.history' },
  { keys: 'Ctrl+Alt+O', description: 'Open another workspace (Ctrl+O in the desktop app)', command: 'workspace.open' },
  { keys: 'Ctrl+,', description: 'Preferences', command: 'app.preferences' },
  { keys: 'Ctrl+\\', description: 'Show or hide the sidebar', command: 'view.toggleSidebar' },
  { keys: 'Ctrl+Shift+F', description: 'Show or hide the Facts panel', command: 'view.toggleFacts' },
  { keys: 'Ctrl+Shift+D', description: 'Dark mode on or off', command: 'view.toggleTheme' },
  { keys: 'Ctrl+/', description: 'This list of shortcuts', command: 'help.shortcuts' },
];

export const EDITOR_SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+B / Ctrl+I / Ctrl+U', description: 'Bold, italic, underline' },
  { keys: 'Ctrl+Shift+X', description: 'Strikethrough' },
  { keys: 'Ctrl+Shift+E', description: 'Inline code' },
  { keys: 'Ctrl+K', description: 'Insert or edit a link' },
  { keys: 'Ctrl+click on a link', description: 'Open the link (after confirmation in the desktop app)' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', description: 'Undo, redo' },
  { keys: '# / ## / ### then space', description: 'Heading 1, 2, 3' },
  { keys: '- or * then space', description: 'Bulleted list' },
  { keys: '1. then space', description: 'Numbered list' },
  { keys: '> then space', description: 'Quote' },
  { keys: '--- then space', description: 'Horizontal rule' },
  { keys: '[text](https://…)', description: 'Link (http, https and mailto only)' },
  { keys: 'Tab / Shift+Tab', description: 'Indent, outdent' },
];

function keyMatches(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  const ctrl = event.ctrlKey || event.metaKey;
  return (
    ctrl === parts.includes('Ctrl') &&
    event.shiftKey === parts.includes('Shift') &&
    event.altKey === parts.includes('Alt') &&
    event.key.toLowerCase() === key.toLowerCase()
  );
}

export function commandForKey(event: KeyboardEvent): AppCommand | undefined {
  return APP_SHORTCUTS.find((s) => s.command && keyMatches(event, s.keys))?.command;
}
