import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY, TOKEN_HEADER } from '../../shared/contract/security';
import { MAX_CONCURRENT_REQUESTS, MAX_REQUEST_BYTES } from '../../shared/limits';
import type { Container } from './container';
import { ConfinedFolder } from './platform/confinedFolder';

/** The largest file of the built renderer served (the bundle is under 1 MB). */
const MAX_STATIC_BYTES = 32 * 1024 * 1024;
/** Events a stream may leave unread before it is closed. */
const MAX_UNREAD_EVENT_BYTES = 4 * 1024 * 1024;
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;
const TOO_LARGE = `Request too large: a call may carry at most ${Math.round(MAX_REQUEST_BYTES / 1024 / 1024)} MB.`;
const NOT_AN_OBJECT = 'Bad request: the body must be a JSON object like {"arg": …}';

export interface HttpHostOptions {
  container: Container;
  /** The built renderer (out/renderer); omitted when only the RPC bridge is wanted (tests, Vite dev). */
  staticRoot?: string;
  port?: number;
  token?: string;
  /** Where failures the caller only hears about as "Internal error" are written in full; a seam for tests. */
  log?: (message: string, error: unknown) => void;
}

/** RPC calls holding a slot (reading a body, running or answering), calls waiting for one, and the most that ever held one. */
export interface CallLoad {
  running: number;
  waiting: number;
  mostAtOnce: number;
}

export interface HttpHost {
  readonly origin: string;
  readonly token: string;
  /** The address to open: the token travels in the fragment, which the browser never sends to a server. */
  readonly url: string;
  /** For tests and diagnostics: how the concurrency limit is holding. */
  calls(): CallLoad;
  close(): Promise<void>;
}

