import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';

export const EDITOR_READY_MARK = 'briefdesk:editor-ready';

/** Marks the moment the brief is editable: the benchmark and the end-to-end tests wait for it. */
export function EditorReadyPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerRootListener((root) => {
        if (!root) return;
        requestAnimationFrame(() => {
          if (performance.getEntriesByName(EDITOR_READY_MARK).length === 0) performance.mark(EDITOR_READY_MARK);
          root.dataset.ready = 'true';
        });
      }),
    [editor],
  );
  return null;
}
