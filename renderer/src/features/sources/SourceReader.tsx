import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Colours } from '../../../../shared/contract/annotations';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Result } from '../../../../shared/contract/define';
import { ALIAS_LIMITS } from '../../../../shared/limits';
import { anchorQuote, makeAnchor } from '../../../../shared/lib/textAnchor';
import type { Annotation, AnnotationColour } from '../../../../shared/model/annotation';
import { FactKindSchema } from '../../../../shared/model/fact';
import type { Source } from '../../../../shared/model/source';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { useFacts } from '../../api/useFacts';
import { AnnotationMinimap } from '../../components/AnnotationMinimap';
import { AnnotationToolbar, type ToolbarPanel } from '../../components/AnnotationToolbar';
import { Dialog } from '../../components/Dialog';
import { FactForm } from '../../components/FactForm';
import { selectedSpan, SourceTextView, type HighlightSpan, type TextSpan, type UnderlineSpan } from '../../components/SourceTextView';
import { AnnotationList } from './AnnotationList';
import { AnnotationStore, type AnnotationEdit } from './annotationStore';
import type { SourceSummary } from '../../../../shared/contract/sources';
import { CREDIBILITY_NAMES, RELIABILITY_NAMES, SourceDetails } from './SourceDetails';
import type { ReaderActions } from './sourceCommands';
import { SOURCE_PASSAGE_MIME, type QuotedPassage } from '../../editor/plugins/SourceQuotePlugin';

/** A request to scroll to an annotation and choose it; the counter changes on every request. */
export interface AnnotationJump {
  sourceId: string;
  annotationId: string;
  request: number;
}

interface SourceReaderProps {
  api: BriefdeskApi;
  notifications: NotificationStore;
  sourceId: string;
  mark: (TextSpan & { request: number }) | undefined;
  jump: AnnotationJump | undefined;
  colours: Colours['colours'];
  sources: readonly SourceSummary[];
  onRenameColour: (id: AnnotationColour, name: string) => Promise<string | undefined>;
  onBack: () => void;
  onOpenAnnotation: (sourceId: string, annotationId: string) => void;
  onReader: (actions: ReaderActions | undefined) => void;
  /** Quotes a passage in the open brief; why it could not, in words. */
  onQuote: (passage: QuotedPassage) => string | undefined;
}

const UNDO_NOTICE = 'annotations.undo';
const TOOLBAR_WIDTH = 360;

/** Where an annotation's passage is in the text now: its stored offsets while the quote is still there, else the quote found again. */
function placeOf(text: string, annotation: Annotation): TextSpan | undefined {
  const [quote, position] = annotation.target.selectors;
  if (text.slice(position.start, position.end) === quote.exact) return { start: position.start, end: position.end };
  const found = anchorQuote(text, { ...quote, start: position.start, end: position.end });
  return found.grade === 'orphaned' ? undefined : { start: found.start, end: found.end };
}

const quoteOf = (annotation: Annotation): string => annotation.target.selectors[0].exact;
const shortQuote = (quote: string): string => (quote.length > 60 ? `${quote.slice(0, 57)}…` : quote);

/**
 * A source to read and annotate: its metadata, its paragraphs with the annotations highlighted and the fact anchors
 * underlined, a margin showing where the annotations are, and the toolbar over a selection.
 */
