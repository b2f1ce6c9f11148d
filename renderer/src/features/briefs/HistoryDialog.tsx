import { useEffect, useMemo, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Brief } from '../../../../shared/model/brief';
import { editorStateBlocks } from '../../../../shared/lib/editorStateText';
import { Dialog } from '../../components/Dialog';
import { TextDiffView } from '../../components/TextDiffView';
import { blockDiff } from './blockDiff';

type Snapshot = { snapshotId: string; createdAt: string; revision: number; reason: string; title: string; wordCount: number };

const REASONS: Readonly<Record<string, string>> = { explicit: 'Saved', auto: 'Autosaved', 'before-restore': 'Before a restore' };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });


interface HistoryDialogProps {
  api: BriefdeskApi;
  briefId: string;
  /** The text as it is in the editor now, to compare against. */
  currentBlocks: readonly string[];
  /** Set when the brief must not be written over (damaged, or read-only): restoring then makes a new brief. */
  asNewBrief?: boolean;
  onRestored: (brief: Brief) => void;
  onClose: () => void;
  baseRevision: number | undefined;
}

export function HistoryDialog({ api, briefId, currentBlocks, asNewBrief, onRestored, onClose, baseRevision }: HistoryDialogProps): React.JSX.Element {
  const [snapshots, setSnapshots] = useState<readonly Snapshot[]>();
  const [selected, setSelected] = useState<string>();
  const [selectedBrief, setSelectedBrief] = useState<Brief>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void api.history.list({ id: briefId }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setSnapshots(result.value);
      setSelected(result.value[0]?.snapshotId);
    });
  }, [api, briefId]);

  useEffect(() => {
    if (!selected) return;
    void api.history.read({ id: briefId, snapshotId: selected }).then((result) => {
      if (result.ok) setSelectedBrief(result.value);
      else setError(result.error.message);
    });
  }, [api, briefId, selected]);

  const parts = useMemo(
    () => (selectedBrief ? blockDiff(currentBlocks, editorStateBlocks(selectedBrief.editorState)) : []),
    [selectedBrief, currentBlocks],
  );

  const restore = async (): Promise<void> => {
    if (!selected) return;
    const result =
      asNewBrief || baseRevision === undefined
        ? await api.history.recoverAsNew({ id: briefId, snapshotId: selected })
        : await api.history.restore({ id: briefId, snapshotId: selected, baseRevision });
    if (!result.ok) return setError(result.error.message);
    onRestored(result.value);
    onClose();
  };

  return (
    <Dialog title="Version history" onClose={onClose}>
      {error && <p className="bd-error" role="alert">{error}</p>}
      {snapshots === undefined ? (
        <p className="bd-muted">Loading versions…</p>
      ) : snapshots.length === 0 ? (
        <p className="bd-muted">No versions yet: a version is kept on every Ctrl+S and every five minutes of autosave.</p>
      ) : (
        <div className="bd-history">
          <ul className="bd-history-list" aria-label="Versions">
            {snapshots.map((s) => (
              <li key={s.snapshotId}>
                <button
                  type="button"
                  className={`bd-brief-item${s.snapshotId === selected ? ' is-selected' : ''}`}
                  aria-current={s.snapshotId === selected ? 'true' : undefined}
                  onClick={() => setSelected(s.snapshotId)}
                >
                  <span className="bd-brief-title">{when.format(new Date(s.createdAt))}</span>
                  <span className="bd-brief-meta">
                    {REASONS[s.reason] ?? s.reason} · revision {s.revision} · {s.wordCount} words
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="bd-history-diff">
            <p className="bd-muted">Compared with the current text: lines marked + are in this version only, − in the current text only.</p>
            <TextDiffView parts={parts} />
            <div className="bd-form-actions">
              <button type="button" className="bd-button is-primary" disabled={!selectedBrief} onClick={() => void restore()}>
                {asNewBrief ? 'Recover as a new brief' : 'Restore this version'}
              </button>
            </div>
          </div>
        </div>
      )}
    </Dialog>
  );
}
