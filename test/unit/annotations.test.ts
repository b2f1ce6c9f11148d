import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { lstat, readdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveFs } from '../../electron/host/platform/atomicWrite';
import type { EventTopic, ResultEnvelope } from '../../shared/contract/index';
import { makeAnchor } from '../../shared/lib/textAnchor';
import type { Annotation, AnnotationColour, AnnotationTarget } from '../../shared/model/annotation';
import type { Source } from '../../shared/model/source';
import { tempDir } from '../support/tempWorkspace';
import { repoRoot, testContainer } from '../support/testContainer';

type Env = Awaited<ReturnType<typeof testContainer>>;

const SOURCE_ID = 'hanoi-summit-2019';
const SOURCE_TITLE = 'Trump and Kim leave Hanoi summit without a deal';
const SECRET = 'TOP-SECRET-OUTSIDE-THE-WORKSPACE';

const bundledSource = JSON.parse(await readFile(join(repoRoot, 'resources/sources', `${SOURCE_ID}.source.json`), 'utf8')) as Source;

const envs: Env[] = [];
const temps: Array<{ dispose: () => Promise<void> }> = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.dispose();
  for (const temp of temps.splice(0)) await temp.dispose();
});

async function start(overrides: Parameters<typeof testContainer>[0] = {}): Promise<Env> {
  const env = await testContainer(overrides);
  envs.push(env);
  return env;
}

async function call(env: Env, method: string, arg?: unknown): Promise<ResultEnvelope> {
  return env.container.dispatcher.dispatch(method, arg);
}

async function value<T>(env: Env, method: string, arg?: unknown): Promise<T> {
  const result = await call(env, method, arg);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The target of the first occurrence of `quote` in `source`, as the renderer makes it. */
function targetOf(quote: string, source: Source = bundledSource, page?: number): AnnotationTarget {
  const start = source.text.indexOf(quote);
  if (start < 0) throw new Error(`“${quote}” is not in ${source.id}`);
  const { exact, prefix, suffix } = makeAnchor(source.text, source.id, start, start + quote.length);
  return {
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix, suffix },
      { type: 'TextPositionSelector', start, end: start + quote.length },
    ],
    ...(page === undefined ? {} : { page }),
  };
}

function create(env: Env, quote: string, fields: { color?: AnnotationColour; comment?: string; tags?: string[]; factId?: string; sourceId?: string; page?: number; source?: Source } = {}): Promise<Annotation> {
  const { source = bundledSource, page, ...rest } = fields;
  return value<Annotation>(env, 'annotations.create', { annotation: { sourceId: source.id, color: 'yellow', ...rest, target: targetOf(quote, source, page) } });
}

const annotationsFile = (env: Env, sourceId = SOURCE_ID) => join(env.workspacePath, 'annotations', `${sourceId}.annotations.json`);
const readAnnotationsFile = async (env: Env, sourceId = SOURCE_ID) => JSON.parse(await readFile(annotationsFile(env, sourceId), 'utf8')) as { schemaVersion: number; sourceId: string; annotations: Annotation[] };

/** A second source in the workspace, written as the importers write one. */
async function addSource(env: Env, id: string, title: string, text: string): Promise<Source> {
  const source: Source = {
    schemaVersion: 1,
    id,
    title,
    kind: 'report',
    publisher: 'Briefdesk tests',
    publishedAt: '2024-05-01',
    text,
    paragraphs: [{ start: 0, end: text.length }],
    checksum: createHash('sha256').update(text).digest('hex'),
  };
  await writeFile(join(env.workspacePath, 'sources', `${id}.source.json`), JSON.stringify(source));
  return source;
}

function listen(env: Env): Array<{ topic: EventTopic; payload: unknown }> {
  const heard: Array<{ topic: EventTopic; payload: unknown }> = [];
  env.container.events.listen((topic, payload) => heard.push({ topic, payload }));
  return heard;
}

