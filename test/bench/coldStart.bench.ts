import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../../playwright.config';
import { startBrowserHost } from '../e2e/support/browserHost';
import { tempDir } from '../support/tempWorkspace';
import { median, type Benchmark, type BenchRow } from './harness';

const RUNS = 10;
const rendererAssets = join(import.meta.dirname, '..', '..', 'out', 'renderer', 'assets');

async function bundleRows(): Promise<BenchRow[]> {
  const files = await readdir(rendererAssets);
  const sizes = await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(join(rendererAssets, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  const sum = (ext: string, key: 'raw' | 'gzip') => sizes.filter((s) => s.file.endsWith(ext)).reduce((n, s) => n + s[key], 0) / 1024;
  return [
    { name: 'renderer JS, gzip', value: sum('.js', 'gzip'), unit: 'KiB', baseline: { name: 'uncompressed', value: sum('.js', 'raw') } },
    { name: 'renderer CSS, gzip', value: sum('.css', 'gzip'), unit: 'KiB', baseline: { name: 'uncompressed', value: sum('.css', 'raw') } },
  ];
}

const benchmark: Benchmark = {
  name: 'browser-mode cold start',
  async run() {
    const workspace = await tempDir('briefdesk-bench-');
    const host = await startBrowserHost(workspace.path);
    const empty = createServer((_req, res) => res.end('<!doctype html><title>empty</title><p>empty</p>'));
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    const emptyUrl = `http://127.0.0.1:${(empty.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      // One brief in the workspace, so start-up ends with it open in an editable editor.
      const seed = await browser.newPage();
      await seed.goto(host.url);
      await seed.getByRole('button', { name: 'New brief' }).first().click();
      await seed.locator('.bd-editor[data-ready="true"]').waitFor();
      await seed.close();

      const appTimes: number[] = [];
      const emptyTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // A new context per run: no cache, no session storage, a cold page every time.
        const appContext = await browser.newContext();
        const page = await appContext.newPage();
        let started = performance.now();
        await page.goto(host.url);
        await page.locator('.bd-editor[data-ready="true"]').waitFor();
        appTimes.push(performance.now() - started);
        await appContext.close();

        const emptyContext = await browser.newContext();
        const emptyPage = await emptyContext.newPage();
        started = performance.now();
        await emptyPage.goto(emptyUrl, { waitUntil: 'load' });
        emptyTimes.push(performance.now() - started);
        await emptyContext.close();
      }
      return [
        {
          name: `start to "editor ready", median of ${RUNS}`,
          value: median(appTimes),
          unit: 'ms',
          baseline: { name: 'empty page load, same browser', value: median(emptyTimes) },
        },
        ...(await bundleRows()),
      ];
    } finally {
      await browser.close();
      empty.close();
      await host.stop();
      await workspace.dispose();
    }
  },
};

export default benchmark;
