import { useCallback, useEffect, useRef, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { AppCommand } from '../../../../shared/contract/app';
import { BriefEditor } from '../../editor/BriefEditor';
import { BriefListView } from '../../components/BriefListView';
import { SaveStatusBadge } from '../../components/SaveStatusBadge';
import { useBriefList } from './useBriefList';
import { useBriefSession } from './useBriefSession';

interface BriefsWorkspaceProps {
  api: BriefdeskApi;
  sidebarVisible: boolean;
  /** Subscribes to menu and shortcut commands; returns the unsubscribe function. */
  onCommand: (handler: (command: AppCommand) => void) => () => void;
}

export function BriefsWorkspace({ api, sidebarVisible, onCommand }: BriefsWorkspaceProps): React.JSX.Element {
  const list = useBriefList(api);
  const session = useBriefSession(api);
  const [notice, setNotice] = useState<string>();
  const openedInitial = useRef(false);

  const { adopt, save, open } = session;
  const { refresh } = list;
  const createBrief = useCallback(async () => {
    const result = await api.briefs.create({});
    if (result.ok) {
      await adopt(result.value);
      await refresh();
    } else {
      setNotice(result.error.message);
    }
  }, [api, adopt, refresh]);

  // Reopen the most recently edited brief on start, so the analyst lands where they left off.
  useEffect(() => {
    if (openedInitial.current || !list.briefs) return;
    openedInitial.current = true;
    const latest = list.briefs.find((b) => !b.damaged);
    if (latest) void open(latest.id);
  }, [list.briefs, open]);

  useEffect(
    () =>
      onCommand((command) => {
        if (command === 'brief.new') void createBrief();
        if (command === 'brief.save') void save();
      }),
    [onCommand, createBrief, save],
  );

  const onEditorError = useCallback((error: Error) => setNotice(`The editor hit a problem: ${error.message}`), []);
  const { brief } = session;

  return (
    <div className="bd-workspace">
      {sidebarVisible && (
        <aside className="bd-sidebar" aria-label="Workspace">
          <div className="bd-sidebar-head">
            <h2>Briefs</h2>
            <button type="button" className="bd-button is-primary" onClick={() => void createBrief()}>
              New brief
            </button>
          </div>
          {list.error && <p className="bd-error bd-pad">{list.error}</p>}
          <BriefListView items={list.briefs} selectedId={brief?.id} onSelect={(id) => void session.open(id)} />
        </aside>
      )}
      <main className="bd-main">
        {(notice ?? session.error) && (
          <div className="bd-banner is-error" role="alert">
            <span>{notice ?? session.error}</span>
            {notice && (
              <button type="button" className="bd-button" onClick={() => setNotice(undefined)}>
                Dismiss
              </button>
            )}
          </div>
        )}
        {brief && session.loadedState ? (
          <BriefEditor
            key={brief.id}
            initialState={session.loadedState ?? ''}
            onChange={session.markChanged}
            editorRef={session.editorRef}
            onError={onEditorError}
          />
        ) : (
          <div className="bd-empty">
            <h1>No brief open</h1>
            <p>Pick a brief on the left, or start a new one.</p>
            <button type="button" className="bd-button is-primary" onClick={() => void createBrief()}>
              New brief
            </button>
          </div>
        )}
        <footer className="bd-statusbar">
          <span className="bd-muted">{brief ? brief.title : 'Briefdesk'}</span>
          {brief && <SaveStatusBadge status={session.status} detail={session.error} />}
        </footer>
      </main>
    </div>
  );
}
