import { describe, expect, it } from 'vitest';
import { isExternalLinkAllowed, isRequestAllowed, secureWebPreferences } from '../../electron/main/securityPolicy';
import { resolveInside } from '../../electron/host/platform/paths';

// The Electron binary is absent here, so the window and session are not created: these are the rules they are
// built from (electron/main/window.ts and protocol.ts apply them unchanged).
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
