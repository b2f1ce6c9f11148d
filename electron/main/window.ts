import { BrowserWindow, screen, shell } from 'electron';
import { join } from 'node:path';
import type { Settings } from '../../shared/model/settings';
import { isExternalLinkAllowed, secureWebPreferences } from './securityPolicy';

type WindowBounds = NonNullable<Settings['windowBounds']>;

/** Restores the saved bounds only if they still fall on a connected display. */
function visibleBounds(bounds: WindowBounds | undefined): WindowBounds | undefined {
  if (!bounds) return undefined;
  const onScreen = screen.getAllDisplays().some(({ workArea: a }) => bounds.x < a.x + a.width && bounds.x + bounds.width > a.x && bounds.y < a.y + a.height && bounds.y + bounds.height > a.y);
  return onScreen ? bounds : undefined;
}

/** Saves the window's bounds when it closes, for the next start. */
export function rememberBounds(window: BrowserWindow, save: (bounds: WindowBounds) => void): void {
  window.on('close', () => save({ ...window.getNormalBounds(), maximized: window.isMaximized() }));
}

/** The one window factory: every window gets the security defaults of ARCHITECTURE.md. */
export function createMainWindow(url: string, savedBounds?: WindowBounds): BrowserWindow {
  const bounds = visibleBounds(savedBounds);
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Briefdesk',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => {
    if (bounds?.maximized) window.maximize();
    window.show();
  });
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
