import type { CommandDefinition } from '../../../../shared/commands/registry';

/** What the export feature can do; the commands only decide when and with which keys. */
export interface ExportActions {
  /** Opens the Export dialog for the selected briefs, or the open brief. */
  exportBriefs: () => void;
  exportBook: () => void;
}

export function exportCommands(actions: ExportActions): CommandDefinition[] {
  return [
    { id: 'export.open', title: 'Export…', category: 'File', keybinding: { key: 'Ctrl+E' }, when: (c) => c.briefOpen || c.briefsSelected > 0, menu: { name: 'File', group: 4, order: 1 }, run: actions.exportBriefs },
    { id: 'export.book', title: 'Export selected briefs as a book…', category: 'File', when: (c) => c.briefsSelected >= 2, menu: { name: 'File', group: 4, order: 2 }, run: actions.exportBook },
  ];
}
