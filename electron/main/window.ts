import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

/** The one window factory: every window gets the security defaults of ARCHITECTURE.md. */
export function createMainWindow(url: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Briefdesk',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url: target }) => {
    if (isExternalLinkAllowed(target)) void confirmAndOpen(window, target);
    return { action: 'deny' };
  });
  void window.loadURL(url);
  return window;
}

export function isExternalLinkAllowed(target: string): boolean {
  try {
    const { protocol } = new URL(target);
    return protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

async function confirmAndOpen(window: BrowserWindow, target: string): Promise<void> {
  const { dialog } = await import('electron');
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Open', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: target,
  });
  if (response === 0) await shell.openExternal(target);
}
