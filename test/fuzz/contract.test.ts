import { mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_FOLDERS } from '../../electron/host/services/workspace/workspace';
import { methodNames, type MethodName } from '../../shared/contract/index';
import { makeAnchor } from '../../shared/lib/textAnchor';
import type { Annotation } from '../../shared/model/annotation';
import { emptyEditorState, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import type { FactCatalogue } from '../../shared/model/fact';
import type { Source } from '../../shared/model/source';
import { tempDir } from '../support/tempWorkspace';
import { fuzzContainer, captureHostLog, type FuzzContainer } from './support/fuzzContainer';
import { fuzzParams, runsFor, testTimeout } from './support/fuzzConfig';
import { Mutated, mutatedValue } from './support/mutations';
import { fail } from './support/outcomes';

// Records every path the host hands the file system (support/fsRecorder.ts); hoisted, so it cannot be shared.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));

const BRIEF_ID = 'hanoi-summit-sample';
const CATALOGUE_ID = 'hanoi-summit';
const SOURCE_ID = 'hanoi-summit-2019';

function paragraph(text: string): EditorStateJSON {
  const state = emptyEditorState();
  (state.root.children[0] as { children: unknown[] }).children = [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }];
  return state;
}

/** What the valid arguments refer to: ids that exist in a freshly seeded workspace after `prepare`. */
interface Context {
  revision: number;
  snapshotId: string;
  trashEntryId: string;
  catalogue: FactCatalogue;
  /** An empty folder inside the temp area: the one kind of place workspace.open is pointed at. */
  candidateFolder: string;
}

/** A job to ask about: a catalogue reset started in the container under test (a host knows only the jobs it runs). */
async function startedJob(fz: FuzzContainer): Promise<unknown> {
  const started = await fz.dispatch('facts.reset', { catalogueId: CATALOGUE_ID });
  if (!started.ok) throw new Error('the contract fuzz setup could not start a job');
  return started.value;
}

const IMPORT_ARGS = { file: { name: 'fuzzed.txt', base64: Buffer.from('A fuzzed source\nPresident Trump met Chairman Kim Jong Un in Hanoi.\n').toString('base64') } };

/** A fact whose supporting quote moved: the bundled source replaced by a version with one of its words changed. */
async function movedAnchor(fz: FuzzContainer): Promise<{ id: string; anchorIndex: number }> {
  const source = JSON.parse(await readFile(join(fz.workspace, 'sources', `${SOURCE_ID}.source.json`), 'utf8')) as Source;
  const listed = await fz.env.container.dispatcher.dispatch('facts.list', {});
  const anchors = listed.ok ? (listed.value as Array<{ anchors: Array<{ sourceId: string; exact: string; start: number; end: number }> }>).flatMap((fact) => fact.anchors) : [];
  const long = anchors.find((anchor) => anchor.sourceId === SOURCE_ID && anchor.exact.length >= 20);
  if (!long) throw new Error('the contract fuzz setup found no long anchor');
  // One letter of the quote changed: found again approximately, so flagged as moved.
  const changed = `${source.text.slice(0, long.start + 5)}X${source.text.slice(long.start + 6)}`;
  const started = await fz.env.container.dispatcher.dispatch('sources.import', { file: { name: 'changed.txt', base64: Buffer.from(changed).toString('base64') }, replace: SOURCE_ID });
  if (!started.ok || started.value === null) throw new Error('the contract fuzz setup could not replace the source');
  if ((await fz.env.container.jobs.settled((started.value as { jobId: string }).jobId)).outcome !== 'done') throw new Error('the contract fuzz setup replace failed');
  const facts = await fz.env.container.dispatcher.dispatch('facts.list', {});
  const moved = facts.ok && (facts.value as Array<{ id: string; anchors: Array<{ review?: { grade: string } }> }>).find((fact) => fact.anchors.some((anchor) => anchor.review?.grade === 'moved'));
  if (!moved) throw new Error('the contract fuzz setup found no moved anchor');
  return { id: moved.id, anchorIndex: moved.anchors.findIndex((anchor) => anchor.review?.grade === 'moved') };
}

/** A finished import to ask about (setup, straight to the dispatcher). */
async function finishedImport(fz: FuzzContainer): Promise<{ jobId: string }> {
  const started = await fz.env.container.dispatcher.dispatch('sources.import', IMPORT_ARGS);
  if (!started.ok || started.value === null) throw new Error('the contract fuzz setup could not start an import');
  const { jobId } = started.value as { jobId: string };
  if ((await fz.env.container.jobs.settled(jobId)).outcome !== 'done') throw new Error('the contract fuzz setup import failed');
  return { jobId };
}

