import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import type { Settings } from '../../shared/model/settings';
import { secureWebPreferences } from './securityPolicy';

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

/**
 * The one window factory: every window gets the web preferences of ARCHITECTURE.md's security defaults; navigation,
 * new windows and <webview> are ruled for all web contents at once (appSecurity.ts).
 */
export function createMainWindow(url: string, savedBounds?: WindowBounds): BrowserWindow {
  const bounds = visibleBounds(savedBounds);
  // Electronegativity sees webPreferences only when they are written out in this call. Ours come from
  // secureWebPreferences (contextIsolation and sandbox on, held to the checklist in securityPolicy.test.ts), and the
  // new window a middle-click asks for is denied like any other (guardWebContents), so Auxclick may stay enabled.
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
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
  void window.loadURL(url);
  return window;
}
