import { Command } from 'cmdk';
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { MatchRange } from '../../../../shared/lib/fuzzyMatch';
import './palette.css';

/** One row of a palette list: its text with the matched letters, and what is shown beside it. */
export interface PaletteRow {
  /** Unique in the list: the row's key and cmdk's value, handed to `onChoose`. */
  id: string;
  text: string;
  /** The matched characters of `text`, highlighted. */
  ranges: readonly MatchRange[];
  /** How many leading characters of `text` are a qualifier shown muted (a command's category, "Brief: "). */
  prefixLength?: number;
  /** A word after the text that qualifies the row ("damaged"), with its explanation. */
  badge?: { label: string; description: string };
  /** Shown at the right: a shortcut, a date. */
  aside?: ReactNode;
}

export interface PaletteProps {
  /** The dialog's and the input's accessible name. */
  label: string;
  placeholder: string;
  /** The listbox's accessible name. */
  listLabel: string;
  query: string;
  onQueryChange: (query: string) => void;
  rows: readonly PaletteRow[];
  /** Rows that match but are not rendered: only the first ones are, so every keystroke paints within a frame. */
  moreCount: number;
  /** Shown instead of the list when there are no rows. */
  emptyMessage: string;
  /** Runs after the palette has closed and given focus back, so the choice can move focus where it wants. */
  onChoose: (id: string) => void;
  onClose: () => void;
}

/**
 * A modal list to pick from by typing (the command palette and quick open). A native modal <dialog>, so the page
 * behind is inert; cmdk handles ↑ ↓ Home End, Enter and the pointer over the rows it is given (filtering is the
 * caller's: `shouldFilter={false}`), Escape or a click outside closes, and focus returns to where it was.
 *
 * The input is ours, not cmdk's: cmdk's input always claims an expanded listbox, and its aria-activedescendant lags
 * behind the selection (it is read from the DOM before the options re-render). Here the selection is held in state
 * (reset to the best row on every keystroke) and the input points at the selected option once it is in the DOM.
 */
