import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromSerializedNodes, $handleRichTextDrop, $insertGeneratedNodes } from '@lexical/clipboard';
import { $generateNodesFromDOM } from '@lexical/html';
import { mergeRegister } from '@lexical/utils';
import {
  $addUpdateTag,
  $getSelection,
  $isSelectionCapturedInDecoratorInput,
  COMMAND_PRIORITY_HIGH,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  DROP_COMMAND,
  PASTE_COMMAND,
  PASTE_TAG,
  isDOMNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { LEXICAL_CLIPBOARD_MIME } from '../../../../shared/lib/pasteSchema';
import { sanitizeHtml, sanitizeHtmlToString } from '../paste/sanitizeHtml';
import { sanitizeLexicalJson } from '../paste/sanitizeLexicalJson';

/** Set on drags that start in a Lexical editor (`@lexical/clipboard`'s drag marker). */
const LEXICAL_DRAG_MIME = 'application/x-lexical-drag';

/** The editor's namespace: a Lexical payload copied from another editor is read as its HTML instead, as Lexical does. */
const namespaceOf = (editor: LexicalEditor): string => editor._config.namespace;

/**
 * The clipboard's rich content as sanitized editor nodes, or null when it has none (plain text, files): Lexical's
 * own JSON first (copy and paste between briefs, fact references included), else HTML. Must run in an update.
 */
function $sanitizedNodes(data: DataTransfer, editor: LexicalEditor): LexicalNode[] | null {
  const json = data.getData(LEXICAL_CLIPBOARD_MIME);
  if (json) {
    const payload = sanitizeLexicalJson(json, namespaceOf(editor));
    if (payload) {
      try {
        return $generateNodesFromSerializedNodes(payload.nodes);
      } catch (error) {
        // A payload that passed the rules but still does not parse: fall back to its HTML, like Lexical does.
        console.warn('Briefdesk: pasted editor content could not be read; using its HTML instead.', error);
      }
    }
  }
  const html = data.getData('text/html');
  // iOS-style payloads whose HTML is just the plain text are left to the plain-text paste (as Lexical does).
  if (html && html !== data.getData('text/plain')) return $generateNodesFromDOM(editor, sanitizeHtml(html));
  return null;
}

/** Inserts the clipboard's sanitized rich content at the selection; false (nothing done) when it has none. */
export function $insertSanitizedDataTransfer(data: DataTransfer, editor: LexicalEditor): boolean {
  const selection = $getSelection();
  if (selection === null) return false;
  const nodes = $sanitizedNodes(data, editor);
  if (nodes === null) return false;
  $addUpdateTag(PASTE_TAG);
  $insertGeneratedNodes(editor, nodes, selection);
  return true;
}

/**
 * A read-only view of a `DataTransfer` whose rich formats are sanitized, for Lexical's own drop handling (which
 * reads the payload itself): the Lexical JSON and HTML come back cleaned, plain text and the drag marker as they
 * were, any other format empty (and no `items`, which would give the raw payload back).
 */
export function sanitizedDataTransfer(data: DataTransfer, namespace: string): DataTransfer {
  const getData = (format: string): string => {
    const type = format.toLowerCase();
    if (type === LEXICAL_CLIPBOARD_MIME) {
      const payload = sanitizeLexicalJson(data.getData(type), namespace);
      return payload ? JSON.stringify(payload) : '';
    }
    if (type === 'text/html') {
      const html = data.getData(type);
      return html ? sanitizeHtmlToString(html) : '';
    }
    if (type === 'text/plain' || type === 'text' || type === 'text/uri-list' || type === LEXICAL_DRAG_MIME) return data.getData(format);
    return '';
  };
  return { getData, types: data.types, files: data.files, dropEffect: data.dropEffect, effectAllowed: data.effectAllowed } as DataTransfer;
}

/**
 * Every way rich content enters the brief goes through the rules of `shared/lib/pasteSchema.ts`:
 * - paste (`PASTE_COMMAND`): Lexical JSON or HTML is sanitized and inserted here; plain text and files are left
 *   to the rich-text plugin;
 * - a drop from outside the app (the browser's `insertFromDrop`, Lexical's `CONTROLLED_TEXT_INSERTION_COMMAND`
 *   with a `DataTransfer`): the same;
 * - a drag between Lexical editors (`DROP_COMMAND` with Lexical's drag marker): Lexical's own drop handling,
 *   given a sanitized view of the `DataTransfer`.
 * All run before the rich-text plugin's handlers (priority high), which would insert the payload unchecked.
 */
export function registerPasteSafety(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerCommand(
      PASTE_COMMAND,
      (event) => {
        // Only a real paste event carries the clipboard; beforeinput/keyboard pastes are left to the rich-text
        // plugin, which ignores them too and waits for the paste event.
        const data = 'clipboardData' in event ? event.clipboardData : null;
        // A paste into an input inside a decorator node is that input's business (as in the rich-text plugin).
        if (isDOMNode(event.target) && $isSelectionCapturedInDecoratorInput(event.target)) return false;
        if (!data || !$insertSanitizedDataTransfer(data, editor)) return false;
        event.preventDefault();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(
      CONTROLLED_TEXT_INSERTION_COMMAND,
      (eventOrText) => {
        if (typeof eventOrText === 'string' || !eventOrText.dataTransfer) return false;
        return $insertSanitizedDataTransfer(eventOrText.dataTransfer, editor);
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(
      DROP_COMMAND,
      (event) => {
        const data = event.dataTransfer;
        if (!data || !data.getData(LEXICAL_DRAG_MIME)) return false;
        const view = sanitizedDataTransfer(data, namespaceOf(editor));
        const sanitizedEvent = new Proxy(event, {
          get: (target, property) => {
            if (property === 'dataTransfer') return view;
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        });
        // Handled or not, the unsanitized payload must not reach the rich-text plugin's drop handler: when
        // Lexical cannot place the drop, the browser's own drop follows, as insertFromDrop (handled above).
        $handleRichTextDrop(sanitizedEvent, editor);
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
  );
}

/** Mounts `registerPasteSafety` on the brief editor. */
export function PasteSafetyPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerPasteSafety(editor), [editor]);
  return null;
}
