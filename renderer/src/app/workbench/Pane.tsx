import { useEffect, useRef, type ReactNode } from 'react';

export interface PaneSpec {
  title: string;
  content: ReactNode;
}

interface PaneProps extends PaneSpec {
  id: string;
  /** Closes the pane; focus then goes back to the editor. */
  onClose?: () => void;
  /** Set when the pane was just opened by the analyst: it takes focus then, not when the window starts. */
  focusOnOpen: boolean;
  style?: React.CSSProperties;
}

/**
 * One named pane of the workbench: a labelled region with a title bar and a close button. Escape anywhere in it
 * (not caught by something inside, such as a menu) closes it, like ✕.
 */
export function Pane({ id, title, content, onClose, focusOnOpen, style }: PaneProps): React.JSX.Element {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusOnOpen) ref.current?.focus();
  }, [focusOnOpen]);
  return (
    <section
      ref={ref}
      className="bd-pane"
      data-pane={id}
      aria-label={title}
      tabIndex={-1}
      style={style}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented || !onClose) return;
        event.preventDefault();
        onClose();
      }}
    >
      <header className="bd-pane-head">
        <h2>{title}</h2>
        {onClose && (
          <button type="button" className="bd-button bd-pane-close" aria-label={`Close ${title}`} title={`Close ${title} (Esc)`} onClick={onClose}>
            ✕
          </button>
        )}
      </header>
      <div className="bd-pane-body">{content}</div>
    </section>
  );
}
