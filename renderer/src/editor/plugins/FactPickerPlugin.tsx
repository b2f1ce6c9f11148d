import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  BLUR_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  KEY_ARROW_DOWN_COMMAND,
  KEY_ARROW_UP_COMMAND,
  KEY_ENTER_COMMAND,
  KEY_ESCAPE_COMMAND,
  KEY_TAB_COMMAND,
  type TextNode,
} from 'lexical';
import type { Fact } from '../../../../shared/model/fact';
import { FactKindBadge } from '../../components/FactKindBadge';
import { INSERT_FACT_REFERENCE_COMMAND } from './FactLinkingPlugin';

const MAX_OPTIONS = 12;
/** The longest query after `@`; longer than any label in the catalogue's style guide. */
const MAX_QUERY = 60;

export function scoreFact(fact: Fact, query: string): number {
  if (!query) return 1;
  const q = query.toLowerCase();
  const label = fact.label.toLowerCase();
  if (label.startsWith(q)) return 4;
  if (fact.aliases.some((a) => a.text.toLowerCase().startsWith(q))) return 3;
  if (label.includes(q) || fact.aliases.some((a) => a.text.toLowerCase().includes(q))) return 2;
  return fact.summary.toLowerCase().includes(q) ? 1 : 0;
}

/** The facts that match a query, best first: label prefix, alias prefix, anywhere in either, then the summary. */
export function rankFacts(facts: readonly Fact[], query: string): Fact[] {
  return facts
    .map((fact) => ({ fact, rank: scoreFact(fact, query) }))
    .filter((r) => r.rank > 0)
    .sort((a, b) => b.rank - a.rank || a.fact.label.localeCompare(b.fact.label))
    .slice(0, MAX_OPTIONS)
    .map((r) => r.fact);
}

/** A query that is one plain word (or nothing yet) keeps the picker open with "Create fact"; anything else needs a match. */
const ONE_WORD = /^[\p{L}\p{M}\p{N}]*$/u;

/**
 * What the analyst is typing after an `@` that opens the picker, from the text before the caret in its block (across
 * references the linker made of it as it was typed): the `@` must start the line or follow a space or "(", and the
 * query may hold spaces ("Kim Jong Un") while some fact still matches it. `length` counts the `@` and the query.
 */
export function matchPickerQuery(textBeforeCaret: string, facts: readonly Fact[]): { query: string; length: number } | null {
  const at = textBeforeCaret.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/[\s(]/.test(textBeforeCaret[at - 1]!))) return null;
  const query = textBeforeCaret.slice(at + 1);
  if (query.length > MAX_QUERY || /^\s|\n/.test(query)) return null;
  if (!ONE_WORD.test(query) && !facts.some((fact) => scoreFact(fact, query) > 0)) return null;
  return { query, length: query.length + 1 };
}

/** The text nodes of the caret's block up to the caret, nearest last, and the text they hold before it. */
function $textBeforeCaret(): { text: string; nodes: Array<{ node: TextNode; end: number }> } | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.type !== 'text') return null;
  const caretNode = selection.anchor.getNode();
  if (!$isTextNode(caretNode)) return null;
  const nodes = [{ node: caretNode, end: selection.anchor.offset }];
  let text = caretNode.getTextContent().slice(0, selection.anchor.offset);
  for (let sibling = caretNode.getPreviousSibling(); $isTextNode(sibling) && text.length <= MAX_QUERY + 2; sibling = sibling.getPreviousSibling()) {
    nodes.unshift({ node: sibling, end: sibling.getTextContentSize() });
    text = sibling.getTextContent() + text;
  }
  return { text, nodes };
}

/** Selects the last `length` characters before the caret (the `@` and the query), across the text nodes they span. */
function $selectBeforeCaret(length: number): boolean {
  const before = $textBeforeCaret();
  const selection = $getSelection();
  if (!before || !$isRangeSelection(selection)) return false;
  let remaining = length;
  for (let index = before.nodes.length - 1; index >= 0; index--) {
    const { node, end } = before.nodes[index]!;
    if (remaining <= end) {
      selection.anchor.set(node.getKey(), end - remaining, 'text');
      return true;
    }
    remaining -= end;
  }
  return false;
}

interface OpenPicker {
  query: string;
  length: number;
  position: { left: number; top: number };
}

/** While the picker is open, the editor is a combobox that owns its listbox (ARIA 1.2 combobox pattern). */
export interface PickerAria {
  listboxId: string;
  activeOptionId: string;
}

interface FactPickerPluginProps {
  facts: readonly Fact[];
  /** Opens the new-fact form with `label` filled in; resolves to the created fact, if one was. */
  onCreateFact: (label: string) => Promise<Fact | undefined>;
  /** The editor's combobox attributes: set while the picker is open, undefined once it closes. */
  onAriaChange: (aria: PickerAria | undefined) => void;
}

function caretPosition(): { left: number; top: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  const fallback = (range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement)?.getBoundingClientRect();
  const box = rect.height > 0 ? rect : fallback;
  return box && { left: Math.min(box.left, window.innerWidth - 280), top: box.bottom + 4 };
}

