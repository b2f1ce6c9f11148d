import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

const FIELDS = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';
const ACTIONS = 'button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal built on <dialog>: focus is trapped by the browser and Escape closes it. It opens on its first field, or its
 * first action when it has none (never on ✕, which the browser would pick), and gives focus back to whatever had it
 * when it closes, however it closes (Escape, ✕, Cancel, a submit).
 */
export function Dialog({ title, onClose, children }: DialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const head = useRef<HTMLElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const focused = document.activeElement;
    const returnTo = focused instanceof HTMLElement && focused !== document.body && !dialog.contains(focused) ? focused : null;
    if (!dialog.open) dialog.showModal();
    const inBody = (selector: string): HTMLElement | undefined =>
      [...dialog.querySelectorAll<HTMLElement>(selector)].find((element) => !head.current?.contains(element));
    (inBody(FIELDS) ?? inBody(ACTIONS) ?? dialog).focus();
    return () => {
      // By now the dialog has left the page, and focus with it (to the body), unless someone put it elsewhere.
      const active = document.activeElement;
      if (returnTo?.isConnected && (active === null || active === document.body || dialog.contains(active))) returnTo.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="bd-dialog"
      aria-label={title}
      onClose={onClose}
      tabIndex={-1}
      // Escape closes the dialog (the browser's own cancel) and nothing around it, such as the pane it opened from.
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.stopPropagation();
      }}
    >
      <header ref={head} className="bd-dialog-head">
        <h2>{title}</h2>
        <button type="button" className="bd-button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}
