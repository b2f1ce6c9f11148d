import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { createContainer, type Container } from '../host/container';
import { EVENT_CHANNEL } from '../../shared/contract/index';
import { defaultWorkspacePath, resolveWorkspacePath } from '../host/services/workspace/workspace';
import { registerIpcHandlers, APP_ORIGIN } from './ipc';
import { installMenu } from './menu';
import { lockDownSession, registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

registerAppScheme();

// electron-vite sets this in `dev`; packaged and preview builds load from app://.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
let mainWindow: BrowserWindow | undefined;
let container: Container | undefined;

function openWindow(): void {
  mainWindow = createMainWindow(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const workspacePath = resolveWorkspacePath(process.argv, process.env, defaultWorkspacePath(app.getPath('documents')));
  container = await createContainer({ workspacePath, mode: 'desktop', version: app.getVersion() });
  container.events.listen((topic, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, topic, payload);
  });
  registerIpcHandlers(ipcMain, container.dispatcher, devServerOrigin);
  lockDownSession(session.defaultSession, devServerOrigin);
  serveRenderer(session.defaultSession, join(import.meta.dirname, '../renderer'));
  installMenu(() => mainWindow);
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
  app.on('will-quit', () => {
    void container?.shutdown();
  });
  start().catch((error: unknown) => {
    console.error('Briefdesk could not start', error);
    app.exit(1);
  });
}
