import { useState } from 'react';
import { Dialog } from './Dialog';
import { FormFooter } from './FormFooter';

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
        <FormFooter error={error} submitLabel={submitLabel} onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
