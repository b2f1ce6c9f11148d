import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { $dfs, mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND } from 'lexical';
import type { Fact } from '../../../../shared/model/fact';
import { FactCard, type FactCardData } from '../../components/FactCard';
import { $isFactReferenceNode, FactReferenceNode } from '../nodes/FactReferenceNode';
import { $referenceAtSelection, UNLINK_FACT_COMMAND, UNLINK_MENTION_COMMAND } from './FactLinkingPlugin';

const HOVER_DELAY_MS = 250;

interface FactHoverCardPluginProps {
  facts: readonly Fact[];
  describeFact: (factId: string) => Promise<FactCardData | undefined>;
  onShowSource: (factId: string) => void;
}

interface OpenCard {
  key: string;
  factId: string;
  position: { left: number; top: number };
  viaKeyboard: boolean;
}

/**
 * Fact references: coloured by kind with an accessible description, and a card on hover (or Alt+Enter at the caret)
 * with the fact's summary, its supporting source sentence, "Show in source", and unlinking.
 */
export function FactHoverCardPlugin({ facts, describeFact, onShowSource }: FactHoverCardPluginProps): React.JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  // A read-only brief shows the card without unlinking, which would edit it.
  const editable = useLexicalEditable();
  const [card, setCard] = useState<OpenCard>();
  const [data, setData] = useState<FactCardData>();
  const cardRef = useRef<HTMLDivElement>(null);
  const hoverTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const factsById = useRef(new Map<string, Fact>());

  const decorate = useCallback(
    (key: string, element: HTMLElement | null) => {
      if (!element) return;
      const factId = element.dataset.factId ?? '';
      const fact = factsById.current.get(factId);
      element.dataset.kind = fact?.kind ?? 'unknown';
      element.setAttribute('aria-description', fact ? `Fact: ${fact.label} (${fact.kind}). Alt+Enter for details.` : 'Fact reference');
      element.dataset.key = key;
    },
    [],
  );

  useEffect(() => {
    factsById.current = new Map(facts.map((f) => [f.id, f]));
    editor.getEditorState().read(() => {
      for (const { node } of $dfs()) if ($isFactReferenceNode(node)) decorate(node.getKey(), editor.getElementByKey(node.getKey()));
    });
  }, [editor, facts, decorate]);

  const open = useCallback((next: OpenCard) => {
    setCard(next);
    setData(undefined);
    void describeFact(next.factId).then(setData);
  }, [describeFact]);

  const close = useCallback((refocus: boolean) => {
    setCard(undefined);
    if (refocus) editor.focus();
  }, [editor]);

  useEffect(() => {
    const placeBelow = (element: HTMLElement) => {
      const rect = element.getBoundingClientRect();
      return { left: Math.min(rect.left, window.innerWidth - 380), top: rect.bottom + 6 };
    };
    const onOver = (event: MouseEvent): void => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-fact-id]');
      clearTimeout(hoverTimer.current);
      if (!target || !target.dataset.key) return;
      hoverTimer.current = setTimeout(
        () => open({ key: target.dataset.key!, factId: target.dataset.factId ?? '', position: placeBelow(target), viaKeyboard: false }),
        HOVER_DELAY_MS,
      );
    };
    // Leaving the reference closes the card shortly after, unless the pointer moved onto the card itself.
    const onOut = (): void => {
      clearTimeout(hoverTimer.current);
      hoverTimer.current = setTimeout(() => {
        if (!cardRef.current?.matches(':hover')) setCard((current) => (current?.viaKeyboard ? current : undefined));
      }, 400);
    };
    return mergeRegister(
      editor.registerMutationListener(FactReferenceNode, (mutations) => {
        for (const [key, mutation] of mutations) if (mutation !== 'destroyed') decorate(key, editor.getElementByKey(key));
      }),
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('mouseover', onOver);
        previous?.removeEventListener('mouseout', onOut);
        root?.addEventListener('mouseover', onOver);
        root?.addEventListener('mouseout', onOut);
      }),
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) setCard(undefined);
      }),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (event.key === 'Enter' && event.altKey) {
            const reference = $referenceAtSelection();
            const element = reference ? editor.getElementByKey(reference.getKey()) : null;
            if (!reference || !element) return false;
            event.preventDefault();
            open({ key: reference.getKey(), factId: reference.getFactId(), position: placeBelow(element), viaKeyboard: true });
            return true;
          }
          if (event.key.toLowerCase() === 'u' && event.shiftKey && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            return editor.dispatchCommand(UNLINK_MENTION_COMMAND, undefined);
          }
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      () => clearTimeout(hoverTimer.current),
    );
  }, [editor, decorate, open]);

  // The card closes when the pointer leaves both it and the reference, or on a click elsewhere.
  useEffect(() => {
    if (!card) return undefined;
    if (card.viaKeyboard) cardRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (event: MouseEvent): void => {
      if (!cardRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [card, close]);

  if (!card) return null;
  return createPortal(
    <FactCard
      ref={cardRef}
      data={data}
      position={card.position}
      onClose={() => close(true)}
      onShowSource={() => {
        onShowSource(card.factId);
        close(false);
      }}
      unlinking={
        editable
          ? {
              onUnlink: () => {
                editor.dispatchCommand(UNLINK_MENTION_COMMAND, card.key);
                close(true);
              },
              onUnlinkAll: () => {
                editor.dispatchCommand(UNLINK_FACT_COMMAND, card.factId);
                close(true);
              },
            }
          : undefined
      }
    />,
    document.body,
  );
}
