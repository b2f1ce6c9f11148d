import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type Page, type TestFixture } from '@playwright/test';
import { collectPageProblems, skipSeeding, startBrowserHost, type RunningHost } from './browserHost';
import { tempDir } from '../../support/tempWorkspace';

/** How long a clean stop may take before the host is killed and the test fails for it. */
const CLEAN_STOP_MS = 10_000;

/** The browser-mode host of one test, on that test's workspace and preferences folder. */
export interface BrowserHost {
  /** The address of the running host, with its per-launch token: a restart gets a new one. Throws while stopped. */
  readonly url: string;
  readonly workspace: string;
  readonly configDir: string;
  /**
   * SIGTERM (a clean stop) by default; SIGKILL simulates a crash. Does nothing when the host is already stopped.
   * A host that ignores SIGTERM for ten seconds is killed, and the stop fails with that.
   */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Stops the host cleanly if it still runs, then starts it again on the same workspace and preferences folder. */
  restart(): Promise<void>;
}

export interface HostOptions {
  /** Whether the host copies the bundled sample brief and facts into the workspace, as the app does on first start. */
  bundledSamples: boolean;
  /** Written to `preferences.json` in the preferences folder before the host starts; undefined writes no file. */
  preferences: Record<string, unknown> | undefined;
}

export interface HostFixtures {
  /** A fresh temp folder, removed after the test. */
  workspace: string;
  /** The host's preferences folder: `.briefdesk/test-config` inside the workspace unless a spec overrides it. */
  configDir: string;
  /**
   * Runs before the host starts: override it to fill the workspace, e.g.
   * `test.use({ seedWorkspace: async ({ workspace }, use) => { await writeBriefFile(workspace, …); await use(); } })`.
   */
  seedWorkspace: void;
  /** The browser-mode host, started on `workspace` and stopped after the test, whatever its outcome. */
  host: BrowserHost;
  /** Every uncaught error and console error of `page`, collected from before `app` opens. */
  pageProblems: string[];
  /** `page`, opened at the host's address, once the app has loaded its workspace. */
  app: Page;
}

/** Opens the app at `url` and waits until it shows the workspace's list of briefs, empty or not. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('listbox', { name: 'Briefs' }).or(page.getByText('No briefs yet'))).toBeVisible();
}

/** A fixture giving a fresh temp folder, removed after the test (for folders a spec needs beside the workspace). */
export function temporaryFolder(prefix: string): TestFixture<string, object> {
  // Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use) => {
    const folder = await tempDir(prefix);
    await use(folder.path);
    await folder.dispose();
  };
}

class HostOnWorkspace implements BrowserHost {
  #running: RunningHost | undefined;
  #finishedRunsOutput = '';

  constructor(
    readonly workspace: string,
    readonly configDir: string,
  ) {}

  get url(): string {
    if (!this.#running) throw new Error('The browser host is not running: restart() it first.');
    return this.#running.url;
  }

  async start(): Promise<void> {
    this.#running = await startBrowserHost(this.workspace, this.configDir);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    try {
      if (signal === 'SIGKILL') return await running.stop('SIGKILL');
      let timer: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLEAN_STOP_MS)));
      const stopped = await Promise.race([running.stop('SIGTERM').then(() => true), outOfTime]);
      clearTimeout(timer);
      if (stopped) return;
      await running.stop('SIGKILL');
      throw new Error(`The browser host did not stop within ${CLEAN_STOP_MS / 1000} s of SIGTERM, so it was killed.`);
    } finally {
      this.#finishedRunsOutput += running.output();
    }
  }

  output(): string {
    return this.#finishedRunsOutput + (this.#running?.output() ?? '');
  }
}

export const test = base.extend<HostOptions & HostFixtures>({
  bundledSamples: [true, { option: true }],
  preferences: [undefined, { option: true }],
  workspace: temporaryFolder('briefdesk-e2e-'),
  configDir: async ({ workspace }, use) => use(join(workspace, '.briefdesk', 'test-config')),
  // eslint-disable-next-line no-empty-pattern
  seedWorkspace: async ({}, use) => use(),
  // `seedWorkspace` is listed so the workspace is filled before the host starts.
  host: async ({ workspace, configDir, bundledSamples, preferences, seedWorkspace: _filled }, use, testInfo) => {
    if (!bundledSamples) await skipSeeding(workspace);
    if (preferences !== undefined) {
      await mkdir(configDir, { recursive: true });
      await writeFile(join(configDir, 'preferences.json'), JSON.stringify(preferences));
    }
    const host = new HostOnWorkspace(workspace, configDir);
    await host.start();
    try {
      await use(host);
      await host.stop();
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('browser host output', { body: host.output(), contentType: 'text/plain' });
      }
    }
  },
  pageProblems: async ({ page }, use) => use(collectPageProblems(page)),
  // `pageProblems` is listed so a page's problems are collected from before it opens.
  app: async ({ page, host, pageProblems: _collecting }, use) => {
    await openApp(page, host.url);
    await use(page);
  },
});

export { expect };
