import { forwardRef, useId } from 'react';
import { FactKindBadge } from './FactKindBadge';

export interface FactCardData {
  factId: string;
  label: string;
  kind: string;
  summary: string;
  anchor?: { sentence: string; markStart: number; markEnd: number; sourceTitle: string } | undefined;
}

/** What became of one of the fact's supporting quotes when its source changed (an anchor's review). */
export interface SourceChange {
  grade: 'moved' | 'orphaned';
  /** The words the fact was supported by before the change. */
  previous: string;
  /** What stands there now (moved). */
  current?: string | undefined;
  /** Why the words could not be found (orphaned). */
  reason?: string | undefined;
}

export const SOURCE_CHANGED = 'Source changed';

/** The flag a stale claim carries wherever it is shown: an icon beside the words, never colour alone. */
export function SourceChangedFlag(): React.JSX.Element {
  return (
    <span className="bd-stale-flag">
      <span aria-hidden="true">⚠</span> {SOURCE_CHANGED}
    </span>
  );
}

/** One change, in words: the old words and the new (moved), or the old words and why they are gone (orphaned). */
export function SourceChangeView({ change }: { change: SourceChange }): React.JSX.Element {
  return change.grade === 'moved' ? (
    <p className="bd-source-change">
      <span className="bd-visually-hidden">Was: </span>
      <del>{change.previous}</del> <span aria-hidden="true">→</span>
      <span className="bd-visually-hidden"> now:</span> <ins>{change.current}</ins>
    </p>
  ) : (
    <p className="bd-source-change">
      <del>{change.previous}</del> is no longer in the source{change.reason ? `: ${change.reason}` : '.'}
    </p>
  );
}

interface FactCardProps {
  data: FactCardData | undefined;
  /** The fact's supporting quotes that changed with their source and wait for the analyst; empty when none. */
  changes: readonly SourceChange[];
  position: { left: number; top: number };
  onShowSource: () => void;
  /** The unlink buttons; left out for a brief that cannot be edited. */
  unlinking: { onUnlink: () => void; onUnlinkAll: () => void } | undefined;
  onClose: () => void;
}

export const NO_SOURCE_PASSAGE = 'No source passage supports this fact yet.';

/**
 * The card a fact reference shows on hover or Alt+Enter: what the fact is, and the source words behind it.
 * It can take focus itself (tabIndex -1), so Escape closes it even while it is still loading.
 */
export const FactCard = forwardRef<HTMLDivElement, FactCardProps>(function FactCard({ data, changes, position, onShowSource, unlinking, onClose }, ref) {
  const noSourceId = useId();
  return (
    <div
      ref={ref}
      className="bd-fact-card"
      role="dialog"
      aria-label={data ? `Fact: ${data.label}` : 'Fact'}
      tabIndex={-1}
      style={{ left: position.left, top: position.top }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      {!data ? (
        <p className="bd-muted" role="status">
          Loading…
        </p>
      ) : (
        <>
          <header>
            <strong>{data.label}</strong> <FactKindBadge kind={data.kind} />
          </header>
          <p className="bd-fact-card-summary">{data.summary}</p>
          {changes.length > 0 && (
            <section className="bd-fact-card-changes" aria-label={SOURCE_CHANGED}>
              <SourceChangedFlag />
              {changes.map((change, index) => (
                <SourceChangeView key={index} change={change} />
              ))}
            </section>
          )}
          {data.anchor ? (
            <>
              <blockquote className="bd-anchor-quote">
                {data.anchor.sentence.slice(0, data.anchor.markStart)}
                <mark>{data.anchor.sentence.slice(data.anchor.markStart, data.anchor.markEnd)}</mark>
                {data.anchor.sentence.slice(data.anchor.markEnd)}
              </blockquote>
              <p className="bd-muted bd-fact-card-source">{data.anchor.sourceTitle}</p>
            </>
          ) : (
            <p className="bd-muted" id={noSourceId}>
              {NO_SOURCE_PASSAGE}
            </p>
          )}
          <div className="bd-fact-card-actions">
            <button
              type="button"
              className="bd-button is-primary"
              onClick={onShowSource}
              disabled={!data.anchor}
              title={data.anchor ? undefined : NO_SOURCE_PASSAGE}
              aria-describedby={data.anchor ? undefined : noSourceId}
            >
              Show in source
            </button>
            {unlinking && (
              <>
                <button type="button" className="bd-button" onClick={unlinking.onUnlink} title="Unlink this mention (Ctrl+Shift+U)">
                  Unlink
                </button>
                <button type="button" className="bd-button" onClick={unlinking.onUnlinkAll}>
                  Unlink all in this brief
                </button>
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
});
