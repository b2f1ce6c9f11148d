import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isTrustedSender, registerIpcHandlers } from '../../electron/main/ipc';
import { createClient } from '../../shared/contract/client';
import { createIpcTransport } from '../../electron/preload/ipcTransport';
import type { Dispatcher } from '../../electron/host/dispatcher';
import { createFakeIpc, type FakeFrame } from '../support/fakeIpc';

// The Electron binary is absent here: the sender check is exercised with hand-made event objects shaped like
// Electron's IpcMainInvokeEvent (only `senderFrame.url` and `senderFrame.parent` are read).
const top = (url: string): FakeFrame => ({ url, parent: null });
const event = (frame: FakeFrame | null) => ({ senderFrame: frame }) as Parameters<typeof isTrustedSender>[0];

describe('IPC sender check', () => {
  it('trusts only the top-level frame of our app:// origin', () => {
    expect(isTrustedSender(event(top(`${APP_ORIGIN}/index.html`)))).toBe(true);
    expect(isTrustedSender(event(top('https://evil.example/index.html')))).toBe(false);
    expect(isTrustedSender(event(top('file:///work/out/renderer/index.html')))).toBe(false);
    expect(isTrustedSender(event(top('app://other-host/index.html')))).toBe(false);
    expect(isTrustedSender(event({ url: `${APP_ORIGIN}/index.html`, parent: top(`${APP_ORIGIN}/index.html`) }))).toBe(false);
    expect(isTrustedSender(event(null))).toBe(false);
    expect(isTrustedSender(event(top('not a url')))).toBe(false);
  });

  it('trusts the dev server only when one is configured', () => {
    expect(isTrustedSender(event(top('http://localhost:5173/')))).toBe(false);
    expect(isTrustedSender(event(top('http://localhost:5173/')), 'http://localhost:5173')).toBe(true);
  });

  it('refuses an untrusted sender before the dispatcher is reached', async () => {
    let reached = 0;
    const dispatcher: Dispatcher = {
      async dispatch() {
        reached += 1;
        return { ok: true, value: [] };
      },
    };
    const fake = createFakeIpc(top('https://evil.example/'));
    registerIpcHandlers(fake.ipcMain, dispatcher);
    const api = createClient(createIpcTransport(fake.ipcRenderer));
    expect(await api.briefs.list()).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(reached).toBe(0);
  });
});
