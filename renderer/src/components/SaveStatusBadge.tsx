export type SaveStatusKind = 'saved' | 'saving' | 'unsaved' | 'error';

const LABELS: Readonly<Record<SaveStatusKind, string>> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  error: 'Not saved',
};

export function SaveStatusBadge({ status, detail }: { status: SaveStatusKind; detail?: string | undefined }): React.JSX.Element {
  return (
    <span className={`bd-save-status is-${status}`} role="status" aria-live="polite" data-status={status} title={detail}>
      {LABELS[status]}
    </span>
  );
}
