export interface DiffPart {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** A readable line diff: removed lines struck through in red, added lines in green, unchanged lines plain. */
export function TextDiffView({ parts }: { parts: readonly DiffPart[] }): React.JSX.Element {
  if (parts.every((p) => p.kind === 'same')) return <p className="bd-muted">No differences from the current version.</p>;
  return (
    <div className="bd-diff" aria-label="Differences">
      {parts.map((part, index) => (
        <div key={index} className={`bd-diff-line is-${part.kind}`}>
          <span className="bd-diff-mark" aria-hidden>
            {part.kind === 'added' ? '+' : part.kind === 'removed' ? '−' : ' '}
          </span>
          {part.kind === 'added' ? <ins>{part.text}</ins> : part.kind === 'removed' ? <del>{part.text}</del> : <span>{part.text}</span>}
        </div>
      ))}
    </div>
  );
}
