import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AppCommand } from '../../../shared/contract/app';
import type { WorkspaceInfoSchema } from '../../../shared/contract/workspace';
import { api } from '../api/client';
import { BriefsWorkspace } from '../features/briefs/BriefsWorkspace';
import { FactsPanel } from '../features/facts/FactsPanel';
import { Banner } from '../components/Banner';
import { Dialog } from '../components/Dialog';
import { PromptDialog } from '../components/PromptDialog';
import { createCommandBus } from './commandBus';
import { PreferencesDialog } from './PreferencesDialog';
import { APP_SHORTCUTS, EDITOR_SHORTCUTS, commandForKey } from './shortcuts';
import { useSettings } from './useSettings';
import { useTheme } from './useTheme';

type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;
type OpenDialog = 'shortcuts' | 'about' | 'preferences' | 'workspace' | undefined;

export function App(): React.JSX.Element {
  const [sidebarVisible, setSidebarVisible] = useState(true);
  const [factsVisible, setFactsVisible] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [commands] = useState(createCommandBus);
  const [workspace, setWorkspace] = useState<WorkspaceInfo>();
  const [workspaceError, setWorkspaceError] = useState<string>();
  const workspacePath = workspace?.path;
  const { settings, notice, error, update, dismissNotice } = useSettings(api);
  const theme = useTheme(settings?.theme ?? 'system');

  const run = useCallback(
    (name: AppCommand, briefId?: string) => {
      if (name === 'view.toggleSidebar') setSidebarVisible((v) => !v);
      else if (name === 'view.toggleFacts') setFactsVisible((v) => !v);
      else if (name === 'view.toggleTheme') void update({ theme: theme === 'dark' ? 'light' : 'dark' });
      else if (name === 'help.shortcuts') setDialog('shortcuts');
      else if (name === 'help.about') setDialog('about');
      else if (name === 'app.preferences') setDialog('preferences');
      else if (name === 'workspace.open') setDialog('workspace');
      else commands.emit(name, briefId);
    },
    [commands, update, theme],
  );

  useEffect(() => {
    if (!api) return undefined;
    const connected = api;
    // Path and read-only reason arrive together, so no brief of a read-only workspace ever opens editable.
    const readInfo = (): void => void connected.workspace.info().then((r) => r.ok && setWorkspace(r.value));
    readInfo();
    const unsubscribers = [
      api.subscribe('app.command', ({ command: name, briefId }) => run(name, briefId)),
      api.subscribe('workspace.changed', readInfo),
    ];
    const onKey = (event: KeyboardEvent): void => {
      const name = commandForKey(event);
      if (!name) return;
      event.preventDefault();
      run(name);
    };
    // In the desktop app the native menu owns the accelerators; browser mode binds the same shortcuts here.
    if (!window.briefdesk) window.addEventListener('keydown', onKey);
    return () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      window.removeEventListener('keydown', onKey);
    };
  }, [run]);

  if (!api) {
    return (
      <div className="bd-empty">
        <h1>Briefdesk is not connected</h1>
        <p>
          Open the address that <code>npm run start:browser</code> printed: it carries the key this page needs.
        </p>
      </div>
    );
  }

  const connected = api;
  // The desktop app picks the folder with the system dialog in the main process; browser mode asks for a path.
  const openAnotherWorkspace = (): void => {
    if (!window.briefdesk) return setDialog('workspace');
    void connected.workspace.choose().then((result) => setWorkspaceError(result.ok ? undefined : result.error.message));
  };
  return (
    <div className="bd-app" data-theme={theme}>
      <div className="bd-app-bar">
        <span className="bd-app-name">Briefdesk</span>
        <button type="button" className="bd-link-button" title="Open another workspace" onClick={openAnotherWorkspace}>
          {workspacePath ?? '…'}
        </button>
        <span className="bd-app-bar-actions">
          <button type="button" className="bd-button" aria-pressed={factsVisible} onClick={() => setFactsVisible((v) => !v)}>
            Facts
          </button>
          <button type="button" className="bd-button" onClick={() => setDialog('preferences')}>
            Preferences
          </button>
          <button type="button" className="bd-button" aria-label="Keyboard shortcuts" onClick={() => setDialog('shortcuts')}>
            ?
          </button>
        </span>
      </div>
      {notice && (
        <Banner tone="warning" actions={[{ label: 'Dismiss', onClick: dismissNotice }]}>
          {notice}
        </Banner>
      )}
      {error && <Banner tone="error">{error}</Banner>}
      {workspaceError && (
        <Banner tone="error" actions={[{ label: 'Dismiss', onClick: () => setWorkspaceError(undefined) }]}>
          {workspaceError}
        </Banner>
      )}
      {settings && workspacePath && (
        <div className="bd-body" key={workspacePath}>
          <BriefsWorkspace
            api={api}
            sidebarVisible={sidebarVisible}
            autosave={settings.autosave}
            lastOpenBrief={settings.lastOpenBrief}
            workspaceReadOnly={workspace?.readOnly}
            onCommand={commands.listen}
          />
          {factsVisible && <FactsPanel api={api} onClose={() => setFactsVisible(false)} />}
        </div>
      )}
      {dialog === 'shortcuts' && (
        <Dialog title="Keyboard shortcuts" onClose={() => setDialog(undefined)}>
          <table className="bd-shortcuts">
            <tbody>
              {[...APP_SHORTCUTS, ...EDITOR_SHORTCUTS].map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
      {dialog === 'about' && (
        <Dialog title="About Briefdesk" onClose={() => setDialog(undefined)}>
          <p>Briefdesk drafts short analytic briefs offline, with known facts linked to the sources behind them.</p>
        </Dialog>
      )}
      {dialog === 'preferences' && settings && <PreferencesDialog settings={settings} onSave={update} onClose={() => setDialog(undefined)} />}
      {dialog === 'workspace' && (
        <PromptDialog
          title="Open workspace"
          label="Workspace folder (created if it does not exist)"
          initialValue={workspacePath ?? ''}
          submitLabel="Open"
          onClose={() => setDialog(undefined)}
          onSubmit={async (path) => {
            const result = await connected.workspace.open({ path });
            if (!result.ok) return result.error.message;
            setWorkspace(result.value);
            return undefined;
          }}
        />
      )}
    </div>
  );
}