/** A finished export to ask about: Markdown (no Chromium), kept for download, or saved where the desktop dialog said. */
async function finishedExport(fz: FuzzContainer): Promise<{ jobId: string }> {
  // Setup, not the call under test: straight to the dispatcher, since the desktop dialog answers a path in the temp area.
  const started = await fz.env.container.dispatcher.dispatch('export.start', EXPORT_ARGS);
  if (!started.ok || started.value === null) throw new Error('the contract fuzz setup could not start an export');
  const { jobId } = started.value as { jobId: string };
  if ((await fz.env.container.jobs.settled(jobId)).outcome !== 'done') throw new Error('the contract fuzz setup export failed');
  return { jobId };
}

/** A new annotation on the seeded source: a passage of its text, with the selectors the renderer would make. */
async function annotationInput(fz: FuzzContainer): Promise<{ sourceId: string; color: 'pink'; comment: string; tags: string[]; target: Annotation['target'] }> {
  const source = JSON.parse(await readFile(join(fz.workspace, 'sources', `${SOURCE_ID}.source.json`), 'utf8')) as Source;
  const start = source.text.indexOf('Chairman Kim Jong Un');
  const { exact, prefix, suffix } = makeAnchor(source.text, SOURCE_ID, start, start + 'Chairman Kim Jong Un'.length);
  return {
    sourceId: SOURCE_ID,
    color: 'pink',
    comment: 'Made by the fuzzer.',
    tags: ['fuzz'],
    target: { selectors: [{ type: 'TextQuoteSelector', exact, prefix, suffix }, { type: 'TextPositionSelector', start, end: start + exact.length }] },
  };
}

/** An annotation to change or delete: made in the container under test. */
async function createdAnnotation(fz: FuzzContainer): Promise<Annotation> {
  const created = await fz.dispatch('annotations.create', { annotation: await annotationInput(fz) });
  if (!created.ok) throw new Error('the contract fuzz setup could not create an annotation');
  return created.value as Annotation;
}

const EXPORT_ARGS = { briefIds: [BRIEF_ID], options: { format: 'md', notes: 'end', paper: 'A4', includeSources: true }, fileName: 'Fuzzed export' };

/**
 * One valid argument per contract method, each a call that succeeds on the prepared workspace. Typed over every
 * MethodName, so a method added to the contract does not compile until it is fuzzed here too: nothing is skipped
 * silently.
 */