describe('annotations: create, update, delete and undo through the dispatcher', () => {
  it('saves each change to annotations/<sourceId>.annotations.json, and brings a deleted annotation back as it was', async () => {
    const env = await start();
    const heard = listen(env);
    const created = await create(env, 'Chairman Kim Jong Un', { color: 'pink', comment: 'Title as used by the paper.', tags: ['naming', ' Naming ', 'titles'], factId: 'kim-jong-un' });
    expect(created).toMatchObject({ sourceId: SOURCE_ID, color: 'pink', comment: 'Title as used by the paper.', tags: ['naming', 'titles'], factId: 'kim-jong-un' });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.target.selectors[1]).toEqual({ type: 'TextPositionSelector', start: 55, end: 75 });
    expect(created.target.selectors[0].prefix).toBe(bundledSource.text.slice(55 - 32, 55));
    expect(heard).toContainEqual({ topic: 'annotations.changed', payload: { sourceId: SOURCE_ID } });
    // On disk: the newest schema, the annotation as answered, pretty-printed, and no temp file beside it.
    expect(await readAnnotationsFile(env)).toEqual({ schemaVersion: 1, sourceId: SOURCE_ID, annotations: [created] });
    expect(await readFile(annotationsFile(env), 'utf8')).toBe(`${JSON.stringify({ schemaVersion: 1, sourceId: SOURCE_ID, annotations: [created] }, null, 2)}\n`);
    expect(await readdir(join(env.workspacePath, 'annotations'))).toEqual([`${SOURCE_ID}.annotations.json`]);

    const updated = await value<Annotation>(env, 'annotations.update', { sourceId: SOURCE_ID, id: created.id, color: 'green', comment: '', tags: ['Kim'], factId: null });
    expect(updated).toEqual({ ...created, color: 'green', comment: '', tags: ['Kim'], factId: undefined, updatedAt: updated.updatedAt });
    expect('factId' in updated).toBe(false);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect((await readAnnotationsFile(env)).annotations).toEqual([updated]);

    const second = await create(env, 'blanket lifting of United Nations sanctions', { comment: 'The sticking point.' });
    expect((await value<{ annotations: Annotation[] }>(env, 'annotations.list', { sourceId: SOURCE_ID })).annotations).toEqual([updated, second]);

    const deleted = await value<Annotation>(env, 'annotations.delete', { sourceId: SOURCE_ID, id: updated.id });
    expect(deleted).toEqual(updated);
    expect((await readAnnotationsFile(env)).annotations).toEqual([second]);
    // Undo: the deleted annotation, passed back to create, is restored with its id and times.
    const restored = await value<Annotation>(env, 'annotations.create', { annotation: deleted });
    expect(restored).toEqual(deleted);
    expect((await readAnnotationsFile(env)).annotations).toEqual([second, updated]);
    expect(await value<{ annotations: Annotation[] }>(env, 'annotations.list', { sourceId: SOURCE_ID })).toEqual({ sourceId: SOURCE_ID, annotations: [updated, second] });
    // The same id twice is refused; a deleted annotation cannot be deleted again.
    expect(await call(env, 'annotations.create', { annotation: deleted })).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    await value(env, 'annotations.delete', { sourceId: SOURCE_ID, id: second.id });
    expect(await call(env, 'annotations.delete', { sourceId: SOURCE_ID, id: second.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/no annotation/) } });
  });

  it('refuses a passage that is not where its selectors say, an unknown source and an unknown fact, in words, writing nothing', async () => {
    const env = await start();
    const target = targetOf('Chairman Kim Jong Un');
    const shifted = { ...target, selectors: [target.selectors[0], { type: 'TextPositionSelector', start: 56, end: 76 }] };
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: shifted } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: `The passage “Chairman Kim Jong Un” is not at characters 56–76 of the source “${SOURCE_TITLE}”. Select it again in the source.` },
    });
    const wrongPrefix = { ...target, selectors: [{ ...target.selectors[0], prefix: 'something else' }, target.selectors[1]] };
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: wrongPrefix } })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const tooShort = { ...target, selectors: [target.selectors[0], { type: 'TextPositionSelector', start: 55, end: 70 }] };
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: tooShort } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/as long as the quote/) },
    });
    expect(await call(env, 'annotations.create', { annotation: { sourceId: 'no-such-source', color: 'yellow', target } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target, factId: 'no-such-fact' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no fact no-such-fact to link the annotation to.' },
    });
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'orange', target } })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await readdir(join(env.workspacePath, 'annotations'))).toEqual([]);
  });

  it('a save that fails leaves the previous file whole and no temp file behind', async () => {
    let failRename = false;
    const saveFs: SaveFs = {
      open: nodeFs.open,
      unlink: nodeFs.unlink,
      rename: async (from, to) => {
        if (failRename) throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC', syscall: 'rename' });
        return nodeFs.rename(from, to);
      },
    };
    const env = await start({ saveFs });
    const created = await create(env, 'Chairman Kim Jong Un');
    const before = await readFile(annotationsFile(env), 'utf8');
    failRename = true;
    expect(await call(env, 'annotations.update', { sourceId: SOURCE_ID, id: created.id, comment: 'Lost?' })).toMatchObject({
      ok: false,
      error: { code: 'io_error', message: expect.stringMatching(/disk is full.*previous version on disk is intact/s) },
    });
    expect(await readFile(annotationsFile(env), 'utf8')).toBe(before);
    expect(await readdir(join(env.workspacePath, 'annotations'))).toEqual([`${SOURCE_ID}.annotations.json`]);
  });
});

