import { useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LinkPlugin as LexicalLinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { $createLinkNode, $isLinkNode, LinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { LINK, type TextMatchTransformer } from '@lexical/markdown';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $createTextNode,
  $getNearestNodeFromDOMNode,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_NORMAL,
  KEY_MODIFIER_COMMAND,
  createCommand,
  type ElementNode,
  type LexicalNode,
  type RangeSelection,
} from 'lexical';
import { PromptDialog } from '../../components/PromptDialog';
import { safeUrl, unsafeUrlReason } from '../../../../shared/lib/safeUrl';
import { matchesShortcut } from './keyboardShortcut';

/** Opens the link dialog for the current selection (the toolbar's link button and Ctrl+K). */
export const OPEN_LINK_DIALOG_COMMAND = createCommand<void>('OPEN_LINK_DIALOG_COMMAND');
export const LINK_SHORTCUT = 'Ctrl+K';

/** The link around a node, if any (the node itself included). */
export function $linkAround(node: LexicalNode): LinkNode | null {
  return $findMatchingParent(node, $isLinkNode);
}

/** Replaces an element by its children (a link being removed keeps its text). */
function $unwrap(element: ElementNode): void {
  for (const child of element.getChildren()) element.insertBefore(child);
  element.remove();
}

/**
 * Markdown `[text](url)` typed in the editor: Lexical's LINK transformer, but only for an address safeUrl accepts,
 * which it then stores normalized. Anything else is left as the text that was typed.
 */
export const SAFE_LINK_TRANSFORMER: TextMatchTransformer = {
  ...LINK,
  replace: (textNode, match) => {
    const typed = match[2] ?? match[3] ?? '';
    if (safeUrl(typed) === undefined) return;
    const linkText = LINK.replace?.(textNode, match);
    const link = linkText ? $linkAround(linkText) : null;
    if (link) {
      const url = safeUrl(link.getURL());
      if (url === undefined) $unwrap(link);
      else link.setURL(url);
    }
    return linkText ?? undefined;
  },
};

interface LinkDialogState {
  initialUrl: string;
  selection: RangeSelection;
}

/**
 * Links in a brief: http:, https: and mailto: only (shared/lib/safeUrl), inserted and edited through a small dialog.
 * - Every LinkNode whose URL safeUrl refuses is unwrapped to its text, whatever made it (markdown, a command, a
 *   saved brief written by another program), and TOGGLE_LINK_COMMAND refuses such URLs outright.
 * - Clicking a link never navigates the page; Ctrl/Cmd+click opens it in a new window through `window.open`, which
 *   the desktop app's main process turns into a confirmation before the system browser opens it.
 */
export function LinkPlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [dialog, setDialog] = useState<LinkDialogState>();

  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(LinkNode, (link) => {
          if (safeUrl(link.getURL()) === undefined) $unwrap(link);
        }),
        editor.registerCommand(
          TOGGLE_LINK_COMMAND,
          (payload) => {
            if (payload === null) return false;
            const url = typeof payload === 'string' ? payload : payload.url;
            // Handled (swallowed) when unsafe, so Lexical's own handler never sees the URL.
            return safeUrl(url) === undefined;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
        editor.registerCommand(
          OPEN_LINK_DIALOG_COMMAND,
          () => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return false;
            const link = $linkAround(selection.anchor.getNode()) ?? $linkAround(selection.focus.getNode());
            setDialog({ initialUrl: link?.getURL() ?? '', selection: selection.clone() });
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
        editor.registerCommand(
          KEY_MODIFIER_COMMAND,
          (event) => {
            if (!matchesShortcut(event, LINK_SHORTCUT)) return false;
            event.preventDefault();
            editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined);
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor],
  );

  useEffect(() => {
    let attached: HTMLElement | null = null;
    const onClick = (event: MouseEvent): void => {
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (!anchor || !attached?.contains(anchor)) return;
      // Never let the page itself follow a link: plain, middle, Shift or Ctrl click alike.
      event.preventDefault();
      if (event.type !== 'click' || !(event.ctrlKey || event.metaKey)) return;
      // The node's URL, not the DOM's href: a relative href would resolve against the app's own address.
      const stored = editor.read(() => {
        const node = $getNearestNodeFromDOMNode(anchor);
        return node ? $linkAround(node)?.getURL() : undefined;
      });
      const url = stored === undefined ? undefined : safeUrl(stored);
      if (url) window.open(url, '_blank', 'noopener');
    };
    const detach = (): void => {
      attached?.removeEventListener('click', onClick);
      attached?.removeEventListener('auxclick', onClick);
      attached = null;
    };
    const unregister = editor.registerRootListener((root) => {
      detach();
      if (!root) return;
      root.addEventListener('click', onClick);
      root.addEventListener('auxclick', onClick);
      attached = root;
    });
    return () => {
      unregister();
      detach();
    };
  }, [editor]);

  /** Puts the selection back as it was when the dialog opened, then links (url) or unlinks (null) it. */
  const apply = (saved: RangeSelection, url: string | null, text: string): void => {
    let viaCommand = false;
    editor.update(() => {
      $setSelection(saved.clone());
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (!selection.isCollapsed()) {
        viaCommand = true;
        return;
      }
      const link = $linkAround(selection.anchor.getNode());
      if (link && url === null) $unwrap(link);
      else if (link && url !== null) link.setURL(url);
      else if (url !== null) selection.insertNodes([$createLinkNode(url, { rel: 'noreferrer' }).append($createTextNode(text))]);
    });
    if (viaCommand) editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
  };

  return (
    <>
      <LexicalLinkPlugin />
      {dialog && (
        <PromptDialog
          title={dialog.initialUrl ? 'Edit link' : 'Insert link'}
          label="Web address (http or https) or email address — leave empty to remove the link"
          initialValue={dialog.initialUrl}
          submitLabel={dialog.initialUrl ? 'Save link' : 'Insert link'}
          onClose={() => {
            setDialog(undefined);
            editor.focus();
          }}
          onSubmit={async (value) => {
            const typed = value.trim();
            if (typed === '') {
              if (dialog.initialUrl) apply(dialog.selection, null, '');
              return undefined;
            }
            const url = safeUrl(typed);
            if (url === undefined) return `This link was not added. ${unsafeUrlReason(typed) ?? ''}`.trim();
            apply(dialog.selection, url, typed);
            return undefined;
          }}
        />
      )}
    </>
  );
}
