import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { CommandRegistry, type RunMode } from '../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../shared/contract/client';
import type { WorkspaceInfoSchema } from '../../../shared/contract/workspace';
import type { Settings, SettingsPatch, SidePaneId } from '../../../shared/model/settings';
import { NotificationStore } from '../../../shared/notifications/notificationStore';
import { api } from '../api/client';
import { useCommands } from '../api/useCommands';
import { useBriefsFeature } from '../features/briefs/useBriefsFeature';
import { useExportFeature } from '../features/export/useExportFeature';
import { FactsPanel } from '../features/facts/FactsPanel';
import { useImportsFeature } from '../features/imports/useImportsFeature';
import type { SourceTarget } from '../features/sources/SourcePane';
import { useSourcesFeature } from '../features/sources/useSourcesFeature';
import { Dialog } from '../components/Dialog';
import { PromptDialog } from '../components/PromptDialog';
import { appCommands } from './commands/appCommands';
import { CommandPalette } from './commands/CommandPalette';
import { QuickOpen } from './commands/QuickOpen';
import { ShortcutSheet } from './commands/ShortcutSheet';
import { useKeybindings } from './commands/useKeybindings';
import { useMenuSync } from './commands/useMenuSync';
import { NotificationArea, NotificationHistory } from './notifications/NotificationArea';
import { PreferencesDialog } from './PreferencesDialog';
import { useSettings } from './useSettings';
import { useTheme } from './useTheme';
import { closeSidePane, openSidePane, toggleSidePane } from './workbench/layout';
import { useWorkbenchLayout } from './workbench/useWorkbenchLayout';
import { Workbench, type PaneId } from './workbench/Workbench';

type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;
type OpenDialog = 'shortcuts' | 'about' | 'preferences' | 'workspace' | 'palette' | 'quickOpen' | 'messages' | undefined;

const MODE: RunMode = typeof window !== 'undefined' && window.briefdesk ? 'desktop' : 'browser';

export function App(): React.JSX.Element {
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
  return <ConnectedApp api={api} />;
}