export function Palette({ label, placeholder, listLabel, query, onQueryChange, rows, moreCount, emptyMessage, onChoose, onClose }: PaletteProps): React.JSX.Element {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const returnFocusTo = useRef<Element | null>(null);
  const closed = useRef(false);
  /** The pick the list was last scrolled for, and whether it is scrolled away from its top (kept from its scroll events). */
  const scrolledFor = useRef('');
  const listScrolled = useRef(false);
  const [picked, setPicked] = useState('');
  const selected = rows.some((row) => row.id === picked) ? picked : (rows[0]?.id ?? '');

  const giveFocusBack = (): void => {
    const target = returnFocusTo.current;
    returnFocusTo.current = null;
    if (target instanceof HTMLElement && target.isConnected) target.focus({ preventScroll: true });
  };

  useLayoutEffect(() => {
    const dialog = dialogRef.current!;
    closed.current = false;
    returnFocusTo.current = document.activeElement;
    if (!dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => {
      // Unmounted without being closed (the app replaced it): still leave the page as it was found.
      if (closed.current) return;
      closed.current = true;
      if (dialog.open) dialog.close();
      giveFocusBack();
    };
  }, []);

  // After every render the options are in the DOM (cmdk gives them their ids): point the input at the list and at
  // the selected option. Only a move with the keys or the pointer scrolls the option into view; a new query selects
  // the first row, so the list goes back to its top (scrollIntoView on every keystroke would force a layout each time).
  useLayoutEffect(() => {
    const input = inputRef.current!;
    const list = listRef.current;
    const option = list ? [...list.querySelectorAll('[role="option"]')].find((element) => element.getAttribute('data-value') === selected) : undefined;
    setAttribute(input, 'aria-controls', list?.id);
    setAttribute(input, 'aria-activedescendant', option?.id);
    if (picked !== scrolledFor.current) {
      scrolledFor.current = picked;
      if (picked === '') {
        if (list && listScrolled.current) list.scrollTop = 0;
      } else {
        option?.scrollIntoView({ block: 'nearest' });
      }
    }
  });

  const close = useCallback((): void => {
    if (closed.current) return;
    closed.current = true;
    // Closed before focus moves back: while the dialog is modal, nothing outside it can take focus.
    dialogRef.current?.close();
    giveFocusBack();
    onClose();
  }, [onClose]);

  const choose = useCallback(
    (id: string): void => {
      close();
      onChoose(id);
    },
    [close, onChoose],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      // The input is the only stop: Tab would otherwise leave the dialog for the browser's own controls.
      event.preventDefault();
    }
  };

  const hasRows = rows.length > 0;
  return (
    <dialog
      ref={dialogRef}
      className="bd-palette"
      aria-label={label}
      // The query the rows answer: lets tests and the benchmark tell the current list from an earlier one.
      data-palette-query={query}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClose={close}
      onMouseDown={(event) => {
        // The dialog element itself is only reachable outside its content: a click on the backdrop.
        if (event.target === event.currentTarget) close();
        // Anywhere else, typing goes on in the input (a row's click still chooses it).
        else if (event.target !== inputRef.current) event.preventDefault();
      }}
    >
      <Command shouldFilter={false} value={selected} onValueChange={setPicked} loop vimBindings={false} className="bd-palette-body">
        <input
          ref={inputRef}
          className="bd-palette-input"
          role="combobox"
          aria-label={label}
          aria-autocomplete="list"
          aria-expanded={hasRows}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={query}
          onChange={(event) => {
            setPicked('');
            onQueryChange(event.target.value);
          }}
          onKeyDown={(event) => {
            // Home and End move the caret in the text, as in any text field, rather than the selection.
            if (event.key === 'Home' || event.key === 'End') event.stopPropagation();
          }}
        />
        {hasRows ? (
          <Command.List ref={listRef} className="bd-palette-list" label={listLabel} onScroll={(event) => (listScrolled.current = event.currentTarget.scrollTop > 0)}>
            {rows.map((row) => (
              <Command.Item key={row.id} value={row.id} onSelect={choose} className="bd-palette-row">
                <span className="bd-palette-text">
                  <Highlighted text={row.text} ranges={row.ranges} prefixLength={row.prefixLength ?? 0} />
                </span>
                {row.badge && (
                  <span className="bd-palette-badge" title={row.badge.description}>
                    {row.badge.label}
                  </span>
                )}
                {row.aside !== undefined && <span className="bd-palette-aside">{row.aside}</span>}
              </Command.Item>
            ))}
          </Command.List>
        ) : (
          <p className="bd-palette-empty" role="status">
            {emptyMessage}
          </p>
        )}
        {moreCount > 0 && (
          <p className="bd-palette-more">
            …{moreCount.toLocaleString()} more: type to narrow the list
          </p>
        )}
      </Command>
    </dialog>
  );
}

function setAttribute(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** The text with its matched ranges in <mark>, the first `prefixLength` characters muted. */
function Highlighted({ text, ranges, prefixLength }: { text: string; ranges: readonly MatchRange[]; prefixLength: number }): React.JSX.Element {
  const pieces: ReactNode[] = [];
  const add = (from: number, to: number, matched: boolean): void => {
    if (from >= to) return;
    const piece = text.slice(from, to);
    const content = matched ? (
      <mark key={from} className="bd-palette-match">
        {piece}
      </mark>
    ) : (
      piece
    );
    pieces.push(
      from < prefixLength ? (
        <span key={from} className="bd-palette-prefix">
          {content}
        </span>
      ) : (
        content
      ),
    );
  };
  // Each piece is either matched or not, and either in the prefix or not.
  const split = (from: number, to: number, matched: boolean): void => {
    const cut = Math.min(Math.max(prefixLength, from), to);
    add(from, cut, matched);
    add(cut, to, matched);
  };
  let at = 0;
  for (const range of ranges) {
    split(at, range.start, false);
    split(range.start, range.end, true);
    at = range.end;
  }
  split(at, text.length, false);
  return <>{pieces}</>;
}
