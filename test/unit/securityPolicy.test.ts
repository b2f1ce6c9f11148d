import { describe, expect, it } from 'vitest';
import {
  guardWebContents,
  isAppPage,
  isExternalLinkAllowed,
  isRequestAllowed,
  secureWebPreferences,
  type GuardedWebContents,
} from '../../electron/main/securityPolicy';
import { resolveInside } from '../../electron/host/platform/paths';

// The Electron binary is absent here, so the window and session are not created: these are the rules they are
// built from (electron/main/window.ts, protocol.ts and appSecurity.ts apply them unchanged).

type Listener = (event: { url?: string; preventDefault: () => void }) => void;
type WindowOpenHandler = (details: { url: string }) => { action: string };

/** Stands in for a web contents: records what the guard hooks, and plays what Electron does when a page tries. */
function guardedContents(devServerOrigin?: string) {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: WindowOpenHandler | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: WindowOpenHandler) {
      windowOpenHandler = handler;
    },
  };
  const offered: string[] = [];
  guardWebContents(contents as unknown as GuardedWebContents, devServerOrigin, (url) => offered.push(url));
  /** True when the page gets its way: nothing hooked the event, or the hook did not prevent it. */
  const goesAhead = (name: string, url?: string): boolean => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
    return !prevented;
  };
  return { goesAhead, openWindow: (url: string) => windowOpenHandler?.({ url }).action, offered };
}

const DEV = 'http://localhost:5173';
describe('Electron security checklist', () => {
  it('every window is isolated, sandboxed and Node-free', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('only app: (and devtools:) loads; the dev server only when one is configured', () => {
    expect(isRequestAllowed('app://briefdesk/index.html')).toBe(true);
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of ['https://example.org/', 'http://127.0.0.1:5173/', 'file:///etc/passwd', 'data:text/html,x', 'ws://localhost:5173/']) {
      expect(isRequestAllowed(url), url).toBe(false);
    }
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('our pages are app://briefdesk and, only when configured, the dev server', () => {
    const cases: Array<[url: string, devServerOrigin: string | undefined, ours: boolean]> = [
      ['app://briefdesk/index.html', undefined, true],
      ['app://briefdesk/', DEV, true],
      ['app://other-host/index.html', undefined, false],
      ['https://example.org/', undefined, false],
      ['file:///work/out/renderer/index.html', undefined, false],
      ['not a url', undefined, false],
      [`${DEV}/`, undefined, false],
      [`${DEV}/src/main.tsx`, DEV, true],
      ['http://localhost:5174/', DEV, false],
      ['http://localhost:5173@evil.example/', DEV, false],
    ];
    for (const [url, devServerOrigin, ours] of cases) expect(isAppPage(url, devServerOrigin), `${url} with ${devServerOrigin}`).toBe(ours);
  });

  it('every web contents navigates and is redirected only to our pages', () => {
    const packaged = guardedContents();
    const development = guardedContents(DEV);
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(packaged.goesAhead(name, 'app://briefdesk/index.html'), name).toBe(true);
      expect(packaged.goesAhead(name, 'https://example.org/'), name).toBe(false);
      expect(packaged.goesAhead(name, 'file:///etc/passwd'), name).toBe(false);
      expect(packaged.goesAhead(name, `${DEV}/`), name).toBe(false);
      expect(development.goesAhead(name, `${DEV}/`), name).toBe(true);
      expect(development.goesAhead(name, 'https://example.org/'), name).toBe(false);
    }
  });

  it('every web contents attaches no <webview>', () => {
    expect(guardedContents().goesAhead('will-attach-webview')).toBe(false);
  });

  it('every web contents opens no window; safe links are handed over to be confirmed and opened outside', () => {
    const guarded = guardedContents();
    for (const url of ['https://example.org/report', 'mailto:desk@example.org', 'app://briefdesk/index.html', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(guarded.openWindow(url), url).toBe('deny');
    }
    expect(guarded.offered).toEqual(['https://example.org/report', 'mailto:desk@example.org']);
  });

  it('links open outside only for absolute http(s) and mailto addresses', () => {
    expect(isExternalLinkAllowed('https://example.org/report')).toBe(true);
    expect(isExternalLinkAllowed('mailto:desk@example.org')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'example.org', '/relative', 'app://briefdesk/x']) {
      expect(isExternalLinkAllowed(url), url).toBe(false);
    }
  });

  it('the app: protocol serves only files inside the renderer folder', () => {
    expect(resolveInside('/app/renderer', 'assets/index.js')).toBe('/app/renderer/assets/index.js');
    for (const escape of ['../main/index.js', '../../etc/passwd', '/etc/passwd', 'assets/../../x', '']) {
      expect(() => resolveInside('/app/renderer', escape), escape).toThrow();
    }
  });
});
