import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY, TOKEN_HEADER } from '../../shared/contract/security';
import type { Container } from './container';
import { resolveInside } from './platform/paths';

const MAX_BODY_BYTES = 128 * 1024 * 1024;
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HttpHostOptions {
  container: Container;
  /** The built renderer (out/renderer); omitted when only the RPC bridge is wanted (tests, Vite dev). */
  staticRoot?: string;
  port?: number;
  token?: string;
}

export interface HttpHost {
  readonly origin: string;
  readonly token: string;
  /** The address to open: the token travels in the fragment, which the browser never sends to a server. */
  readonly url: string;
  close(): Promise<void>;
}

function sameSecret(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the same dispatcher as the desktop app, served on 127.0.0.1 only. Every RPC call must carry
 * the per-launch token, and the Host header must name this loopback address (no DNS rebinding).
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { container, staticRoot } = options;
  const streams = new Set<ServerResponse>();
  let allowedHosts: Set<string> = new Set();

  const stopForwarding = container.events.listen((topic, payload) => {
    const frame = `data: ${JSON.stringify({ topic, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });

  async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    let file: string;
    try {
      file = resolveInside(root, relative);
    } catch {
      return send(res, 404, 'Not found');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      send(res, 404, 'Not found');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Misdirected request');
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname.startsWith('/rpc/') || pathname === '/events') {
      if (!sameSecret(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'Missing or wrong Briefdesk token');
      if (pathname === '/events') return openEventStream(res);
      if (req.method !== 'POST') return send(res, 405, 'Use POST');
      let arg: unknown;
      try {
        const body = await readBody(req);
        arg = body.length > 0 ? (JSON.parse(body) as { arg?: unknown }).arg : undefined;
      } catch (error) {
        return send(res, 400, `Bad request: ${(error as Error).message}`);
      }
      const result = await container.dispatcher.dispatch(decodeURIComponent(pathname.slice('/rpc/'.length)), arg);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }
    if (req.method !== 'GET' || !staticRoot) return send(res, 404, 'Not found');
    return serveStatic(staticRoot, pathname, res);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    async close() {
      stopForwarding();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
