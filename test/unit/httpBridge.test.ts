import { writeFile } from 'node:fs/promises';
import { Agent, request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract/security';
import { MAX_CONCURRENT_REQUESTS, MAX_REQUEST_BYTES } from '../../shared/limits';
import type { Dispatcher } from '../../electron/host/dispatcher';
import { startHttpHost, type HttpHost, type HttpHostOptions } from '../../electron/host/server';
import { tempDir } from '../support/tempWorkspace';
import { testContainer } from '../support/testContainer';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Settles when the host has closed the connection the answer came on. */
  connectionClosed: Promise<void>;
}

interface Bridge {
  host: HttpHost;
  /** How many times the dispatcher was asked for anything. */
  dispatched(): number;
  logged: unknown[][];
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real container on a temp workspace behind a real host; `wrap` may stand in front of its dispatcher. */
async function startBridge(
  wrap: (real: Dispatcher['dispatch']) => Dispatcher['dispatch'] = (real) => real,
  options: Partial<HttpHostOptions> = {},
): Promise<Bridge> {
  const env = await testContainer();
  cleanups.push(env.dispose);
  const real = env.container.dispatcher.dispatch.bind(env.container.dispatcher);
  const inner = wrap(real);
  let calls = 0;
  const dispatch: Dispatcher['dispatch'] = (method, arg) => {
    calls += 1;
    return inner(method, arg);
  };
  const logged: unknown[][] = [];
  const host = await startHttpHost({
    container: { ...env.container, dispatcher: { dispatch } },
    log: (...entry) => logged.push(entry),
    ...options,
  });
  cleanups.push(() => host.close());
  return { host, dispatched: () => calls, logged };
}

function port(host: HttpHost): string {
  return new URL(host.origin).port;
}

interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
}

/**
 * Starts a request on its own connection and leaves the body to the caller. The connection asks to be kept alive,
 * so when it closes after an answer, the host chose to close it.
 */
function open(host: HttpHost, path: string, { method = 'POST', headers = {} }: RequestInit = {}): { req: ClientRequest; answer: Promise<Answer> } {
  const req = request(`${host.origin}${path}`, { method, headers, agent: new Agent({ keepAlive: true }) });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      // The host may close the connection while the client is still sending; that is the point, not a failure.
      req.off('error', reject).on('error', () => undefined);
      const connectionClosed = new Promise<void>((closed) => res.socket.once('close', () => closed()));
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => (body += text));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, connectionClosed }));
    });
  });
  return { req, answer };
}

function send(host: HttpHost, path: string, init: RequestInit & { body?: string } = {}): Promise<Answer> {
  const { req, answer } = open(host, path, init);
  req.end(init.body);
  return answer;
}

function rpc(host: HttpHost, method: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  return send(host, `/rpc/${method}`, { headers: { [TOKEN_HEADER]: host.token, 'content-type': 'application/json', ...headers }, body });
}

/** Fails with `what` instead of hanging until vitest's own timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} (nothing within ${ms} ms)`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A JSON object of exactly `bytes` bytes with no `arg`, so briefs.list answers it. */
function jsonOfSize(bytes: number): string {
  const frame = '{"pad":""}';
  return `{"pad":"${'x'.repeat(bytes - frame.length)}"}`;
}

/** What every refusal must look like: a short plain-text sentence, never a stack or a V8/Node message. */
function expectPlainWords(answer: Answer, status: number, words?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
  if (words !== undefined) expect(answer.body).toBe(words);
  expect(answer.body).not.toMatch(/Error\b|\bat .+:\d+|Unexpected token|position \d|URI malformed|ERR_|node:/);
  expect(answer.body.length).toBeLessThan(200);
}

const TOO_LARGE = /^Request too large: a call may carry at most 25 MB\.$/;

