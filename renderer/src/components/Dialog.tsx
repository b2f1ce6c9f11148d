import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A modal built on <dialog>: focus is trapped by the browser and Escape closes it. */
export function Dialog({ title, onClose, children }: DialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="bd-dialog" aria-label={title} onClose={onClose}>
      <header className="bd-dialog-head">
        <h2>{title}</h2>
        <button type="button" className="bd-button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}
