import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SettingsService, setAsideDamagedSettings, type KeyValueStore } from '../../electron/host/services/settings/settingsService';
import { MAX_FILE_BYTES } from '../../shared/limits';
import { SettingsSchema, type Settings } from '../../shared/model/settings';
import { tempDir } from '../support/tempWorkspace';
import { expectFileUnchanged, expectTreeUnchanged, fileState, treeState } from './support/fileState';
import { confinedCall } from './support/fsRecorder';
import { fuzzParams, runsFor, testTimeout } from './support/fuzzConfig';
import { Mutated, mutatedFile } from './support/mutations';
import { expectSchema, expectTypedError, fail, messageProblem, settle } from './support/outcomes';

// Records every path the host hands the file system (support/fsRecorder.ts); hoisted, so it cannot be shared.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));

const NAME = 'preferences';

/** Preferences as a long-used app leaves them, every key set, in conf's own layout (tab-indented JSON). */
const REAL_PREFERENCES: Settings = {
  schemaVersion: 1,
  theme: 'dark',
  windowBounds: { x: 40, y: 30, width: 1280, height: 800, maximized: false },
  recentBriefs: ['hanoi-summit-sample', 'weekly-korea-brief'],
  lastOpenBrief: 'hanoi-summit-sample',
  workspacePath: '/home/analyst/Documents/Briefdesk',
  authorName: 'A. Analyst',
  defaultClassification: 'UNCLASSIFIED',
  autosave: false,
  exportDefaults: { format: 'docx', notes: 'end', paperSize: 'Letter', includeSourceList: false },
  workbench: { sidebarOpen: true, sidebarWidth: 300, sidePanes: ['facts', 'source'], sideWidth: 420, sideArrangement: 'stacked', sideSplit: 0.55 },
};

/** The same `conf` store the Node host opens (electron/host/browser.ts). */
function openStore(dir: string): KeyValueStore {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: NAME, projectName: 'briefdesk' }) as KeyValueStore;
}

/** Whether Briefdesk may take the file as it is: UTF-8 JSON holding an object every preference of which is valid. */
function readableAsIs(bytes: Buffer): boolean {
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof json === 'object' && json !== null && !Array.isArray(json) && SettingsSchema.safeParse(json).success;
  } catch {
    return false;
  }
}

async function keptSomewhere(dir: string, bytes: Buffer): Promise<boolean> {
  for (const name of await readdir(dir)) {
    if ((await readFile(join(dir, name)).catch(() => undefined))?.equals(bytes)) return true;
  }
  return false;
}

/**
 * Startup exactly as the hosts do it (set aside, open conf, build the service), then one preference changed.
 * Returns what the analyst was told and the preferences before and after the change.
 */
async function startAndChange(dir: string, label: string): Promise<{ notice: string | undefined; before: Settings; after: Settings }> {
  const file = join(dir, `${NAME}.json`);
  const setAside = await confinedCall(`${label}: setAsideDamagedSettings`, [dir], () => setAsideDamagedSettings(file));
  // The hosts await it unguarded before anything else: a throw here is a host that does not start.
  if (!setAside.ok) fail(`${label}: setAsideDamagedSettings threw: ${String(setAside.error)}`);
  const beforeOpen = await fileState(file);
  const started = await settle(`${label}: conf and SettingsService`, () => new SettingsService(openStore(dir), setAside.value));
  if (!started.ok) fail(`${label}: the settings did not open: ${String(started.error)}`);
  const service = started.value;
  const { settings: before, notice } = service.get();
  expectSchema(SettingsSchema, before, `${label}: get`);
  const problem = notice === undefined ? undefined : messageProblem(notice);
  if (problem) fail(`${label}: the notice is not in words: ${problem}`);
  if (notice === undefined) await expectFileUnchanged(file, beforeOpen, `${label}: starting with a readable file`);
  const changed = await settle(`${label}: update`, () => service.update({ theme: before.theme === 'light' ? 'dark' : 'light' }));
  if (!changed.ok) fail(`${label}: update threw: ${String(changed.error)}`);
  const after = new SettingsService(openStore(dir)).get().settings;
  return { notice, before, after };
}

