import { useEffect, useId, useRef, useState } from 'react';

export interface ColourChoice {
  id: string;
  name: string;
}

export interface FactChoice {
  id: string;
  label: string;
}

/** What the toolbar edits: the annotation chosen, or nothing yet for a fresh selection. */
export interface AnnotationFields {
  color: string;
  comment: string;
  tags: readonly string[];
  factId: string | undefined;
}

export type ToolbarPanel = 'comment' | 'tags' | 'fact' | undefined;

interface AnnotationToolbarProps {
  /** Viewport position to open at (below the selection). */
  position: { left: number; top: number };
  colours: readonly ColourChoice[];
  facts: readonly FactChoice[];
  /** Tags in use anywhere, most used first, offered while typing one. */
  knownTags: readonly string[];
  /** Undefined for a selection that is not annotated yet: any action annotates it. */
  current: AnnotationFields | undefined;
  /** Which panel to open with: a command ("Tag selection") opens the toolbar at its field. */
  panel: ToolbarPanel;
  onPanel: (panel: ToolbarPanel) => void;
  onHighlight: (color: string) => void;
  onComment: (comment: string) => void;
  onTags: (tags: string[]) => void;
  onFact: (factId: string | undefined) => void;
  onNewFact: () => void;
  /** Set when the passage has a fact: quotes it in the open brief, followed by a reference to that fact. */
  onQuote?: () => void;
  onDelete?: () => void;
  onClose: () => void;
}

/**
 * The small toolbar over a selection in a source (or a highlight chosen in it): colours, comment, tags, a fact to
 * link and a new fact from the passage. One Tab stop per control; Escape closes it without closing the pane.
 */
export function AnnotationToolbar(props: AnnotationToolbarProps): React.JSX.Element {
  const { position, colours, facts, knownTags, current, panel, onPanel } = props;
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    const toolbar = ref.current;
    if (panel) return void toolbar?.querySelector<HTMLElement>('.bd-annotation-panel textarea, .bd-annotation-panel input, .bd-annotation-panel select')?.focus();
    // A panel closing takes the focus with it: it goes back to the toolbar, so Escape and Tab still work there.
    if (document.activeElement === document.body) toolbar?.querySelector<HTMLElement>('button')?.focus();
  }, [panel]);

  const toggle = (next: Exclude<ToolbarPanel, undefined>): void => onPanel(panel === next ? undefined : next);
  return (
    <div
      ref={ref}
      className="bd-annotation-toolbar"
      role="dialog"
      aria-label={current ? 'Annotation' : 'Annotate the selection'}
      style={{ left: position.left, top: position.top }}
      // Clicking the toolbar keeps the selection it acts on.
      onMouseDown={(event) => {
        if (!(event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement)) event.preventDefault();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        if (panel) onPanel(undefined);
        else props.onClose();
      }}
    >
      <div role="toolbar" aria-label="Highlight and annotate" className="bd-annotation-tools">
        {colours.map((colour) => (
          <button
            key={colour.id}
            type="button"
            className="bd-swatch"
            data-color={colour.id}
            aria-label={`Highlight ${colour.name}`}
            title={`Highlight: ${colour.name}`}
            aria-pressed={current ? current.color === colour.id : undefined}
            onClick={() => props.onHighlight(colour.id)}
          />
        ))}
        <button type="button" className="bd-button" aria-expanded={panel === 'comment'} onClick={() => toggle('comment')}>
          Comment{current?.comment ? ' •' : ''}
        </button>
        <button type="button" className="bd-button" aria-expanded={panel === 'tags'} onClick={() => toggle('tags')}>
          Tags{current?.tags.length ? ` (${current.tags.length})` : ''}
        </button>
        <button type="button" className="bd-button" aria-expanded={panel === 'fact'} onClick={() => toggle('fact')}>
          Link fact
        </button>
        <button type="button" className="bd-button" onClick={props.onNewFact}>
          New fact from selection
        </button>
        {props.onQuote && (
          <button type="button" className="bd-button" onClick={props.onQuote}>
            Quote in brief
          </button>
        )}
        {props.onDelete && (
          <button type="button" className="bd-button is-danger" onClick={props.onDelete}>
            Delete
          </button>
        )}
      </div>
      {panel === 'comment' && <CommentPanel initial={current?.comment ?? ''} onSave={props.onComment} onCancel={() => onPanel(undefined)} />}
      {panel === 'tags' && <TagsPanel listId={`${id}-tags`} tags={current?.tags ?? []} knownTags={knownTags} onTags={props.onTags} />}
      {panel === 'fact' && (
        <div className="bd-annotation-panel">
          <label>
            Linked fact
            <select value={current?.factId ?? ''} onChange={(event) => props.onFact(event.target.value || undefined)}>
              <option value="">No fact</option>
              {facts.map((fact) => (
                <option key={fact.id} value={fact.id}>
                  {fact.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </div>
  );
}

function CommentPanel({ initial, onSave, onCancel }: { initial: string; onSave: (comment: string) => void; onCancel: () => void }): React.JSX.Element {
  const [comment, setComment] = useState(initial);
  return (
    <form
      className="bd-annotation-panel"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(comment.trim());
      }}
    >
      <label>
        Comment
        <textarea
          rows={3}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              onSave(comment.trim());
            }
          }}
        />
      </label>
      <span className="bd-annotation-actions">
        <button type="submit" className="bd-button is-primary">
          Save comment
        </button>
        <button type="button" className="bd-button" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </form>
  );
}

function TagsPanel({ listId, tags, knownTags, onTags }: { listId: string; tags: readonly string[]; knownTags: readonly string[]; onTags: (tags: string[]) => void }): React.JSX.Element {
  const [typed, setTyped] = useState('');
  const add = (): void => {
    const tag = typed.trim();
    setTyped('');
    if (tag && !tags.some((other) => other.toLowerCase() === tag.toLowerCase())) onTags([...tags, tag]);
  };
  return (
    <div className="bd-annotation-panel">
      {tags.length > 0 && (
        <ul className="bd-aliases" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="bd-alias">
              {tag}
              <button type="button" aria-label={`Remove the tag ${tag}`} onClick={() => onTags(tags.filter((other) => other !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        Add a tag
        <input
          list={listId}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              add();
            }
          }}
        />
      </label>
      <datalist id={listId}>
        {knownTags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <button type="button" className="bd-button" onClick={add} disabled={!typed.trim()}>
        Add tag
      </button>
    </div>
  );
}
