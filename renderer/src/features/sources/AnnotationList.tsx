import { useEffect, useId, useState } from 'react';
import type { AnnotationFilter, Colours } from '../../../../shared/contract/annotations';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { AnnotationColourSchema, type Annotation, type AnnotationColour } from '../../../../shared/model/annotation';
import type { FactChoice } from '../../components/AnnotationToolbar';
import type { SourceSummary } from '../../../../shared/contract/sources';

interface AnnotationListProps {
  api: BriefdeskApi;
  /** The source open in the reader: the list shows its annotations, or every source's. */
  sourceId: string;
  sources: readonly SourceSummary[];
  colours: Colours['colours'];
  facts: readonly FactChoice[];
  knownTags: readonly string[];
  onRenameColour: (id: AnnotationColour, name: string) => Promise<string | undefined>;
  onOpen: (annotation: Annotation) => void;
}

/**
 * The annotations of this source or of every source, filtered by colour, tag, linked fact and words (the host's
 * `annotations.listAll` filter), each opening its passage; and the names of the colours, to rename.
 */
export function AnnotationList({ api, sourceId, sources, colours, facts, knownTags, onRenameColour, onOpen }: AnnotationListProps): React.JSX.Element {
  const [everySource, setEverySource] = useState(false);
  const [color, setColor] = useState<AnnotationColour | ''>('');
  const [tag, setTag] = useState('');
  const [factId, setFactId] = useState('');
  const [words, setWords] = useState('');
  const [annotations, setAnnotations] = useState<readonly Annotation[]>();
  const [problem, setProblem] = useState<string>();
  const tagListId = useId();

  useEffect(() => {
    let current = true;
    const filter: AnnotationFilter = {
      ...(color ? { color } : {}),
      ...(tag.trim() ? { tag: tag.trim() } : {}),
      ...(factId ? { factId } : {}),
      ...(words.trim() ? { text: words.trim() } : {}),
    };
    const load = (): void =>
      void api.annotations.listAll(filter).then((result) => {
        if (!current) return;
        if (!result.ok) return setProblem(result.error.message);
        setProblem(result.value.damaged.length ? `Not read: ${result.value.damaged.map((d) => `${d.file} (${d.problem})`).join('; ')}` : undefined);
        setAnnotations(result.value.annotations);
      });
    load();
    const unsubscribe = api.subscribe('annotations.changed', load);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, color, tag, factId, words]);

  const shown = (annotations ?? []).filter((annotation) => everySource || annotation.sourceId === sourceId);
  const titleOf = (id: string): string => sources.find((s) => s.id === id)?.title ?? id;
  const colourName = (id: string): string => colours.find((c) => c.id === id)?.name ?? id;

  return (
    <div className="bd-annotation-list">
      <div className="bd-annotation-filters">
        <label>
          Annotations of
          <select value={everySource ? 'all' : 'this'} onChange={(event) => setEverySource(event.target.value === 'all')}>
            <option value="this">this source</option>
            <option value="all">every source</option>
          </select>
        </label>
        <label>
          Colour
          <select value={color} onChange={(event) => setColor(event.target.value ? AnnotationColourSchema.parse(event.target.value) : '')}>
            <option value="">Any</option>
            {colours.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input list={tagListId} value={tag} onChange={(event) => setTag(event.target.value)} />
        </label>
        <datalist id={tagListId}>
          {knownTags.map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
        <label>
          Fact
          <select value={factId} onChange={(event) => setFactId(event.target.value)}>
            <option value="">Any</option>
            {facts.map((fact) => (
              <option key={fact.id} value={fact.id}>
                {fact.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Words
          <input type="search" value={words} onChange={(event) => setWords(event.target.value)} />
        </label>
      </div>
      {problem && <p className="bd-error">{problem}</p>}
      {annotations === undefined ? (
        <p className="bd-muted bd-pad">Loading the annotations…</p>
      ) : shown.length === 0 ? (
        <p className="bd-muted bd-pad">No annotations{color || tag || factId || words ? ' match' : ' yet: select a passage to highlight it'}.</p>
      ) : (
        <ul className="bd-annotation-items" aria-label="Annotation list">
          {shown.map((annotation) => (
            <li key={annotation.id}>
              <button type="button" className="bd-annotation-item" data-color={annotation.color} onClick={() => onOpen(annotation)}>
                <span className="bd-annotation-quote">“{annotation.target.selectors[0].exact}”</span>
                {annotation.comment && <span className="bd-annotation-comment">{annotation.comment}</span>}
                <span className="bd-muted">
                  {[colourName(annotation.color), annotation.tags.map((t) => `#${t}`).join(' '), annotation.factId && facts.find((f) => f.id === annotation.factId)?.label, everySource && titleOf(annotation.sourceId)].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="bd-colour-names">
        <summary>Colour names</summary>
        {colours.map((c) => (
          <ColourName key={c.id} id={c.id} name={c.name} onRename={onRenameColour} />
        ))}
      </details>
    </div>
  );
}

function ColourName({ id, name, onRename }: { id: AnnotationColour; name: string; onRename: (id: AnnotationColour, name: string) => Promise<string | undefined> }): React.JSX.Element {
  const [typed, setTyped] = useState(name);
  const [problem, setProblem] = useState<string>();
  return (
    <form
      className="bd-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onRename(id, typed.trim()).then(setProblem);
      }}
    >
      <span className="bd-swatch" data-color={id} aria-hidden="true" />
      <input aria-label={`Name of the ${id} highlight`} value={typed} onChange={(event) => setTyped(event.target.value)} />
      <button type="submit" className="bd-button" disabled={!typed.trim() || typed.trim() === name}>
        Rename
      </button>
      {problem && <span className="bd-error">{problem}</span>}
    </form>
  );
}
