import { memo, useEffect, useMemo, useRef, type RefObject } from 'react';

/** A half-open range of UTF-16 offsets into a source's text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** An annotation's passage, drawn in its colour; `label` is what a screen reader hears for it. */
export interface HighlightSpan extends TextSpan {
  id: string;
  color: string;
  label: string;
}

/** A fact's anchor, underlined in its kind's colour. */
export interface UnderlineSpan extends TextSpan {
  kind: string;
  label: string;
}

interface SourceTextViewProps {
  text: string;
  /** The paragraphs as ranges of `text`; without them, each line is one. */
  paragraphs?: readonly TextSpan[];
  /** The passage to mark and scroll to. */
  mark: TextSpan | undefined;
  /** Changes on every request to show the mark again: it is scrolled to and flashed each time. */
  flashKey?: number;
  highlights?: readonly HighlightSpan[];
  underlines?: readonly UnderlineSpan[];
  /** The highlight chosen now: drawn with an outline. */
  activeHighlight?: string | undefined;
  onHighlightClick?: (id: string) => void;
  /** Lets the owner read the selection and find highlights in the text. */
  articleRef?: RefObject<HTMLElement | null>;
}

interface Piece extends TextSpan {
  highlight: HighlightSpan | undefined;
  underline: UnderlineSpan | undefined;
  marked: boolean;
}

