import { useCallback, useEffect, useState } from 'react';
import type { Colours } from '../../../../shared/contract/annotations';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { namedColours, type AnnotationColour } from '../../../../shared/model/annotation';
import type { SourceSummary } from '../../../../shared/contract/sources';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { gradeOf } from './SourceDetails';
import type { ReaderActions } from './sourceCommands';
import { SourceReader, type AnnotationJump } from './SourceReader';
import './sources.css';
import type { QuotedPassage } from '../../editor/plugins/SourceQuotePlugin';

/** A passage to show: which source, which characters, and a counter that changes on every request to flash it. */
export interface SourceTarget {
  sourceId: string;
  start: number;
  end: number;
  request: number;
}


interface SourcePaneProps {
  api: BriefdeskApi;
  notifications: NotificationStore;
  target: SourceTarget | undefined;
  /** The source open in the reader; undefined shows the list of sources. */
  openSourceId: string | undefined;
  onOpenSource: (id: string | undefined) => void;
  onReader: (actions: ReaderActions | undefined) => void;
  onQuote: (passage: QuotedPassage) => string | undefined;
  /** Files dropped on the list of sources, to import. */
  onDropFiles: (files: readonly File[]) => void;
}

/**
 * The one source viewer: the list of the workspace's sources and, for the one chosen, a reader with its
 * annotations. Every "Show in source" (hover card, Facts panel, In this brief) lands here, scrolled to the passage.
 */
export function SourcePane({ api, notifications, target, openSourceId, onOpenSource, onReader, onQuote, onDropFiles }: SourcePaneProps): React.JSX.Element {
  const [sources, setSources] = useState<readonly SourceSummary[]>();
  const [error, setError] = useState<string>();
  const [colours, setColours] = useState<Colours['colours']>(() => namedColours(undefined));
  const [jump, setJump] = useState<AnnotationJump>();

  useEffect(() => {
    let current = true;
    void (async () => {
      const listed = await api.sources.list();
      if (!current) return;
      if (listed.ok) setSources(listed.value);
      else setError(listed.error.message);
    })();
    void api.annotations.colours().then((result) => current && result.ok && setColours(result.value.colours));
    return () => {
      current = false;
    };
  }, [api]);

  const renameColour = useCallback(
    async (id: AnnotationColour, name: string): Promise<string | undefined> => {
      const result = await api.annotations.setColourName({ id, name });
      if (!result.ok) return result.error.message;
      setColours(result.value.colours);
      return undefined;
    },
    [api],
  );

  const openAnnotation = useCallback(
    (sourceId: string, annotationId: string) => {
      onOpenSource(sourceId);
      setJump((previous) => ({ sourceId, annotationId, request: (previous?.request ?? 0) + 1 }));
    },
    [onOpenSource],
  );

  if (openSourceId) {
    return (
      <SourceReader
        key={openSourceId}
        api={api}
        notifications={notifications}
        sourceId={openSourceId}
        mark={target?.sourceId === openSourceId ? target : undefined}
        jump={jump?.sourceId === openSourceId ? jump : undefined}
        colours={colours}
        sources={sources ?? []}
        onRenameColour={renameColour}
        onBack={() => onOpenSource(undefined)}
        onOpenAnnotation={openAnnotation}
        onReader={onReader}
        onQuote={onQuote}
      />
    );
  }
  if (error) return <p className="bd-error bd-pad" role="alert">{error}</p>;
  if (!sources) return <p className="bd-muted bd-pad">Loading the sources…</p>;
  if (sources.length === 0) return <p className="bd-muted bd-pad">No sources in this workspace. Put one in its sources/ folder.</p>;
  return (
    <ul
      className="bd-source-list"
      aria-label="Sources"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        onDropFiles([...event.dataTransfer.files]);
      }}
    >
      {sources.map((summary) => (
        <li key={summary.id}>
          <button type="button" className="bd-source-item" onClick={() => onOpenSource(summary.id)} disabled={summary.damaged !== undefined}>
            <span className="bd-source-item-title">{summary.title}</span>
            <span className="bd-muted">{summary.damaged ?? [summary.publisher, summary.publishedAt, gradeOf(summary) && `graded ${gradeOf(summary)}`].filter(Boolean).join(' · ')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
