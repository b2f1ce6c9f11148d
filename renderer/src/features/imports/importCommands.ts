import type { CommandDefinition } from '../../../../shared/commands/registry';

/** What the imports feature can do; the command only decides when and with which keys. */
export interface ImportActions {
  /** Asks for a file (the system dialog in the desktop app, the browser's file chooser in browser mode). */
  importSource: () => void;
  /** Set while the workspace cannot be written: an import would write a source. */
  workspaceWritable: () => boolean;
}

export function importCommands(actions: ImportActions): CommandDefinition[] {
  return [
    {
      id: 'imports.importSource',
      title: 'Import source…',
      category: 'File',
      // Chromium keeps Ctrl+Shift+I for its developer tools, so the browser gets Ctrl+Alt+I.
      keybinding: { key: 'Ctrl+Shift+I', browser: 'Ctrl+Alt+I' },
      when: () => actions.workspaceWritable(),
      menu: { name: 'File', group: 1, order: 4 },
      run: actions.importSource,
    },
  ];
}
