import type { WebPreferences } from 'electron';
import { safeUrl } from '../../shared/lib/safeUrl';

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

/** What the offline app may load: its own pages, devtools, and in development the Vite dev server. */
export function isRequestAllowed(url: string, devServerOrigin?: string): boolean {
  if (url.startsWith('app:') || url.startsWith('devtools:')) return true;
  if (devServerOrigin === undefined) return false;
  try {
    const { origin, protocol, host } = new URL(url);
    return origin === devServerOrigin || (protocol === 'ws:' && `http://${host}` === devServerOrigin);
  } catch {
    return false;
  }
}