/** The window: one command registry and one notification area for its lifetime, and a workbench per workspace. */
function ConnectedApp({ api }: { api: BriefdeskApi }): React.JSX.Element {
  const [registry] = useState(() => new CommandRegistry());
  const [notifications] = useState(() => new NotificationStore());
  const [workspace, setWorkspace] = useState<WorkspaceInfo>();
  const { settings, notice, error, update, dismissNotice } = useSettings(api);
  const theme = useTheme(settings?.theme ?? 'system');

  useEffect(() => {
    // Path and read-only reason arrive together, so no brief of a read-only workspace ever opens editable.
    const readInfo = (): void => void api.workspace.info().then((r) => r.ok && setWorkspace(r.value));
    readInfo();
    const unsubscribers = [
      api.subscribe('app.command', ({ command, briefId }) => void registry.run(command, briefId ? { briefId } : {})),
      api.subscribe('workspace.changed', readInfo),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [api, registry]);

  useEffect(() => {
    if (notice) notifications.post({ id: 'settings.notice', tone: 'warning', sticky: true, text: notice, actions: [{ label: 'Dismiss', run: dismissNotice }] });
    else notifications.dismiss('settings.notice');
  }, [notifications, notice, dismissNotice]);
  useEffect(() => {
    if (error) notifications.post({ id: 'settings.error', tone: 'error', text: error });
  }, [notifications, error]);

  useKeybindings(registry, MODE);
  useMenuSync(api, registry, MODE === 'desktop');

  return (
    <div className="bd-app" data-theme={theme}>
      {settings && workspace ? (
        <Shell
          key={workspace.path}
          api={api}
          registry={registry}
          notifications={notifications}
          settings={settings}
          update={update}
          theme={theme}
          workspace={workspace}
          onWorkspace={setWorkspace}
        />
      ) : (
        <p className="bd-empty bd-muted">Opening the workspace…</p>
      )}
    </div>
  );
}

interface ShellProps {
  api: BriefdeskApi;
  registry: CommandRegistry;
  notifications: NotificationStore;
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<string | undefined>;
  theme: 'light' | 'dark';
  workspace: WorkspaceInfo;
  onWorkspace: (info: WorkspaceInfo) => void;
}

/** One workspace's workbench: the panes, the features that fill them, and the window's commands and dialogs. */
function Shell({ api, registry, notifications, settings, update, theme, workspace, onWorkspace }: ShellProps): React.JSX.Element {
  const [dialog, setDialog] = useState<OpenDialog>();
  const { layout, change } = useWorkbenchLayout(settings.workbench, update);
  const [focusPane, setFocusPane] = useState<PaneId>();
  const [sourceTarget, setSourceTarget] = useState<SourceTarget>();

  const showSource = useCallback(
    (passage: Omit<SourceTarget, 'request'>) => {
      setSourceTarget((previous) => ({ ...passage, request: (previous?.request ?? 0) + 1 }));
      change((current) => openSidePane(current, 'source'));
    },
    [change],
  );

  const briefs = useBriefsFeature({
    api,
    registry,
    notifications,
    autosave: settings.autosave,
    lastOpenBrief: settings.lastOpenBrief,
    workspaceReadOnly: workspace.readOnly,
    onShowSource: showSource,
  });

  const exporting = useExportFeature({
    api,
    registry,
    notifications,
    mode: MODE,
    defaults: settings.exportDefaults,
    onRemember: (patch) => update({ exportDefaults: patch }),
    briefs: briefs.briefs,
    openBriefId: briefs.openBriefId,
    selectedBriefIds: briefs.selectedBriefIds,
    flush: briefs.saveOpenBrief,
  });

  const imports = useImportsFeature({ api, registry, notifications, mode: MODE, workspaceWritable: !workspace.readOnly });

  const sources = useSourcesFeature({
    api,
    registry,
    notifications,
    target: sourceTarget,
    onOpenPane: () => {
      change((current) => openSidePane(current, 'source'));
      setFocusPane('source');
    },
    onQuote: briefs.quoteInBrief,
    onDropFiles: imports.onDropFiles,
  });

  const focusEditor = useCallback(() => {
    // The editor is found by its role in the page: the workbench does not reach into the briefs feature.
    document.querySelector<HTMLElement>('.bd-centre [contenteditable]')?.focus();
  }, []);

  const closePane = (pane: PaneId): void => {
    setFocusPane(undefined);
    change((current) => (pane === 'sidebar' ? { ...current, sidebarOpen: false } : closeSidePane(current, pane)));
    focusEditor();
  };

  const togglePane = (pane: SidePaneId): void => {
    const opening = !layout.sidePanes.includes(pane);
    change((current) => toggleSidePane(current, pane));
    if (opening) setFocusPane(pane);
    else focusEditor();
  };

  // The desktop app picks the folder with the system dialog in the main process; browser mode asks for a path.
  const openAnotherWorkspace = (): void => {
    if (MODE === 'browser') return setDialog('workspace');
    void api.workspace.choose().then((result) => !result.ok && notifications.post({ tone: 'error', text: result.error.message }));
  };

  useCommands(registry, () =>
    appCommands({
      toggleSidebar: () => {
        const opening = !layout.sidebarOpen;
        change((current) => ({ ...current, sidebarOpen: !current.sidebarOpen }));
        if (opening) setFocusPane('sidebar');
        else focusEditor();
      },
      toggleSidePane: togglePane,
      swapSideArrangement: () => change((current) => ({ ...current, sideArrangement: current.sideArrangement === 'stacked' ? 'sideBySide' : 'stacked' })),
      toggleTheme: () => void update({ theme: theme === 'dark' ? 'light' : 'dark' }),
      preferences: () => setDialog('preferences'),
      openWorkspace: openAnotherWorkspace,
      shortcuts: () => setDialog('shortcuts'),
      about: () => setDialog('about'),
      messages: () => setDialog('messages'),
      palette: () => setDialog('palette'),
      quickOpen: () => setDialog('quickOpen'),
      focusEditor,
    }),
  );

  const closeDialog = (): void => setDialog(undefined);

  return (
    <>
      <div className="bd-app-bar">
        <span className="bd-app-name">Briefdesk</span>
        <button type="button" className="bd-link-button" title="Open another workspace" onClick={openAnotherWorkspace}>
          {workspace.path}
        </button>
        <span className="bd-app-bar-actions">
          <button type="button" className="bd-button" title="Show all commands (Ctrl+Shift+P)" onClick={() => setDialog('palette')}>
            Commands
          </button>
          <button type="button" className="bd-button" aria-pressed={layout.sidePanes.includes('facts')} onClick={() => togglePane('facts')}>
            Facts
          </button>
          <button type="button" className="bd-button" aria-pressed={layout.sidePanes.includes('inThisBrief')} onClick={() => togglePane('inThisBrief')}>
            In this brief
          </button>
          <button type="button" className="bd-button" aria-pressed={layout.sidePanes.includes('source')} onClick={() => togglePane('source')}>
            Source
          </button>
          <button type="button" className="bd-button" onClick={() => setDialog('messages')}>
            Messages
          </button>
          <button type="button" className="bd-button" onClick={() => setDialog('preferences')}>
            Preferences
          </button>
          <button type="button" className="bd-button" aria-label="Keyboard shortcuts" onClick={() => setDialog('shortcuts')}>
            ?
          </button>
        </span>
      </div>
      <Workbench
        layout={layout}
        onLayout={change}
        focusPane={focusPane}
        onClosePane={closePane}
        sidebar={{ title: 'Briefs', content: briefs.sidebar }}
        centre={
          <>
            <NotificationArea store={notifications} />
            {briefs.editor}
          </>
        }
        sidePanes={{
          facts: { title: 'Facts', content: <FactsPanel api={api} notifications={notifications} onShowSource={showSource} onOpenBrief={briefs.openBrief} /> },
          inThisBrief: { title: 'In this brief', content: briefs.inThisBrief },
          source: { title: 'Source', content: sources.pane },
        }}
      />
      {briefs.dialogs}
      {exporting.dialog}
      {imports.elements}
      {sources.elements}
      {dialog === 'palette' && <CommandPalette registry={registry} mode={MODE} onClose={closeDialog} />}
      {dialog === 'quickOpen' && (
        <QuickOpen
          briefs={briefs.briefs}
          onOpen={(id) => {
            closeDialog();
            briefs.openBrief(id);
          }}
          onCreate={(title) => {
            closeDialog();
            void briefs.createBrief(title);
          }}
          onClose={closeDialog}
        />
      )}
      {dialog === 'shortcuts' && (
        <Dialog title="Keyboard shortcuts" onClose={closeDialog}>
          <ShortcutSheet registry={registry} mode={MODE} />
        </Dialog>
      )}
      {dialog === 'messages' && (
        <Dialog title="Recent messages" onClose={closeDialog}>
          <NotificationHistory store={notifications} />
        </Dialog>
      )}
      {dialog === 'about' && (
        <Dialog title="About Briefdesk" onClose={closeDialog}>
          <p>Briefdesk drafts short analytic briefs offline, with known facts linked to the sources behind them.</p>
        </Dialog>
      )}
      {dialog === 'preferences' && <PreferencesDialog settings={settings} onSave={update} onClose={closeDialog} />}
      {dialog === 'workspace' && (
        <PromptDialog
          title="Open workspace"
          label="Workspace folder (it must already exist)"
          initialValue={workspace.path}
          submitLabel="Open"
          onClose={closeDialog}
          onSubmit={async (path) => {
            const result = await api.workspace.open({ path });
            if (!result.ok) return result.error.message;
            onWorkspace(result.value);
            return undefined;
          }}
        />
      )}
    </>
  );
}