/** An answer the caller gets in plain words. Anything else thrown is a fault: logged, and answered "Internal error". */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sameSecret(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function answerJson(res: ServerResponse, value: unknown): void {
  // Serialized before the head is written, so a result that cannot be still gets a proper 500.
  const text = JSON.stringify(value);
  res.writeHead(200, { ...NO_STORE, 'content-type': 'application/json' });
  res.end(text);
}

/**
 * Error answers close the connection: the request's body may still be on the wire, and a kept-alive connection
 * would have Node read all of it, however long, just to discard it before the next request.
 */
function refuse(res: ServerResponse, status: number, words: string): void {
  res.writeHead(status, { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(words);
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function requestPath(req: IncomingMessage): string {
  // Node passes absolute-form targets ("GET http://[ HTTP/1.1") through unchecked.
  const url = URL.parse(req.url ?? '/', 'http://127.0.0.1');
  if (!url) throw new Refusal(400, 'Bad request: the address is not valid.');
  return url.pathname;
}

function rpcMethod(pathname: string): string {
  const method = decodeOrUndefined(pathname.slice('/rpc/'.length));
  if (method === undefined) throw new Refusal(400, 'Bad request: the method name in the address has a broken %-escape.');
  return method;
}

/** The declared Content-Length, or 0 when the body is chunked or absent (then it is counted as it arrives). */
function declaredLength(req: IncomingMessage): number {
  // Node's parser has already refused a Content-Length that is not a plain number.
  return Number(req.headers['content-length'] ?? 0);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early must not destroy the request: that would drop the socket before the 413 is sent.
  const body = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) break;
      chunks.push(chunk);
    }
  } catch {
    throw new Refusal(400, 'Bad request: the connection broke before the body arrived.');
  }
  if (size > MAX_REQUEST_BYTES) throw new Refusal(413, TOO_LARGE);
  return Buffer.concat(chunks);
}

/** An empty body means no argument; anything else must be {"arg": …}. */
function parseArg(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Refusal(400, 'Bad request: the body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Refusal(400, NOT_AN_OBJECT);
  return (parsed as { arg?: unknown }).arg;
}

/**
 * At most `limit` calls at once; the rest wait in arrival order. Waiting, not a 503: only token holders get this
 * far, a waiting call holds no body (Node stops reading its socket once a small buffer fills, so the rest stays in
 * the kernel), and a burst of autosaves and backups is better served late than shown to the analyst as failures.
 */
function createCallGate(limit: number): { enter(): Promise<() => void>; load(): CallLoad } {
  let running = 0;
  let mostAtOnce = 0;
  const waiting: Array<() => void> = [];

  function admit(): () => void {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    return () => {
      running -= 1;
      // Handed over synchronously, so a call arriving now cannot take the slot ahead of one already waiting.
      waiting.shift()?.();
    };
  }

  return {
    enter: () => (running < limit ? Promise.resolve(admit()) : new Promise((resolve) => waiting.push(() => resolve(admit())))),
    load: () => ({ running, waiting: waiting.length, mostAtOnce }),
  };
}

/**
 * Browser mode: the same dispatcher as the desktop app, served on 127.0.0.1 only. Every RPC call must carry
 * the per-launch token, the Host header must name this loopback address (no DNS rebinding), and a request another
 * site's page sends (its Origin is not ours) is refused before anything else looks at it.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { container, log = console.error } = options;
  const staticFiles = options.staticRoot ? await ConfinedFolder.open(options.staticRoot, { what: 'The built renderer' }) : undefined;
  const streams = new Set<ServerResponse>();
  const gate = createCallGate(MAX_CONCURRENT_REQUESTS);
  let allowedHosts: ReadonlySet<string> = new Set();
  let allowedOrigins: ReadonlySet<string> = new Set();

  const stopForwarding = container.events.listen((topic, payload) => {
    const frame = `data: ${JSON.stringify({ topic, payload })}\n\n`;
    for (const res of streams) {
      // A client that stops reading its stream would make the host buffer every event for it: let it go instead
      // (the page reconnects and re-reads what it shows).
      if (res.writableLength > MAX_UNREAD_EVENT_BYTES) res.destroy();
      else res.write(frame);
    }
  });

  /** The built renderer, read through the same confined reader as the workspace: no symlink out of it is followed. */
  async function serveStatic(root: ConfinedFolder, pathname: string, res: ServerResponse): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeOrUndefined(pathname.slice(1));
    if (relative === undefined) return refuse(res, 404, 'Not found');
    try {
      const body = await root.read(relative, { maxBytes: MAX_STATIC_BYTES, what: 'That page' });
      res.writeHead(200, {
        'content-type': MIME[extname(relative)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      refuse(res, 404, 'Not found');
    }
  }

  async function serveCall(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    // Refused on the declaration alone, before a byte of the body is read or a slot is taken.
    if (declaredLength(req) > MAX_REQUEST_BYTES) return refuse(res, 413, TOO_LARGE);
    const leave = await gate.enter();
    // The caller hung up while waiting: its 'close' has already been and gone.
    if (res.destroyed) return leave();
    // Held until the answer is flushed or the caller hangs up, so no body or result outlives its slot.
    res.once('close', leave);
    const arg = parseArg(await readBody(req));
    answerJson(res, await container.dispatcher.dispatch(method, arg));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { origin } = req.headers;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(res, 403, 'Forbidden: this address serves only its own page, not other sites.');
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 421, 'Misdirected request');
    const pathname = requestPath(req);
    if (pathname.startsWith('/rpc/') || pathname === '/events') {
      if (!sameSecret(req.headers[TOKEN_HEADER], token)) return refuse(res, 401, 'Missing or wrong Briefdesk token');
      if (pathname === '/events') return openEventStream(res);
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST');
      return serveCall(req, res, rpcMethod(pathname));
    }
    if (req.method !== 'GET' || !staticFiles) return refuse(res, 404, 'Not found');
    return serveStatic(staticFiles, pathname, res);
  }

  function answerFailure(error: unknown, req: IncomingMessage, res: ServerResponse): void {
    if (error instanceof Refusal) return refuse(res, error.status, error.message);
    // Node's own messages name files and internals: the log gets the detail, the caller plain words.
    log(`The browser-mode bridge could not answer ${req.method ?? ''} ${req.url ?? ''}`, error);
    if (res.headersSent) res.destroy();
    else refuse(res, 500, 'Internal error');
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answerFailure(error, req, res));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    calls: gate.load,
    async close() {
      stopForwarding();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
