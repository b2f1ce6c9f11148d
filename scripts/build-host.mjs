// Bundles the Node host (browser mode, CLI) into out/host; packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: { browser: 'electron/host/browser.ts', cli: 'electron/host/cli.ts' },
  outdir: 'out/host',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