const VALID_ARGS: { readonly [M in MethodName]: (ctx: Context, fz: FuzzContainer) => unknown } = {
  'app.info': () => undefined,
  'app.readyToClose': () => undefined,
  'app.setMenu': () => ({ entries: [{ id: 'brief.save', label: 'Save', menu: 'File', group: 2, order: 1, accelerator: 'CmdOrCtrl+S', enabled: true }] }),
  'briefs.list': () => undefined,
  'briefs.create': () => ({ title: 'A fuzzed brief', template: 'bluf' }),
  'briefs.open': () => ({ id: BRIEF_ID }),
  'briefs.save': (ctx) => ({ id: BRIEF_ID, editorState: paragraph('Edited by the fuzzer.'), baseRevision: ctx.revision, reason: 'explicit' }),
  'briefs.rename': (ctx) => ({ id: BRIEF_ID, title: 'Renamed by the fuzzer', baseRevision: ctx.revision }),
  'briefs.duplicate': () => ({ id: BRIEF_ID }),
  'briefs.delete': () => ({ id: BRIEF_ID }),
  'briefs.listTrash': () => undefined,
  'briefs.restore': (ctx) => ({ entryId: ctx.trashEntryId }),
  'briefs.backup': (ctx) => ({ id: BRIEF_ID, editorState: paragraph('Unsaved edits.'), baseRevision: ctx.revision }),
  'briefs.readBackup': () => ({ id: BRIEF_ID }),
  'briefs.discardBackup': () => ({ id: BRIEF_ID }),
  'briefs.readRaw': () => ({ id: BRIEF_ID }),
  'history.list': () => ({ id: BRIEF_ID }),
  'history.read': (ctx) => ({ id: BRIEF_ID, snapshotId: ctx.snapshotId }),
  'history.restore': (ctx) => ({ id: BRIEF_ID, snapshotId: ctx.snapshotId, baseRevision: ctx.revision }),
  'history.recoverAsNew': (ctx) => ({ id: BRIEF_ID, snapshotId: ctx.snapshotId }),
  'facts.catalogues': () => undefined,
  'facts.list': () => ({ kind: 'person' }),
  'facts.get': (ctx) => ({ id: ctx.catalogue.facts[0]!.id }),
  'facts.create': () => ({
    catalogueId: CATALOGUE_ID,
    fact: { id: 'fuzzed-fact', kind: 'event', label: 'A fuzzed fact', aliases: [{ text: 'fuzzed fact' }], summary: 'Made by the fuzzer.', tags: ['fuzz'], anchors: [] },
  }),
  'facts.update': (ctx) => ({ fact: { ...ctx.catalogue.facts[0]!, summary: 'Changed by the fuzzer.' } }),
  'facts.delete': (ctx) => ({ id: ctx.catalogue.facts[0]!.id, force: true }),
  'facts.addAlias': (ctx) => ({ id: ctx.catalogue.facts[0]!.id, alias: { text: 'a fuzzed alias', caseSensitive: true } }),
  'facts.removeAlias': (ctx) => ({ id: ctx.catalogue.facts[0]!.id, text: ctx.catalogue.facts[0]!.aliases[0]!.text }),
  'facts.merge': (ctx) => ({ keepId: ctx.catalogue.facts[0]!.id, mergeId: ctx.catalogue.facts[1]!.id }),
  'facts.references': (ctx) => ({ id: ctx.catalogue.facts[0]!.id }),
  'facts.reset': () => ({ catalogueId: CATALOGUE_ID }),
  'facts.acceptAnchor': (_ctx, fz) => movedAnchor(fz),
  'sources.list': () => undefined,
  'sources.get': () => ({ id: SOURCE_ID }),
  'sources.update': () => ({ id: SOURCE_ID, metadata: { reliability: 'B', credibility: 2, publisher: 'The fuzzed publisher' } }),
  'sources.import': () => IMPORT_ARGS,
  'sources.importResult': (_ctx, fz) => finishedImport(fz),
  'sources.propose': () => ({ id: SOURCE_ID }),
  'sources.rejectProposals': () => ({ id: SOURCE_ID, labels: ['Hanoi', 'Little Rocket Man'] }),
  'annotations.list': () => ({ sourceId: SOURCE_ID }),
  'annotations.listAll': () => ({ color: 'pink', tag: 'fuzz', text: 'Kim' }),
  'annotations.create': async (_ctx, fz) => ({ annotation: await annotationInput(fz) }),
  'annotations.update': async (_ctx, fz) => ({ sourceId: SOURCE_ID, id: (await createdAnnotation(fz)).id, comment: 'Changed by the fuzzer.', factId: 'kim-jong-un' }),
  'annotations.delete': async (_ctx, fz) => ({ sourceId: SOURCE_ID, id: (await createdAnnotation(fz)).id }),
  'annotations.tags': () => undefined,
  'annotations.colours': () => undefined,
  'annotations.setColourName': () => ({ id: 'pink', name: 'Doubtful' }),
  'annotations.exportMarkdown': () => ({ sourceId: SOURCE_ID }),
  'annotations.exportJsonLd': () => ({}),
  'annotations.importJsonLd': async (_ctx, fz) => {
    const { target } = await annotationInput(fz);
    const annotation = { type: 'Annotation', body: { type: 'TextualBody', purpose: 'commenting', value: 'Imported by the fuzzer.' }, target: { source: `urn:briefdesk:source:${SOURCE_ID}`, selector: target.selectors } };
    return { text: JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...annotation }) };
  },
  'settings.get': () => undefined,
  'settings.update': () => ({ theme: 'dark', authorName: 'B. Analyst', exportDefaults: { paperSize: 'Letter' } }),
  'settings.dismissNotice': () => undefined,
  'workspace.info': () => undefined,
  'workspace.open': (ctx) => ({ path: ctx.candidateFolder }),
  'workspace.choose': () => undefined,
  'jobs.get': (_ctx, fz) => startedJob(fz),
  'jobs.cancel': (_ctx, fz) => startedJob(fz),
  'export.start': () => EXPORT_ARGS,
  'export.result': (_ctx, fz) => finishedExport(fz),
  'export.download': (_ctx, fz) => finishedExport(fz),
  'export.reveal': async (_ctx, fz) => ({ ...(await finishedExport(fz)), how: 'showInFolder' }),
};

