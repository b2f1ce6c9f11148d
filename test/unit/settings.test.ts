import { execFileSync } from 'node:child_process';
import { lstat, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsService, setAsideDamagedSettings, type KeyValueStore } from '../../electron/host/services/settings/settingsService';
import type { RpcError } from '../../shared/contract/index';
import { DEFAULT_WORKBENCH_LAYOUT, SettingsPatchSchema, defaultSettings, type Settings } from '../../shared/model/settings';
import { tempDir } from '../support/tempWorkspace';
import { testContainer } from '../support/testContainer';

/** The same `conf` store the Node host opens (see electron/host/browser.ts), in a temp folder. */
function openStore(dir: string): KeyValueStore {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'preferences', projectName: 'briefdesk' }) as KeyValueStore;
}

/** A value for every preference that differs from its default, and a second one for each that differs from both. */
const CHANGED: Settings = {
  ...defaultSettings(),
  theme: 'dark',
  recentBriefs: ['brief-one', 'brief-two'],
  lastOpenBrief: 'brief-one',
  workspacePath: '/tmp/briefdesk-somewhere',
  windowBounds: { x: 10, y: 20, width: 900, height: 700, maximized: false },
  authorName: 'A. Analyst',
  defaultClassification: 'SECRET',
  autosave: false,
  exportDefaults: { format: 'docx', notes: 'end', paperSize: 'Letter', includeSourceList: false },
  workbench: { sidebarOpen: false, sidebarWidth: 300, sidePanes: ['source', 'facts'], sideWidth: 500, sideArrangement: 'sideBySide', sideSplit: 0.3 },
};
const CHANGED_AGAIN: Partial<Settings> = {
  theme: 'light',
  recentBriefs: ['brief-three'],
  lastOpenBrief: 'brief-three',
  workspacePath: '/tmp/briefdesk-elsewhere',
  windowBounds: { x: 1, y: 2, width: 1000, height: 800, maximized: true },
  authorName: 'B. Analyst',
  defaultClassification: 'CONFIDENTIAL',
  autosave: true,
  exportDefaults: { format: 'pdf', notes: 'foot', paperSize: 'A4', includeSourceList: true },
  workbench: { sidebarOpen: true, sidebarWidth: 200, sidePanes: ['inThisBrief'], sideWidth: 280, sideArrangement: 'stacked', sideSplit: 0.6 },
};

describe('a preferences update changes only the keys it names', () => {
  const keys = Object.keys(CHANGED_AGAIN) as Array<keyof Settings>;
  it.each(keys)('updating %s keeps every other preference, in memory and across a restart', async (key) => {
    const env = await testContainer();
    try {
      env.container.settings.update(CHANGED);
      expect(env.container.settings.get().settings).toEqual(CHANGED);
      const expected = { ...CHANGED, [key]: CHANGED_AGAIN[key] };
      const patch = { [key]: CHANGED_AGAIN[key] };
      // The renderer's keys go through the contract, as the app sends them; the rest are the main process's own.
      if (key in SettingsPatchSchema.shape) {
        expect(await env.container.dispatcher.dispatch('settings.update', patch)).toMatchObject({ ok: true });
      } else {
        env.container.settings.update(patch);
      }
      expect(env.container.settings.get().settings).toEqual(expected);
      expect(new SettingsService(openStore(env.configDir)).get().settings).toEqual(expected);
    } finally {
      await env.dispose();
    }
  });

  it('through the contract too: a renderer patch of one key (the lastOpenBrief made on opening a brief) keeps the rest', async () => {
    const env = await testContainer();
    try {
      env.container.settings.update(CHANGED);
      for (const patch of [{ lastOpenBrief: 'brief-two' }, { recentBriefs: ['brief-two'] }, { theme: 'system' }, { exportDefaults: { paperSize: 'A4' } }]) {
        const before = env.container.settings.get().settings;
        const result = await env.container.dispatcher.dispatch('settings.update', patch);
        expect(result.ok, JSON.stringify(result)).toBe(true);
        const exportDefaults = { ...before.exportDefaults, ...(patch as Partial<Settings>).exportDefaults };
        expect(env.container.settings.get().settings).toEqual({ ...before, ...patch, exportDefaults });
      }
      expect(env.container.settings.get().settings).toMatchObject({ theme: 'system', authorName: 'A. Analyst', autosave: false, exportDefaults: { paperSize: 'A4', includeSourceList: false } });
    } finally {
      await env.dispose();
    }
  });
});

