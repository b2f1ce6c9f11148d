import type { KeyboardEvent } from 'react';

export interface BriefListItem {
  id: string;
  title: string;
  updatedAt?: string | undefined;
  wordCount: number;
  damaged?: string | undefined;
  fileName?: string | undefined;
}

/** A plain click (or Enter, Space) opens a brief; Ctrl/Cmd adds or removes it from the selection; Shift selects a range. */
export type BriefListGesture = 'open' | 'toggle' | 'range';

interface BriefListViewProps {
  items: readonly BriefListItem[] | undefined;
  /** The brief open in the editor. */
  currentId: string | undefined;
  selectedIds: readonly string[];
  onSelect: (id: string, gesture: BriefListGesture) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function gestureOf(event: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): BriefListGesture {
  if (event.shiftKey) return 'range';
  return event.ctrlKey || event.metaKey ? 'toggle' : 'open';
}

/** Arrow keys, Home and End move between the briefs, as in any list box. */
function moveFocus(event: KeyboardEvent<HTMLButtonElement>): void {
  const options = [...(event.currentTarget.closest('[role="listbox"]')?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
  const index = options.indexOf(event.currentTarget);
  const target = { ArrowDown: options[index + 1], ArrowUp: options[index - 1], Home: options[0], End: options.at(-1) }[event.key];
  if (!target) return;
  event.preventDefault();
  target.focus();
}

export function BriefListView({ items, currentId, selectedIds, onSelect }: BriefListViewProps): React.JSX.Element {
  if (items === undefined) return <p className="bd-muted bd-pad">Loading briefs…</p>;
  if (items.length === 0) return <p className="bd-muted bd-pad">No briefs yet. Create one to start writing.</p>;
  const several = selectedIds.length > 1;
  return (
    <ul className={`bd-brief-list${several ? ' has-several-selected' : ''}`} role="listbox" aria-label="Briefs" aria-multiselectable="true">
      {items.map((item) => {
        const selected = selectedIds.includes(item.id);
        return (
          <li key={item.id} role="none">
            <button
              type="button"
              role="option"
              className={`bd-brief-item${selected ? ' is-selected' : ''}${item.damaged ? ' is-damaged' : ''}`}
              aria-selected={selected}
              aria-current={item.id === currentId ? 'true' : undefined}
              title={item.damaged}
              // Shift+click would otherwise select the page's text between the two briefs.
              onMouseDown={(event) => event.shiftKey && event.preventDefault()}
              onClick={(event) => {
                // A click from the keyboard (detail 0) with a modifier was handled on its keydown.
                const gesture = gestureOf(event);
                if (event.detail === 0 && gesture !== 'open') return;
                onSelect(item.id, gesture);
              }}
              onKeyDown={(event) => {
                const gesture = gestureOf(event);
                if ((event.key === ' ' || event.key === 'Enter') && gesture !== 'open') {
                  event.preventDefault();
                  onSelect(item.id, gesture);
                } else if (!event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
                  moveFocus(event);
                }
              }}
            >
              <span className="bd-brief-title">{item.title}</span>
              <span className="bd-brief-meta">
                {item.damaged
                  ? `Damaged — ${item.fileName && item.fileName !== item.title ? `${item.fileName}, ` : ''}left untouched`
                  : `${item.updatedAt ? dateFormat.format(new Date(item.updatedAt)) : ''} · ${item.wordCount} words`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
