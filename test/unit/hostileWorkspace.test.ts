import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/host/dispatcher';
import type { ResultEnvelope } from '../../shared/contract/index';
import { FACT_LIMITS, MAX_BRIEF_FILE_BYTES, MAX_EDITOR_DEPTH, MAX_EDITOR_NODES } from '../../shared/limits';
import type { Brief, BriefSummary, EditorStateJSON } from '../../shared/model/brief';
import { tempDir } from '../support/tempWorkspace';
import { repoRoot, testContainer } from '../support/testContainer';

/**
 * The workspace as an attacker or a careless sync client leaves it: each case is built the way it was found (real
 * symlinks, FIFOs, /dev/zero, sparse 10 GB files, odd names), against a real container on a temp folder.
 */

const SECRET = 'TOP-SECRET-OUTSIDE-THE-WORKSPACE';
type Env = Awaited<ReturnType<typeof testContainer>>;

async function call(d: Dispatcher, method: string, arg?: unknown): Promise<ResultEnvelope> {
  return d.dispatch(method, arg);
}

async function value<T>(d: Dispatcher, method: string, arg?: unknown): Promise<T> {
  const result = await call(d, method, arg);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function paragraphs(...texts: string[]): EditorStateJSON {
  return {
    root: {
      type: 'root',
      children: texts.map((text) => ({ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }] })),
    },
  };
}

