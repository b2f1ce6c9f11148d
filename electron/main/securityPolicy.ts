import type { Event, WebContents, WebPreferences } from 'electron';
import { safeUrl } from '../../shared/lib/safeUrl';

/** The renderer is served from `app://briefdesk/…` (protocol.ts), never from `file://`. */
export const APP_SCHEME = 'app';
const APP_HOST = 'briefdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The security defaults every window gets (Electron's security checklist), kept free of runtime `electron` imports
 * so tests can hold them to the checklist without the Electron binary.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** Links leave the app only for http(s) and mailto addresses that pass the same URL rule as the editor's links. */
export function isExternalLinkAllowed(target: string): boolean {
  const safe = safeUrl(target);
  if (safe === undefined) return false;
  try {
    // Only absolute addresses as given: safeUrl would also complete "example.com", which a page never asks for.
    return safe === new URL(target).href;
  } catch {
    return false;
  }
}

/** Our own pages: `app://briefdesk/…`, and in development the Vite dev server's. */
export function isAppPage(url: string, devServerOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compared by parts: WHATWG URL reports the origin of a non-special scheme such as app: as "null".
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devServerOrigin !== undefined && parsed.origin === devServerOrigin;
}

/** What the offline app may load: its own pages, devtools, and in development the Vite dev server. */
export function isRequestAllowed(url: string, devServerOrigin?: string): boolean {
  if (url.startsWith(`${APP_SCHEME}:`) || url.startsWith('devtools:')) return true;
  if (devServerOrigin === undefined) return false;
  try {
    const { origin, protocol, host } = new URL(url);
    return origin === devServerOrigin || (protocol === 'ws:' && `http://${host}` === devServerOrigin);
  } catch {
    return false;
  }
}

/** The part of a web contents the guard touches, so tests can drive it without the Electron binary. */
export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every web contents the app creates (windows, devtools, anything a page manages to spawn): it stays on
 * our pages, opens no window and attaches no <webview>. A link for outside goes to `openExternally`, which asks first.
 */
export function guardWebContents(contents: GuardedWebContents, devServerOrigin: string | undefined, openExternally: (url: string) => void): void {
  const stayOnAppPages = (event: Event<{ url: string }>): void => {
    if (!isAppPage(event.url, devServerOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPages);
  contents.on('will-redirect', stayOnAppPages);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) openExternally(url);
    return { action: 'deny' };
  });
}