describe('SettingsService over a real conf store', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let file: string;
  beforeEach(async () => {
    dir = await tempDir('briefdesk-conf-');
    file = join(dir.path, 'preferences.json');
  });
  afterEach(() => dir.dispose());

  it('starts from the defaults with no notice', () => {
    const service = new SettingsService(openStore(dir.path));
    const { settings, notice } = service.get();
    expect(settings).toEqual(defaultSettings());
    expect(settings).toMatchObject({ theme: 'system', recentBriefs: [], autosave: true, defaultClassification: 'UNCLASSIFIED' });
    expect(notice).toBeUndefined();
  });

  it('persists an update across a new conf instance', async () => {
    const service = new SettingsService(openStore(dir.path));
    const updated = service.update({ theme: 'dark', authorName: 'A. Analyst', recentBriefs: ['brief-one', 'brief-two'], exportDefaults: { paperSize: 'Letter', includeSourceList: false } });
    expect(updated).toMatchObject({ theme: 'dark', authorName: 'A. Analyst' });

    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Partial<Settings>;
    expect(onDisk).toMatchObject({ theme: 'dark', authorName: 'A. Analyst', recentBriefs: ['brief-one', 'brief-two'] });

    const reopened = new SettingsService(openStore(dir.path)).get();
    expect(reopened.notice).toBeUndefined();
    expect(reopened.settings).toEqual({ ...defaultSettings(), theme: 'dark', authorName: 'A. Analyst', recentBriefs: ['brief-one', 'brief-two'], exportDefaults: { format: 'pdf', notes: 'foot', paperSize: 'Letter', includeSourceList: false } });
  });

  it('reads export defaults written before the format and note placement were remembered', async () => {
    await writeFile(file, JSON.stringify({ schemaVersion: 1, exportDefaults: { paperSize: 'Letter', includeSourceList: false } }));
    const { settings, notice } = new SettingsService(openStore(dir.path)).get();
    expect(notice).toBeUndefined();
    expect(settings.exportDefaults).toEqual({ format: 'pdf', notes: 'foot', paperSize: 'Letter', includeSourceList: false });
  });

  it('refuses an invalid update and keeps what was stored', () => {
    const service = new SettingsService(openStore(dir.path));
    service.update({ theme: 'light' });
    expect(() => service.update({ theme: 'purple' } as unknown as Partial<Settings>)).toThrow();
    expect(() => service.update({ recentBriefs: ['../escape'] })).toThrow();
    expect(new SettingsService(openStore(dir.path)).get().settings.theme).toBe('light');
  });

  it('repairs invalid values to their defaults, keeps the valid keys, and says so', async () => {
    await writeFile(file, JSON.stringify({ theme: 'purple', recentBriefs: 'x', authorName: 'Ann', autosave: false, windowBounds: { x: 1, y: 2, width: 10, height: 10, maximized: false } }));
    const service = new SettingsService(openStore(dir.path));
    const { settings, notice } = service.get();
    expect(settings).toEqual({ ...defaultSettings(), authorName: 'Ann', autosave: false });
    expect(notice).toMatch(/invalid and were reset to their defaults/);

    // The repair is written back: the next start finds a clean file and says nothing.
    const again = new SettingsService(openStore(dir.path)).get();
    expect(again.settings).toEqual(settings);
    expect(again.notice).toBeUndefined();
    service.dismissNotice();
    expect(service.get().notice).toBeUndefined();
  });

  it('sets aside a preferences file that is not JSON, keeping the original bytes, then starts from defaults', async () => {
    const damaged = Buffer.from('{"theme": "dark", "authorName": "Ann\u00e9e"\n\u0000\u0000\u0000', 'utf8');
    await writeFile(file, damaged);
    // Without setting it aside, conf refuses to open the file at all.
    expect(() => openStore(dir.path)).toThrow(/not valid JSON/);

    const notice = await setAsideDamagedSettings(file);
    expect(notice).toMatch(/^Briefdesk started with default preferences\. Your preferences file is damaged: it is not valid JSON/);
    const names = await readdir(dir.path);
    const kept = names.filter((n) => /^preferences\.json\.damaged-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.test(n));
    expect(kept).toHaveLength(1);
    expect(names).not.toContain('preferences.json');
    expect(notice).toContain(join(dir.path, kept[0]!));
    expect(await readFile(join(dir.path, kept[0]!))).toEqual(damaged);

    const service = new SettingsService(openStore(dir.path), notice);
    expect(service.get()).toEqual({ settings: defaultSettings(), notice });
    service.update({ theme: 'light' });
    expect(new SettingsService(openStore(dir.path)).get().settings.theme).toBe('light');
    // The kept copy is left exactly as it was.
    expect(await readFile(join(dir.path, kept[0]!))).toEqual(damaged);
  });

  it('sets aside a symlinked, special or oversized preferences file without reading or following it', async () => {
    const outside = await tempDir('briefdesk-conf-outside-');
    try {
      const target = join(outside.path, 'elsewhere.json');
      await writeFile(target, '{"theme":"dark","authorName":"planted"}');
      for (const plant of [
        () => symlink(target, file),
        () => symlink('/dev/zero', file),
        async () => execFileSync('mkfifo', [file]),
        () => writeFile(file, `{"authorName":"${'x'.repeat(2 * 2 ** 20)}"}`),
      ]) {
        await plant();
        const notice = await setAsideDamagedSettings(file);
        expect(notice).toMatch(/^Briefdesk started with default preferences\. Your preferences file (is not read|cannot be read)/);
        await expect(lstat(file)).rejects.toMatchObject({ code: 'ENOENT' });
        expect(new SettingsService(openStore(dir.path), notice).get().settings).toEqual(defaultSettings());
        await rm(file, { force: true });
      }
      expect(await readFile(target, 'utf8')).toBe('{"theme":"dark","authorName":"planted"}');
      expect((await readdir(dir.path)).filter((n) => n.startsWith('preferences.json.damaged-'))).toHaveLength(4);
    } finally {
      await outside.dispose();
    }
  });

  it('leaves a readable or missing preferences file where it is', async () => {
    expect(await setAsideDamagedSettings(file)).toBeUndefined();
    await writeFile(file, '{"theme":"dark"}');
    expect(await setAsideDamagedSettings(file)).toBeUndefined();
    expect(await readdir(dir.path)).toEqual(['preferences.json']);
    expect(await readFile(file, 'utf8')).toBe('{"theme":"dark"}');
  });
});

