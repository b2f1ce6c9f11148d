import type { CommandDefinition } from '../../../../shared/commands/registry';

/** What the reader open now can do with its selection (or the highlight chosen in it). */
export interface ReaderActions {
  hasSelection(): boolean;
  highlight(): void;
  comment(): void;
  tag(): void;
  newFact(): void;
}

/**
 * The Source pane's commands. The keys are Ctrl+Alt ones no other command or the editor uses (Ctrl+Alt+O and
 * Ctrl+Alt+N are browser mode's workspace and new brief; Ctrl+Alt+T is a desktop's terminal, so tags take G).
 */
export interface AnnotationTransfer {
  /** Exports the open source's annotations, or every source's when none is open. */
  exportAnnotations: (format: 'markdown' | 'jsonld') => void;
  /** Asks for a W3C Web Annotation (JSON-LD) file and imports it. */
  importAnnotations: () => void;
}

export function sourceCommands(actions: { showSources: () => void; reader: ReaderActions | undefined; transfer: AnnotationTransfer }): CommandDefinition[] {
  const withSelection = (): boolean => actions.reader?.hasSelection() ?? false;
  return [
    { id: 'sources.show', title: 'Show sources', category: 'View', menu: { name: 'View', group: 1, order: 5 }, run: actions.showSources },
    { id: 'sources.highlightSelection', title: 'Highlight selection', category: 'Edit', keybinding: { key: 'Ctrl+Alt+H' }, when: withSelection, run: () => actions.reader?.highlight() },
    { id: 'sources.commentSelection', title: 'Comment on selection', category: 'Edit', keybinding: { key: 'Ctrl+Alt+M' }, when: withSelection, run: () => actions.reader?.comment() },
    { id: 'sources.tagSelection', title: 'Tag selection', category: 'Edit', keybinding: { key: 'Ctrl+Alt+G' }, when: withSelection, run: () => actions.reader?.tag() },
    { id: 'sources.factFromSelection', title: 'New fact from selection', category: 'Facts', when: withSelection, run: () => actions.reader?.newFact() },
    { id: 'annotations.exportMarkdown', title: 'Export annotations as Markdown', category: 'File', run: () => actions.transfer.exportAnnotations('markdown') },
    { id: 'annotations.exportJsonLd', title: 'Export annotations as Web Annotations (JSON-LD)', category: 'File', run: () => actions.transfer.exportAnnotations('jsonld') },
    { id: 'annotations.importJsonLd', title: 'Import annotations (JSON-LD)…', category: 'File', run: () => actions.transfer.importAnnotations() },
  ];
}
