import { useEffect, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Brief } from '../../../../shared/model/brief';
import { Dialog } from '../../components/Dialog';

type TrashList = { restorable: boolean; entries: ReadonlyArray<{ entryId: string; briefId: string; deletedAt: string; title?: string | undefined }> };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function TrashDialog({ api, onRestored, onClose }: { api: BriefdeskApi; onRestored: (brief: Brief) => void; onClose: () => void }): React.JSX.Element {
  const [trash, setTrash] = useState<TrashList>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void api.briefs.listTrash().then((result) => (result.ok ? setTrash(result.value) : setError(result.error.message)));
  }, [api]);

  const restore = async (entryId: string): Promise<void> => {
    const result = await api.briefs.restore({ entryId });
    if (!result.ok) return setError(result.error.message);
    onRestored(result.value);
    onClose();
  };

  return (
    <Dialog title="Trash" onClose={onClose}>
      {error && <p className="bd-error" role="alert">{error}</p>}
      {!trash ? (
        <p className="bd-muted">Loading…</p>
      ) : !trash.restorable ? (
        <p>Deleted briefs go to your system trash. Restore them from there; they reappear here at once.</p>
      ) : trash.entries.length === 0 ? (
        <p className="bd-muted">The trash is empty.</p>
      ) : (
        <ul className="bd-trash-list" aria-label="Deleted briefs">
          {trash.entries.map((entry) => (
            <li key={entry.entryId}>
              <span>
                {entry.title ?? entry.briefId} <span className="bd-muted">deleted {when.format(new Date(entry.deletedAt))}</span>
              </span>
              <button type="button" className="bd-button" onClick={() => void restore(entry.entryId)}>
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