/** Gives every valid argument something to find: a history version, a trash entry, a backup. */
async function prepare(fz: FuzzContainer, candidateFolder: string): Promise<Context> {
  const saved = await fz.dispatch('briefs.save', { id: BRIEF_ID, editorState: paragraph('Saved once.'), baseRevision: 0, reason: 'explicit' });
  const doomed = await fz.dispatch('briefs.create', { title: 'To be deleted' });
  if (!saved.ok || !doomed.ok) throw new Error('the contract fuzz setup failed');
  await fz.dispatch('briefs.delete', { id: (doomed.value as Brief).id });
  const trash = await fz.dispatch('briefs.listTrash', undefined);
  await fz.dispatch('briefs.backup', { id: BRIEF_ID, editorState: paragraph('Unsaved.'), baseRevision: 1 });
  const [snapshotId] = await readdir(join(fz.workspace, '.briefdesk', 'history', BRIEF_ID));
  const trashEntryId = trash.ok ? (trash.value as { entries: Array<{ entryId: string }> }).entries[0]?.entryId : undefined;
  if (!snapshotId || !trashEntryId) throw new Error('the contract fuzz setup made no version or trash entry');
  const catalogue = JSON.parse(await readFile(join(fz.workspace, 'facts', `${CATALOGUE_ID}.facts.json`), 'utf8')) as FactCatalogue;
  return { revision: (saved.value as Brief).revision, snapshotId, trashEntryId, catalogue, candidateFolder };
}

/** A value JSON carries unchanged (the browser-mode transport): walked with an explicit stack. */
function isJsonValue(root: unknown): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
      continue;
    }
    if (typeof value !== 'object') return false;
    if (Array.isArray(value)) {
      if (Object.keys(value).length !== value.length) return false;
    } else {
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length > 0) return false;
    }
    stack.push(...Object.values(value));
  }
  return true;
}

/** What IPC's structured clone can carry beyond JSON: undefined, NaN, bigint, Date, Map, Set, typed and sparse arrays. */
function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Arguments for one method: arbitrary JSON, arbitrary values filtered to JSON (null-prototype objects and
 * `__proto__` keys included), values only structured clone carries, and mutations of the method's valid argument.
 */
function argumentsFor(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue() },
    { weight: 2, arbitrary: fc.anything({ withNullPrototype: true, maxDepth: 4 }).filter(isJsonValue) },
    {
      weight: 1,
      arbitrary: fc
        .anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, maxDepth: 3 })
        .filter(isCloneable),
    },
    { weight: 4, arbitrary: mutatedValue(valid) },
  );
}

