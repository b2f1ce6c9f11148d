import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $getSelection, $isRangeSelection, $setSelection, type LexicalEditor } from 'lexical';

/**
 * Focus given back to the brief by a plain `element.focus()` (a dialog closing, Shift+Tab from the toolbar's far side)
 * keeps the caret the brief had. Chromium puts the caret at the start of a contenteditable focused that way, and
 * Lexical would then take that over as the brief's selection. A click sets its own caret and is left alone.
 */
export function registerCaretKeeper(editor: LexicalEditor): () => void {
  let pointerDown = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const onPointerDown = (): void => {
    pointerDown = true;
  };
  const onFocus = (): void => {
    if (pointerDown) {
      pointerDown = false;
      return;
    }
    // Read now, before the browser's own caret reaches Lexical through selectionchange.
    const kept = editor.getEditorState().read(() => {
      const selection = $getSelection();
      return $isRangeSelection(selection) ? selection.clone() : null;
    });
    if (!kept) return;
    clearTimeout(pending);
    pending = setTimeout(() => {
      editor.update(() => {
        if ($getNodeByKey(kept.anchor.key) && $getNodeByKey(kept.focus.key)) $setSelection(kept);
      });
    }, 0);
  };
  const onBlur = (): void => {
    pointerDown = false;
  };
  return editor.registerRootListener((root, previous) => {
    previous?.removeEventListener('pointerdown', onPointerDown);
    previous?.removeEventListener('focus', onFocus);
    previous?.removeEventListener('blur', onBlur);
    root?.addEventListener('pointerdown', onPointerDown);
    root?.addEventListener('focus', onFocus);
    root?.addEventListener('blur', onBlur);
    if (!root) clearTimeout(pending);
  });
}

export function CaretKeeperPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerCaretKeeper(editor), [editor]);
  return null;
}
