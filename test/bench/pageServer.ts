import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface PageServer {
  server: Server;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  base: string;
}

/**
 * Builds one bench page of `test/bench/pages/` as the app's Vite build would (production React and Lexical,
 * minified) and serves it on a loopback port: the page at `/`, its script and stylesheet, and the JSON bodies
 * `json` answers for other paths.
 */
export async function servePage(entry: string, title: string, json: (path: string) => string | undefined): Promise<PageServer> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'pages', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    write: false,
    outdir: 'page',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js || !css) throw new Error(`esbuild produced no JS or no CSS for the bench page ${entry}`);
  const html =
    `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>${title}</title><link rel="stylesheet" href="/page.css"></head>` +
    '<body><div id="root"></div><script type="module" src="/page.js"></script></body></html>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string | Uint8Array): void => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/') return send('text/html; charset=utf-8', html);
    if (path === '/page.js') return send('text/javascript; charset=utf-8', js.contents);
    if (path === '/page.css') return send('text/css; charset=utf-8', css.contents);
    const body = json(path);
    if (body !== undefined) return send('application/json; charset=utf-8', body);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
