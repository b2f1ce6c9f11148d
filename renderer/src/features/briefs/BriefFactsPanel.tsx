import { useMemo, useState } from 'react';
import { FactKindSchema, type Fact, type FactKind } from '../../../../shared/model/fact';
import { FactKindBadge } from '../../components/FactKindBadge';
import { KindFilter } from '../../components/KindFilter';

interface BriefFactsPanelProps {
  facts: readonly Fact[];
  mentions: ReadonlyMap<string, readonly string[]>;
  unlinked: readonly string[];
  onGoToMention: (factId: string, index: number) => void;
  /** Links an unlinked fact again; undefined for a read-only brief, which shows the list without the button. */
  onRelink: ((factId: string) => void) | undefined;
}

/** The facts this brief references (click to cycle through the mentions) and the catalogue facts it does not use yet. */
export function BriefFactsPanel({ facts, mentions, unlinked, onGoToMention, onRelink }: BriefFactsPanelProps): React.JSX.Element {
  const [kind, setKind] = useState<FactKind | ''>('');
  const [cursor, setCursor] = useState<Record<string, number>>({});
  const shown = useMemo(() => facts.filter((f) => !kind || f.kind === kind), [facts, kind]);
  const used = shown.filter((f) => mentions.has(f.id)).sort((a, b) => (mentions.get(b.id)?.length ?? 0) - (mentions.get(a.id)?.length ?? 0));
  const unused = shown.filter((f) => !mentions.has(f.id));
  const go = (factId: string): void => {
    const index = cursor[factId] ?? 0;
    onGoToMention(factId, index);
    setCursor({ ...cursor, [factId]: index + 1 });
  };
  return (
    <div className="bd-brief-facts">
      <div className="bd-facts-filters">
        <KindFilter kinds={FactKindSchema.options} value={kind} onChange={setKind} />
      </div>
      <h3 className="bd-facts-section">Referenced ({used.length})</h3>
      {used.length === 0 && <p className="bd-muted bd-pad">No references yet: name a person, place or event from the catalogue, or type @.</p>}
      <ul className="bd-fact-list" aria-label="Referenced facts">
        {used.map((fact) => (
          <li key={fact.id}>
            <button type="button" className="bd-fact-item" title="Go to the next mention" onClick={() => go(fact.id)}>
              <span>{fact.label}</span>
              <span className="bd-count" aria-label={`${mentions.get(fact.id)?.length ?? 0} mentions`}>
                {mentions.get(fact.id)?.length}
              </span>
              <FactKindBadge kind={fact.kind} />
            </button>
          </li>
        ))}
      </ul>
      {unlinked.length > 0 && (
        <>
          <h3 className="bd-facts-section">Unlinked in this brief</h3>
          <ul className="bd-fact-list" aria-label="Unlinked facts">
            {unlinked.map((id) => (
              <li key={id} className="bd-fact-item">
                <span>{facts.find((f) => f.id === id)?.label ?? id}</span>
                {onRelink && (
                  <button type="button" className="bd-link-button" onClick={() => onRelink(id)}>
                    Link again
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="bd-facts-section">Not used yet ({unused.length})</h3>
      <ul className="bd-fact-list" aria-label="Unused facts">
        {unused.map((fact) => (
          <li key={fact.id} className="bd-fact-item">
            <span>{fact.label}</span>
            <FactKindBadge kind={fact.kind} />
          </li>
        ))}
      </ul>
    </div>
  );
}
