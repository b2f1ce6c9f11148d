import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../electron/host/container';
import type { Dispatcher } from '../../electron/host/dispatcher';
import { hashEditorState, serializeBrief } from '../../electron/host/services/briefs/briefFile';
import { ConfinedFolder } from '../../electron/host/platform/confinedFolder';
import { HISTORY_LIMITS, HistoryStore } from '../../electron/host/services/briefs/history';
import type { BackupInfo, EventTopic, RpcError, SnapshotSummary } from '../../shared/contract/index';
import { DEFAULT_CLASSIFICATION, emptyEditorState, type Brief, type BriefSummary, type EditorStateJSON } from '../../shared/model/brief';
import { catalogueFingerprint } from '../../shared/lib/catalogueFingerprint';
import { FactCatalogueSchema } from '../../shared/model/fact';
import { tempDir } from '../support/tempWorkspace';
import { repoRoot, testContainer } from '../support/testContainer';

type Env = Awaited<ReturnType<typeof testContainer>>;
type TrashList = { restorable: boolean; entries: Array<{ entryId: string; briefId: string; deletedAt: string }> };
type SnapshotItem = SnapshotSummary & { title: string; wordCount: number };
type ExternalEvent = { id: string; kind: 'added' | 'changed' | 'removed' };

const FIXTURE_V0 = join(repoRoot, 'test', 'fixtures', 'briefs', 'v0-legacy.brief.json');
const bundledFacts = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8'))).facts;

function paragraphState(...paragraphs: string[]): EditorStateJSON {
  const state = emptyEditorState();
  const template = state.root.children[0]!;
  state.root.children = paragraphs.map((text) => ({
    ...template,
    children: [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }],
  }));
  return state;
}

/** A valid v1 brief as another program (a sync client, a script) would write it. */
function externalBrief(id: string, text: string, revision = 0): Brief {
  const editorState = paragraphState(text);
  return {
    schemaVersion: 1,
    id,
    title: text,
    autoTitle: true,
    author: 'someone else',
    classification: DEFAULT_CLASSIFICATION,
    template: 'blank',
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    revision,
    contentHash: hashEditorState(editorState),
    editorState,
  };
}

async function call<T = Brief>(dispatcher: Dispatcher, method: string, arg?: unknown): Promise<T> {
  const result = await dispatcher.dispatch(method, arg);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function refusal(dispatcher: Dispatcher, method: string, arg?: unknown): Promise<RpcError> {
  const result = await dispatcher.dispatch(method, arg);
  if (result.ok) throw new Error(`${method} succeeded but should have been refused`);
  return result.error;
}

// Most tests count the briefs in a workspace, and the bundled sample briefs a new workspace is seeded with change
// over time: those tests run with an empty resources folder. The seeding tests below use the real one.
let noResources: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  noResources = await tempDir('briefdesk-no-resources-');
});
afterAll(() => noResources.dispose());
const unseededContainer = () => testContainer({ resourcesPath: noResources.path });

/** Gives each test of the enclosing block its own unseeded container in a new temp workspace, disposed after it. */
function withFreshContainer(use: (env: Env) => void): void {
  let env: Env | undefined;
  beforeEach(async () => {
    env = await unseededContainer();
    use(env);
  });
  afterEach(() => env?.dispose());
}

const briefFile = (workspace: string, id: string) => join(workspace, 'briefs', `${id}.brief.json`);
const exists = (path: string) => stat(path).then(() => true, () => false);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordEvents(container: Container) {
  const seen: Array<{ topic: EventTopic; payload: unknown; at: number }> = [];
  const stop = container.events.listen((topic, payload) => seen.push({ topic, payload, at: performance.now() }));
  return {
    seen,
    stop,
    external: () => seen.filter((e) => e.topic === 'briefs.external').map((e) => e.payload as ExternalEvent),
    changedIds: () => seen.filter((e) => e.topic === 'briefs.changed').flatMap((e) => (e.payload as { ids: string[] }).ids),
  };
}

