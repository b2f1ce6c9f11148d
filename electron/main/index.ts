import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { createContainer, type Container } from '../host/container';
import { IMPORT_EXTENSIONS } from '../host/services/sources/importers/importers';
import { EVENT_CHANNEL } from '../../shared/contract/index';
import type { KeyValueStore } from '../host/services/settings/settingsService';
import { setAsideDamagedSettings } from '../host/services/settings/settingsService';
import { defaultWorkspacePath, explicitWorkspacePath } from '../host/services/workspace/workspace';
import { lockDownApp } from './appSecurity';
import { registerIpcHandlers } from './ipc';
import type { MenuEntry } from '../../shared/commands/registry';
import { installMenu } from './menu';
import { desktopExport } from './exportFiles';
import { OsTrash } from './osTrash';
import { ElectronPdfPrinter } from './pdf';
import { lockDownSession, registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN } from './securityPolicy';
import { createMainWindow, rememberBounds } from './window';

const SETTINGS_NAME = 'preferences';
// electron-vite sets this in `dev`; packaged and preview builds load from app://.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

registerAppScheme();
lockDownApp(devServerOrigin);

let mainWindow: BrowserWindow | undefined;
let container: Container | undefined;
/** Set once the renderer has flushed its edits; the close that follows goes through. */
let closeApproved = false;
/** The renderer's menu entries, from its command registry; empty until the page has loaded. */
let menuEntries: readonly MenuEntry[] = [];

function openWindow(): void {
  const settings = container!.settings;
  const window = createMainWindow(devServerUrl ?? `${APP_ORIGIN}/index.html`, settings.get().settings.windowBounds);
  rememberBounds(window, (windowBounds) => settings.update({ windowBounds }));
  // Hot exit: before the window goes, the renderer saves or backs up what is unsaved, then says it is ready.
  window.on('close', (event) => {
    if (closeApproved) return;
    event.preventDefault();
    window.webContents.send(EVENT_CHANNEL, 'app.command', { command: 'app.flushBeforeClose' });
    setTimeout(() => {
      closeApproved = true;
      window.close();
    }, 5000);
  });
  window.on('closed', () => {
    mainWindow = undefined;
    closeApproved = false;
  });
  mainWindow = window;
}

/** The native file dialog for *Import source…*: the host reads the file the analyst picked (the renderer names no path). */
async function pickImportFile(): Promise<string | undefined> {
  if (!mainWindow) return undefined;
  const { canceled, filePaths } = await dialog.showOpenDialog(mainWindow, {
    title: 'Import source',
    properties: ['openFile'],
    filters: [{ name: 'Sources', extensions: IMPORT_EXTENSIONS.map((extension) => extension.replace(/^\./, '')) }],
  });
  return canceled ? undefined : filePaths[0];
}

/** The native folder dialog: the only way the desktop app chooses a workspace (the renderer never names a path). */
async function pickWorkspaceFolder(): Promise<string | undefined> {
  if (!mainWindow) return undefined;
  const { canceled, filePaths } = await dialog.showOpenDialog(mainWindow, { title: 'Open workspace', properties: ['openDirectory', 'createDirectory'] });
  return canceled ? undefined : filePaths[0];
}

async function chooseWorkspace(): Promise<void> {
  const result = await container?.dispatcher.dispatch('workspace.choose', undefined);
  if (result && !result.ok) dialog.showErrorBox('Briefdesk could not open that workspace', result.error.message);
}

/** The native menu: the renderer's commands (from its registry) and the recent briefs of the workspace. */
async function refreshMenu(): Promise<void> {
  if (!container) return;
  const listed = await container.dispatcher.dispatch('briefs.list', undefined);
  const titles = new Map(listed.ok ? (listed.value as Array<{ id: string; title: string }>).map((b) => [b.id, b.title]) : []);
  const recent = container.settings.get().settings.recentBriefs.flatMap((id) => (titles.has(id) ? [{ id, title: titles.get(id)! }] : []));
  installMenu(() => mainWindow, { openWorkspace: () => void chooseWorkspace() }, recent, menuEntries);
}

async function start(): Promise<void> {
  await app.whenReady();
  const settingsPath = join(app.getPath('userData'), `${SETTINGS_NAME}.json`);
  const settingsNotice = await setAsideDamagedSettings(settingsPath);
  const settingsStore = new Store<Record<string, unknown>>({ name: SETTINGS_NAME }) as unknown as KeyValueStore;
  container = await createContainer({
    mode: 'desktop',
    version: app.getVersion(),
    workspacePath: explicitWorkspacePath(process.argv, process.env),
    defaultWorkspacePath: defaultWorkspacePath(app.getPath('documents')),
    resourcesPath: join(app.getAppPath(), 'resources'),
    settingsStore,
    settingsNotice,
    createTrash: () => new OsTrash(),
    chooseWorkspaceFolder: pickWorkspaceFolder,
    chooseImportFile: pickImportFile,
    printer: new ElectronPdfPrinter(),
    exportDesktop: desktopExport(() => mainWindow),
    onMenu: (entries) => {
      menuEntries = entries;
      void refreshMenu();
    },
    onReadyToClose: () => {
      closeApproved = true;
      mainWindow?.close();
    },
  });
  container.events.listen((topic, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, topic, payload);
  });
  registerIpcHandlers(ipcMain, container.dispatcher, devServerOrigin);
  lockDownSession(session.defaultSession, devServerOrigin);
  serveRenderer(session.defaultSession, join(import.meta.dirname, '../renderer'));
  container.events.listen((topic) => {
    if (topic === 'briefs.changed' || topic === 'workspace.changed') void refreshMenu();
  });
  await refreshMenu();
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits for the services to stop (jobs cancelled, running calls finished, the watcher closed).
  app.on('will-quit', (event) => {
    const stopping = container;
    if (!stopping) return;
    container = undefined;
    event.preventDefault();
    void stopping
      .shutdown()
      .catch((error: unknown) => console.error('Briefdesk did not shut down cleanly', error))
      .finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    dialog.showErrorBox('Briefdesk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