describe('request size: Content-Length is checked first, bodies are capped at MAX_REQUEST_BYTES', () => {
  it('answers a declared Content-Length over the cap with 413 at once, without waiting for the body, and closes the connection', async () => {
    const { host, dispatched } = await startBridge();
    const { req, answer } = open(host, '/rpc/briefs.list', {
      headers: { [TOKEN_HEADER]: host.token, 'content-length': String(MAX_REQUEST_BYTES + 1) },
    });
    req.flushHeaders();
    // Not a byte of the body is sent: a host that reads before deciding would wait here forever.
    const refused = await within(answer, 5000, 'the host waited for a body it should have refused on its declared length');
    expectPlainWords(refused, 413);
    expect(refused.body).toMatch(TOO_LARGE);
    expect(refused.headers.connection).toBe('close');
    await within(refused.connectionClosed, 5000, 'the host kept the connection open after the 413');
    expect(dispatched()).toBe(0);
    expect(host.calls().mostAtOnce).toBe(0);
    req.destroy();
  });

  it('counts a chunked body (no Content-Length) as it streams, cuts it off one byte past the cap with 413, then closes the connection', async () => {
    const { host, dispatched } = await startBridge();
    const { req, answer } = open(host, '/rpc/briefs.list', { headers: { [TOKEN_HEADER]: host.token } });
    const mebibyte = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = 0; sent < MAX_REQUEST_BYTES; sent += mebibyte.length) req.write(mebibyte);
    req.write(' ');
    // The body is never ended: the host must stop on its own count, not wait for the end.
    const refused = await within(answer, 10_000, 'the host kept reading a chunked body past MAX_REQUEST_BYTES');
    expectPlainWords(refused, 413);
    expect(refused.body).toMatch(TOO_LARGE);
    await within(refused.connectionClosed, 5000, 'the host kept the connection open after cutting the body off');
    expect(dispatched()).toBe(0);
    req.destroy();
  });

  it('still serves a body of exactly MAX_REQUEST_BYTES, declared or chunked', async () => {
    const { host } = await startBridge();
    const body = jsonOfSize(MAX_REQUEST_BYTES);
    expect(Buffer.byteLength(body)).toBe(MAX_REQUEST_BYTES);
    const declared = await rpc(host, 'briefs.list', body);
    expect(declared.status).toBe(200);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: true });

    const { req, answer } = open(host, '/rpc/briefs.list', { headers: { [TOKEN_HEADER]: host.token } });
    req.write(body.slice(0, 1000));
    req.end(body.slice(1000));
    expect((await answer).status).toBe(200);
  });
});

describe(`concurrency: at most MAX_CONCURRENT_REQUESTS (${MAX_CONCURRENT_REQUESTS}) calls hold a body at once`, () => {
  /** Holds every call inside the dispatcher until `release()`, so the test sees who got in. */
  function heldDispatcher(): { wrap: (real: Dispatcher['dispatch']) => Dispatcher['dispatch']; entered(): number; release(): void } {
    let entered = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    return {
      wrap: (real) => async (method, arg) => {
        entered += 1;
        await released;
        return real(method, arg);
      },
      entered: () => entered,
      release: () => release(),
    };
  }

  it(`fires ${3 * MAX_CONCURRENT_REQUESTS} 2 MB calls at once: ${MAX_CONCURRENT_REQUESTS} are read and run, the rest wait unread, and all are answered`, async () => {
    const held = heldDispatcher();
    const { host } = await startBridge(held.wrap);
    const body = jsonOfSize(2 * 1024 * 1024);
    const answers = Array.from({ length: 3 * MAX_CONCURRENT_REQUESTS }, () => rpc(host, 'briefs.list', body));

    await until(() => held.entered() >= MAX_CONCURRENT_REQUESTS, 'the first calls are running');
    // Give a host without a limit the time to let more in, so the count below is not just a race won.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(held.entered()).toBe(MAX_CONCURRENT_REQUESTS);
    await until(() => host.calls().waiting === 2 * MAX_CONCURRENT_REQUESTS, 'every call has reached the host');
    expect(host.calls()).toEqual({ running: MAX_CONCURRENT_REQUESTS, waiting: 2 * MAX_CONCURRENT_REQUESTS, mostAtOnce: MAX_CONCURRENT_REQUESTS });

    held.release();
    const done = await Promise.all(answers);
    expect(done.map((a) => a.status)).toEqual(done.map(() => 200));
    expect(held.entered()).toBe(3 * MAX_CONCURRENT_REQUESTS);
    await until(() => host.calls().running === 0, 'every slot is given back');
    expect(host.calls()).toEqual({ running: 0, waiting: 0, mostAtOnce: MAX_CONCURRENT_REQUESTS });
  });

  it('gives back the place of a caller that hangs up while waiting', async () => {
    const held = heldDispatcher();
    const { host } = await startBridge(held.wrap);
    const answers = Array.from({ length: MAX_CONCURRENT_REQUESTS }, () => rpc(host, 'briefs.list', '{}'));
    await until(() => held.entered() === MAX_CONCURRENT_REQUESTS, 'every slot is taken');
    const { req: quitter, answer: neverAnswered } = open(host, '/rpc/briefs.list', { headers: { [TOKEN_HEADER]: host.token } });
    neverAnswered.catch(() => undefined);
    quitter.end('{}');
    await until(() => host.calls().waiting === 1, 'the extra call is waiting');
    quitter.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));

    held.release();
    await Promise.all(answers);
    await until(() => host.calls().running === 0, 'every slot is given back, the quitter’s too');
    expect((await rpc(host, 'briefs.list', '{}')).status).toBe(200);
  });
});

