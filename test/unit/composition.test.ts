import * as nodeFs from 'node:fs/promises';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../electron/host/platform/chromiumPrinter';
import { createContainer, type Container, type ContainerOptions } from '../../electron/host/container';
import { createDispatcher } from '../../electron/host/dispatcher';
import { bootInOrder, ServiceStartError, type Lifecycle } from '../../electron/host/lifecycle';
import type { SaveFs } from '../../electron/host/platform/atomicWrite';
import { FolderWatcher } from '../../electron/host/platform/folderWatcher';
import type { KeyValueStore } from '../../electron/host/services/settings/settingsService';
import { AppError } from '../../shared/contract/define';
import type { EventTopic } from '../../shared/contract/index';
import { emptyEditorState } from '../../shared/model/brief';
import { tempDir } from '../support/tempWorkspace';
import { repoRoot } from '../support/testContainer';

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** A lifecycle that writes what happens to it into `journal`. */
function recorded(name: string, journal: string[], faults: { boot?: Error; shutdown?: Error } = {}): Lifecycle {
  return {
    name,
    async boot() {
      journal.push(`boot ${name}`);
      if (faults.boot) throw faults.boot;
    },
    async shutdown() {
      journal.push(`shutdown ${name}`);
      if (faults.shutdown) throw faults.shutdown;
    },
  };
}

/** A brief file as another program would write it. */
function outsideBrief(id: string): string {
  const now = new Date().toISOString();
  return JSON.stringify({ schemaVersion: 1, id, title: id, autoTitle: false, author: '', classification: 'UNCLASSIFIED', template: 'blank', createdAt: now, updatedAt: now, revision: 0, editorState: emptyEditorState() });
}

/** A container on `workspacePath` with its own temp preferences; `dispose` shuts it down and removes the preferences. */
async function containerOn(workspacePath: string, overrides: Partial<ContainerOptions> = {}): Promise<{ container: Container; topics: EventTopic[]; dispose: () => Promise<void> }> {
  const config = await tempDir('briefdesk-config-');
  const settingsStore = new Conf<Record<string, unknown>>({ cwd: config.path, configName: 'preferences', projectName: 'briefdesk' }) as KeyValueStore;
  const container = await createContainer({
    mode: 'browser',
    version: '0.0.0-test',
    workspacePath,
    defaultWorkspacePath: workspacePath,
    resourcesPath: join(repoRoot, 'resources'),
    settingsStore,
    printer: new ChromiumPrinter(),
    ...overrides,
  }).catch(async (error: unknown) => {
    await config.dispose();
    throw error;
  });
  const topics: EventTopic[] = [];
  container.events.listen((topic) => topics.push(topic));
  return {
    container,
    topics,
    dispose: async () => {
      await container.shutdown();
      await config.dispose();
    },
  };
}

/** Timers and watchers Node holds open for this process, by kind. */
function openTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('bootInOrder: the lifecycle every service has', () => {
  it('boots in order and shuts down in reverse, once however often asked, going on past a service that fails to stop', async () => {
    const journal: string[] = [];
    const logged: unknown[][] = [];
    const stuck = new Error('the index file is locked');
    const shutdown = await bootInOrder([recorded('settings', journal), recorded('index', journal, { shutdown: stuck }), recorded('jobs', journal)], (...entry) => logged.push(entry));
    expect(journal).toEqual(['boot settings', 'boot index', 'boot jobs']);
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(journal.slice(3)).toEqual(['shutdown jobs', 'shutdown index', 'shutdown settings']);
    expect(logged).toEqual([['Briefdesk could not shut down its index cleanly', stuck]]);
  });

  it('names the service whose boot throws, never boots the ones after it, and really stops those booted before it', async () => {
    const folder = await tempDir('briefdesk-watched-');
    try {
      const heard: string[] = [];
      const watcher = new FolderWatcher(folder.path, () => true, (name) => heard.push(name));
      const journal: string[] = [];
      const failing: Lifecycle = {
        name: 'briefs service',
        async boot() {
          // The watcher booted before this one is live: it hears a file written now.
          await writeFile(join(folder.path, 'heard.txt'), 'x');
          await until(() => heard.includes('heard.txt'), 'the watcher hears a file');
          throw new AppError('io_error', 'The folder briefs could not be listed: the disk reported an input/output error.');
        },
      };
      const booting = bootInOrder([
        { name: 'watcher of the briefs folder', boot: () => watcher.start(), shutdown: () => watcher.stop() },
        recorded('preferences', journal),
        failing,
        recorded('jobs service', journal),
      ]);
      const error = await booting.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ServiceStartError);
      expect(error).toMatchObject({
        service: 'briefs service',
        code: 'io_error',
        message: 'Briefdesk could not start its briefs service: The folder briefs could not be listed: the disk reported an input/output error.',
      });
      expect(journal).toEqual(['boot preferences', 'shutdown preferences']);
      await writeFile(join(folder.path, 'after.txt'), 'x');
      await sleep(400);
      expect(heard).toEqual(['heard.txt']);
    } finally {
      await folder.dispose();
    }
  });
});

