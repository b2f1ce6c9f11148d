import { useEffect, useRef } from 'react';

interface SourceTextViewProps {
  text: string;
  /** The anchor to mark and scroll to. */
  mark: { start: number; end: number } | undefined;
}

/** A source text, read-only, one paragraph per line, with the anchor words marked and scrolled into view. */
export function SourceTextView({ text, mark }: SourceTextViewProps): React.JSX.Element {
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center' });
  }, [mark]);
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