/** Answers within `ms`, or fails the test: a hang must never pass by timing out the whole suite. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function listing(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).map(String).sort();
}

describe('a hostile workspace', () => {
  let outside: Awaited<ReturnType<typeof tempDir>>;
  let workspace: Awaited<ReturnType<typeof tempDir>>;
  let env: Env | undefined;
  let secretFile: string;

  beforeEach(async () => {
    outside = await tempDir('briefdesk-outside-');
    workspace = await tempDir('briefdesk-hostile-');
    secretFile = join(outside.path, 'secret.json');
    await writeFile(secretFile, `{"schemaVersion":1,"note":"${SECRET}"}`);
    await mkdir(join(outside.path, 'folder'));
  });
  afterEach(async () => {
    await env?.dispose();
    env = undefined;
    await workspace.dispose();
    await outside.dispose();
  });

  const start = async () => {
    env = await testContainer({ workspacePath: workspace.path });
    return env.container.dispatcher;
  };

  describe('reads outside the workspace', () => {
    it('a brief file symlinked to a file outside is listed as refused, and open and readRaw never return its bytes', async () => {
      const d = await start();
      await symlink(secretFile, join(workspace.path, 'briefs', 'loot.brief.json'));
      const listed = await value<BriefSummary[]>(d, 'briefs.list');
      const loot = listed.find((b) => b.id === 'loot');
      expect(loot?.damaged).toMatch(/symbolic link, which Briefdesk never follows/);
      expect(JSON.stringify(listed)).not.toContain(SECRET);
      for (const method of ['briefs.open', 'briefs.readRaw', 'briefs.duplicate', 'history.list']) {
        const result = await call(d, method, { id: 'loot' });
        expect(JSON.stringify(result), method).not.toContain(SECRET);
      }
      expect(await call(d, 'briefs.readRaw', { id: 'loot' })).toMatchObject({ ok: false, error: { code: 'refused' } });
      // The sample brief beside it still works.
      expect(listed.filter((b) => !b.damaged).length).toBeGreaterThan(0);
    });

    it('a briefs/ folder symlinked outside: nothing is listed from it and nothing is written into it', async () => {
      await mkdir(join(workspace.path, '.briefdesk'), { recursive: true });
      await writeFile(join(workspace.path, '.briefdesk', 'seeded.json'), '{}');
      await symlink(join(outside.path, 'folder'), join(workspace.path, 'briefs'));
      await writeFile(join(outside.path, 'folder', 'planted.brief.json'), await readFile(join(repoRoot, 'resources/briefs/hanoi-summit-sample.brief.json')));
      const before = await listing(outside.path);
      const d = await start();
      expect(await call(d, 'briefs.list')).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/briefs is not used: it is a symbolic link/) } });
      // The whole workspace opens read-only, saying why: nothing is written through the link.
      expect(await value(d, 'workspace.info')).toMatchObject({ readOnly: expect.stringMatching(/briefs is not used: it is a symbolic link.*open for reading only/) });
      expect(await call(d, 'briefs.create', { template: 'bluf' })).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/open for reading only/) } });
      expect(await call(d, 'briefs.open', { id: 'planted' })).toMatchObject({ ok: false });
      expect(await listing(outside.path)).toEqual(before);
    });

    it('a .briefdesk/ folder symlinked outside: backups and history are never written through it', async () => {
      await symlink(join(outside.path, 'folder'), join(workspace.path, '.briefdesk'));
      await mkdir(join(workspace.path, 'briefs'));
      const id = 'hanoi-summit-sample';
      await writeFile(join(workspace.path, 'briefs', `${id}.brief.json`), await readFile(join(repoRoot, `resources/briefs/${id}.brief.json`)));
      const d = await start();
      const brief = await value<Brief>(d, 'briefs.open', { id });
      expect(await value(d, 'workspace.info')).toMatchObject({ readOnly: expect.stringMatching(/\.briefdesk is not used: it is a symbolic link/) });
      expect(await call(d, 'briefs.backup', { id, baseRevision: brief.revision, editorState: paragraphs('unsaved') })).toMatchObject({ ok: false, error: { code: 'io_error' } });
      expect(await call(d, 'briefs.save', { id, baseRevision: brief.revision, editorState: paragraphs('saved'), reason: 'explicit' })).toMatchObject({ ok: false, error: { code: 'io_error' } });
      expect(await call(d, 'history.list', { id })).toMatchObject({ ok: true, value: [] });
      expect(await listing(outside.path)).toEqual(['folder', 'secret.json']);
    });

    it('a dangling .briefdesk/seeded.json symlink: seeding never creates its target', async () => {
      await mkdir(join(workspace.path, '.briefdesk'), { recursive: true });
      const target = join(outside.path, 'created-by-briefdesk.json');
      await symlink(target, join(workspace.path, '.briefdesk', 'seeded.json'));
      await start();
      await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await lstat(join(workspace.path, '.briefdesk', 'seeded.json'))).isSymbolicLink()).toBe(true);
    });

    it('Reset of a symlinked catalogue never copies the outside file into replaced-catalogues', async () => {
      const d = await start();
      const catalogue = join(workspace.path, 'facts', 'hanoi-summit.facts.json');
      await writeFile(join(outside.path, 'folder', 'cat.facts.json'), `{"secret":"${SECRET}"}`);
      await (await import('node:fs/promises')).rm(catalogue);
      await symlink(join(outside.path, 'folder', 'cat.facts.json'), catalogue);
      const listed = await value<Array<{ id: string; damaged?: string }>>(d, 'facts.catalogues');
      expect(listed.find((c) => c.id === 'hanoi-summit')?.damaged).toMatch(/symbolic link/);
      const started = await call(d, 'facts.reset', { catalogueId: 'hanoi-summit' });
      if (!started.ok) throw new Error(started.error.message);
      expect(await env!.container.jobs.settled((started.value as { jobId: string }).jobId)).toMatchObject({ outcome: 'done' });
      const kept = await readdir(join(workspace.path, '.briefdesk', 'replaced-catalogues')).catch(() => []);
      for (const name of kept) expect(await readFile(join(workspace.path, '.briefdesk', 'replaced-catalogues', name), 'utf8')).not.toContain(SECRET);
      // The link itself was replaced by the bundled catalogue; its target is untouched.
      expect((await lstat(catalogue)).isFile()).toBe(true);
      expect(await readFile(join(outside.path, 'folder', 'cat.facts.json'), 'utf8')).toContain(SECRET);
    });
  });

  describe('one planted file never hangs or exhausts the host', () => {
    it('briefs/z.brief.json → /dev/zero is refused without reading it', async () => {
      const d = await start();
      await symlink('/dev/zero', join(workspace.path, 'briefs', 'z.brief.json'));
      const rssBefore = process.memoryUsage().rss;
      const listed = await within(5_000, value<BriefSummary[]>(d, 'briefs.list'));
      expect(listed.find((b) => b.id === 'z')?.damaged).toMatch(/symbolic link/);
      expect(await within(5_000, call(d, 'briefs.readRaw', { id: 'z' }))).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 2 ** 20);
    });

    it('a FIFO named f.brief.json: list, open and readRaw answer at once, and file I/O keeps working after many calls', async () => {
      const d = await start();
      execFileSync('mkfifo', [join(workspace.path, 'briefs', 'f.brief.json')]);
      // Ten calls: more than libuv's four threads, which a blocking open of a FIFO would each hold for good.
      const results = await within(5_000, Promise.all(Array.from({ length: 10 }, (_, i) => call(d, ['briefs.open', 'briefs.readRaw'][i % 2]!, { id: 'f' }))));
      for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/device, pipe or socket/) } });
      const listed = await within(5_000, value<BriefSummary[]>(d, 'briefs.list'));
      expect(listed.find((b) => b.id === 'f')?.damaged).toMatch(/device, pipe or socket/);
      expect(await within(5_000, call(d, 'briefs.create', {}))).toMatchObject({ ok: true });
    });

    it('a sparse 10 GB brief file is refused by its size, without reading it', async () => {
      const d = await start();
      const big = join(workspace.path, 'briefs', 'big.brief.json');
      await writeFile(big, '');
      await truncate(big, 10 * 2 ** 30);
      const started = performance.now();
      const listed = await within(5_000, value<BriefSummary[]>(d, 'briefs.list'));
      expect(listed.find((b) => b.id === 'big')?.damaged).toMatch(/at 10240 MB it is larger than the 24 MB Briefdesk reads/);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(await call(d, 'briefs.readRaw', { id: 'big' })).toMatchObject({ ok: true, value: { truncated: true } });
    });

    it.each(['/proc', '/sys', '/dev', '/', '/etc', '/proc/self'])('workspace.open(%s) is refused at once, nothing created or seeded', async (path) => {
      const d = await start();
      const result = await within(2_000, call(d, 'workspace.open', { path }));
      expect(result).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/operating system|root of a drive/) } });
      await expect(stat(join(path, 'briefs'))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('workspace.open of a folder that does not exist is refused, not created', async () => {
      const d = await start();
      const missing = join(outside.path, 'not-there');
      expect(await call(d, 'workspace.open', { path: missing })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('workspace.choose opens only what the native dialog picked, and browser mode refuses it', async () => {
      const d = await start();
      expect(await call(d, 'workspace.choose')).toMatchObject({ ok: false, error: { code: 'refused' } });
      const picked = join(outside.path, 'folder');
      let answer: string | undefined = picked;
      const desktop = await testContainer({ chooseWorkspaceFolder: async () => answer });
      try {
        expect(await call(desktop.container.dispatcher, 'workspace.choose')).toMatchObject({ ok: true, value: { path: picked } });
        answer = undefined;
        expect(await call(desktop.container.dispatcher, 'workspace.choose')).toMatchObject({ ok: true, value: null });
        answer = '/etc';
        expect(await call(desktop.container.dispatcher, 'workspace.choose')).toMatchObject({ ok: false, error: { code: 'refused' } });
        expect(desktop.container.workspace().root).toBe(picked);
      } finally {
        await desktop.dispose();
      }
    });

    it('the host does not start on a system folder, even as root', async () => {
      await expect(testContainer({ workspacePath: '/etc' })).rejects.toMatchObject({ code: 'refused' });
      await expect(stat('/etc/briefs')).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });

  describe('one odd file never breaks the workspace', () => {
    it('"hanoi-summit-sample copy.brief.json" is one damaged entry; the list answers and every other brief opens', async () => {
      const d = await start();
      const sample = await readFile(join(workspace.path, 'briefs', 'hanoi-summit-sample.brief.json'));
      await writeFile(join(workspace.path, 'briefs', 'hanoi-summit-sample copy.brief.json'), sample);
      await writeFile(join(workspace.path, 'briefs', 'ÜBER.brief.json'), sample);
      const listed = await value<BriefSummary[]>(d, 'briefs.list');
      const odd = listed.filter((b) => b.damaged);
      expect(odd.map((b) => b.title).sort()).toEqual(['hanoi-summit-sample copy.brief.json', 'ÜBER.brief.json']);
      for (const entry of odd) expect(entry.damaged).toMatch(/has a name Briefdesk does not use.*Rename the file \(for example to [a-z0-9-]+\.brief\.json\)/);
      expect(await call(d, 'briefs.open', { id: 'hanoi-summit-sample' })).toMatchObject({ ok: true });
      // The damaged entry's own text can still be read, under the id it was listed with.
      const raw = await value<{ text: string }>(d, 'briefs.readRaw', { id: odd[0]!.id });
      expect(raw.text).toBe(sample.toString('utf8'));
    });

    it('a catalogue copy is one damaged catalogue; the facts still list', async () => {
      const d = await start();
      const catalogue = await readFile(join(workspace.path, 'facts', 'hanoi-summit.facts.json'));
      await writeFile(join(workspace.path, 'facts', 'hanoi-summit copy.facts.json'), catalogue);
      await writeFile(join(workspace.path, 'sources', 'Copy of source.source.json'), '{}');
      const catalogues = await value<Array<{ id: string; title: string; damaged?: string }>>(d, 'facts.catalogues');
      expect(catalogues.find((c) => c.title === 'hanoi-summit copy.facts.json')?.damaged).toMatch(/has a name Briefdesk does not use/);
      expect((await value<unknown[]>(d, 'facts.list', {})).length).toBeGreaterThan(10);
      const sources = await value<Array<{ title: string; damaged?: string }>>(d, 'sources.list');
      expect(sources.find((s) => s.title === 'Copy of source.source.json')?.damaged).toMatch(/has a name Briefdesk does not use/);
    });
  });

  describe('the host never writes what it then refuses to read', () => {
    it('a 40 MB text is refused by create and save, in words, and nothing is written', async () => {
      const d = await start();
      const huge = paragraphs('x'.repeat(40 * 2 ** 20));
      expect(await call(d, 'briefs.create', { editorState: huge })).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/too large to save.*24 MB/) } });
      const brief = await value<Brief>(d, 'briefs.create', {});
      const before = await readFile(join(workspace.path, 'briefs', `${brief.id}.brief.json`));
      expect(await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: huge })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
      expect(await readFile(join(workspace.path, 'briefs', `${brief.id}.brief.json`))).toEqual(before);
    });

    it(`nesting deeper than ${MAX_EDITOR_DEPTH} or more than ${MAX_EDITOR_NODES} nodes is refused by save, as open would refuse it`, async () => {
      const d = await start();
      const brief = await value<Brief>(d, 'briefs.create', {});
      let node: Record<string, unknown> = { type: 'text', text: 'deep' };
      for (let i = 0; i < 1_200; i++) node = { type: 'listitem', children: [node] };
      const deep = { root: { type: 'root', children: [node] } };
      expect(await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: deep })).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/nested more than 64 levels/) } });
      const many = { root: { type: 'root', children: Array.from({ length: MAX_EDITOR_NODES }, () => ({ type: 'linebreak' })) } };
      expect(await call(d, 'briefs.backup', { id: brief.id, baseRevision: 0, editorState: many })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/more than 400,000 nodes/) } });
    });

    it(`a fact may hold at most ${FACT_LIMITS.aliasesPerFact} aliases: a file with more is damaged, and adding one more is refused`, async () => {
      const d = await start();
      const path = join(workspace.path, 'facts', 'hanoi-summit.facts.json');
      const catalogue = JSON.parse(await readFile(path, 'utf8')) as { facts: Array<{ id: string; aliases: Array<{ text: string }> }> };
      const fact = catalogue.facts[0]!;
      fact.aliases = Array.from({ length: FACT_LIMITS.aliasesPerFact }, (_, i) => ({ ...fact.aliases[0]!, text: `alias number ${i}` }));
      await writeFile(path, JSON.stringify(catalogue));
      const refused = await call(d, 'facts.addAlias', { id: fact.id, alias: { text: 'one too many' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/would make the catalogue invalid/) } });
      fact.aliases.push({ ...fact.aliases[0]!, text: 'planted' });
      await writeFile(path, JSON.stringify(catalogue));
      const listed = await value<Array<{ id: string; damaged?: string }>>(d, 'facts.catalogues');
      expect(listed.find((c) => c.id === 'hanoi-summit')?.damaged).toMatch(/is damaged: .*at facts\.0\.aliases/);
    });

    it('a brief at the limits saves, opens, backs up and saves again', async () => {
      const d = await start();
      const brief = await value<Brief>(d, 'briefs.create', {});
      // Just under the file limit once pretty-printed: the largest brief the host accepts.
      const text = 'word '.repeat(Math.floor((MAX_BRIEF_FILE_BYTES - 64 * 1024) / 5));
      const saved = await value<Brief>(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphs(text) });
      const opened = await value<Brief>(d, 'briefs.open', { id: brief.id });
      expect(await call(d, 'briefs.backup', { id: brief.id, baseRevision: saved.revision, editorState: opened.editorState })).toMatchObject({ ok: true });
      expect(await call(d, 'briefs.save', { id: brief.id, baseRevision: saved.revision, editorState: opened.editorState, reason: 'explicit' })).toMatchObject({ ok: true });
    });
  });
});