/**
 * Typing `@` opens a listbox over fact labels, aliases and summaries; Up/Down choose, Enter or Tab inserts a reference,
 * Escape closes (until another `@`). Built here rather than on LexicalTypeaheadMenuPlugin, whose menu put a second,
 * empty listbox around ours (left in the page while closed) and pointed aria-activedescendant at ids it never made.
 */
export function FactPickerPlugin({ facts, onCreateFact, onAriaChange }: FactPickerPluginProps): React.JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const listboxId = useId();
  const [picker, setPicker] = useState<OpenPicker>();
  const [highlighted, setHighlighted] = useState(0);
  // Escape closes the picker for this `@` (the text up to it): it opens again only for another one.
  const dismissed = useRef<string>(undefined);
  const shownQuery = useRef<string>(undefined);
  const latestFacts = useRef(facts);
  useEffect(() => {
    latestFacts.current = facts;
  }, [facts]);

  const options = useMemo(() => {
    if (!picker) return [];
    return [...rankFacts(facts, picker.query).map((fact) => ({ key: fact.id, fact })), { key: `create:${picker.query}`, fact: undefined }];
  }, [facts, picker]);
  const active = Math.min(highlighted, options.length - 1);
  const optionId = (index: number): string => `${listboxId}-option-${index}`;

  useEffect(() => {
    onAriaChange(picker ? { listboxId, activeOptionId: optionId(active) } : undefined);
    // optionId derives from listboxId.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picker !== undefined, active, listboxId, onAriaChange]);
  useEffect(() => () => onAriaChange(undefined), [onAriaChange]);

  const choose = useCallback(
    (option: { fact: Fact | undefined }, open: OpenPicker) => {
      setPicker(undefined);
      editor.update(() => {
        if (!$selectBeforeCaret(open.length)) return;
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.removeText();
        if (option.fact) editor.dispatchCommand(INSERT_FACT_REFERENCE_COMMAND, { factId: option.fact.id, text: option.fact.label });
      });
      if (!option.fact) {
        void onCreateFact(open.query.trim()).then((fact) => {
          if (fact) editor.dispatchCommand(INSERT_FACT_REFERENCE_COMMAND, { factId: fact.id, text: fact.label });
        });
      }
    },
    [editor, onCreateFact],
  );

  // Open, follow or close the picker as the text before the caret changes.
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        const found = editorState.read(() => {
          const before = $textBeforeCaret();
          const match = before && matchPickerQuery(before.text, latestFacts.current);
          return match && before ? { ...match, upToAt: `${before.nodes[0]!.node.getKey()}:${before.text.slice(0, before.text.length - match.length + 1)}` } : null;
        });
        if (!found || !editor.isEditable() || found.upToAt === dismissed.current) {
          shownQuery.current = undefined;
          setPicker(undefined);
          return;
        }
        dismissed.current = undefined;
        const position = caretPosition();
        if (!position) return;
        if (found.query !== shownQuery.current) setHighlighted(0);
        shownQuery.current = found.query;
        setPicker({ query: found.query, length: found.length, position });
      }),
    [editor],
  );

  // The keys the listbox takes while it is open, ahead of the editor's own (Tab in a table, Enter for a paragraph).
  useEffect(() => {
    if (!picker) return undefined;
    const move = (step: number) => (event: KeyboardEvent | null) => {
      event?.preventDefault();
      setHighlighted(() => (active + step + options.length) % options.length);
      return true;
    };
    const chooseActive = (event: KeyboardEvent | null): boolean => {
      if (event?.shiftKey) return false;
      event?.preventDefault();
      choose(options[active]!, picker);
      return true;
    };
    return mergeRegister(
      editor.registerCommand(KEY_ARROW_DOWN_COMMAND, move(1), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(KEY_ARROW_UP_COMMAND, move(-1), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(KEY_ENTER_COMMAND, chooseActive, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(KEY_TAB_COMMAND, chooseActive, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        (event) => {
          event.preventDefault();
          dismissed.current = editor.getEditorState().read(() => {
            const before = $textBeforeCaret();
            return before ? `${before.nodes[0]!.node.getKey()}:${before.text.slice(0, before.text.length - picker.length + 1)}` : undefined;
          });
          setPicker(undefined);
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(BLUR_COMMAND, () => (setPicker(undefined), false), COMMAND_PRIORITY_CRITICAL),
    );
  }, [editor, picker, options, active, choose]);

  // Keep the highlighted option in view as the arrows move through a long list.
  useEffect(() => {
    if (picker) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picker, active]);

  if (!picker) return null;
  return createPortal(
    <ul id={listboxId} className="bd-picker" role="listbox" aria-label="Insert a fact reference" style={picker.position}>
      {options.map((option, index) => (
        <li
          key={option.key}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          className={`bd-picker-item${index === active ? ' is-selected' : ''}`}
          onMouseEnter={() => setHighlighted(index)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => choose(option, picker)}
        >
          {option.fact ? (
            <>
              <span>{option.fact.label}</span>
              <FactKindBadge kind={option.fact.kind} />
            </>
          ) : (
            <span className="bd-picker-create">Create fact{picker.query ? ` “${picker.query.trim()}”` : ''}…</span>
          )}
        </li>
      ))}
    </ul>,
    document.body,
  );
}
