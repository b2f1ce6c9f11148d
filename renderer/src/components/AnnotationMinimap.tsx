export interface MinimapMark {
  id: string;
  /** Where the passage starts, as a share (0–1) of the text. */
  at: number;
  color: string;
  label: string;
}

/**
 * The margin beside a source: one mark per annotation at its place in the text, so the analyst sees where the
 * notes are in a long source and jumps to one with a click (or Tab and Enter).
 */
export function AnnotationMinimap({ marks, onJump }: { marks: readonly MinimapMark[]; onJump: (id: string) => void }): React.JSX.Element {
  return (
    <nav className="bd-minimap" aria-label="Where the annotations are">
      {marks.map((mark) => (
        <button
          key={mark.id}
          type="button"
          className="bd-minimap-mark"
          data-color={mark.color}
          style={{ top: `${(mark.at * 100).toFixed(2)}%` }}
          aria-label={`Go to ${mark.label}`}
          title={mark.label}
          onClick={() => onJump(mark.id)}
        />
      ))}
    </nav>
  );
}