/** Polls until `check` holds; fails the test with `what` if it does not within `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(10);
  }
}

describe('briefs: create, list, open, save, rename', () => {
  let env: Env;
  let d: Dispatcher;
  withFreshContainer((fresh) => {
    env = fresh;
    d = fresh.container.dispatcher;
  });

  it('creates a blank brief and writes it to briefs/<id>.brief.json', async () => {
    const brief = await call(d, 'briefs.create', {});
    expect(brief).toMatchObject({ schemaVersion: 1, title: 'Untitled brief', autoTitle: true, template: 'blank', revision: 0 });
    expect(brief.contentHash).toBe(hashEditorState(brief.editorState));
    const onDisk = JSON.parse(await readFile(briefFile(env.workspacePath, brief.id), 'utf8')) as Brief;
    expect(onDisk).toEqual(brief);
    expect(await call(d, 'briefs.open', { id: brief.id })).toEqual(brief);
  });

  it("creates from the 'bluf' template with its six section headings", async () => {
    const brief = await call(d, 'briefs.create', { template: 'bluf' });
    const [title, ...sections] = brief.editorState.root.children;
    // An empty title heading first (the brief's title follows it), then each section heading and a paragraph to write in.
    expect(title).toMatchObject({ type: 'heading', tag: 'h1', children: [] });
    const headings = sections.filter((node) => node.type === 'heading').map((node) => (node.children?.[0] as { text?: string } | undefined)?.text);
    expect(headings).toEqual(['BLUF', 'Key Judgments', 'Background', 'Discussion', 'Outlook', 'Sources']);
    expect(sections.map((n) => n.type)).toEqual(Array.from({ length: 6 }, () => ['heading', 'paragraph']).flat());
    expect(brief).toMatchObject({ template: 'bluf', title: 'Untitled brief', autoTitle: true });
    expect(await call(d, 'briefs.open', { id: brief.id })).toEqual(brief);
  });

  it('lists briefs with title, updatedAt and word count, newest first', async () => {
    const bluf = await call(d, 'briefs.create', { template: 'bluf' });
    const plain = await call(d, 'briefs.create', {});
    await sleep(5);
    const saved = await call(d, 'briefs.save', { id: plain.id, baseRevision: 0, editorState: paragraphState('Hanoi summit ends without a deal', 'Talks broke down over sanctions.') });
    const list = await call<BriefSummary[]>(d, 'briefs.list');
    expect(list.map((b) => b.id)).toEqual([plain.id, bluf.id]);
    expect(list[0]).toEqual({ id: plain.id, title: 'Hanoi summit ends without a deal', updatedAt: saved.updatedAt, classification: DEFAULT_CLASSIFICATION, wordCount: 11 });
    // BLUF, Key Judgments, Background, Discussion, Outlook, Sources: seven words of headings.
    expect(list[1]).toMatchObject({ id: bluf.id, title: 'Untitled brief', wordCount: 7 });
    expect(list.every((b) => b.damaged === undefined)).toBe(true);
  });

  it('a later list shows briefs changed, damaged, added or removed outside Briefdesk since the last one', async () => {
    const first = await call(d, 'briefs.create', {});
    const second = await call(d, 'briefs.create', {});
    expect((await call<BriefSummary[]>(d, 'briefs.list')).map((b) => b.title)).toEqual(['Untitled brief', 'Untitled brief']);
    // Written in place, as an editor that does not replace the file would: same inode, same size.
    await writeFile(briefFile(env.workspacePath, first.id), serializeBrief(externalBrief(first.id, 'Text AAAA')));
    await writeFile(briefFile(env.workspacePath, second.id), '{"schemaVersion":1,');
    const third = externalBrief('5d0c2b7e-3a63-4c51-9a4b-1f0d2e3c4b5a', 'Third brief');
    await writeFile(briefFile(env.workspacePath, third.id), serializeBrief(third));
    const changed = await call<BriefSummary[]>(d, 'briefs.list');
    expect(changed.find((b) => b.id === first.id)?.title).toBe('Text AAAA');
    expect(changed.find((b) => b.id === second.id)?.damaged).toContain('not valid JSON');
    expect(changed.find((b) => b.id === third.id)?.title).toBe('Third brief');
    await writeFile(briefFile(env.workspacePath, first.id), serializeBrief(externalBrief(first.id, 'Text BBBB')));
    await rm(briefFile(env.workspacePath, third.id));
    const again = await call<BriefSummary[]>(d, 'briefs.list');
    expect(again.map((b) => b.title).sort()).toEqual([`${second.id}.brief.json`, 'Text BBBB'].sort());
  });

  it('save increments the revision; the title follows the first line while autoTitle holds', async () => {
    const brief = await call(d, 'briefs.create', {});
    const first = await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('First headline') });
    expect(first).toMatchObject({ revision: 1, title: 'First headline', autoTitle: true });
    const second = await call(d, 'briefs.save', { id: brief.id, baseRevision: 1, editorState: paragraphState('  Second headline  ', 'body') });
    expect(second).toMatchObject({ revision: 2, title: 'Second headline' });
    // The first line names the brief; an empty first line leaves it untitled.
    const third = await call(d, 'briefs.save', { id: brief.id, baseRevision: 2, editorState: paragraphState('', 'body only') });
    expect(third).toMatchObject({ revision: 3, title: 'Untitled brief', autoTitle: true });
    const long = await call(d, 'briefs.save', { id: brief.id, baseRevision: 3, editorState: paragraphState('x'.repeat(300)) });
    expect(long.title).toBe(`${'x'.repeat(119)}…`);
    expect(long.title.length).toBeLessThanOrEqual(200);
    expect(second.updatedAt >= first.updatedAt).toBe(true);
    expect(second.createdAt).toBe(brief.createdAt);
    expect(await call(d, 'briefs.open', { id: brief.id })).toEqual(long);
  });

  it('keeps the catalogue a save was linked against while the content is unchanged, and drops it otherwise', async () => {
    const fingerprint = catalogueFingerprint(bundledFacts);
    const brief = await call(d, 'briefs.create', {});
    const saved = await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('Hanoi'), linkedCatalogue: fingerprint });
    expect(saved.linkedCatalogue).toBe(fingerprint);
    const path = join(env.workspacePath, 'briefs', `${brief.id}.brief.json`);
    expect(JSON.parse(await readFile(path, 'utf8')).linkedCatalogue).toBe(fingerprint);
    expect((await call(d, 'briefs.open', { id: brief.id })).linkedCatalogue).toBe(fingerprint);
    // A rename changes no content, so the links stay what they were.
    const renamed = await call(d, 'briefs.rename', { id: brief.id, title: 'Renamed', baseRevision: 1 });
    expect((await call(d, 'briefs.open', { id: renamed.id })).linkedCatalogue).toBe(fingerprint);

    // Another program adds text to the file: its mentions were never linked, so the fingerprint no longer holds.
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as Brief;
    await writeFile(path, JSON.stringify({ ...onDisk, editorState: paragraphState('Hanoi', 'Singapore, added elsewhere') }));
    const edited = await call(d, 'briefs.open', { id: brief.id });
    expect(edited.linkedCatalogue).toBeUndefined();
    expect(edited.editorState).toEqual(paragraphState('Hanoi', 'Singapore, added elsewhere'));

    // A save without one (the editor cannot vouch for its links) leaves none behind.
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 2, editorState: paragraphState('Hanoi again') });
    expect('linkedCatalogue' in JSON.parse(await readFile(path, 'utf8'))).toBe(false);

    // Not a fingerprint: refused in a save, ignored in a file, which still opens.
    expect(await refusal(d, 'briefs.save', { id: brief.id, baseRevision: 3, editorState: paragraphState('x'), linkedCatalogue: 'not a fingerprint' })).toMatchObject({
      code: 'invalid_argument',
    });
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), linkedCatalogue: 'not a fingerprint' }));
    const opened = await call(d, 'briefs.open', { id: brief.id });
    expect(opened.linkedCatalogue).toBeUndefined();
    expect(opened.revision).toBe(3);
  });

  it('rename sets the title, counts as a revision and stops automatic titles', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('Auto title') });
    const renamed = await call(d, 'briefs.rename', { id: brief.id, title: '  Weekly outlook  ', baseRevision: 1 });
    expect(renamed).toMatchObject({ title: 'Weekly outlook', autoTitle: false, revision: 2 });
    const after = await call(d, 'briefs.save', { id: brief.id, baseRevision: 2, editorState: paragraphState('A different first line') });
    expect(after).toMatchObject({ title: 'Weekly outlook', autoTitle: false, revision: 3 });
    expect((await call<BriefSummary[]>(d, 'briefs.list'))[0]?.title).toBe('Weekly outlook');
  });

  const badNames: Array<[string, RegExp]> = [
    ['a..b', /"\.\."/],
    ['..', /"\.\."/],
    ['reports/2026', /\/ or \\/],
    ['reports\\2026', /\/ or \\/],
    ['nul\0byte', /NUL/],
    ['bell\u0007', /control characters/],
    ['tab\tinside', /control characters/],
    ['del\u007f', /control characters/],
    ['CON', /reserved device name/],
    ['con', /reserved device name/],
    ['nul.txt', /reserved device name/],
    ['COM1', /reserved device name/],
    ['LPT9', /reserved device name/],
    ['x'.repeat(201), /at most 200/],
  ];

  it.each(badNames)('rename refuses %j with invalid_argument and a clear message, leaving the file alone', async (name, message) => {
    const brief = await call(d, 'briefs.create', {});
    const before = await readFile(briefFile(env.workspacePath, brief.id));
    const error = await refusal(d, 'briefs.rename', { id: brief.id, title: name, baseRevision: 0 });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(message);
    expect(await readFile(briefFile(env.workspacePath, brief.id))).toEqual(before);
  });

  it.each(badNames.filter(([name]) => name.length <= 200))('create refuses the title %j and writes nothing', async (name, message) => {
    const error = await refusal(d, 'briefs.create', { title: name });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(message);
    expect(await readdir(join(env.workspacePath, 'briefs'))).toEqual([]);
  });

  it('accepts ordinary titles that merely resemble refused ones', async () => {
    for (const title of ['Console report', 'COM10 notes', 'Dots. Everywhere.', 'Q1 – outlook (draft)']) {
      expect((await call(d, 'briefs.create', { title })).title).toBe(title);
    }
  });

  it('refuses ids with .., separators or upper case in the contract, before any file is touched', async () => {
    const brief = await call(d, 'briefs.create', {});
    for (const id of ['..', '../etc/passwd', `../briefs/${brief.id}`, 'a/b', 'a\\b', 'UPPER', '', 'a..b', brief.id.replace(/-/g, '/')]) {
      for (const [method, arg] of [
        ['briefs.open', { id }],
        ['briefs.save', { id, baseRevision: 0, editorState: paragraphState('x') }],
        ['briefs.rename', { id, title: 'ok', baseRevision: 0 }],
        ['briefs.delete', { id }],
        ['briefs.duplicate', { id }],
        ['briefs.backup', { id, baseRevision: 0, editorState: paragraphState('x') }],
        ['history.list', { id }],
      ] as const) {
        const error = await refusal(d, method, arg);
        expect(error.code, `${method} ${JSON.stringify(id)}`).toBe('invalid_argument');
      }
    }
    expect(await readdir(join(env.workspacePath, 'briefs'))).toEqual([`${brief.id}.brief.json`]);
  });
});

describe('briefs: duplicate, delete to trash, restore', () => {
  let env: Env;
  let d: Dispatcher;
  withFreshContainer((fresh) => {
    env = fresh;
    d = fresh.container.dispatcher;
  });

  it('duplicates a brief under a new id with "(copy)" and the same content', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('Original text') });
    const copy = await call(d, 'briefs.duplicate', { id: brief.id });
    expect(copy.id).not.toBe(brief.id);
    expect(copy).toMatchObject({ title: 'Original text (copy)', autoTitle: false, revision: 0 });
    expect(copy.editorState).toEqual(paragraphState('Original text'));
    expect((await call<BriefSummary[]>(d, 'briefs.list')).map((b) => b.id).sort()).toEqual([brief.id, copy.id].sort());
  });

  it('delete moves the file to .briefdesk/trash; listTrash shows it; restore brings it back byte for byte', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('To be deleted') });
    const path = briefFile(env.workspacePath, brief.id);
    const bytes = await readFile(path);

    expect(await call<null>(d, 'briefs.delete', { id: brief.id })).toBeNull();
    expect(await exists(path)).toBe(false);
    const trashFolder = join(env.workspacePath, '.briefdesk', 'trash');
    const inTrash = await readdir(trashFolder);
    expect(inTrash).toHaveLength(1);
    expect(inTrash[0]).toMatch(new RegExp(`^${brief.id}\\.\\d+\\.brief\\.json$`));
    expect(await readFile(join(trashFolder, inTrash[0]!))).toEqual(bytes);
    expect(await call<BriefSummary[]>(d, 'briefs.list')).toEqual([]);
    expect((await refusal(d, 'briefs.open', { id: brief.id })).code).toBe('not_found');

    const trash = await call<TrashList>(d, 'briefs.listTrash');
    expect(trash.restorable).toBe(true);
    expect(trash.entries).toEqual([{ entryId: inTrash[0], briefId: brief.id, deletedAt: expect.any(String), title: 'To be deleted' }]);

    const restored = await call(d, 'briefs.restore', { entryId: inTrash[0] });
    expect(restored).toMatchObject({ id: brief.id, title: 'To be deleted', revision: 1 });
    expect(await readFile(path)).toEqual(bytes);
    expect((await call<TrashList>(d, 'briefs.listTrash')).entries).toEqual([]);
  });

  it('restore refuses when a brief with that id exists again, and changes nothing', async () => {
    const brief = await call(d, 'briefs.create', {});
    const path = briefFile(env.workspacePath, brief.id);
    const bytes = await readFile(path);
    await call(d, 'briefs.delete', { id: brief.id });
    const [entry] = (await call<TrashList>(d, 'briefs.listTrash')).entries;
    // Another copy of the same brief arrives (a sync client, a backup restored by hand).
    const returned = serializeBrief({ ...brief, title: 'The other copy', autoTitle: false });
    await writeFile(path, returned);

    const error = await refusal(d, 'briefs.restore', { entryId: entry!.entryId });
    expect(error.code).toBe('already_exists');
    expect(error.message).toMatch(/exists again/);
    expect(await readFile(path, 'utf8')).toBe(returned);
    expect(await readFile(join(env.workspacePath, '.briefdesk', 'trash', entry!.entryId))).toEqual(bytes);
  });

  it('refuses trash entry names that are not trash entries', async () => {
    for (const entryId of ['../briefs/x.brief.json', 'x.brief.json', '/etc/passwd', 'a.1.brief.json/../../b']) {
      expect((await refusal(d, 'briefs.restore', { entryId })).code).toBe('invalid_argument');
    }
    expect((await refusal(d, 'briefs.restore', { entryId: 'gone.123.brief.json' })).code).toBe('not_found');
  });
});

describe('briefs: conflicts', () => {
  let env: Env;
  withFreshContainer((fresh) => {
    env = fresh;
  });

  it('a save with a stale baseRevision is a conflict and leaves the file byte for byte', async () => {
    const d = env.container.dispatcher;
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('one') });
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 1, editorState: paragraphState('two') });
    const before = await readFile(briefFile(env.workspacePath, brief.id));
    for (const baseRevision of [0, 1, 3, 99]) {
      const error = await refusal(d, 'briefs.save', { id: brief.id, baseRevision, editorState: paragraphState('stale') });
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/revision 2/);
      expect(await readFile(briefFile(env.workspacePath, brief.id))).toEqual(before);
    }
    const renameError = await refusal(d, 'briefs.rename', { id: brief.id, title: 'Stale rename', baseRevision: 1 });
    expect(renameError.code).toBe('conflict');
    expect(await readFile(briefFile(env.workspacePath, brief.id))).toEqual(before);
  });

  it('two saves racing from the same base: exactly one wins, the other is a conflict', async () => {
    const d = env.container.dispatcher;
    const brief = await call(d, 'briefs.create', {});
    const results = await Promise.all(
      ['left', 'right'].map((text) => d.dispatch('briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState(text) })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'conflict')).toHaveLength(1);
    expect((await call(d, 'briefs.open', { id: brief.id })).revision).toBe(1);
  });
});

describe('briefs: hot-exit backups', () => {
  let env: Env;
  let d: Dispatcher;
  withFreshContainer((fresh) => {
    env = fresh;
    d = fresh.container.dispatcher;
  });

  const backupFile = (id: string) => join(env.workspacePath, '.briefdesk', 'backups', `${id}.json`);

  it('backup writes .briefdesk/backups/<id>.json; readBackup returns it while it differs from the saved brief', async () => {
    const brief = await call(d, 'briefs.create', {});
    const unsaved = paragraphState('Unsaved words');
    const { savedAt } = await call<{ savedAt: string }>(d, 'briefs.backup', { id: brief.id, baseRevision: 0, editorState: unsaved });
    const onDisk = JSON.parse(await readFile(backupFile(brief.id), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ schemaVersion: 1, briefId: brief.id, baseRevision: 0, savedAt, editorState: unsaved });
    expect(onDisk.contentHash).toBe(hashEditorState(onDisk.editorState as EditorStateJSON));
    expect(await call<BackupInfo | null>(d, 'briefs.readBackup', { id: brief.id })).toEqual({ savedAt, baseRevision: 0, editorState: unsaved });
    // Reading it does not consume it: a crash right after must still find it.
    expect(await exists(backupFile(brief.id))).toBe(true);
  });

  it('readBackup returns null (and drops the backup) when it holds what is already saved', async () => {
    // Straight after create (the template's state) and after a save (a state that came through the contract).
    const brief = await call(d, 'briefs.create', { template: 'bluf' });
    await call(d, 'briefs.backup', { id: brief.id, baseRevision: 0, editorState: brief.editorState });
    expect(await call<BackupInfo | null>(d, 'briefs.readBackup', { id: brief.id })).toBeNull();
    expect(await exists(backupFile(brief.id))).toBe(false);
    expect(await call<BackupInfo | null>(d, 'briefs.readBackup', { id: brief.id })).toBeNull();

    const saved = await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('Saved words') });
    await call(d, 'briefs.backup', { id: brief.id, baseRevision: 1, editorState: saved.editorState });
    expect(await call<BackupInfo | null>(d, 'briefs.readBackup', { id: brief.id })).toBeNull();
    expect(await exists(backupFile(brief.id))).toBe(false);
  });

  it('a successful save deletes the backup; a refused save keeps it', async () => {
    const brief = await call(d, 'briefs.create', {});
    const edits = paragraphState('Edits in progress');
    await call(d, 'briefs.backup', { id: brief.id, baseRevision: 0, editorState: edits });
    expect((await refusal(d, 'briefs.save', { id: brief.id, baseRevision: 7, editorState: edits })).code).toBe('conflict');
    expect(await exists(backupFile(brief.id))).toBe(true);
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: edits });
    expect(await exists(backupFile(brief.id))).toBe(false);
    expect(await call<BackupInfo | null>(d, 'briefs.readBackup', { id: brief.id })).toBeNull();
  });

  it('discardBackup removes it; a broken backup file never blocks opening', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.backup', { id: brief.id, baseRevision: 0, editorState: paragraphState('x') });
    expect(await call<null>(d, 'briefs.discardBackup', { id: brief.id })).toBeNull();
    expect(await exists(backupFile(brief.id))).toBe(false);
    expect(await call<null>(d, 'briefs.discardBackup', { id: brief.id })).toBeNull();

    await writeFile(backupFile(brief.id), '{"schemaVersion":1,"briefId":');
    expect(await call<BackupInfo | null>(d, 'briefs.readBackup', { id: brief.id })).toBeNull();
    expect((await call(d, 'briefs.open', { id: brief.id })).id).toBe(brief.id);
  });
});

describe('version history through the service', () => {
  let env: Env;
  let d: Dispatcher;
  withFreshContainer((fresh) => {
    env = fresh;
    d = fresh.container.dispatcher;
  });

  it('an explicit save snapshots every time; autosaves only when the newest snapshot is 5 minutes old', async () => {
    const brief = await call(d, 'briefs.create', {});
    for (let revision = 0; revision < 3; revision++) {
      await call(d, 'briefs.save', { id: brief.id, baseRevision: revision, editorState: paragraphState(`explicit ${revision}`), reason: 'explicit' });
    }
    let history = await call<SnapshotItem[]>(d, 'history.list', { id: brief.id });
    expect(history.map((s) => [s.revision, s.reason])).toEqual([
      [3, 'explicit'],
      [2, 'explicit'],
      [1, 'explicit'],
    ]);
    expect(history[0]).toMatchObject({ title: 'explicit 2', wordCount: 2 });

    for (let revision = 3; revision < 6; revision++) {
      await call(d, 'briefs.save', { id: brief.id, baseRevision: revision, editorState: paragraphState(`auto ${revision}`) });
    }
    history = await call<SnapshotItem[]>(d, 'history.list', { id: brief.id });
    expect(history).toHaveLength(3);
  });

  it('the first autosave of a brief without history snapshots it', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('auto one'), reason: 'auto' });
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 1, editorState: paragraphState('auto two'), reason: 'auto' });
    const history = await call<SnapshotItem[]>(d, 'history.list', { id: brief.id });
    expect(history.map((s) => [s.revision, s.reason])).toEqual([[1, 'auto']]);
    const read = await call(d, 'history.read', { id: brief.id, snapshotId: history[0]!.snapshotId });
    expect(read.editorState).toEqual(paragraphState('auto one'));
  });

  it('history.restore snapshots the current revision first, then writes the snapshot as the next revision', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('version one'), reason: 'explicit' });
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 1, editorState: paragraphState('version two'), reason: 'explicit' });
    const [, one] = await call<SnapshotItem[]>(d, 'history.list', { id: brief.id });
    expect(one?.revision).toBe(1);

    expect((await refusal(d, 'history.restore', { id: brief.id, snapshotId: one!.snapshotId, baseRevision: 1 })).code).toBe('conflict');
    const restored = await call(d, 'history.restore', { id: brief.id, snapshotId: one!.snapshotId, baseRevision: 2 });
    expect(restored).toMatchObject({ revision: 3, title: 'version one' });
    expect(restored.editorState).toEqual(paragraphState('version one'));
    expect(await call(d, 'briefs.open', { id: brief.id })).toEqual(restored);

    const history = await call<SnapshotItem[]>(d, 'history.list', { id: brief.id });
    const before = history.find((s) => s.reason === 'before-restore');
    expect(before).toMatchObject({ revision: 2, title: 'version two' });
    expect((await call(d, 'history.read', { id: brief.id, snapshotId: before!.snapshotId })).editorState).toEqual(paragraphState('version two'));
  });

  it('history.recoverAsNew makes a new brief from a snapshot and leaves a damaged original untouched', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('Worth keeping'), reason: 'explicit' });
    const [snapshot] = await call<SnapshotItem[]>(d, 'history.list', { id: brief.id });
    const damaged = '{"schemaVersion":1,"id":"half a fil';
    await writeFile(briefFile(env.workspacePath, brief.id), damaged);

    const recovered = await call(d, 'history.recoverAsNew', { id: brief.id, snapshotId: snapshot!.snapshotId });
    expect(recovered.id).not.toBe(brief.id);
    expect(recovered).toMatchObject({ title: 'Worth keeping (recovered)', revision: 0 });
    expect(recovered.editorState).toEqual(paragraphState('Worth keeping'));
    expect(await readFile(briefFile(env.workspacePath, brief.id), 'utf8')).toBe(damaged);
    const list = await call<BriefSummary[]>(d, 'briefs.list');
    expect(list.find((b) => b.id === brief.id)?.damaged).toMatch(/damaged/);
    expect(list.find((b) => b.id === recovered.id)?.damaged).toBeUndefined();
  });

  it('refuses snapshot ids that are not snapshot names', async () => {
    const brief = await call(d, 'briefs.create', {});
    for (const snapshotId of ['../../briefs/x.brief.json', '1.json', `${brief.id}.brief.json`]) {
      expect((await refusal(d, 'history.read', { id: brief.id, snapshotId })).code).toBe('invalid_argument');
    }
  });
});

describe('HistoryStore with a fake clock', () => {
  let root: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    root = await tempDir('briefdesk-history-');
  });
  afterEach(() => root.dispose());

  const START = Date.parse('2026-03-01T12:00:00.000Z');
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;
  const revisions = async (store: HistoryStore, id: string) => (await store.list(id)).map((s) => s.revision);

  it('is due for an autosave snapshot only once the newest is 5 minutes old', async () => {
    let now = START;
    const store = new HistoryStore(await ConfinedFolder.open(root.path), () => now);
    expect(await store.dueForAutosave('b')).toBe(true);
    await store.snapshot(externalBrief('b', 'one', 1), 'auto');
    expect(await store.dueForAutosave('b')).toBe(false);
    now = START + 5 * MINUTE - 1;
    expect(await store.dueForAutosave('b')).toBe(false);
    now = START + 5 * MINUTE;
    expect(HISTORY_LIMITS.autosaveIntervalMs).toBe(5 * MINUTE);
    expect(await store.dueForAutosave('b')).toBe(true);
    // An explicit snapshot counts too: it restarts the interval.
    await store.snapshot(externalBrief('b', 'two', 2), 'explicit');
    now += 4 * MINUTE;
    expect(await store.dueForAutosave('b')).toBe(false);
    // Another brief's history is its own.
    expect(await store.dueForAutosave('other')).toBe(true);
  });

  it('keeps the 50 newest snapshots', async () => {
    let now = START;
    const store = new HistoryStore(await ConfinedFolder.open(root.path), () => now);
    for (let revision = 1; revision <= 55; revision++) {
      now += 1000;
      await store.snapshot(externalBrief('b', `r${revision}`, revision), 'explicit');
    }
    const kept = await revisions(store, 'b');
    expect(kept).toEqual(Array.from({ length: 50 }, (_, i) => 55 - i));
    expect((await readdir(join(root.path, '.briefdesk', 'history', 'b'))).filter((n) => n.endsWith('.json'))).toHaveLength(50);
  });

  it('drops snapshots older than 30 days when a new one is taken', async () => {
    let now = START;
    const store = new HistoryStore(await ConfinedFolder.open(root.path), () => now);
    await store.snapshot(externalBrief('b', 'r1', 1), 'explicit');
    now = START + DAY;
    await store.snapshot(externalBrief('b', 'r2', 2), 'explicit');
    now = START + 10 * DAY;
    await store.snapshot(externalBrief('b', 'r3', 3), 'explicit');
    expect(await revisions(store, 'b')).toEqual([3, 2, 1]);
    // 35 days after the first: r1 (35 d) and r2 (34 d) are past 30 days, r3 (25 d) is not.
    now = START + 35 * DAY;
    await store.snapshot(externalBrief('b', 'r4', 4), 'explicit');
    expect(await revisions(store, 'b')).toEqual([4, 3]);
  });

  it('always keeps the newest snapshot, even when the clock has moved on past 30 days', async () => {
    // A clock that jumps 40 days on every reading (a machine that slept, a corrected clock): at pruning time the
    // snapshot just taken is already "old". History must never end up empty.
    let now = START;
    const store = new HistoryStore(await ConfinedFolder.open(root.path), () => (now += 40 * DAY));
    for (let revision = 1; revision <= 3; revision++) {
      await store.snapshot(externalBrief('b', `r${revision}`, revision), 'auto');
      expect(await revisions(store, 'b')).toEqual([revision]);
    }
  });

  it('reads a snapshot back as the brief it was', async () => {
    const store = new HistoryStore(await ConfinedFolder.open(root.path), () => START);
    const brief = externalBrief('b', 'snapshot me', 4);
    await store.snapshot(brief, 'before-restore');
    const [summary] = await store.list('b');
    expect(summary).toEqual({ snapshotId: expect.stringMatching(/^\d{13}-\d{4}-r4-before-restore\.json$/), createdAt: new Date(START).toISOString(), revision: 4, reason: 'before-restore' });
    expect(await store.read('b', summary!.snapshotId)).toEqual(brief);
  });
});

describe('migration of older brief files', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let env: Env;
  beforeEach(async () => {
    ws = await tempDir('briefdesk-migrate-');
    await mkdir(join(ws.path, 'briefs'), { recursive: true });
  });
  afterEach(async () => {
    await env.dispose();
    await ws.dispose();
  });

  it('opens a v0 file as v1 without rewriting it; saving writes v1', async () => {
    const path = briefFile(ws.path, 'legacy-brief');
    await copyFile(FIXTURE_V0, path);
    const original = await readFile(path);
    const mtime = (await stat(path)).mtimeMs;
    env = await testContainer({ workspacePath: ws.path });
    const d = env.container.dispatcher;
    const fixture = JSON.parse(original.toString('utf8')) as { title: string; content: EditorStateJSON };

    const [summary] = await call<BriefSummary[]>(d, 'briefs.list');
    expect(summary).toMatchObject({ id: 'legacy-brief', title: fixture.title, updatedAt: '2019-03-02T10:00:00.000Z', wordCount: 9 });
    expect(summary?.damaged).toBeUndefined();

    const brief = await call(d, 'briefs.open', { id: 'legacy-brief' });
    expect(brief).toEqual({
      schemaVersion: 1,
      id: 'legacy-brief',
      title: fixture.title,
      autoTitle: false,
      author: '',
      classification: DEFAULT_CLASSIFICATION,
      template: 'blank',
      createdAt: '2019-03-01T10:00:00.000Z',
      updatedAt: '2019-03-02T10:00:00.000Z',
      revision: 0,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      editorState: fixture.content,
    });
    expect(brief.contentHash).toBe(hashEditorState(brief.editorState));
    // Reading migrates in memory only.
    expect(await readFile(path)).toEqual(original);
    expect((await stat(path)).mtimeMs).toBe(mtime);

    const saved = await call(d, 'briefs.save', { id: 'legacy-brief', baseRevision: 0, editorState: fixture.content, reason: 'explicit' });
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toEqual(saved);
    expect(onDisk).toMatchObject({ schemaVersion: 1, revision: 1, createdAt: '2019-03-01T10:00:00.000Z', title: fixture.title });
    expect(Object.keys(onDisk)).not.toEqual(expect.arrayContaining(['created']));
    expect(onDisk).not.toHaveProperty('content');
    expect(onDisk).not.toHaveProperty('modified');
  });

  it('reports a file from a newer Briefdesk as damaged and leaves it alone', async () => {
    const path = briefFile(ws.path, 'from-the-future');
    const future = `${JSON.stringify({ ...externalBrief('from-the-future', 'Future'), schemaVersion: 99 }, null, 2)}\n`;
    await writeFile(path, future);
    env = await testContainer({ workspacePath: ws.path });
    const d = env.container.dispatcher;
    const [summary] = await call<BriefSummary[]>(d, 'briefs.list');
    expect(summary?.id).toBe('from-the-future');
    expect(summary?.damaged).toMatch(/newer Briefdesk/);
    const error = await refusal(d, 'briefs.open', { id: 'from-the-future' });
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/newer Briefdesk \(brief format 99/);
    expect((await refusal(d, 'briefs.save', { id: 'from-the-future', baseRevision: 0, editorState: paragraphState('x') })).code).toBe('damaged');
    expect(await readFile(path, 'utf8')).toBe(future);
  });
});

describe('container start', () => {
  it('removes temp files a crash left in briefs/ and .briefdesk/, and nothing else', async () => {
    const ws = await tempDir('briefdesk-temp-');
    const keep = externalBrief('kept-brief', 'Kept');
    const stale = [
      join(ws.path, 'briefs', '.kept-brief.brief.json.0123456789ab.briefdesk-tmp'),
      join(ws.path, 'briefs', '.other.brief.json.a1b2c3d4e5f6.briefdesk-tmp'),
      join(ws.path, '.briefdesk', 'backups', '.kept-brief.json.ffffffffffff.briefdesk-tmp'),
      join(ws.path, '.briefdesk', 'history', 'kept-brief', '.1767000000000-0001-r1-auto.json.000000000000.briefdesk-tmp'),
    ];
    const survivors = [
      join(ws.path, 'briefs', 'kept-brief.brief.json'),
      join(ws.path, 'briefs', '.notes.txt'),
      join(ws.path, 'briefs', 'almost.briefdesk-tmp'),
      join(ws.path, '.briefdesk', 'backups', 'kept-brief.json'),
    ];
    for (const path of [...stale, ...survivors]) {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, path.endsWith('kept-brief.brief.json') ? serializeBrief(keep) : 'partial');
    }
    const env = await testContainer({ workspacePath: ws.path });
    try {
      for (const path of stale) expect(await exists(path), path).toBe(false);
      for (const path of survivors) expect(await exists(path), path).toBe(true);
      expect((await call<BriefSummary[]>(env.container.dispatcher, 'briefs.list')).map((b) => b.id)).toEqual(['kept-brief']);
    } finally {
      await env.dispose();
      await ws.dispose();
    }
  });
});

describe('workspace watcher', () => {
  let env: Env;
  let d: Dispatcher;
  let events: ReturnType<typeof recordEvents>;
  beforeEach(async () => {
    env = await unseededContainer();
    d = env.container.dispatcher;
    events = recordEvents(env.container);
  });
  afterEach(async () => {
    events.stop();
    await env.dispose();
  });

  const externalOf = (id: string, kind: ExternalEvent['kind']) => () => events.external().some((e) => e.id === id && e.kind === kind);

  it('announces a brief added, changed and removed by another program within a second', async () => {
    const id = 'written-elsewhere';
    const path = briefFile(env.workspacePath, id);
    let started = performance.now();
    await writeFile(path, serializeBrief(externalBrief(id, 'From a sync client')));
    await until(externalOf(id, 'added'), 1000, 'briefs.external added');
    await until(() => events.changedIds().includes(id), 1000, 'briefs.changed');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(events.external()).toEqual([{ id, kind: 'added' }]);
    expect((await call(d, 'briefs.open', { id })).title).toBe('From a sync client');

    started = performance.now();
    await writeFile(path, serializeBrief(externalBrief(id, 'Edited elsewhere', 1)));
    await until(externalOf(id, 'changed'), 1000, 'briefs.external changed');
    expect(performance.now() - started).toBeLessThan(1000);

    started = performance.now();
    await rm(path);
    await until(externalOf(id, 'removed'), 1000, 'briefs.external removed');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(events.external()).toEqual([
      { id, kind: 'added' },
      { id, kind: 'changed' },
      { id, kind: 'removed' },
    ]);
    expect(events.changedIds().filter((x) => x === id)).toHaveLength(3);
  });

  it('announces an outside change to a brief this app created', async () => {
    const brief = await call(d, 'briefs.create', {});
    await sleep(300);
    await writeFile(briefFile(env.workspacePath, brief.id), serializeBrief({ ...brief, title: 'Changed by hand', autoTitle: false, revision: 1 }));
    await until(externalOf(brief.id, 'changed'), 1000, 'briefs.external changed');
    expect(events.external()).toEqual([{ id: brief.id, kind: 'changed' }]);
  });

  it('ignores the temp files of atomic saves and files that are not briefs', async () => {
    await writeFile(join(env.workspacePath, 'briefs', '.x.brief.json.0123456789ab.briefdesk-tmp'), 'partial');
    await writeFile(join(env.workspacePath, 'briefs', 'notes.txt'), 'hello');
    await sleep(500);
    expect(events.external()).toEqual([]);
  });

  it('our own create, saves, rename, duplicate, delete and restore raise no briefs.external', async () => {
    const brief = await call(d, 'briefs.create', {});
    await call(d, 'briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('one') });
    await sleep(500);
    expect(events.external()).toEqual([]);

    // Autosave rhythm: saves arriving around the watcher's settle time, so its read of one save can overlap the next.
    let revision = 1;
    for (const gap of [40, 60, 70, 75, 80, 90, 100, 60, 75, 85, 0, 0, 120, 70]) {
      await sleep(gap);
      const saved = await call(d, 'briefs.save', { id: brief.id, baseRevision: revision, editorState: paragraphState(`text after ${gap} ms `.repeat(50 + revision * 20)) });
      revision = saved.revision;
    }
    await call(d, 'briefs.rename', { id: brief.id, title: 'Renamed', baseRevision: revision });
    const copy = await call(d, 'briefs.duplicate', { id: brief.id });
    await call(d, 'briefs.delete', { id: copy.id });
    const [entry] = (await call<TrashList>(d, 'briefs.listTrash')).entries;
    await call(d, 'briefs.restore', { entryId: entry!.entryId });
    await sleep(500);
    expect(events.external()).toEqual([]);
    expect(events.changedIds()).toContain(brief.id);
  });
});

describe('workspace watcher across sessions', () => {
  it('restoring a brief last written in an earlier session raises no briefs.external', async () => {
    const first = await unseededContainer();
    const brief = await call(first.container.dispatcher, 'briefs.create', { title: 'From yesterday' });
    await first.container.shutdown();
    // (testContainer's own `workspacePath` names the temp folder it made, not this one.)
    const env = await testContainer({ workspacePath: first.workspacePath });
    const events = recordEvents(env.container);
    try {
      const d = env.container.dispatcher;
      for (const pause of [300, 0]) {
        // Undone after a while (the removal already seen by the watcher) and at once (both within its settle time).
        await call<null>(d, 'briefs.delete', { id: brief.id });
        await sleep(pause);
        const [entry] = (await call<TrashList>(d, 'briefs.listTrash')).entries;
        await call(d, 'briefs.restore', { entryId: entry!.entryId });
        await sleep(400);
        expect(events.external(), `restore ${pause} ms after delete`).toEqual([]);
      }
      // And a real outside removal afterwards is still announced.
      await rm(briefFile(first.workspacePath, brief.id));
      await until(() => events.external().some((e) => e.kind === 'removed'), 1000, 'briefs.external removed');
    } finally {
      events.stop();
      await env.dispose();
      await first.dispose();
    }
  });
});

describe('workspace seeding', () => {
  const SEEDED = [
    { folder: 'sources', suffix: '.source.json' },
    { folder: 'facts', suffix: '.facts.json' },
    { folder: 'briefs', suffix: '.brief.json' },
  ] as const;

  async function bundled(): Promise<string[]> {
    const names: string[] = [];
    for (const { folder, suffix } of SEEDED) {
      const files = await readdir(join(repoRoot, 'resources', folder)).catch(() => [] as string[]);
      names.push(...files.filter((n) => n.endsWith(suffix)).map((n) => `${folder}/${n}`));
    }
    return names.sort();
  }

  async function workspaceFiles(root: string): Promise<string[]> {
    const names: string[] = [];
    for (const { folder } of SEEDED) names.push(...(await readdir(join(root, folder)).catch(() => [] as string[])).map((n) => `${folder}/${n}`));
    return names.sort();
  }

  it('copies the bundled sources, fact catalogues and briefs into a new empty workspace', async () => {
    const expected = await bundled();
    expect(expected.some((n) => n.startsWith('sources/'))).toBe(true);
    expect(expected.some((n) => n.startsWith('facts/'))).toBe(true);
    const env = await testContainer();
    try {
      expect(await workspaceFiles(env.workspacePath)).toEqual(expected);
      for (const name of expected) {
        expect(await readFile(join(env.workspacePath, name)), name).toEqual(await readFile(join(repoRoot, 'resources', name)));
      }
      // Every bundled sample brief opens: a new analyst's first sight must not be a damaged brief.
      const list = await call<BriefSummary[]>(env.container.dispatcher, 'briefs.list');
      expect(list.map((b) => `briefs/${b.id}.brief.json`).sort()).toEqual(expected.filter((n) => n.startsWith('briefs/')));
      expect(list.filter((b) => b.damaged)).toEqual([]);
    } finally {
      await env.dispose();
    }
  });

  it('does not seed a workspace that already holds a brief', async () => {
    const ws = await tempDir('briefdesk-seed-');
    await mkdir(join(ws.path, 'briefs'));
    await writeFile(briefFile(ws.path, 'mine'), serializeBrief(externalBrief('mine', 'Mine')));
    const env = await testContainer({ workspacePath: ws.path });
    try {
      expect(await workspaceFiles(ws.path)).toEqual(['briefs/mine.brief.json']);
    } finally {
      await env.dispose();
      await ws.dispose();
    }
  });

  it('seeds only once: files the analyst deleted stay deleted', async () => {
    const ws = await tempDir('briefdesk-seed-');
    const first = await testContainer({ workspacePath: ws.path });
    await first.dispose();
    const seeded = await workspaceFiles(ws.path);
    expect(seeded).toEqual(await bundled());
    for (const name of seeded) await rm(join(ws.path, name));
    const second = await testContainer({ workspacePath: ws.path });
    try {
      expect(await workspaceFiles(ws.path)).toEqual([]);
    } finally {
      await second.dispose();
      await ws.dispose();
    }
  });
});

describe('workspace switching', () => {
  it('openWorkspace lists the other workspace, announces workspace.changed and remembers the path', async () => {
    const env = await unseededContainer();
    const other = await tempDir('briefdesk-other-');
    try {
      const d = env.container.dispatcher;
      const here = await call(d, 'briefs.create', { title: 'In the first workspace' });
      await mkdir(join(other.path, 'briefs'));
      await writeFile(briefFile(other.path, 'over-there'), serializeBrief(externalBrief('over-there', 'In the second workspace')));
      const events = recordEvents(env.container);

      const opened = await call<{ path: string }>(d, 'workspace.open', { path: other.path });
      expect(opened.path).toBe(resolve(other.path));
      expect(events.seen.filter((e) => e.topic === 'workspace.changed').map((e) => e.payload)).toEqual([{ path: resolve(other.path) }]);
      expect((await call<BriefSummary[]>(d, 'briefs.list')).map((b) => [b.id, b.title])).toEqual([['over-there', 'In the second workspace']]);
      expect(await call<{ path: string }>(d, 'workspace.info')).toEqual({ path: resolve(other.path) });
      expect(env.container.settings.get().settings.workspacePath).toBe(resolve(other.path));
      const stored = JSON.parse(await readFile(join(env.configDir, 'preferences.json'), 'utf8')) as { workspacePath?: string };
      expect(stored.workspacePath).toBe(resolve(other.path));

      // The old workspace is no longer watched or served.
      expect((await refusal(d, 'briefs.open', { id: here.id })).code).toBe('not_found');
      await writeFile(briefFile(env.workspacePath, 'late-arrival'), serializeBrief(externalBrief('late-arrival', 'Late')));
      await sleep(400);
      expect(events.external()).toEqual([]);

      // And back again, through the container itself.
      await env.container.openWorkspace(env.workspacePath);
      expect((await call<BriefSummary[]>(d, 'briefs.list')).map((b) => b.id).sort()).toEqual(['late-arrival', here.id].sort());
      expect(env.container.settings.get().settings.workspacePath).toBe(resolve(env.workspacePath));
      events.stop();
    } finally {
      await env.dispose();
      await other.dispose();
    }
  });
});