describe('the container: boot in order, shutdown in reverse', () => {
  it('names the service that could not start: a full disk while seeding a new workspace', async () => {
    const workspace = await tempDir('briefdesk-ws-');
    const diskFull: SaveFs = {
      ...nodeFs,
      open: (async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }) as SaveFs['open'],
    };
    try {
      await expect(containerOn(workspace.path, { saveFs: diskFull })).rejects.toMatchObject({
        service: 'seeding service',
        code: 'io_error',
        message: expect.stringMatching(/^Briefdesk could not start its seeding service: The sample file .+ could not be saved: the disk is full\./),
      });
    } finally {
      await workspace.dispose();
    }
  });

  it('shutdown waits for a call in flight, then refuses calls', async () => {
    const workspace = await tempDir('briefdesk-ws-');
    let slowSaves = false;
    const slowFs: SaveFs = {
      ...nodeFs,
      open: (async (...args: Parameters<SaveFs['open']>) => {
        if (slowSaves) await sleep(300);
        return nodeFs.open(...args);
      }) as SaveFs['open'],
    };
    const env = await containerOn(workspace.path, { saveFs: slowFs });
    try {
      slowSaves = true;
      let saved = false;
      const saving = env.container.dispatcher.dispatch('briefs.create', { title: 'Saved during shutdown' });
      void saving.then(() => (saved = true));
      await sleep(50);
      await env.container.shutdown();
      expect(saved).toBe(true);
      expect(await saving).toMatchObject({ ok: true, value: { title: 'Saved during shutdown' } });
      expect((await readdir(join(workspace.path, 'briefs'))).filter((name) => name.endsWith('.briefdesk-tmp'))).toEqual([]);
      expect(await env.container.dispatcher.dispatch('briefs.list', undefined)).toEqual({
        ok: false,
        error: { code: 'refused', message: 'Briefdesk is shutting down, so briefs.list was not run.' },
      });
    } finally {
      await env.dispose();
      await workspace.dispose();
    }
  });

  it('after shutdown no watcher fires and no timer is pending, not even for a change seen just before', async () => {
    const workspace = await tempDir('briefdesk-ws-');
    const timersBefore = openTimers();
    const env = await containerOn(workspace.path);
    try {
      const briefs = join(workspace.path, 'briefs');
      // The watcher is live: a brief written by another program is announced.
      await writeFile(join(briefs, 'from-elsewhere.brief.json'), outsideBrief('from-elsewhere'));
      await until(() => env.topics.includes('briefs.external'), 'the watcher announces an outside brief');
      const heard = env.topics.length;

      // Seen by the watcher, but still inside its settle time when shutdown comes: dropped with its timer.
      await writeFile(join(briefs, 'just-before.brief.json'), outsideBrief('just-before'));
      await sleep(30);
      await env.container.shutdown();
      await writeFile(join(briefs, 'after.brief.json'), outsideBrief('after'));
      await sleep(500);
      expect(env.topics.slice(heard)).toEqual([]);
      expect(openTimers()).toBeLessThanOrEqual(timersBefore);
    } finally {
      await env.dispose();
      await workspace.dispose();
    }
  });

  it('headless: an empty folder is not seeded, no watcher starts, and a folder that does not exist is refused, not created', async () => {
    const workspace = await tempDir('briefdesk-ws-');
    const env = await containerOn(workspace.path, { headless: true });
    try {
      expect(await readdir(join(workspace.path, 'briefs'))).toEqual([]);
      expect(await readdir(join(workspace.path, 'facts'))).toEqual([]);
      expect(await readdir(join(workspace.path, '.briefdesk'))).toEqual([]);
      // The services answer as usual, from the folder as it is.
      expect(await env.container.dispatcher.dispatch('briefs.list', undefined)).toEqual({ ok: true, value: [] });

      await writeFile(join(workspace.path, 'briefs', 'from-elsewhere.brief.json'), outsideBrief('from-elsewhere'));
      await sleep(500);
      expect(env.topics).toEqual([]);
      expect(await env.container.dispatcher.dispatch('briefs.list', undefined)).toMatchObject({ ok: true, value: [{ id: 'from-elsewhere' }] });
    } finally {
      await env.dispose();
    }

    const missing = join(workspace.path, 'not-there');
    await expect(containerOn(missing, { headless: true })).rejects.toMatchObject({ service: 'workspace', code: 'not_found' });
    await expect(readdir(missing)).rejects.toMatchObject({ code: 'ENOENT' });

    // The same folder opened by the app: seeded, and watched.
    await mkdir(join(workspace.path, 'fresh'));
    const app = await containerOn(join(workspace.path, 'fresh'));
    try {
      expect((await readdir(join(workspace.path, 'fresh', 'briefs'))).length).toBeGreaterThan(0);
      await writeFile(join(workspace.path, 'fresh', 'briefs', 'from-elsewhere.brief.json'), outsideBrief('from-elsewhere'));
      await until(() => app.topics.includes('briefs.external'), 'the app’s watcher announces the outside brief');
    } finally {
      await app.dispose();
      await workspace.dispose();
    }
  });
});

describe('the dispatcher’s method table comes from the services', () => {
  const app = {
    name: 'app service',
    serves: { app: { info: async () => ({ version: '0', mode: 'browser' as const, workspacePath: '/w' }), readyToClose: async () => null } },
  };

  it('refuses a contract group no service serves (the compiler first) and one served by two', () => {
    // @ts-expect-error: the compiler refuses a service list that leaves groups unserved (`npm run typecheck` fails if it does not)
    expect(() => createDispatcher([app])).toThrow(/^No service serves the contract's briefs, history, facts, sources, annotations, settings, workspace, jobs, export methods\.$/);
    // @ts-expect-error: still most groups unserved; what is checked here is the second `app`
    expect(() => createDispatcher([app, { ...app, name: 'other app service' }])).toThrow("The contract's app methods are served twice, by the app service and the other app service.");
  });
});
