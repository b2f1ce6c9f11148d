import { useMemo, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { AnchorView } from '../../../../shared/contract/facts';
import { FactKindSchema, type FactKind } from '../../../../shared/model/fact';
import { isStale } from '../../../../shared/lib/staleClaims';
import { ALIAS_LIMITS } from '../../../../shared/limits';
import { Dialog } from '../../components/Dialog';
import { SourceChangedFlag } from '../../components/FactCard';
import { FactKindBadge } from '../../components/FactKindBadge';
import { KindFilter } from '../../components/KindFilter';
import { FactDetail } from './FactDetail';
import { FactForm } from '../../components/FactForm';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { followJob } from '../../api/followJob';
import { useFacts } from '../../api/useFacts';
import './facts.css';

/**
 * The Facts pane: every catalogued fact, filtered by kind or text (or to those whose source changed under them), with
 * its anchors, the briefs that cite it, and the tools to curate it.
 */
interface FactsPanelProps {
  api: BriefdeskApi;
  notifications: NotificationStore;
  onShowSource: (anchor: AnchorView) => void;
  onOpenBrief: (briefId: string) => void;
}

export function FactsPanel({ api, notifications, onShowSource, onOpenBrief }: FactsPanelProps): React.JSX.Element {
  const { facts, error } = useFacts(api);
  const [kind, setKind] = useState<FactKind | ''>('');
  const [query, setQuery] = useState('');
  const [needsReview, setNeedsReview] = useState(false);
  const [selected, setSelected] = useState<string>();
  const [creating, setCreating] = useState(false);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (facts ?? []).filter(
      (f) =>
        (!kind || f.kind === kind) &&
        (!needsReview || isStale(f)) &&
        (!q || f.label.toLowerCase().includes(q) || f.summary.toLowerCase().includes(q) || f.aliases.some((a) => a.text.toLowerCase().includes(q))),
    );
  }, [facts, kind, query, needsReview]);
  const staleCount = useMemo(() => (facts ?? []).filter(isStale).length, [facts]);
  const catalogueId = facts?.[0]?.catalogueId;

  return (
    <div className="bd-facts">
      <div className="bd-facts-head">
        <button type="button" className="bd-button" onClick={() => setCreating(true)} disabled={!catalogueId}>
          New fact
        </button>
      </div>
      <div className="bd-facts-filters">
        <KindFilter kinds={FactKindSchema.options} value={kind} onChange={setKind} />
        <input aria-label="Filter facts" placeholder="Filter…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="bd-facts-review-filter" title="Only facts whose supporting source text changed">
          <input type="checkbox" checked={needsReview} onChange={(e) => setNeedsReview(e.target.checked)} /> Needs review ({staleCount})
        </label>
      </div>
      {error && <p className="bd-error bd-pad">{error}</p>}
      {facts === undefined ? (
        <p className="bd-muted bd-pad">Loading facts…</p>
      ) : facts.length === 0 ? (
        <p className="bd-muted bd-pad">No facts in this workspace. Add one, or put a catalogue in its facts/ folder.</p>
      ) : (
        <ul className="bd-fact-list" aria-label="Fact list">
          {shown.map((fact) => (
            <li key={fact.id}>
              <button
                type="button"
                className={`bd-fact-item${fact.id === selected ? ' is-selected' : ''}`}
                aria-current={fact.id === selected ? 'true' : undefined}
                onClick={() => setSelected(fact.id === selected ? undefined : fact.id)}
              >
                <span>{fact.label}</span>
                {isStale(fact) && <SourceChangedFlag />}
                <FactKindBadge kind={fact.kind} />
              </button>
              {fact.id === selected && (
                <FactDetail
                  api={api}
                  factId={fact.id}
                  allFacts={facts}
                  onShowSource={onShowSource}
                  onOpenBrief={onOpenBrief}
                  onGone={() => {
                    setSelected(undefined);
                    notifications.post({ tone: 'info', text: `“${fact.label}” was deleted.` });
                  }}
                />
              )}
            </li>
          ))}
          {shown.length === 0 && <li className="bd-muted bd-pad">No fact matches this filter.</li>}
        </ul>
      )}
      {catalogueId && (
        <footer className="bd-facts-foot">
          <button
            type="button"
            className="bd-link-button"
            onClick={() =>
              void api.facts.reset({ catalogueId }).then((started) => {
                if (!started.ok) return void notifications.post({ tone: 'error', text: started.error.message });
                void followJob(api, notifications, started.value.jobId, 'Resetting the catalogue to the bundled version…');
              })
            }
          >
            Reset catalogue to the bundled version
          </button>
        </footer>
      )}
      {creating && catalogueId && (
        <Dialog title="New fact" onClose={() => setCreating(false)}>
          <FactForm
            kinds={FactKindSchema.options}
            aliasLimits={ALIAS_LIMITS}
            onSubmit={async (fact) => {
              const result = await api.facts.create({ catalogueId, fact: { ...fact, aliases: fact.aliases.map((text) => ({ text })), anchors: [] } });
              if (!result.ok) return result.error.message;
              setSelected(result.value.id);
              return undefined;
            }}
            onClose={() => setCreating(false)}
          />
        </Dialog>
      )}
    </div>
  );
}
