import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type BriefdeskApi } from '../../shared/contract/client';
import { EVENT_CHANNEL, methodNames, rpcChannel } from '../../shared/contract/index';
import { TOKEN_HEADER } from '../../shared/contract/security';
import type { Container } from '../../electron/host/container';
import { startHttpHost, type HttpHost } from '../../electron/host/server';
import { createHttpTransport } from '../../renderer/src/api/httpTransport';
import { createIpcTransport } from '../../electron/preload/ipcTransport';
import { DESKTOP_EXCLUDED_METHODS, registerIpcHandlers } from '../../electron/main/ipc';
import { APP_ORIGIN } from '../../electron/main/securityPolicy';
import { MAX_BRIEF_FILE_BYTES } from '../../shared/limits';
import { emptyEditorState } from '../../shared/model/brief';
import { createFakeIpc } from '../support/fakeIpc';
import { testContainer } from '../support/testContainer';

function paragraphState(text: string) {
  const state = emptyEditorState();
  (state.root.children[0] as { children: unknown[] }).children = [
    { type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 },
  ];
  return state;
}

function waitFor<T>(register: (resolve: (value: T) => void) => void, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe('one contract over two transports, one dispatcher', () => {
  let env: Awaited<ReturnType<typeof testContainer>>;
  let container: Container;
  let host: HttpHost;
  let http: BriefdeskApi;
  let ipc: BriefdeskApi;
  let unregister: () => void;
  let ipcFake: ReturnType<typeof createFakeIpc>;

  beforeEach(async () => {
    env = await testContainer();
    container = env.container;
    host = await startHttpHost({ container });
    http = createClient(createHttpTransport(host.origin, host.token));
    ipcFake = createFakeIpc({ url: `${APP_ORIGIN}/index.html`, parent: null });
    unregister = registerIpcHandlers(ipcFake.ipcMain, container.dispatcher);
    container.events.listen((topic, payload) => ipcFake.send(EVENT_CHANNEL, topic, payload));
    ipc = createClient(createIpcTransport(ipcFake.ipcRenderer));
  });

  afterEach(async () => {
    unregister();
    await host.close();
    await env.dispose();
  });

  it('registers one IPC handler per contract method but the browser-only ones, on the contract channel names', () => {
    const desktopMethods = methodNames().filter((name) => !DESKTOP_EXCLUDED_METHODS.includes(name));
    expect(ipcFake.channels().sort()).toEqual(desktopMethods.map(rpcChannel).sort());
  });

  it('round-trips a brief: created over IPC, saved over HTTP, read back over both and from disk', async () => {
    const created = await ipc.briefs.create({});
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const saved = await http.briefs.save({ id: created.value.id, editorState: paragraphState('Hanoi summit ends without a deal'), baseRevision: 0 });
    expect(saved.ok && saved.value.title).toBe('Hanoi summit ends without a deal');

    const viaIpc = await ipc.briefs.open({ id: created.value.id });
    const viaHttp = await http.briefs.open({ id: created.value.id });
    expect(viaIpc).toEqual(viaHttp);
    expect(viaIpc.ok && viaIpc.value.revision).toBe(1);

    const onDisk = JSON.parse(await readFile(join(env.workspacePath, 'briefs', `${created.value.id}.brief.json`), 'utf8'));
    expect(onDisk.editorState.root.children[0].children[0].text).toBe('Hanoi summit ends without a deal');

    const [listIpc, listHttp] = await Promise.all([ipc.briefs.list(), http.briefs.list()]);
    expect(listIpc).toEqual(listHttp);
    expect(listIpc.ok && listIpc.value.map((b) => b.title)).toContain('Hanoi summit ends without a deal');
  });

  it('delivers events through subscribe() on both transports', async () => {
    const seenHttp = waitFor<{ ids: string[] }>((resolve) => http.subscribe('briefs.changed', resolve));
    const seenIpc = waitFor<{ ids: string[] }>((resolve) => ipc.subscribe('briefs.changed', resolve));
    // The HTTP event stream connects asynchronously; give it a moment before the event fires.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = await http.briefs.create({});
    if (!created.ok) throw new Error(created.error.message);
    expect((await seenHttp).ids).toEqual([created.value.id]);
    expect((await seenIpc).ids).toEqual([created.value.id]);
  });

  it('a brief at the size limit saves, opens, backs up and saves again over the HTTP bridge (what opens can be saved)', async () => {
    const created = await http.briefs.create({});
    if (!created.ok) throw new Error(created.error.message);
    // Just under the file limit once pretty-printed: the request bodies carry it as compact JSON, which is smaller.
    const words = 'word '.repeat(Math.floor((MAX_BRIEF_FILE_BYTES - 64 * 1024) / 5));
    const editorState = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: words }] }] } };
    const saved = await http.briefs.save({ id: created.value.id, baseRevision: 0, editorState, reason: 'auto' });
    if (!saved.ok) throw new Error(saved.error.message);
    const opened = await http.briefs.open({ id: created.value.id });
    if (!opened.ok) throw new Error(opened.error.message);
    expect((await readFile(join(env.workspacePath, 'briefs', `${created.value.id}.brief.json`))).length).toBeGreaterThan(MAX_BRIEF_FILE_BYTES - 128 * 1024);
    expect(await http.briefs.backup({ id: created.value.id, baseRevision: saved.value.revision, editorState: opened.value.editorState })).toMatchObject({ ok: true });
    expect(await http.briefs.save({ id: created.value.id, baseRevision: saved.value.revision, editorState: opened.value.editorState, reason: 'explicit' })).toMatchObject({ ok: true });
  });

  it('rejects bad arguments with invalid_argument on both transports, before any service runs', async () => {
    for (const api of [http, ipc]) {
      const traversal = await api.briefs.open({ id: '../../etc/passwd' });
      expect(traversal).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
      const wrongShape = await (api.briefs.save as (arg: unknown) => Promise<unknown>)({ id: 'abc', editorState: { root: 'nope' }, baseRevision: -1 });
      expect(wrongShape).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }
    expect(await container.dispatcher.dispatch('briefs.delete_everything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await container.dispatcher.dispatch('constructor.prototype', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('turns service errors into typed results: missing brief, stale revision', async () => {
    expect(await http.briefs.open({ id: 'no-such-brief' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const created = await ipc.briefs.create({});
    if (!created.ok) throw new Error(created.error.message);
    await ipc.briefs.save({ id: created.value.id, editorState: paragraphState('one'), baseRevision: 0 });
    const stale = await http.briefs.save({ id: created.value.id, editorState: paragraphState('two'), baseRevision: 0 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

function rawRequest(origin: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ arg: undefined }));
  });
}

describe('browser-mode HTTP host', () => {
  it('requires the per-launch token and a loopback Host header on every RPC call', async () => {
    const env = await testContainer();
    const host = await startHttpHost({ container: env.container });
    try {
      const port = new URL(host.origin).port;
      expect(await rawRequest(host.origin, '/rpc/briefs.list', { [TOKEN_HEADER]: host.token })).toBe(200);
      expect(await rawRequest(host.origin, '/rpc/briefs.list', {})).toBe(401);
      expect(await rawRequest(host.origin, '/rpc/briefs.list', { [TOKEN_HEADER]: `${host.token}x` })).toBe(401);
      expect(await rawRequest(host.origin, '/rpc/briefs.list', { [TOKEN_HEADER]: host.token, host: `evil.example:${port}` })).toBe(421);

      const wrongToken = createClient(createHttpTransport(host.origin, 'not-the-token'));
      expect(await wrongToken.briefs.list()).toMatchObject({ ok: false, error: { code: 'io_error' } });
      expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
      expect(new URL(host.origin).hostname).toBe('127.0.0.1');
    } finally {
      await host.close();
      await env.dispose();
    }
  });
});