describe('annotations: files that cannot be read are reported and never written over', () => {
  it('a damaged file is listed with its reason, and create, update and delete leave it byte for byte', async () => {
    const env = await start();
    const damaged = '{"schemaVersion": 1, "sourceId": "hanoi-summit-2019", "annotations": [ { "id": "not a uuid" } ] }';
    await writeFile(annotationsFile(env), damaged);
    expect(await value(env, 'annotations.list', { sourceId: SOURCE_ID })).toEqual({
      sourceId: SOURCE_ID,
      annotations: [],
      damaged: expect.stringMatching(/^The annotations file of the source hanoi-summit-2019 is damaged: .* at annotations\.0\.id\.$/),
    });
    expect(await value(env, 'annotations.listAll', {})).toEqual({ annotations: [], damaged: [{ file: `${SOURCE_ID}.annotations.json`, problem: expect.stringMatching(/damaged/) }] });
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: targetOf('Chairman Kim Jong Un') } })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await call(env, 'annotations.delete', { sourceId: SOURCE_ID, id: '3b241101-e2bb-4255-8caf-4136c566a962' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await call(env, 'annotations.exportMarkdown', { sourceId: SOURCE_ID })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await value(env, 'annotations.exportMarkdown', {})).toMatchObject({ notices: [expect.stringMatching(/^hanoi-summit-2019\.annotations\.json was left out: .*damaged/)] });
    expect(await readFile(annotationsFile(env), 'utf8')).toBe(damaged);
  });

  it('a file that is not JSON, or holds another source’s annotations, is damaged with the reason', async () => {
    const env = await start();
    await writeFile(annotationsFile(env), '{"schemaVersion": 1, ');
    expect(await value(env, 'annotations.list', { sourceId: SOURCE_ID })).toMatchObject({ damaged: expect.stringMatching(/is damaged: it is not valid JSON/) });
    await writeFile(annotationsFile(env), JSON.stringify({ schemaVersion: 1, sourceId: 'other-source', annotations: [] }));
    expect(await value(env, 'annotations.list', { sourceId: SOURCE_ID })).toMatchObject({
      damaged: 'The annotations file of the source hanoi-summit-2019 is damaged: it holds the annotations of the source other-source. Rename it to other-source.annotations.json.',
    });
    await writeFile(annotationsFile(env), JSON.stringify({ schemaVersion: 2, sourceId: SOURCE_ID, annotations: [] }));
    expect(await value(env, 'annotations.list', { sourceId: SOURCE_ID })).toMatchObject({ damaged: expect.stringMatching(/at schemaVersion/) });
  });

  it('a symlinked annotations file is refused in words, its target never read nor written', async () => {
    const outside = await tempDir('briefdesk-outside-');
    temps.push(outside);
    const secret = join(outside.path, 'secret.json');
    await writeFile(secret, JSON.stringify({ schemaVersion: 1, sourceId: SOURCE_ID, annotations: [], note: SECRET }));
    const env = await start();
    await symlink(secret, annotationsFile(env));
    const listed = await value(env, 'annotations.list', { sourceId: SOURCE_ID });
    expect(listed).toMatchObject({ annotations: [], damaged: expect.stringMatching(/not read: it is a symbolic link, which Briefdesk never follows/) });
    const all = await value(env, 'annotations.listAll', {});
    expect(all).toMatchObject({ damaged: [{ file: `${SOURCE_ID}.annotations.json`, problem: expect.stringMatching(/symbolic link/) }] });
    expect(JSON.stringify([listed, all])).not.toContain(SECRET);
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: targetOf('Chairman Kim Jong Un') } })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/symbolic link/) },
    });
    expect((await lstat(annotationsFile(env))).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(secret, 'utf8'))).toMatchObject({ annotations: [], note: SECRET });
    expect(JSON.stringify(await value(env, 'annotations.exportJsonLd', {}))).not.toContain(SECRET);
  });

  it('a sparse 10 GB file is refused by its size without being read; a FIFO answers at once, many times', async () => {
    const env = await start();
    await truncate(await nodeFs.open(annotationsFile(env), 'w').then(async (h) => (await h.close(), annotationsFile(env))), 10 * 2 ** 30);
    const started = performance.now();
    expect(await value(env, 'annotations.list', { sourceId: SOURCE_ID })).toMatchObject({ damaged: expect.stringMatching(/at 10240 MB it is larger than the 16 MB Briefdesk reads/) });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: targetOf('Chairman Kim Jong Un') } })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect((await lstat(annotationsFile(env))).size).toBe(10 * 2 ** 30);

    const fifo = join(env.workspacePath, 'annotations', 'fifo-source.annotations.json');
    execFileSync('mkfifo', [fifo]);
    // More calls than libuv's four threads, which a blocking open of a FIFO would each hold for good.
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(env, 'annotations.list', { sourceId: 'fifo-source' })));
    for (const answer of answers) expect(answer).toMatchObject({ ok: true, value: { damaged: expect.stringMatching(/device, pipe or socket/) } });
    expect(await value(env, 'annotations.listAll', {})).toMatchObject({
      damaged: [
        { file: 'fifo-source.annotations.json', problem: expect.stringMatching(/device, pipe or socket/) },
        { file: `${SOURCE_ID}.annotations.json`, problem: expect.stringMatching(/larger than/) },
      ],
    });
    expect(await call(env, 'annotations.tags')).toMatchObject({ ok: true, value: [] });
  });

  it('an annotations folder that is a symlink makes the workspace read-only: nothing is written through it', async () => {
    const outside = await tempDir('briefdesk-outside-');
    temps.push(outside);
    const workspace = await tempDir('briefdesk-hostile-');
    temps.push(workspace);
    await symlink(outside.path, join(workspace.path, 'annotations'));
    const env = await start({ workspacePath: workspace.path });
    expect(await call(env, 'annotations.list', { sourceId: SOURCE_ID })).toMatchObject({ ok: true, value: { damaged: expect.stringMatching(/annotations is not used: it is a symbolic link/) } });
    expect(await call(env, 'annotations.create', { annotation: { sourceId: SOURCE_ID, color: 'yellow', target: targetOf('Chairman Kim Jong Un') } })).toMatchObject({ ok: false });
    expect(await call(env, 'annotations.setColourName', { id: 'pink', name: 'Doubtful' })).toMatchObject({ ok: false });
    expect(await readdir(outside.path)).toEqual([]);
  });
});

