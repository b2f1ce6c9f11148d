import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { HISTORY_MERGE_TAG } from 'lexical';

/** Lexical tags the update made by `editor.focus()` with this (its FOCUS_TAG, not exported in 0.52). */
const FOCUS_TAG = 'focus';

/**
 * Calls `onChange` when the brief's content changed: not for selection moves, not for focusing (which marks
 * the root dirty), not for loading a saved state (history-merge), so opening a brief never makes it "unsaved".
 */
export function ContentChangePlugin({ onChange }: { onChange: () => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
        if (tags.has(FOCUS_TAG) || tags.has(HISTORY_MERGE_TAG)) return;
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        onChange();
      }),
    [editor, onChange],
  );
  return null;
}
