import { forwardRef, useId } from 'react';
import { FactKindBadge } from './FactKindBadge';

export interface FactCardData {
  factId: string;
  label: string;
  kind: string;
  summary: string;
  anchor?: { sentence: string; markStart: number; markEnd: number; sourceTitle: string } | undefined;
}

interface FactCardProps {
  data: FactCardData | undefined;
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
export const FactCard = forwardRef<HTMLDivElement, FactCardProps>(function FactCard({ data, position, onShowSource, unlinking, onClose }, ref) {
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
