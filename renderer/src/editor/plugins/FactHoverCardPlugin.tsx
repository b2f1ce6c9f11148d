import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { $dfs, mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_HIGH, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, KEY_ESCAPE_COMMAND } from 'lexical';
import type { Fact } from '../../../../shared/model/fact';
import { isStale } from '../../../../shared/lib/staleClaims';
import { FactCard, SOURCE_CHANGED, type FactCardData, type SourceChange } from '../../components/FactCard';
import { $isFactReferenceNode, FactReferenceNode } from '../nodes/FactReferenceNode';
import { $referenceAtSelection, UNLINK_FACT_COMMAND, UNLINK_MENTION_COMMAND } from './FactLinkingPlugin';
import { $selectAdjacentFactReference } from './factReferenceNavigation';
import { matchesShortcut } from './keyboardShortcut';
import { FACT_DETAILS, NEXT_FACT_REFERENCE, PREVIOUS_FACT_REFERENCE, UNLINK_MENTION } from '../editorKeys';

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
 * A reference's accessible name: its own words first (WCAG 2.5.3, the name holds the visible text), then the fact they
 * stand for when that reads differently, then the fact's kind: "Kim Jong Un, person"; "Chairman Kim: Kim Jong Un, person".
 */
export function factReferenceName(text: string, fact: Pick<Fact, 'label' | 'kind'> | undefined): string {
  if (!fact) return `${text}, fact reference`;
  return text === fact.label ? `${fact.label}, ${fact.kind}` : `${text}: ${fact.label}, ${fact.kind}`;
}

/** The class a reference to a stale fact (a supporting quote changed with its source) carries in the editor. */
export const STALE_REFERENCE_CLASS = 'bd-fact-ref--stale';

/** The supporting quotes of a fact that changed with their source and wait for the analyst. */
export function sourceChangesOf(fact: Pick<Fact, 'anchors'> | undefined): SourceChange[] {
  return (fact?.anchors ?? []).flatMap(({ review }) => (review ? [{ grade: review.grade, previous: review.previous, current: review.current, reason: review.reason }] : []));
}

/**
 * Fact references: coloured by kind, each a link named after its fact, announced (politely) when the caret enters it;
 * F8 / Shift+F8 go from one to the next. A reference to a stale fact (a supporting quote changed with its source) is
 * flagged, in its look and its description, and its card says what changed; both follow the catalogue live. A card on hover (or Alt+Enter at the caret) shows the fact's summary, its
 * supporting source sentence, "Show in source", and unlinking; Escape closes it and puts focus back at the caret.
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
  // What the live region says; `id` changes with each announcement, so the same words entering again are read again.
  const [announcement, setAnnouncement] = useState<{ id: number; text: string }>();
  const referenceAtCaret = useRef<string>(undefined);
  // The open card, for the editor's Escape handler (registered once).
  const openCard = useRef<OpenCard>(undefined);
  useEffect(() => {
    openCard.current = card;
  }, [card]);

  const decorate = useCallback(
    (key: string, element: HTMLElement | null) => {
      if (!element) return;
      const factId = element.dataset.factId ?? '';
      const fact = factsById.current.get(factId);
      const stale = fact !== undefined && isStale(fact);
      element.dataset.kind = fact?.kind ?? 'unknown';
      element.classList.toggle(STALE_REFERENCE_CLASS, stale);
      element.setAttribute('role', 'link');
      element.setAttribute('aria-label', factReferenceName(element.textContent ?? '', fact));
      element.setAttribute('aria-description', `${stale ? `${SOURCE_CHANGED}. ` : ''}Fact reference. ${FACT_DETAILS.keys} for details.`);
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

  const announce = useCallback((text: string) => setAnnouncement((previous) => ({ id: (previous?.id ?? 0) + 1, text })), []);

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
      // The references already in the page were decorated by the facts effect above; only later ones need it here.
      editor.registerMutationListener(
        FactReferenceNode,
        (mutations) => {
          for (const [key, mutation] of mutations) if (mutation !== 'destroyed') decorate(key, editor.getElementByKey(key));
        },
        { skipInitialization: true },
      ),
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('mouseover', onOver);
        previous?.removeEventListener('mouseout', onOut);
        root?.addEventListener('mouseover', onOver);
        root?.addEventListener('mouseout', onOut);
      }),
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) setCard(undefined);
        const entered = editorState.read(() => {
          const reference = $referenceAtSelection();
          return reference && { key: reference.getKey(), factId: reference.getFactId(), text: reference.getTextContent() };
        });
        if (entered?.key === referenceAtCaret.current) return;
        referenceAtCaret.current = entered?.key;
        // Only the analyst's own caret: not a reload, a paste elsewhere, or a brief opening with a reference first.
        if (!entered || document.activeElement !== editor.getRootElement()) return;
        const fact = factsById.current.get(entered.factId);
        announce(`${factReferenceName(entered.text, fact)}. ${fact && isStale(fact) ? `${SOURCE_CHANGED}. ` : ''}${FACT_DETAILS.keys} for details.`);
      }),
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        (event) => {
          if (!openCard.current) return false;
          event.preventDefault();
          close(false);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const step = matchesShortcut(event, NEXT_FACT_REFERENCE.keys) ? 'next' : matchesShortcut(event, PREVIOUS_FACT_REFERENCE.keys) ? 'previous' : undefined;
          if (step) {
            event.preventDefault();
            if (!$selectAdjacentFactReference(step)) announce('There is no other fact reference in this brief.');
            return true;
          }
          if (matchesShortcut(event, FACT_DETAILS.keys)) {
            const reference = $referenceAtSelection();
            const element = reference ? editor.getElementByKey(reference.getKey()) : null;
            if (!reference || !element) return false;
            event.preventDefault();
            open({ key: reference.getKey(), factId: reference.getFactId(), position: placeBelow(element), viaKeyboard: true });
            return true;
          }
          if (matchesShortcut(event, UNLINK_MENTION.keys)) {
            event.preventDefault();
            return editor.dispatchCommand(UNLINK_MENTION_COMMAND, undefined);
          }
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      () => clearTimeout(hoverTimer.current),
    );
  }, [editor, decorate, open, close, announce]);

  // Opened from the keyboard, the card takes focus at once, while it may still say "Loading…", so Escape reaches it.
  useEffect(() => {
    if (card?.viaKeyboard) cardRef.current?.focus();
  }, [card]);
  // Once loaded, focus moves on to its first action, unless the analyst has already moved it.
  useEffect(() => {
    const element = cardRef.current;
    if (card?.viaKeyboard && data && element && document.activeElement === element) element.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [card, data]);

  // The card closes when the pointer leaves both it and the reference, or on a click elsewhere.
  useEffect(() => {
    if (!card) return undefined;
    const onDown = (event: MouseEvent): void => {
      if (!cardRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [card, close]);

  const liveRegion = (
    <div className="bd-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
  if (!card) return liveRegion;
  return (
    <>
      {liveRegion}
      {createPortal(
        <FactCard
          ref={cardRef}
          data={data}
          changes={sourceChangesOf(facts.find((fact) => fact.id === card.factId))}
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
      )}
    </>
  );
}
