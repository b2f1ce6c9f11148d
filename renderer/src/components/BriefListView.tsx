export interface BriefListItem {
  id: string;
  title: string;
  updatedAt?: string | undefined;
  wordCount: number;
  damaged?: string | undefined;
  fileName?: string | undefined;
}

interface BriefListViewProps {
  items: readonly BriefListItem[] | undefined;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function BriefListView({ items, selectedId, onSelect }: BriefListViewProps): React.JSX.Element {
  if (items === undefined) return <p className="bd-muted bd-pad">Loading briefs…</p>;
  if (items.length === 0) return <p className="bd-muted bd-pad">No briefs yet. Create one to start writing.</p>;
  return (
    <ul className="bd-brief-list" aria-label="Briefs">
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className={`bd-brief-item${item.id === selectedId ? ' is-selected' : ''}${item.damaged ? ' is-damaged' : ''}`}
            aria-current={item.id === selectedId ? 'true' : undefined}
            title={item.damaged}
            onClick={() => onSelect(item.id)}
          >
            <span className="bd-brief-title">{item.title}</span>
            <span className="bd-brief-meta">
              {item.damaged
                ? `Damaged — ${item.fileName && item.fileName !== item.title ? `${item.fileName}, ` : ''}left untouched`
                : `${item.updatedAt ? dateFormat.format(new Date(item.updatedAt)) : ''} · ${item.wordCount} words`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