describe('annotations: listing across sources, tags and colours', () => {
  it('listAll filters by colour, tag (any case), fact and words of the quote, comment or tags', async () => {
    const env = await start();
    const other = await addSource(env, 'seoul-briefing', 'Seoul briefing', 'Officials in Séoul said the talks would resume. Sanctions relief was not discussed.');
    const kim = await create(env, 'Chairman Kim Jong Un', { color: 'pink', tags: ['Leaders'], factId: 'kim-jong-un' });
    const sanctions = await create(env, 'blanket lifting of United Nations sanctions', { color: 'yellow', comment: 'The sticking point', tags: ['sanctions'] });
    const seoul = await create(env, 'Officials in Séoul said', { source: other, color: 'pink', comment: 'Unnamed officials: doubtful.', tags: ['leaders', 'sourcing'] });
    const relief = await create(env, 'Sanctions relief was not discussed', { source: other, color: 'blue' });
    const ids = async (filter: object) => (await value<{ annotations: Annotation[] }>(env, 'annotations.listAll', filter)).annotations.map((a) => a.id);

    expect(await ids({})).toEqual([kim.id, sanctions.id, seoul.id, relief.id]);
    expect(await call(env, 'annotations.listAll')).toMatchObject({ ok: true, value: { damaged: [] } });
    expect(await ids({ color: 'pink' })).toEqual([kim.id, seoul.id]);
    expect(await ids({ tag: 'LEADERS' })).toEqual([kim.id, seoul.id]);
    expect(await ids({ factId: 'kim-jong-un' })).toEqual([kim.id]);
    // Words anywhere: the quote, the comment, a tag; case and diacritics aside.
    expect(await ids({ text: 'sanctions' })).toEqual([sanctions.id, relief.id]);
    expect(await ids({ text: 'seoul' })).toEqual([seoul.id]);
    expect(await ids({ text: 'Doubtful' })).toEqual([seoul.id]);
    expect(await ids({ text: 'sourcing' })).toEqual([seoul.id]);
    expect(await ids({ color: 'pink', text: 'officials' })).toEqual([seoul.id]);
    expect(await ids({ color: 'green' })).toEqual([]);
    expect(await call(env, 'annotations.listAll', { color: 'orange' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });

    expect(await value(env, 'annotations.tags')).toEqual([
      { tag: 'Leaders', count: 2 },
      { tag: 'sanctions', count: 1 },
      { tag: 'sourcing', count: 1 },
    ]);
  });

  it('colours have default names, take the analyst’s names, and keep them in annotations/colours.json', async () => {
    const env = await start();
    const defaults = await value<{ colours: Array<{ id: string; name: string }> }>(env, 'annotations.colours');
    expect(defaults).toEqual({
      colours: [
        { id: 'yellow', name: 'Yellow' },
        { id: 'green', name: 'Green' },
        { id: 'blue', name: 'Blue' },
        { id: 'pink', name: 'Pink' },
        { id: 'purple', name: 'Purple' },
      ],
    });
    const named = await value<{ colours: Array<{ id: string; name: string }> }>(env, 'annotations.setColourName', { id: 'pink', name: '  Doubtful ' });
    expect(named.colours[3]).toEqual({ id: 'pink', name: 'Doubtful' });
    await value(env, 'annotations.setColourName', { id: 'yellow', name: 'Key' });
    expect(JSON.parse(await readFile(join(env.workspacePath, 'annotations', 'colours.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      colours: [
        { id: 'yellow', name: 'Key' },
        { id: 'green', name: 'Green' },
        { id: 'blue', name: 'Blue' },
        { id: 'pink', name: 'Doubtful' },
        { id: 'purple', name: 'Purple' },
      ],
    });
    expect(await call(env, 'annotations.setColourName', { id: 'green', name: 'key' })).toMatchObject({
      ok: false,
      error: { code: 'already_exists', message: 'The yellow highlight is already called “Key”. Choose another name.' },
    });
    expect(await call(env, 'annotations.setColourName', { id: 'green', name: 'two\nlines' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    // colours.json is not an annotations file: listAll does not report it.
    expect(await value(env, 'annotations.listAll', {})).toEqual({ annotations: [], damaged: [] });

    await writeFile(join(env.workspacePath, 'annotations', 'colours.json'), '{"schemaVersion": 1, "colours": [{"id": "red", "name": "Red"}]}');
    expect(await value(env, 'annotations.colours')).toEqual({ colours: defaults.colours, damaged: expect.stringMatching(/colours\.json\) is damaged/) });
    expect(await call(env, 'annotations.setColourName', { id: 'pink', name: 'Doubtful' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await readFile(join(env.workspacePath, 'annotations', 'colours.json'), 'utf8')).toContain('"red"');
  });
});

describe('annotations: export and import', () => {
  it('Markdown: a heading per source, each passage quoted with its comment, colour name, tags, fact and link back', async () => {
    const env = await start();
    const other = await addSource(env, 'seoul-briefing', 'A Seoul briefing', 'Officials in Seoul said the talks would resume.');
    await value(env, 'annotations.setColourName', { id: 'pink', name: 'Doubtful' });
    const sanctions = await create(env, 'blanket lifting of United Nations sanctions', { comment: 'The sticking point.\n\nSee also the *Singapore* statement.', tags: ['sanctions', 'demands'] });
    const kim = await create(env, 'Chairman Kim Jong Un', { color: 'pink', factId: 'kim-jong-un', page: 2 });
    await create(env, 'Officials in Seoul said', { source: other, color: 'blue' });

    const exported = await value<{ fileName: string; text: string; notices: string[] }>(env, 'annotations.exportMarkdown', {});
    expect(exported.fileName).toBe('annotations.md');
    expect(exported.notices).toEqual([]);
    const kimLink = `briefdesk://source/${SOURCE_ID}#55-75`;
    const sanctionsLink = `briefdesk://source/${SOURCE_ID}#${sanctions.target.selectors[1].start}-${sanctions.target.selectors[1].end}`;
    expect(exported.text).toBe(
      [
        '# Annotations',
        '',
        'Exported from Briefdesk. Each link names its passage as `briefdesk://source/<source id>#<start>-<end>`: the source, and where the passage starts and ends in its text, counted in characters.',
        '',
        '## A Seoul briefing',
        '',
        '*Briefdesk tests, 2024-05-01*',
        '',
        '> Officials in Seoul said',
        '',
        '- **Colour:** Blue',
        '- **Link:** <briefdesk://source/seoul-briefing#0-23>',
        '',
        `## ${SOURCE_TITLE}`,
        '',
        '*unknown, unknown*',
        '',
        '> Chairman Kim Jong Un',
        '',
        '- **Colour:** Doubtful (pink)',
        '- **Fact:** Kim Jong Un (`kim-jong-un`)',
        '- **Page:** 2',
        `- **Link:** <${kimLink}>`,
        '',
        '> blanket lifting of United Nations sanctions',
        '',
        'The sticking point.',
        '',
        'See also the \\*Singapore\\* statement.',
        '',
        '- **Colour:** Yellow',
        '- **Tags:** sanctions, demands',
        `- **Link:** <${sanctionsLink}>`,
        '',
      ].join('\n'),
    );
    expect(kim.target.selectors[1]).toMatchObject({ start: 55, end: 75 });
    const one = await value<{ fileName: string; text: string }>(env, 'annotations.exportMarkdown', { sourceId: 'seoul-briefing' });
    expect(one.fileName).toBe('annotations-seoul-briefing.md');
    expect(one.text).toContain('## A Seoul briefing');
    expect(one.text).not.toContain(SOURCE_TITLE);
  });

  it('JSON-LD: W3C Web Annotations, imported into a fresh workspace identical to the originals; imported again, nothing doubles', async () => {
    const env = await start();
    const other = await addSource(env, 'seoul-briefing', 'A Seoul briefing', 'Officials in Seoul said the talks would resume.');
    const originals = [
      await create(env, 'Chairman Kim Jong Un', { color: 'pink', comment: 'Title as used.\nSecond line.', tags: ['naming', 'Leaders'], factId: 'kim-jong-un', page: 3 }),
      await create(env, 'blanket lifting of United Nations sanctions', { color: 'purple' }),
      await create(env, 'the talks would resume', { source: other, color: 'green', comment: '  spaced  ' }),
    ];
    const exported = await value<{ fileName: string; text: string }>(env, 'annotations.exportJsonLd', {});
    expect(exported.fileName).toBe('annotations.jsonld');
    const doc = JSON.parse(exported.text) as { '@context': string; type: string; total: number; first: { items: Array<Record<string, unknown>> } };
    expect(doc).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 3, first: { type: 'AnnotationPage' } });
    expect(doc.first.items[0]).toEqual({
      id: `urn:uuid:${originals[0]!.id}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: originals[0]!.createdAt,
      modified: originals[0]!.updatedAt,
      body: [
        { type: 'TextualBody', purpose: 'highlighting', value: 'pink' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Title as used.\nSecond line.', format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: 'naming' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Leaders' },
        { type: 'SpecificResource', purpose: 'linking', source: 'urn:briefdesk:fact:kim-jong-un' },
      ],
      target: {
        source: `urn:briefdesk:source:${SOURCE_ID}`,
        selector: [...originals[0]!.target.selectors, { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=3' }],
      },
    });

    const fresh = await start();
    await addSource(fresh, 'seoul-briefing', 'A Seoul briefing', other.text);
    expect(await value(fresh, 'annotations.importJsonLd', { text: exported.text })).toEqual({ imported: 3, skipped: [] });
    expect((await value<{ annotations: Annotation[] }>(fresh, 'annotations.listAll', {})).annotations).toEqual(originals);
    expect(await readFile(annotationsFile(fresh), 'utf8')).toBe(await readFile(annotationsFile(env), 'utf8'));
    expect(await readFile(annotationsFile(fresh, 'seoul-briefing'), 'utf8')).toBe(await readFile(annotationsFile(env, 'seoul-briefing'), 'utf8'));

    const again = await value<{ imported: number; skipped: string[] }>(fresh, 'annotations.importJsonLd', { text: exported.text });
    expect(again.imported).toBe(0);
    expect(again.skipped).toHaveLength(3);
    expect(again.skipped[0]).toMatch(/is here already; it was kept as it is/);
    expect((await value<{ annotations: Annotation[] }>(fresh, 'annotations.listAll', {})).annotations).toHaveLength(3);
  });

  it('invalid JSON-LD is refused in words and nothing is written', async () => {
    const env = await start();
    const refused = async (text: string) => {
      const answer = await call(env, 'annotations.importJsonLd', { text });
      expect(answer.ok, text).toBe(false);
      return answer.ok ? undefined : answer.error;
    };
    expect(await refused('{"type": "Annotation", ')).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/^This is not JSON-LD: it is not valid JSON \(/) });
    expect(await refused('{"hello": "world"}')).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/^This is not W3C Web Annotation JSON-LD/) });
    expect(await refused('42')).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/not W3C Web Annotation/) });
    const badSelector = [{ type: 'Annotation', target: { source: `urn:briefdesk:source:${SOURCE_ID}`, selector: [{ type: 'TextPositionSelector', start: 'five', end: 9 }] } }];
    expect(await refused(JSON.stringify(badSelector))).toMatchObject({
      code: 'invalid_argument',
      message: 'Annotation 1 of the file is not a Web Annotation: Invalid input: expected number, received string at target.0.selector.0.start.',
    });
    expect(await refused(JSON.stringify({ type: 'Highlight', target: `urn:briefdesk:source:${SOURCE_ID}` }))).toMatchObject({ message: expect.stringMatching(/not an Annotation at type/) });
    expect(await refused(JSON.stringify({ type: 'AnnotationCollection', total: 3, first: 'https://example.org/page1' }))).toMatchObject({ message: expect.stringMatching(/does not hold its annotations/) });
    expect(await call(env, 'annotations.importJsonLd', { text: '' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await readdir(join(env.workspacePath, 'annotations'))).toEqual([]);
  });

  it('a Hypothesis export is accepted: one body or many, targets as lists, its own fields; unknown sources and page notes are skipped by name', async () => {
    const env = await start();
    const text = bundledSource.text;
    const at = (quote: string) => text.indexOf(quote);
    const quote = (exact: string, context = 20) => ({ type: 'TextQuoteSelector', exact, prefix: text.slice(at(exact) - context, at(exact)), suffix: text.slice(at(exact) + exact.length, at(exact) + exact.length + context) });
    const source = `urn:briefdesk:source:${SOURCE_ID}`;
    // Hypothesis's W3C JSON-LD of one annotation: body a list with an untyped-purpose comment, target a list with a RangeSelector.
    const w3c = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/AbC123xyz',
      created: '2024-05-01T12:34:56.789012+00:00',
      modified: '2024-05-02T08:00:00.000000+00:00',
      creator: 'acct:analyst@hypothes.is',
      body: [
        { type: 'TextualBody', value: 'A **Markdown** comment.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'nuclear' },
      ],
      target: [
        {
          source,
          selector: [
            { type: 'RangeSelector', startContainer: '/div[1]/p[1]', startOffset: 0, endContainer: '/div[1]/p[1]', endOffset: 20 },
            { type: 'TextPositionSelector', start: at('Chairman Kim Jong Un'), end: at('Chairman Kim Jong Un') + 20 },
            quote('Chairman Kim Jong Un'),
          ],
        },
      ],
    };
    // Hypothesis's own export: `text`, `tags`, `updated`; one body-less annotation whose position is stale (found again
    // by its quote), one on a web page this workspace does not have, and a page note without a passage.
    const native = {
      export_date: '2024-05-03T10:00:00.000000+00:00',
      export_userid: 'acct:analyst@hypothes.is',
      client_version: '1.1400.0',
      annotations: [
        { id: 'Zz9', created: '2024-05-01T10:00:00.123456+00:00', updated: '2024-05-01T11:00:00.123456+00:00', text: 'Stale offsets.', tags: ['UN', 'un', 'demands'], target: [{ source, selector: [quote('blanket lifting of United Nations sanctions', 32), { type: 'TextPositionSelector', start: 3, end: 46 }] }] },
        { id: 'Elsewhere1', text: 'On the web.', tags: [], target: [{ source: 'https://example.org/article', selector: [{ type: 'TextQuoteSelector', exact: 'something' }] }] },
        { id: 'PageNote1', text: 'About the whole page.', tags: [], target: [{ source }] },
      ],
    };
    // A single body as an object, not a list.
    const single = { type: 'Annotation', body: { type: 'TextualBody', purpose: 'highlighting', value: 'green' }, target: { source, selector: quote('abrupt ending of talks') } };

    expect(await value(env, 'annotations.importJsonLd', { text: JSON.stringify(w3c) })).toEqual({ imported: 1, skipped: [] });
    const nativeResult = await value<{ imported: number; skipped: string[] }>(env, 'annotations.importJsonLd', { text: JSON.stringify(native) });
    expect(nativeResult).toEqual({
      imported: 1,
      skipped: [
        'Annotation 2 (Elsewhere1) is on https://example.org/article, which is not a source in this workspace.',
        'Annotation 3 (PageNote1) quotes no passage (it has no TextQuoteSelector), so there is nothing to place it on.',
      ],
    });
    expect(await value(env, 'annotations.importJsonLd', { text: JSON.stringify(single) })).toEqual({ imported: 1, skipped: [] });

    const { annotations } = await value<{ annotations: Annotation[] }>(env, 'annotations.list', { sourceId: SOURCE_ID });
    const byQuote = new Map(annotations.map((a) => [a.target.selectors[0].exact, a]));
    expect(byQuote.get('Chairman Kim Jong Un')).toMatchObject({
      color: 'yellow',
      comment: 'A **Markdown** comment.',
      tags: ['nuclear'],
      createdAt: '2024-05-01T12:34:56.789012+00:00',
      updatedAt: '2024-05-02T08:00:00.000000+00:00',
      target: { selectors: [{ exact: 'Chairman Kim Jong Un', prefix: quote('Chairman Kim Jong Un').prefix }, { start: 55, end: 75 }] },
    });
    const sanctionsAt = at('blanket lifting of United Nations sanctions');
    expect(byQuote.get('blanket lifting of United Nations sanctions')).toMatchObject({
      comment: 'Stale offsets.',
      tags: ['UN', 'demands'],
      updatedAt: '2024-05-01T11:00:00.123456+00:00',
      target: { selectors: [{ exact: 'blanket lifting of United Nations sanctions', prefix: text.slice(sanctionsAt - 32, sanctionsAt) }, { start: sanctionsAt, end: sanctionsAt + 43 }] },
    });
    expect(byQuote.get('abrupt ending of talks')).toMatchObject({ color: 'green', comment: '', tags: [] });
    // Ids made from Hypothesis's ids are stable: importing the file again finds the same annotations.
    expect(await value(env, 'annotations.importJsonLd', { text: JSON.stringify(w3c) })).toMatchObject({ imported: 0 });
  });
});
