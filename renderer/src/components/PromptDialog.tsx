import { useState } from 'react';
import { Dialog } from './Dialog';

interface PromptDialogProps {
  title: string;
  label: string;
  initialValue: string;
  submitLabel: string;
  /** Returns an error message to show, or undefined once the value was accepted. */
  onSubmit: (value: string) => Promise<string | undefined>;
  onClose: () => void;
}

export function PromptDialog({ title, label, initialValue, submitLabel, onSubmit, onClose }: PromptDialogProps): React.JSX.Element {
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="bd-form"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          void onSubmit(value).then((problem) => {
            setBusy(false);
            if (problem) setError(problem);
            else onClose();
          });
        }}
      >
        <label className="bd-field">
          <span>{label}</span>
          <input autoFocus value={value} onChange={(event) => setValue(event.target.value)} aria-invalid={error !== undefined} />
        </label>
        {error && <p className="bd-error" role="alert">{error}</p>}
        <div className="bd-form-actions">
          <button type="button" className="bd-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="bd-button is-primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