describe('settings: any preferences file on disk', () => {
  let config: Awaited<ReturnType<typeof tempDir>>;
  let dir: string;
  beforeAll(async () => {
    config = await tempDir('briefdesk-fuzz-conf-');
    dir = await realpath(config.path);
  });
  afterAll(() => config.dispose());

  async function freshFolder(bytes: Buffer): Promise<void> {
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    await writeFile(join(dir, `${NAME}.json`), bytes);
  }

  const base = `${JSON.stringify(REAL_PREFERENCES, null, '\t')}`;
  const runs = runsFor(1);
  it(
    'starts with valid preferences, says so when the file was damaged, keeps a damaged file, and an update changes only its key',
    async () => {
      const oversize = new Mutated(Buffer.concat([Buffer.from(base.slice(0, -1)), Buffer.alloc(MAX_FILE_BYTES.settings, 0x20), Buffer.from('}')]), ['padded past the 1 MB limit']);
      await fc.assert(
        fc.asyncProperty(mutatedFile(JSON.parse(base)), async (input) => {
          await freshFolder(input.value);
          const { notice, before, after } = await startAndChange(dir, 'startup');
          if (JSON.stringify(after) !== JSON.stringify({ ...before, theme: after.theme }) || after.theme === before.theme) {
            fail(`update({ theme }) changed other preferences too: ${JSON.stringify(before)} became ${JSON.stringify(after)}`);
          }
          if (readableAsIs(input.value)) return;
          if (notice === undefined) fail('a damaged preferences file was used without a word to the analyst');
          if (!(await keptSomewhere(dir, input.value))) fail(`a damaged preferences file was lost; the folder holds ${(await readdir(dir)).join(', ')}`);
        }),
        fuzzParams<[Mutated<Buffer>]>(runs, { examples: [[oversize]] }),
      );
    },
    testTimeout(runs, 60),
  );

  // A preferences file holding JSON that is not an object (`[]`, null, 1) used to be read as no preferences, without a
  // notice, and the first update overwrote it.
  it('a preferences file holding JSON that is not an object is kept and reported', async () => {
    const bytes = Buffer.from('[]');
    await freshFolder(bytes);
    const { notice } = await startAndChange(dir, 'startup');
    expect(notice).toBeDefined();
    expect(await keptSomewhere(dir, bytes)).toBe(true);
  });

  // A preferences file with an invalid value (`{"theme":"purple"}`) used to be repaired in place, so the bytes that
  // were there were lost; it must be copied aside first.
  it('a preferences file with an invalid preference is kept before it is repaired', async () => {
    const bytes = Buffer.from('{"theme":"purple"}');
    await freshFolder(bytes);
    await startAndChange(dir, 'startup');
    expect(await keptSomewhere(dir, bytes)).toBe(true);
  });

  it('sets aside a preferences entry that is a symlink, FIFO or dangling link without following it, and never hangs', async () => {
    const outside = await tempDir('briefdesk-fuzz-conf-outside-');
    const secret = join(outside.path, 'secret.json');
    await writeFile(secret, '{"theme":"dark"}');
    const outsideBefore = await treeState(outside.path);
    const plants: Array<[string, (file: string) => Promise<void>]> = [
      ['a symlink to a readable file outside', (file) => symlink(secret, file)],
      ['a dangling symlink', (file) => symlink(join(outside.path, 'missing.json'), file)],
      ...(process.platform === 'win32' ? [] : [['a FIFO', async (file: string) => void execFileSync('mkfifo', [file])] as [string, (file: string) => Promise<void>]]),
    ];
    try {
      for (const [what, plant] of plants) {
        for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
        await plant(join(dir, `${NAME}.json`));
        const { notice } = await startAndChange(dir, what);
        expect(notice, what).toMatch(/kept/);
      }
      await expectTreeUnchanged(outside.path, outsideBefore, 'the target of the planted links');
    } finally {
      await outside.dispose();
    }
  });

  it('refuses a preferences entry that is a folder in words (the host then does not start)', async () => {
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    await mkdir(join(dir, `${NAME}.json`));
    const outcome = await settle('setAsideDamagedSettings', () => setAsideDamagedSettings(join(dir, `${NAME}.json`)));
    if (outcome.ok) return;
    expectTypedError(outcome.error, 'setAsideDamagedSettings');
  });
});