export function SourceReader(props: SourceReaderProps): React.JSX.Element {
  const { api, notifications, sourceId, mark, jump, colours, onReader } = props;
  const [source, setSource] = useState<Source>();
  const [error, setError] = useState<string>();
  const [store] = useState(() => new AnnotationStore(api));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { facts } = useFacts(api);
  const [showAnchors, setShowAnchors] = useState(true);
  const [editingDetails, setEditingDetails] = useState(false);
  const [view, setView] = useState<'text' | 'annotations'>('text');
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [pending, setPending] = useState<TextSpan>();
  const [activeId, setActiveId] = useState<string>();
  const [panel, setPanel] = useState<ToolbarPanel>();
  const [toolbarAt, setToolbarAt] = useState<{ left: number; top: number }>();
  const [creatingFact, setCreatingFact] = useState<TextSpan>();
  const [lastColour, setLastColour] = useState<AnnotationColour>('yellow');
  const article = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    void api.sources.get({ id: sourceId }).then((result) => {
      if (!current) return;
      if (result.ok) setSource(result.value);
      else setError(result.error.message);
    });
    void store.load(sourceId);
    const loadTags = (): void => void api.annotations.tags().then((result) => current && result.ok && setKnownTags(result.value.map((t) => t.tag)));
    loadTags();
    const unsubscribe = api.subscribe('annotations.changed', (event) => {
      loadTags();
      if (event.sourceId === sourceId) void store.reload();
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, sourceId, store]);

  const text = source?.text ?? '';
  const colourName = useCallback((id: string) => colours.find((c) => c.id === id)?.name ?? id, [colours]);

  const placed = useMemo(
    () => snapshot.annotations.flatMap((annotation) => {
      const place = source ? placeOf(source.text, annotation) : undefined;
      return place ? [{ annotation, place }] : [];
    }),
    [snapshot.annotations, source],
  );
  const highlights = useMemo<HighlightSpan[]>(
    () => placed.map(({ annotation, place }) => ({ ...place, id: annotation.id, color: annotation.color, label: [`${colourName(annotation.color)} highlight`, annotation.comment, annotation.tags.join(', ')].filter(Boolean).join(': ') })),
    [placed, colourName],
  );
  const underlines = useMemo<UnderlineSpan[]>(() => {
    if (!source || !showAnchors || !facts) return [];
    return facts.flatMap((fact) =>
      fact.anchors
        .filter((anchor) => anchor.sourceId === source.id)
        .flatMap((anchor) => {
          const found = anchorQuote(source.text, anchor);
          return found.grade === 'orphaned' ? [] : [{ start: found.start, end: found.end, kind: fact.kind, label: `${fact.label} (${fact.kind})` }];
        }),
    );
  }, [source, showAnchors, facts]);

  const active = snapshot.annotations.find((annotation) => annotation.id === activeId);

  /** Puts the toolbar under the selection or the chosen highlight, within the window. */
  const placeToolbar = useCallback(() => {
    const selection = window.getSelection();
    const rect =
      pending && selection && selection.rangeCount > 0 && !selection.isCollapsed
        ? selection.getRangeAt(0).getBoundingClientRect()
        : activeId
          ? article.current?.querySelector(`[data-annotation="${activeId}"]`)?.getBoundingClientRect()
          : undefined;
    if (!rect) return setToolbarAt(undefined);
    setToolbarAt({ left: Math.max(8, Math.min(rect.left, window.innerWidth - TOOLBAR_WIDTH - 8)), top: Math.min(rect.bottom + 6, window.innerHeight - 60) });
  }, [pending, activeId]);

  useEffect(() => {
    placeToolbar();
    const element = scroller.current;
    element?.addEventListener('scroll', placeToolbar, { passive: true });
    return () => element?.removeEventListener('scroll', placeToolbar);
  }, [placeToolbar]);

  const readSelection = (): void => {
    if (!article.current || !source) return;
    const span = selectedSpan(article.current, source.text, window.getSelection());
    if (span) {
      setPending(span);
      setActiveId(undefined);
      setPanel(undefined);
    } else if (pending) setPending(undefined);
  };

  const closeToolbar = (): void => {
    setPending(undefined);
    setActiveId(undefined);
    setPanel(undefined);
    window.getSelection()?.removeAllRanges();
  };

  /** Says why a change was refused; true when it was. */
  const failed = (result: Result<Annotation>): boolean => {
    if (result.ok) return false;
    notifications.post({ tone: 'error', text: result.error.message });
    return true;
  };

  const offerUndo = (text: string): void => {
    notifications.post({ id: UNDO_NOTICE, tone: 'info', text, actions: [{ label: 'Undo', primary: true, run: () => void store.undo().then((result) => result && failed(result)) }] });
  };

  /** Applies `changes` to the chosen annotation, or makes the selection an annotation with them. */
  const annotate = async (changes: AnnotationEdit, undoText: string): Promise<void> => {
    if (active) {
      const result = await store.update(active.id, changes);
      if (!failed(result)) offerUndo(undoText);
      return;
    }
    if (!pending || !source) return;
    const { exact, prefix, suffix } = makeAnchor(source.text, source.id, pending.start, pending.end);
    const page = source.pages?.find((p) => p.start <= pending.start && p.end > pending.start)?.number;
    const result = await store.create({
      target: { selectors: [{ type: 'TextQuoteSelector', exact, prefix, suffix }, { type: 'TextPositionSelector', start: pending.start, end: pending.end }], ...(page ? { page } : {}) },
      color: changes.color ?? lastColour,
      comment: changes.comment ?? '',
      tags: changes.tags ?? [],
      ...(changes.factId ? { factId: changes.factId } : {}),
    });
    if (!result.ok) return void failed(result);
    notifications.dismiss(UNDO_NOTICE);
    window.getSelection()?.removeAllRanges();
    setPending(undefined);
    setActiveId(result.value.id);
  };

  const highlight = (color: AnnotationColour): void => {
    setLastColour(color);
    void annotate({ color }, `Highlight now ${colourName(color)}.`);
  };

  const remove = async (annotation: Annotation): Promise<void> => {
    const result = await store.remove(annotation.id);
    if (failed(result)) return;
    closeToolbar();
    offerUndo(`Annotation on “${shortQuote(quoteOf(annotation))}” deleted.`);
  };

  const [scrollTarget, setScrollTarget] = useState<AnnotationJump>();
  const jumpTo = (annotationId: string): void => {
    setView('text');
    setPending(undefined);
    setPanel(undefined);
    setActiveId(annotationId);
    setScrollTarget((previous) => ({ sourceId, annotationId, request: (previous?.request ?? 0) + 1 }));
  };
  useEffect(() => {
    if (scrollTarget) article.current?.querySelector(`[data-annotation="${scrollTarget.annotationId}"]`)?.scrollIntoView({ block: 'center' });
  }, [scrollTarget]);

  // A jump asked for from outside (the list of every source's annotations) is followed once the source is drawn.
  const [followedJump, setFollowedJump] = useState<AnnotationJump>();
  if (jump && jump !== followedJump && snapshot.state === 'ready' && source) {
    setFollowedJump(jump);
    jumpTo(jump.annotationId);
  }

  const selectionSpan = (): TextSpan | undefined => pending ?? (active && placed.find((p) => p.annotation.id === active.id)?.place);
  const latest = useRef({ hasSelection: false, highlight: () => {}, comment: () => {}, tag: () => {}, newFact: () => {} });
  useEffect(() => {
    latest.current = {
      hasSelection: pending !== undefined || active !== undefined,
      highlight: () => highlight(active?.color ?? lastColour),
      comment: () => setPanel('comment'),
      tag: () => setPanel('tags'),
      newFact: () => setCreatingFact(selectionSpan()),
    };
  });
  useEffect(() => {
    onReader({
      hasSelection: () => latest.current.hasSelection,
      highlight: () => latest.current.highlight(),
      comment: () => latest.current.comment(),
      tag: () => latest.current.tag(),
      newFact: () => latest.current.newFact(),
    });
    return () => onReader(undefined);
  }, [onReader]);

  if (error) return <p className="bd-error bd-pad" role="alert">{error}</p>;
  if (!source) return <p className="bd-muted bd-pad">Loading the source…</p>;

  const summary = [source.publisher, source.author, source.publishedAt].filter(Boolean).join(' · ');
  const factChoices = (facts ?? []).map((fact) => ({ id: fact.id, label: fact.label }));
  /** The chosen highlight as a passage to quote, when it has a fact: the reference after the quote names that fact. */
  const quotable = ((): QuotedPassage | undefined => {
    const place = active && placed.find((p) => p.annotation.id === active.id)?.place;
    const fact = active?.factId ? factChoices.find((choice) => choice.id === active.factId) : undefined;
    return place && fact ? { text: source.text.slice(place.start, place.end), factId: fact.id, referenceText: fact.label } : undefined;
  })();
  const quote = (passage: QuotedPassage): void => {
    const problem = props.onQuote(passage);
    if (problem) notifications.post({ tone: 'warning', text: problem });
  };
  return (
    <div className="bd-source-pane">
      <header className="bd-source-meta">
        <button type="button" className="bd-link-button" onClick={props.onBack}>
          ← All sources
        </button>
        <h3>{source.title}</h3>
        <p className="bd-muted">{summary}</p>
        {source.url && <p className="bd-source-url">{source.url}</p>}
        <p className="bd-source-grade">
          {source.reliability || source.credibility
            ? [source.reliability && `Reliability ${source.reliability} (${RELIABILITY_NAMES[source.reliability]})`, source.credibility && `credibility ${source.credibility} (${CREDIBILITY_NAMES[source.credibility]})`].filter(Boolean).join(', ')
            : 'Not graded'}{' '}
          <button type="button" className="bd-button" aria-expanded={editingDetails} onClick={() => setEditingDetails(!editingDetails)}>
            Edit details
          </button>
        </p>
        {editingDetails && (
          <SourceDetails
            api={api}
            source={source}
            onSaved={(saved) => {
              setSource(saved);
              setEditingDetails(false);
            }}
            onClose={() => setEditingDetails(false)}
          />
        )}
        <div className="bd-source-controls">
          <span role="group" aria-label="Show" className="bd-segmented">
            <button type="button" className="bd-button" aria-pressed={view === 'text'} onClick={() => setView('text')}>
              Text
            </button>
            <button type="button" className="bd-button" aria-pressed={view === 'annotations'} onClick={() => setView('annotations')}>
              Annotations ({snapshot.annotations.length})
            </button>
          </span>
          <label className="bd-check">
            <input type="checkbox" checked={showAnchors} onChange={(event) => setShowAnchors(event.target.checked)} />
            Fact anchors
          </label>
        </div>
        {snapshot.damaged && <p className="bd-error" role="alert">The annotations of this source could not be read: {snapshot.damaged}</p>}
        {snapshot.state === 'failed' && <p className="bd-error" role="alert">{snapshot.error}</p>}
      </header>
      {view === 'annotations' ? (
        <AnnotationList
          api={api}
          sourceId={source.id}
          sources={props.sources}
          colours={colours}
          facts={factChoices}
          knownTags={knownTags}
          onRenameColour={props.onRenameColour}
          onOpen={(annotation) => (annotation.sourceId === source.id ? jumpTo(annotation.id) : props.onOpenAnnotation(annotation.sourceId, annotation.id))}
        />
      ) : (
        <div className="bd-source-scroll" ref={scroller} tabIndex={0} role="group" aria-label="Reading area">
          <div
            onMouseUp={readSelection}
            onKeyUp={readSelection}
            onDragStart={(event) => {
              // A highlight with a fact dragged into the brief is quoted there with its reference (SourceQuotePlugin).
              if (quotable) event.dataTransfer.setData(SOURCE_PASSAGE_MIME, JSON.stringify(quotable));
            }}
          >
            <SourceTextView
              articleRef={article}
              text={source.text}
              paragraphs={source.paragraphs}
              mark={mark}
              flashKey={mark?.request}
              highlights={highlights}
              underlines={underlines}
              activeHighlight={activeId}
              onHighlightClick={(id) => {
                setPending(undefined);
                setPanel(undefined);
                setActiveId(id);
              }}
            />
          </div>
          <AnnotationMinimap
            marks={placed.map(({ annotation, place }) => ({ id: annotation.id, at: place.start / Math.max(1, text.length), color: annotation.color, label: `${colourName(annotation.color)} highlight “${shortQuote(quoteOf(annotation))}”` }))}
            onJump={jumpTo}
          />
        </div>
      )}
      {view === 'text' && toolbarAt && (pending || active) && (
        <AnnotationToolbar
          position={toolbarAt}
          colours={colours}
          facts={factChoices}
          knownTags={knownTags}
          current={active && { color: active.color, comment: active.comment, tags: active.tags, factId: active.factId }}
          panel={panel}
          onPanel={setPanel}
          onHighlight={(color) => highlight(color as AnnotationColour)}
          onComment={(comment) => {
            setPanel(undefined);
            void annotate({ comment }, 'Comment changed.');
          }}
          onTags={(tags) => void annotate({ tags }, 'Tags changed.')}
          onFact={(factId) => void annotate(active ? { factId: factId ?? null } : factId ? { factId } : {}, 'Linked fact changed.')}
          onNewFact={() => setCreatingFact(selectionSpan())}
          {...(quotable ? { onQuote: () => quote(quotable) } : {})}
          {...(active ? { onDelete: () => void remove(active) } : {})}
          onClose={closeToolbar}
        />
      )}
      {creatingFact && (
        <Dialog title="New fact" onClose={() => setCreatingFact(undefined)}>
          <FactForm
            kinds={FactKindSchema.options}
            initial={{ label: source.text.slice(creatingFact.start, creatingFact.end).slice(0, 120) }}
            aliasLimits={ALIAS_LIMITS}
            onClose={() => setCreatingFact(undefined)}
            onSubmit={async (value) => {
              const catalogues = await api.facts.catalogues();
              const catalogueId = catalogues.ok ? catalogues.value.find((c) => !c.damaged)?.id : undefined;
              if (!catalogueId) return 'There is no fact catalogue in this workspace to add the fact to.';
              const anchor = makeAnchor(source.text, source.id, creatingFact.start, creatingFact.end);
              const result = await api.facts.create({ catalogueId, fact: { ...value, aliases: value.aliases.map((alias) => ({ text: alias })), anchors: [anchor] } });
              if (!result.ok) return result.error.message;
              setCreatingFact(undefined);
              if (active) void annotate({ factId: result.value.id }, 'Linked fact changed.');
              notifications.post({ tone: 'info', text: `Fact “${result.value.label}” created from the passage.` });
              return undefined;
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
