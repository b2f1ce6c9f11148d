interface FormFooterProps {
  /** Why the last submit failed, shown above the buttons. */
  error?: string;
  submitLabel: string;
  onCancel: () => void;
  /** Disables submitting while a submit is in flight. */
  busy?: boolean;
}

/** The end of every dialog form: the last error, then Cancel and the primary submit button. */
export function FormFooter({ error, submitLabel, onCancel, busy = false }: FormFooterProps): React.JSX.Element {
  return (
    <>
      {error && (
        <p className="bd-error" role="alert">
          {error}
        </p>
      )}
      <div className="bd-form-actions">
        <button type="button" className="bd-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="bd-button is-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
