import { describe, expect, it } from 'vitest';
import { isTrustedSender, registerIpcHandlers } from '../../electron/main/ipc';
import { APP_ORIGIN } from '../../electron/main/securityPolicy';
import { createClient } from '../../shared/contract/client';
import { methodNames, rpcChannel } from '../../shared/contract/index';
import { createIpcTransport } from '../../electron/preload/ipcTransport';
import type { Dispatcher } from '../../electron/host/dispatcher';
import { createFakeIpc, type FakeFrame } from '../support/fakeIpc';

// The Electron binary is absent here: the sender check is exercised with hand-made event objects shaped like
// Electron's IpcMainInvokeEvent (only `senderFrame.url` and `senderFrame.parent` are read).
const top = (url: string): FakeFrame => ({ url, parent: null });
const event = (frame: FakeFrame | null) => ({ senderFrame: frame }) as Parameters<typeof isTrustedSender>[0];

/** A dispatcher that only counts the calls that got through to it. */
function countingDispatcher(): Dispatcher & { readonly reached: number } {
  let reached = 0;
  return {
    get reached() {
      return reached;
    },
    async dispatch() {
      reached += 1;
      return { ok: true, value: [] };
    },
  };
}

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
    const dispatcher = countingDispatcher();
    const fake = createFakeIpc(top('https://evil.example/'));
    registerIpcHandlers(fake.ipcMain, dispatcher);
    const api = createClient(createIpcTransport(fake.ipcRenderer));
    expect(await api.briefs.list()).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(dispatcher.reached).toBe(0);
  });
});

describe('desktop IPC surface', () => {
  it('gives workspace.open no handler: in the desktop app only the native folder dialog chooses the workspace', async () => {
    const dispatcher = countingDispatcher();
    const fake = createFakeIpc(top(`${APP_ORIGIN}/index.html`));
    registerIpcHandlers(fake.ipcMain, dispatcher);
    expect(fake.channels().sort()).toEqual(
      methodNames()
        .filter((name) => name !== 'workspace.open')
        .map(rpcChannel)
        .sort(),
    );
    // Even our own page, through the preload's client, cannot reach it.
    const api = createClient(createIpcTransport(fake.ipcRenderer));
    expect(await api.workspace.open({ path: '/home/analyst/elsewhere' })).toMatchObject({ ok: false });
    expect(dispatcher.reached).toBe(0);
    expect(await api.briefs.list()).toMatchObject({ ok: true });
    expect(dispatcher.reached).toBe(1);
  });
});