function argOf(input: unknown): unknown {
  return input instanceof Mutated ? input.value : input;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

describe('every contract method, every argument', () => {
  captureHostLog();
  let temp: Awaited<ReturnType<typeof tempDir>>;
  /** Where workspace.open and workspace.choose may point: generated paths are kept inside it (see below). */
  let candidates: string;
  /** A workspace prepared once; each method's property starts from a fresh copy of it. */
  let template: FuzzContainer;
  let ctx: Context;
  beforeAll(async () => {
    temp = await tempDir('briefdesk-fuzz-candidates-');
    candidates = await realpath(temp.path);
    for (const folder of ['empty', 'nested/deeper', 'other-ws/briefs']) await mkdir(join(candidates, folder), { recursive: true });
    await writeFile(join(candidates, 'other-ws', 'briefs', 'odd.brief.json'), '{"not": "a brief"}');
    await writeFile(join(candidates, 'a-file'), 'not a folder');
    template = await fuzzContainer();
    ctx = await prepare(template, join(candidates, 'empty'));
  });
  afterAll(async () => {
    await template.dispose();
    await temp.dispose();
  });

  const inCandidates = (path: string) => isAbsolute(path) && (resolve(path) === candidates || resolve(path).startsWith(candidates + sep));

  const runs = runsFor(0.3);
  for (const method of methodNames()) {
    it(
      `${method}: a typed envelope for any argument, nothing outside the workspace touched`,
      async () => {
        let readyToCloseCalls = 0;
        const fz = await fuzzContainer(
          {
            onReadyToClose: () => void readyToCloseCalls++,
            // The desktop dialog, answered with a folder inside the temp area, so workspace.choose succeeds too.
            chooseWorkspaceFolder: async () => join(candidates, 'empty'),
            // Only the desktop app opens an exported file: its save dialog, answered with a file in the temp area.
            ...(method === 'export.reveal'
              ? { mode: 'desktop' as const, exportDesktop: { chooseExportPath: async () => join(candidates, 'nested', 'export.md'), revealFile: async () => undefined } }
              : {}),
          },
          { copyOf: template.workspace },
        );
        try {
          const valid = await VALID_ARGS[method](ctx, fz);
          // workspace.open names a folder to work in, which it then writes to (its folders, the sample files): a path
          // generated at random could name any folder on this machine (a relative one resolves against the repo), so
          // only arguments whose path lies inside the temp area go through. Every other shape is generated freely.
          let args = argumentsFor(valid);
          if (method === 'workspace.open') {
            const paths = fc.array(fc.constantFrom('empty', 'nested', 'deeper', 'other-ws', 'briefs', 'a-file', 'missing', 'é', ' ', '.'), { minLength: 0, maxLength: 3 });
            args = fc.oneof(
              args.filter((input) => !isObject(argOf(input)) || typeof (argOf(input) as { path?: unknown }).path !== 'string' || inCandidates((argOf(input) as { path: string }).path)),
              paths.map((parts) => ({ path: join(candidates, ...parts) })),
            );
          }
          const roots = [...fz.roots, candidates];
          let succeeded = 0;
          await fc.assert(
            fc.asyncProperty(args, async (input) => {
              const arg = argOf(input);
              const answer = await fz.dispatch(method, arg, roots);
              if (answer.ok) succeeded++;
              // Whatever the call did, it did inside the workspace's own folders (the workspace it started in: one that
              // workspace.open switched to is a folder of the temp area, held to it by the recorder's roots instead).
              const stray = (await readdir(fz.workspace)).filter((name) => !(WORKSPACE_FOLDERS as readonly string[]).includes(name));
              if (stray.length > 0) fail(`${method} left ${stray.join(', ')} at the top of the workspace`);
              await fz.expectOutsideUnchanged(method);
              if (Object.keys(Object.prototype).length > 0) fail(`${method} polluted Object.prototype with ${Object.keys(Object.prototype).join(', ')}`);
            }),
            fuzzParams(runs, { examples: [[valid]] }),
          );
          // The valid argument is the first example, and it succeeds: the property reached the method itself.
          expect(succeeded, `${method} never succeeded, not even with its valid argument`).toBeGreaterThan(0);
          if (method === 'app.readyToClose') expect(readyToCloseCalls).toBe(succeeded);
        } finally {
          await fz.dispose();
        }
      },
      testTimeout(runs, 100),
    );
  }
});

describe('deep nesting beside root, through the contract', () => {
  captureHostLog();
  let fz: FuzzContainer;
  beforeAll(async () => {
    fz = await fuzzContainer();
  });
  afterAll(() => fz.dispose());

  /** An editor state that passes the check: the nesting is under a key beside `root`, which nothing walks. */
  function deeplyNestedState(): EditorStateJSON {
    let deep: unknown = 1;
    for (let level = 0; level < 5_000; level++) deep = [deep];
    return { root: { type: 'root', children: [] }, extra: deep } as unknown as EditorStateJSON;
  }

  // briefs.backup (like save and create) used to accept such a state and then overflow the stack in hashEditorState,
  // answering `internal`.
  it('briefs.backup refuses an editor state nested 5,000 deep beside root in words', async () => {
    await fz.dispatch('briefs.backup', { id: BRIEF_ID, baseRevision: 0, editorState: deeplyNestedState() });
  });

  // A brief file holding such a state (with its content hash, so nothing hashed it on the way in) used to open with an
  // answer that neither transport could carry: JSON.stringify (the HTTP bridge) and structured clone (IPC) overflowed.
  it('briefs.open of a brief file nested 5,000 deep beside root answers something the transport carries', async () => {
    const path = join(fz.workspace, 'briefs', `${BRIEF_ID}.brief.json`);
    const brief = JSON.parse(await readFile(path, 'utf8')) as { editorState: Record<string, unknown> };
    brief.editorState.extra = '@@deep@@';
    await writeFile(path, JSON.stringify(brief).replace('"@@deep@@"', `${'['.repeat(5_000)}${']'.repeat(5_000)}`));
    await fz.dispatch('briefs.open', { id: BRIEF_ID });
  });
});
