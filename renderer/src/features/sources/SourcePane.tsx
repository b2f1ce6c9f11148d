import { useEffect, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Source } from '../../../../shared/model/source';
import { SourceTextView } from '../../components/SourceTextView';

/** A passage to show: which source, which characters, and a counter that changes on every request to flash it. */
export interface SourceTarget {
  sourceId: string;
  start: number;
  end: number;
  request: number;
}

/**
 * The one source viewer: the source beside the brief, scrolled to the passage and flashed, so the analyst can read
 * around a claim while writing. Every "Show in source" (hover card, Facts panel, In this brief) lands here.
 */
export function SourcePane({ api, target }: { api: BriefdeskApi; target: SourceTarget | undefined }): React.JSX.Element {
  const [source, setSource] = useState<Source>();
  const [error, setError] = useState<string>();
  const sourceId = target?.sourceId;

  useEffect(() => {
    if (!sourceId) return;
    let current = true;
    void api.sources.get({ id: sourceId }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSource(result.value);
        setError(undefined);
      } else {
        setError(result.error.message);
      }
    });
    return () => {
      current = false;
    };
  }, [api, sourceId]);

  if (!target) return <p className="bd-muted bd-pad">Choose “Show in source” on a fact to read its passage here.</p>;
  if (error) return <p className="bd-error bd-pad" role="alert">{error}</p>;
  if (!source || source.id !== target.sourceId) return <p className="bd-muted bd-pad">Loading the source…</p>;
  return (
    <div className="bd-source-pane">
      <header className="bd-source-meta">
        <h3>{source.title}</h3>
        <p className="bd-muted">
          {source.publisher} · {source.publishedAt}
        </p>
      </header>
      <SourceTextView text={source.text} mark={{ start: target.start, end: target.end }} flashKey={target.request} />
    </div>
  );
}
