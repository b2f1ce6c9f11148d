import { useEffect, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { AnchorView, CatalogueFact } from '../../../../shared/contract/facts';
import { Dialog } from '../../components/Dialog';
import { SourceChangedFlag, SourceChangeView } from '../../components/FactCard';
import { FactKindBadge } from '../../components/FactKindBadge';
import { FactForm } from '../../components/FactForm';
import { FactKindSchema, FollowingWordSchema } from '../../../../shared/model/fact';
import { ALIAS_LIMITS } from '../../../../shared/limits';

type Detail = CatalogueFact & { anchorViews: AnchorView[] };
type Citation = { briefId: string; title: string; count: number };

interface FactDetailProps {
  api: BriefdeskApi;
  factId: string;
  allFacts: readonly CatalogueFact[];
  onGone: () => void;
  /** Opens the anchor's passage in the source pane. */
  onShowSource: (anchor: AnchorView) => void;
  onOpenBrief: (briefId: string) => void;
}

export function FactDetail({ api, factId, allFacts, onGone, onShowSource, onOpenBrief }: FactDetailProps): React.JSX.Element {
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const [refusedDelete, setRefusedDelete] = useState(false);
  const [newAlias, setNewAlias] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [notBefore, setNotBefore] = useState('');
  const [mergeFrom, setMergeFrom] = useState('');
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void api.facts.get({ id: factId }).then((r) => (r.ok ? setDetail(r.value) : setError(r.error.message)));
  }, [api, factId, version]);
  useEffect(() => api.subscribe('facts.changed', () => setVersion((v) => v + 1)), [api]);
  const citations = useCitations(api, factId);

  const report = (result: { ok: boolean; error?: { message: string } }): boolean => {
    if (!result.ok) setError(result.error?.message);
    else setError(undefined);
    return result.ok;
  };

  if (!detail) return <p className="bd-muted bd-pad">{error ?? 'Loading…'}</p>;

  const remove = async (force: boolean): Promise<void> => {
    const result = await api.facts.delete({ id: detail.id, force });
    if (result.ok) return onGone();
    setError(result.error.message);
    setRefusedDelete(result.error.code === 'refused');
  };

  return (
    <section className="bd-fact-detail" aria-label={`Fact: ${detail.label}`}>
      <header>
        <h3>{detail.label}</h3>
        <FactKindBadge kind={detail.kind} />
        {detail.date && <span className="bd-muted">{detail.date}</span>}
      </header>
      <p>{detail.summary}</p>
      {detail.tags.length > 0 && <p className="bd-muted">Tags: {detail.tags.join(', ')}</p>}
      {error && (
        <p className="bd-error" role="alert">
          {error}{' '}
          {refusedDelete && (
            <button type="button" className="bd-button" onClick={() => void remove(true)}>
              Delete anyway
            </button>
          )}
        </p>
      )}

      <h4>Supporting source text</h4>
      {detail.anchorViews.length === 0 && <p className="bd-muted">No anchors: this fact is not tied to a source passage yet.</p>}
      <ul className="bd-anchors">
        {detail.anchorViews.map((anchor, index) => (
          <li key={index}>
            <blockquote className="bd-anchor-quote">
              {anchor.sentence.slice(0, anchor.markStart)}
              <mark>{anchor.sentence.slice(anchor.markStart, anchor.markEnd)}</mark>
              {anchor.sentence.slice(anchor.markEnd)}
            </blockquote>
            <span className="bd-muted">{anchor.sourceTitle}</span>
            {anchor.problem && <span className="bd-error"> · {anchor.problem}</span>}{' '}
            <button type="button" className="bd-link-button" onClick={() => onShowSource(anchor)}>
              Show in source
            </button>
            <AnchorReview
              review={detail.anchors[index]?.review}
              onAccept={() => void api.facts.acceptAnchor({ id: detail.id, anchorIndex: index }).then(report)}
            />
          </li>
        ))}
      </ul>

      <h4>Where used</h4>
      {citations === undefined ? (
        <p className="bd-muted">Looking for briefs that cite it…</p>
      ) : citations.length === 0 ? (
        <p className="bd-muted">No brief cites this fact.</p>
      ) : (
        <ul className="bd-citations" aria-label="Briefs citing this fact">
          {citations.map((citation) => (
            <li key={citation.briefId}>
              <button type="button" className="bd-link-button" onClick={() => onOpenBrief(citation.briefId)}>
                {citation.title}
              </button>{' '}
              <span className="bd-muted">
                {citation.count} {citation.count === 1 ? 'reference' : 'references'}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h4>Aliases</h4>
      <ul className="bd-aliases" aria-label="Aliases">
        {detail.aliases.map((alias) => (
          <li key={alias.text} className="bd-alias">
            <span>{alias.text}</span>
            {alias.caseSensitive && <abbr title="Matched only with this capitalisation">Aa</abbr>}
            {alias.analystForm && <abbr title="Used by analysts; not in the source text">analyst</abbr>}
            {alias.unlessFollowedBy && (
              <abbr title={`Not a mention when the next word is ${alias.unlessFollowedBy.map((w) => `“${w}”`).join(' or ')}`}>
                not before {alias.unlessFollowedBy.join(', ')}
              </abbr>
            )}
            <button
              type="button"
              aria-label={`Remove alias ${alias.text}`}
              onClick={() => void api.facts.removeAlias({ id: detail.id, text: alias.text }).then(report)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="bd-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!newAlias.trim()) return;
          const unlessFollowedBy = notBefore.split(/[\s,]+/).filter(Boolean);
          const notAWord = unlessFollowedBy.find((word) => !FollowingWordSchema.safeParse(word).success);
          if (notAWord !== undefined) {
            setError(`“${notAWord}” cannot be a “not before” word: give words of letters and digits only, like “Korean”.`);
            return;
          }
          const alias = { text: newAlias.trim(), caseSensitive, analystForm: false, ambiguous: false };
          void api.facts
            .addAlias({ id: detail.id, alias: unlessFollowedBy.length > 0 ? { ...alias, unlessFollowedBy } : alias })
            .then((r) => {
              if (!report(r)) return;
              setNewAlias('');
              setNotBefore('');
            });
        }}
      >
        <input aria-label="New alias" placeholder="Add an alias…" value={newAlias} onChange={(e) => setNewAlias(e.target.value)} />
        <label title="Match only with this exact capitalisation (for short words like US, UN, Moon)">
          <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} /> Aa
        </label>
        <input
          aria-label="Not before"
          title="Words after which the alias is not a mention, e.g. Korean for “the North”"
          placeholder="not before… (optional)"
          value={notBefore}
          onChange={(e) => setNotBefore(e.target.value)}
        />
        <button type="submit" className="bd-button">
          Add
        </button>
      </form>

      <h4>Merge</h4>
      <form
        className="bd-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!mergeFrom) return;
          void api.facts.merge({ keepId: detail.id, mergeId: mergeFrom }).then((r) => report(r) && setMergeFrom(''));
        }}
      >
        <select aria-label="Fact to merge into this one" value={mergeFrom} onChange={(e) => setMergeFrom(e.target.value)}>
          <option value="">Merge another fact into this one…</option>
          {allFacts
            .filter((f) => f.id !== detail.id)
            .map((f) => (
              <option key={f.id} value={f.id}>
                {f.label} ({f.kind})
              </option>
            ))}
        </select>
        <button type="submit" className="bd-button" disabled={!mergeFrom}>
          Merge
        </button>
      </form>

      <div className="bd-form-actions">
        <button type="button" className="bd-button" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" className="bd-button" onClick={() => void remove(false)}>
          Delete
        </button>
      </div>

      {editing && (
        <Dialog title={`Edit ${detail.label}`} onClose={() => setEditing(false)}>
          <FactForm
            kinds={FactKindSchema.options}
            initial={detail}
            idLocked
            aliasLimits={ALIAS_LIMITS}
            onSubmit={async (fact) => {
              const { anchorViews: _views, catalogueId: _catalogue, ...current } = detail;
              // An alias kept by name keeps its flags (case, analyst form, "not before" words); a new one starts plain.
              const aliases = fact.aliases.map((text) => current.aliases.find((alias) => alias.text === text) ?? { text });
              const result = await api.facts.update({ fact: { ...current, ...fact, aliases, anchors: current.anchors } });
              return result.ok ? undefined : result.error.message;
            }}
            onClose={() => setEditing(false)}
          />
        </Dialog>
      )}
    </section>
  );
}

/** The briefs that cite a fact, with how often, kept current as briefs and facts change. */
function useCitations(api: BriefdeskApi, factId: string): Citation[] | undefined {
  const [citations, setCitations] = useState<Citation[]>();
  useEffect(() => {
    let current = true;
    const load = (): void =>
      void api.facts.references({ id: factId }).then((result) => {
        if (current) setCitations(result.ok ? result.value : []);
      });
    load();
    const unsubscribers = [api.subscribe('briefs.changed', load), api.subscribe('facts.changed', load)];
    return () => {
      current = false;
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, [api, factId]);
  return citations;
}

/**
 * What changed under one supporting quote when its source changed: the old words and the new, to accept as they now
 * stand, or the old words that are gone, to attach again by selecting the passage in the Source pane.
 */
function AnchorReview({ review, onAccept }: { review: CatalogueFact['anchors'][number]['review']; onAccept: () => void }): React.JSX.Element | null {
  if (!review) return null;
  return (
    <div className="bd-anchor-review">
      <SourceChangedFlag />
      <SourceChangeView change={review} />
      {review.grade === 'moved' ? (
        <button type="button" className="bd-button" onClick={onAccept}>
          Accept the new words
        </button>
      ) : (
        <p className="bd-muted">Show in source goes to where the words were: select the passage that supports the fact there to attach it again.</p>
      )}
    </div>
  );
}
