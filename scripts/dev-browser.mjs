// `npm run dev:browser`: the Node host (from source, via tsx) plus Vite with HMR for the renderer,
// proxying the RPC bridge so the page talks to the same dispatcher as in `start:browser`.
import { spawn } from 'node:child_process';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';

const host = spawn(process.execPath, ['--import', 'tsx', 'electron/host/browser.ts', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const hostUrl = await new Promise((resolve, reject) => {
  let output = '';
  host.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
    const match = /Open: (http:\/\/\S+)/.exec(output);
    if (match) resolve(new URL(match[1]));
  });
  host.once('exit', (code) => reject(new Error(`the host exited with ${code}`)));
});

const target = hostUrl.origin;
// The page runs on Vite's origin; the host accepts only its own, so the proxy vouches for Vite's page alone.
let viteOrigins = new Set();
const vouchForOwnPage = (proxy) =>
  proxy.on('proxyReq', (proxyReq, req) => {
    if (viteOrigins.has(req.headers.origin)) proxyReq.setHeader('origin', target);
  });
const vite = await createServer({
  root: 'renderer',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/rpc': { target, changeOrigin: true, configure: vouchForOwnPage },
      '/events': { target, changeOrigin: true, configure: vouchForOwnPage },
    },
  },
});
await vite.listen();
const [local] = vite.resolvedUrls?.local ?? [];
viteOrigins = new Set((vite.resolvedUrls?.local ?? []).map((url) => new URL(url).origin));
console.log(`\nBriefdesk dev (HMR): ${local}${hostUrl.hash}`);
const stop = async () => {
  host.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
