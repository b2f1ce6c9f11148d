export type SaveStatusKind = 'saved' | 'saving' | 'unsaved' | 'error' | 'readOnly';

const LABELS: Readonly<Record<SaveStatusKind, string>> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  error: 'Not saved',
  readOnly: 'Read-only',
};

/**
 * The save state in the status line. `detail` is the reason behind it: a tooltip for a failed save (the error
 * banner says it in full), written out for a read-only brief, where the status line is the one place that says why
 * Ctrl+S does nothing.
 */
export function SaveStatusBadge({ status, detail }: { status: SaveStatusKind; detail?: string | undefined }): React.JSX.Element {
  const shown = status === 'readOnly' && detail ? `${LABELS[status]}: ${detail}` : LABELS[status];
  return (
    <span className={`bd-save-status is-${status}`} role="status" aria-live="polite" data-status={status} title={detail}>
      {shown}
    </span>
  );
}
