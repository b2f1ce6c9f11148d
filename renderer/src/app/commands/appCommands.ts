import type { CommandDefinition } from '../../../../shared/commands/registry';
import type { SidePaneId } from '../../../../shared/model/settings';

export interface AppActions {
  toggleSidebar: () => void;
  toggleSidePane: (pane: SidePaneId) => void;
  swapSideArrangement: () => void;
  toggleTheme: () => void;
  preferences: () => void;
  openWorkspace: () => void;
  shortcuts: () => void;
  about: () => void;
  messages: () => void;
  palette: () => void;
  quickOpen: () => void;
  focusEditor: () => void;
}

/** The window's own commands; the features contribute theirs the same way. */
export function appCommands(actions: AppActions): CommandDefinition[] {
  return [
    { id: 'workbench.commandPalette', title: 'Show all commands', category: 'View', keybinding: { key: 'Ctrl+Shift+P' }, run: actions.palette },
    { id: 'workbench.commandPaletteF1', title: 'Show all commands (F1)', category: 'View', keybinding: { key: 'F1' }, hidden: true, run: actions.palette },
    { id: 'workbench.quickOpen', title: 'Go to brief…', category: 'Go', keybinding: { key: 'Ctrl+P' }, menu: { name: 'Go', group: 1, order: 1 }, run: actions.quickOpen },
    { id: 'workbench.focusEditor', title: 'Go to the brief text', category: 'Go', keybinding: { key: 'Ctrl+Shift+0' }, when: (c) => c.briefOpen, menu: { name: 'Go', group: 1, order: 2 }, run: actions.focusEditor },
    { id: 'workspace.open', title: 'Open workspace…', category: 'File', keybinding: { key: 'Ctrl+O', browser: 'Ctrl+Alt+O' }, menu: { name: 'File', group: 1, order: 3 }, run: actions.openWorkspace },
    { id: 'app.preferences', title: 'Preferences…', category: 'File', keybinding: { key: 'Ctrl+,' }, menu: { name: 'File', group: 5, order: 1 }, run: actions.preferences },
    { id: 'view.toggleSidebar', title: 'Show or hide the sidebar', category: 'View', keybinding: { key: 'Ctrl+\\' }, menu: { name: 'View', group: 1, order: 1 }, run: actions.toggleSidebar },
    { id: 'view.toggleFacts', title: 'Show or hide the Facts pane', category: 'View', keybinding: { key: 'Ctrl+Shift+F' }, menu: { name: 'View', group: 1, order: 2 }, run: () => actions.toggleSidePane('facts') },
    {
      id: 'view.toggleInThisBrief',
      title: 'Show or hide In this brief',
      category: 'View',
      keybinding: { key: 'Ctrl+Shift+B' },
      menu: { name: 'View', group: 1, order: 3 },
      run: () => actions.toggleSidePane('inThisBrief'),
    },
    { id: 'view.toggleSource', title: 'Show or hide the source', category: 'View', keybinding: { key: 'Ctrl+Shift+S' }, menu: { name: 'View', group: 1, order: 4 }, run: () => actions.toggleSidePane('source') },
    { id: 'view.swapSideArrangement', title: 'Side panes: side by side or stacked', category: 'View', menu: { name: 'View', group: 1, order: 5 }, run: actions.swapSideArrangement },
    { id: 'view.toggleTheme', title: 'Dark mode on or off', category: 'View', keybinding: { key: 'Ctrl+Shift+D' }, menu: { name: 'View', group: 2, order: 1 }, run: actions.toggleTheme },
    { id: 'help.shortcuts', title: 'Keyboard shortcuts', category: 'Help', keybinding: { key: 'Ctrl+/' }, menu: { name: 'Help', group: 1, order: 1 }, run: actions.shortcuts },
    { id: 'help.messages', title: 'Recent messages', category: 'Help', menu: { name: 'Help', group: 1, order: 2 }, run: actions.messages },
    { id: 'help.about', title: 'About Briefdesk', category: 'Help', menu: { name: 'Help', group: 2, order: 1 }, run: actions.about },
  ];
}