function lineRanges(text: string): TextSpan[] {
  const ranges: TextSpan[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    ranges.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  return ranges;
}

/** The index of the last paragraph starting at or before `offset`. */
function paragraphAt(paragraphs: readonly TextSpan[], offset: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (paragraphs[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Each span, put in the buckets of the paragraphs it overlaps: the paragraphs draw only their own. */
function bucket<T extends TextSpan>(paragraphs: readonly TextSpan[], spans: readonly T[]): Map<number, T[]> {
  const buckets = new Map<number, T[]>();
  if (paragraphs.length === 0) return buckets;
  for (const span of spans) {
    for (let index = paragraphAt(paragraphs, span.start); index < paragraphs.length && paragraphs[index]!.start < span.end; index += 1) {
      if (paragraphs[index]!.end <= span.start) continue;
      const list = buckets.get(index) ?? [];
      list.push(span);
      buckets.set(index, list);
    }
  }
  return buckets;
}

/** The paragraph cut at every span's ends, each piece with the highlight (the last one given wins) and underline over it. */
function pieces(paragraph: TextSpan, highlights: readonly HighlightSpan[], underlines: readonly UnderlineSpan[], mark: TextSpan | undefined): Piece[] {
  const cuts = new Set([paragraph.start, paragraph.end]);
  for (const span of [...highlights, ...underlines, ...(mark ? [mark] : [])]) {
    if (span.start > paragraph.start && span.start < paragraph.end) cuts.add(span.start);
    if (span.end > paragraph.start && span.end < paragraph.end) cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (span: TextSpan, start: number): boolean => span.start <= start && span.end > start;
  return points.slice(0, -1).map((start, index) => ({
    start,
    end: points[index + 1]!,
    highlight: highlights.findLast((span) => covers(span, start)),
    underline: underlines.find((span) => covers(span, start)),
    marked: mark !== undefined && covers(mark, start),
  }));
}

const Paragraph = memo(function Paragraph(props: {
  text: string;
  range: TextSpan;
  highlights: readonly HighlightSpan[];
  underlines: readonly UnderlineSpan[];
  mark: TextSpan | undefined;
  activeHighlight: string | undefined;
}): React.JSX.Element {
  const { text, range, highlights, underlines, mark, activeHighlight } = props;
  const parts = pieces(range, highlights, underlines, mark);
  const rendered: React.JSX.Element[] = [];
  let markedRun: React.JSX.Element[] = [];
  let markedFrom = 0;
  const closeMark = (): void => {
    if (markedRun.length === 0) return;
    // Keyed by where it starts, so the mark (and its flash) survives underlines or highlights arriving later.
    rendered.push(
      <mark key={`mark-${markedFrom}`} className="bd-source-target">
        {markedRun}
      </mark>,
    );
    markedRun = [];
  };
  for (const piece of parts) {
    const content = text.slice(piece.start, piece.end);
    const element =
      piece.highlight || piece.underline ? (
        <span
          key={piece.start}
          className={`bd-source-piece${piece.highlight ? ' bd-highlight' : ''}${piece.underline ? ' bd-anchor-underline' : ''}${piece.highlight?.id === activeHighlight && piece.highlight ? ' is-active' : ''}`}
          data-annotation={piece.highlight?.id}
          data-color={piece.highlight?.color}
          data-kind={piece.underline?.kind}
          title={[piece.highlight?.label, piece.underline?.label].filter(Boolean).join(' · ')}
        >
          {content}
        </span>
      ) : (
        <span key={piece.start}>{content}</span>
      );
    if (piece.marked) {
      if (markedRun.length === 0) markedFrom = piece.start;
      markedRun.push(element);
    }
    else {
      closeMark();
      rendered.push(element);
    }
  }
  closeMark();
  return <p data-start={range.start}>{rendered}</p>;
});

const EMPTY: readonly never[] = [];

/**
 * A source text, read-only, paragraph by paragraph: annotations highlighted in their colours, fact anchors
 * underlined in their kind's colour, and one passage marked, scrolled into view and flashed. Paragraphs far from
 * the viewport are not laid out (`content-visibility: auto`), so a long source stays quick to open and scroll.
 */
export function SourceTextView({ text, paragraphs, mark, flashKey, highlights = EMPTY, underlines = EMPTY, activeHighlight, onHighlightClick, articleRef }: SourceTextViewProps): React.JSX.Element {
  const ownRef = useRef<HTMLElement | null>(null);
  const ref = articleRef ?? ownRef;
  const ranges = useMemo(() => (paragraphs && paragraphs.length > 0 ? paragraphs : lineRanges(text)), [paragraphs, text]);
  const highlightBuckets = useMemo(() => bucket(ranges, highlights), [ranges, highlights]);
  const underlineBuckets = useMemo(() => bucket(ranges, underlines), [ranges, underlines]);
  const markStart = mark?.start;
  const markEnd = mark?.end;
  const markSpan = useMemo(() => (markStart !== undefined && markEnd !== undefined ? { start: markStart, end: markEnd } : undefined), [markStart, markEnd]);

  useEffect(() => {
    const marks = [...(ref.current?.querySelectorAll<HTMLElement>('mark.bd-source-target') ?? [])];
    marks[0]?.scrollIntoView({ block: 'center' });
    for (const element of marks) {
      element.classList.remove('is-flashing');
      // Reading the layout restarts the CSS animation when the same passage is asked for again.
      void element.offsetWidth;
      element.classList.add('is-flashing');
    }
  }, [markSpan, flashKey, ref]);

  return (
    <article
      ref={ref}
      className="bd-source-text"
      aria-label="Source text"
      onClick={(event) => {
        const id = (event.target as HTMLElement).closest<HTMLElement>('[data-annotation]')?.dataset.annotation;
        if (id && onHighlightClick && window.getSelection()?.isCollapsed !== false) onHighlightClick(id);
      }}
    >
      {ranges.map((range, index) => (
        <Paragraph
          key={range.start}
          text={text}
          range={range}
          highlights={highlightBuckets.get(index) ?? EMPTY}
          underlines={underlineBuckets.get(index) ?? EMPTY}
          mark={markSpan && markSpan.start < range.end && markSpan.end > range.start ? markSpan : undefined}
          activeHighlight={highlightBuckets.get(index)?.some((h) => h.id === activeHighlight) ? activeHighlight : undefined}
        />
      ))}
    </article>
  );
}

/** The offset in the source text of a point of the DOM inside `article` (a `SourceTextView`'s). */
function offsetOf(article: HTMLElement, text: string, node: Node, offset: number): number | undefined {
  const element = node instanceof Element ? node : node.parentElement;
  const paragraph = element?.closest<HTMLElement>('p[data-start]');
  if (paragraph && article.contains(paragraph)) {
    const before = document.createRange();
    before.setStart(paragraph, 0);
    before.setEnd(node, offset);
    return Number(paragraph.dataset.start) + before.toString().length;
  }
  if (node !== article) return undefined;
  // Between paragraphs: the start of the next one, or the end of the text.
  const next = article.childNodes[offset];
  return next instanceof HTMLElement && next.dataset.start !== undefined ? Number(next.dataset.start) : text.length;
}

/** The window's selection as a range of the source text, trimmed of white space; undefined when it is empty or elsewhere. */
export function selectedSpan(article: HTMLElement, text: string, selection: Selection | null): TextSpan | undefined {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return undefined;
  let start = offsetOf(article, text, range.startContainer, range.startOffset);
  let end = offsetOf(article, text, range.endContainer, range.endOffset);
  if (start === undefined || end === undefined) return undefined;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return end > start ? { start, end } : undefined;
}