describe('Origin: a request from another site is refused with 403 before anything else runs', () => {
  const strangers = ['https://evil.example', 'http://127.0.0.1:1', 'null', ''];

  it.each(strangers)('refuses Origin %j on an RPC call carrying the right token, before the dispatcher is asked', async (origin) => {
    const { host, dispatched } = await startBridge();
    expectPlainWords(await rpc(host, 'briefs.list', '{}', { origin }), 403);
    expect(dispatched()).toBe(0);
  });

  it('refuses a foreign Origin on /events and on a static page too, and ahead of the Host check', async () => {
    const { host } = await startBridge();
    const foreign = { origin: 'https://evil.example' };
    expectPlainWords(await send(host, '/events', { method: 'GET', headers: { ...foreign, [TOKEN_HEADER]: host.token } }), 403);
    expectPlainWords(await send(host, '/index.html', { method: 'GET', headers: foreign }), 403);
    expectPlainWords(await rpc(host, 'briefs.list', '{}', { ...foreign, host: `evil.example:${port(host)}` }), 403);
  });

  it('serves its own origins, and callers without an Origin only with the token', async () => {
    const { host } = await startBridge();
    for (const origin of [host.origin, `http://localhost:${port(host)}`]) {
      expect((await rpc(host, 'briefs.list', '{}', { origin })).status).toBe(200);
    }
    expect((await rpc(host, 'briefs.list', '{}')).status).toBe(200);
    expectPlainWords(await send(host, '/rpc/briefs.list', { body: '{}' }), 401);
  });

  it('keeps the /events stream working for its own origin', async () => {
    const { host } = await startBridge();
    const res = await fetch(`${host.origin}/events`, { headers: { origin: host.origin, [TOKEN_HEADER]: host.token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe(': connected\n\n');
    await reader.cancel();
  });
});

describe('addresses: a broken %-escape or target is a 400 or 404, never a 500', () => {
  it('answers a broken escape in the RPC method name with 400', async () => {
    const { host, dispatched } = await startBridge();
    expectPlainWords(await rpc(host, '%E0%A4%A', '{}'), 400, 'Bad request: the method name in the address has a broken %-escape.');
    expect(dispatched()).toBe(0);
  });

  it('answers a broken escape in a static path with 404, and still serves the page', async () => {
    const root = await tempDir('briefdesk-static-');
    cleanups.push(root.dispose);
    await writeFile(join(root.path, 'index.html'), '<!doctype html><title>Briefdesk</title>');
    const { host } = await startBridge(undefined, { staticRoot: root.path });
    expectPlainWords(await send(host, '/%E0%A4%A.js', { method: 'GET' }), 404, 'Not found');
    const page = await send(host, '/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Briefdesk</title>');
  });

  it('answers an absolute-form target that is not a URL ("POST http://[") with 400', async () => {
    const { host } = await startBridge();
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port(host)), '127.0.0.1', () => {
        socket.write(`POST http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port(host)}\r\n${TOKEN_HEADER}: ${host.token}\r\nContent-Length: 2\r\n\r\n{}`);
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.once('close', () => resolve(text));
      socket.once('error', reject);
    });
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head).toContain('Bad request: the address is not valid.');
  });
});

describe('bodies: only a JSON object like {"arg": …} is accepted', () => {
  it.each(['null', '[]', '"x"', '5', 'true'])('answers the JSON body %s with 400 in plain words', async (body) => {
    const { host, dispatched } = await startBridge();
    expectPlainWords(await rpc(host, 'briefs.list', body), 400, 'Bad request: the body must be a JSON object like {"arg": …}');
    expect(dispatched()).toBe(0);
  });

  it.each(['{"arg":', 'not json', '{"arg": undefined}'])('answers invalid JSON %j with 400, not V8’s message', async (body) => {
    const { host } = await startBridge();
    expectPlainWords(await rpc(host, 'briefs.list', body), 400, 'Bad request: the body is not valid JSON.');
  });

  it('still takes {} and an empty body as a call without an argument', async () => {
    const { host } = await startBridge();
    for (const body of ['{}', '']) expect(JSON.parse((await rpc(host, 'briefs.list', body)).body)).toMatchObject({ ok: true });
  });
});

describe('faults: the caller hears "Internal error", the log gets the detail', () => {
  it('does not leak a thrown error’s message or stack', async () => {
    const fault = new Error('EACCES: permission denied, open /home/analyst/briefs/secret.brief.json');
    const { host, logged } = await startBridge(() => () => Promise.reject(fault));
    const answer = await rpc(host, 'briefs.list', '{}');
    expectPlainWords(answer, 500, 'Internal error');
    expect(answer.headers.connection).toBe('close');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[1]).toBe(fault);
  });
});