describe('settings through the dispatcher', () => {
  let env: Awaited<ReturnType<typeof testContainer>>;
  beforeEach(async () => {
    env = await testContainer();
  });
  afterEach(() => env.dispose());

  async function refusal(method: string, arg: unknown): Promise<RpcError> {
    const result = await env.container.dispatcher.dispatch(method, arg);
    if (result.ok) throw new Error(`${method} succeeded but should have been refused`);
    return result.error;
  }

  it('updates and reads back preferences', async () => {
    const updated = await env.container.dispatcher.dispatch('settings.update', { theme: 'dark', authorName: 'B. Analyst' });
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark', authorName: 'B. Analyst' } });
    expect(await env.container.dispatcher.dispatch('settings.get', undefined)).toMatchObject({ ok: true, value: { settings: { theme: 'dark', authorName: 'B. Analyst' } } });
    const stored = JSON.parse(await readFile(join(env.configDir, 'preferences.json'), 'utf8')) as Partial<Settings>;
    expect(stored).toMatchObject({ theme: 'dark', authorName: 'B. Analyst' });
  });

  it('refuses a bad patch with invalid_argument and changes nothing', async () => {
    const before = env.container.settings.get().settings;
    for (const patch of [{ theme: 'purple' }, { recentBriefs: 'x' }, { recentBriefs: ['../../etc'] }, { autosave: 'yes' }, { defaultClassification: '   ' }, { authorName: 'x'.repeat(201) }, { exportDefaults: { paperSize: 'A0' } }, { workbench: { ...DEFAULT_WORKBENCH_LAYOUT, sidePanes: ['facts', 'facts'] } }, { workbench: { ...DEFAULT_WORKBENCH_LAYOUT, sidebarWidth: 1e9 } }]) {
      const error = await refusal('settings.update', patch);
      expect(error.code, JSON.stringify(patch)).toBe('invalid_argument');
      expect(error.message).toMatch(/^Invalid argument to settings\.update/);
    }
    expect(env.container.settings.get().settings).toEqual(before);
  });

  it('does not let the renderer move the workspace through settings.update', async () => {
    const before = env.container.settings.get().settings.workspacePath;
    const result = await env.container.dispatcher.dispatch('settings.update', { workspacePath: '/tmp/somewhere-else', theme: 'light' });
    // Either refused or the key dropped: the workspace path is the main process's business (workspace.open).
    if (result.ok) expect((result.value as Settings).workspacePath).toBe(before);
    expect(env.container.settings.get().settings.workspacePath).toBe(before);
  });
});
