import { useEffect, useRef } from 'react';

interface SourceTextViewProps {
  text: string;
  /** The anchor to mark and scroll to. */
  mark: { start: number; end: number } | undefined;
  /** Changes on every request to show the mark again: it is scrolled to and flashed each time. */
  flashKey?: number;
}

/** A source text, read-only, one paragraph per line, with the anchor words marked and scrolled into view. */
export function SourceTextView({ text, mark, flashKey }: SourceTextViewProps): React.JSX.Element {
  const markRef = useRef<HTMLElement>(null);
  const start = mark?.start;
  const end = mark?.end;
  useEffect(() => {
    const element = markRef.current;
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    element.classList.remove('is-flashing');
    // Reading the layout restarts the CSS animation when the same passage is asked for again.
    void element.offsetWidth;
    element.classList.add('is-flashing');
  }, [start, end, flashKey]);
  const lines = text.split('\n');
  const starts = lines.map((_, index) => lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0));
  return (
    <article className="bd-source-text" aria-label="Source text">
      {lines.map((line, index) => {
        const lineStart = starts[index]!;
        if (!mark || mark.end <= lineStart || mark.start >= lineStart + line.length) return <p key={index}>{line}</p>;
        const from = Math.max(0, mark.start - lineStart);
        const to = Math.min(line.length, mark.end - lineStart);
        return (
          <p key={index}>
            {line.slice(0, from)}
            <mark ref={markRef}>{line.slice(from, to)}</mark>
            {line.slice(to)}
          </p>
        );
      })}
    </article>
  );
}
