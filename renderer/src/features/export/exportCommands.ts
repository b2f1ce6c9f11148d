import type { CommandDefinition } from '../../../../shared/commands/registry';

/** What the export feature can do; the commands only decide when and with which keys. */
export interface ExportActions {
  /** A brief is open, or briefs are selected in the sidebar. */
  canExport: () => boolean;
  /** Two briefs or more are selected in the sidebar. */
  canExportBook: () => boolean;
  /** Opens the Export dialog for the selected briefs, or the open brief. */
  exportBriefs: () => void;
  exportBook: () => void;
}

export function exportCommands(actions: ExportActions): CommandDefinition[] {
  return [
    { id: 'export.open', title: 'Export…', category: 'File', keybinding: { key: 'Ctrl+E' }, when: actions.canExport, menu: { name: 'File', group: 4, order: 1 }, run: actions.exportBriefs },
    { id: 'export.book', title: 'Export selected briefs as a book…', category: 'File', when: actions.canExportBook, menu: { name: 'File', group: 4, order: 2 }, run: actions.exportBook },
  ];
}
