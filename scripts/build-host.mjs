// Bundles the Node host (browser mode, CLI) into out/host; packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: { browser: 'electron/host/browser.ts' },
  outdir: 'out/host',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
