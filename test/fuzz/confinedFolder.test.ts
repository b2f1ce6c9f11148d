import { execFileSync } from 'node:child_process';
import { lstat, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfinedFolder } from '../../electron/host/platform/confinedFolder';
import { AppError } from '../../shared/contract/define';
import { tempDir } from '../support/tempWorkspace';
import { expectTreeUnchanged, treeState, type TreeState } from './support/fileState';
import { confinedCall, recordedCallCount } from './support/fsRecorder';
import { fuzzParams, runsFor, testTimeout } from './support/fuzzConfig';
import { expectTypedOutcome, fail, type Outcome } from './support/outcomes';

// Records every path the host hands the file system (support/fsRecorder.ts); hoisted, so it cannot be shared.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));

/** Bytes that exist only outside the root: any read that returns them, or list that names them, escaped. */
const SECRET = 'SENTINEL-SECRET-7c1e';
const SENTINEL_ONLY_NAME = 'sentinel-only-9f2c.txt';

/** A FIFO makes a read that blocks (the ConfinedFolder opens with O_NONBLOCK and refuses special files). */
const HAS_MKFIFO = process.platform !== 'win32';

interface Fixture {
  parent: string;
  root: string;
  sentinel: string;
  folder: ConfinedFolder;
  /** The same root opened again and marked read-only, as a workspace on a read-only disk is. */
  readOnly: ConfinedFolder;
  outsideBefore: TreeState;
}

const READ_ONLY_REASON = 'The fuzzed folder is open for reading only.';
const CHANGES: ReadonlySet<Op['op']> = new Set(['mkdir', 'write', 'createExclusive', 'remove', 'move', 'setAside']);

/** What lies inside the root from the start; restored after every run, since removing a symlink is allowed. */
async function plantRootFixtures(root: string, sentinel: string): Promise<void> {
  const links: Array<[string, string]> = [
    ['link-out', '../sentinel'],
    ['file-link', `../sentinel/${SENTINEL_ONLY_NAME}`],
    ['dangling', '../sentinel/created-through-a-link'],
    ['abs-link', sentinel],
    ['briefs/link-out', '../../sentinel'],
  ];
  await mkdir(join(root, 'briefs'), { recursive: true });
  for (const [name, target] of links) {
    const found = await lstat(join(root, name)).catch(() => undefined);
    if (found?.isSymbolicLink()) continue;
    await rm(join(root, name), { recursive: true, force: true });
    await symlink(target, join(root, name));
  }
  const brief = await lstat(join(root, 'briefs', 'a.brief.json')).catch(() => undefined);
  if (!brief?.isFile()) {
    await rm(join(root, 'briefs', 'a.brief.json'), { recursive: true, force: true });
    await writeFile(join(root, 'briefs', 'a.brief.json'), '{"inside": true}');
  }
  if (HAS_MKFIFO) {
    const fifo = await lstat(join(root, 'fifo')).catch(() => undefined);
    if (!fifo?.isFIFO()) {
      await rm(join(root, 'fifo'), { recursive: true, force: true });
      execFileSync('mkfifo', [join(root, 'fifo')]);
    }
  }
}

async function makeFixture(): Promise<Fixture & { dispose: () => Promise<void> }> {
  const temp = await tempDir('briefdesk-fuzz-confined-');
  const parent = await realpath(temp.path);
  const root = join(parent, 'root');
  const sentinel = join(parent, 'sentinel');
  // The same names as inside the root, so a path resolved against the wrong folder would find them.
  for (const folder of [sentinel, join(sentinel, 'briefs'), join(parent, 'root-sibling'), root]) await mkdir(folder, { recursive: true });
  for (const file of [join(sentinel, SENTINEL_ONLY_NAME), join(sentinel, 'secret.txt'), join(sentinel, 'briefs', 'a.brief.json'), join(parent, 'root-sibling', 'secret.txt')]) {
    await writeFile(file, SECRET);
  }
  await plantRootFixtures(root, sentinel);
  const folder = await ConfinedFolder.open(root);
  const readOnly = await ConfinedFolder.open(root);
  readOnly.refuseWrites(READ_ONLY_REASON);
  const outsideBefore = await treeState(parent, isRoot);
  return { parent, root, sentinel, folder, readOnly, outsideBefore, dispose: temp.dispose };
}

/** The root's own subtree: everything else below the parent (sentinel, the sibling, the parent itself) must not move. */
const isRoot = (relative: string): boolean => relative === 'root' || relative.startsWith(`root${sep}`);

/** Relative paths an attacker (or a bug) might hand the folder: climbing, absolute, NUL, backslashes, long, unicode. */
function hostilePath(fixture: Fixture): fc.Arbitrary<string> {
  const segment = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        ...['..', '.', '', '...', '.. ', ' ..', '..\\..', '..%2f', '%2e%2e', '\u2024\u2024', '\uff0e\uff0e', '~', 'C:', 'c:\\windows', '\\\\server\\share', 'con', 'nul'],
        ...['briefs', 'a.brief.json', '.briefdesk', 'link-out', 'file-link', 'dangling', 'abs-link', 'fifo', 'secret.txt', 'sentinel', 'root', 'root-sibling'],
        ...['a', 'é', 'e\u0301', '🕊️', '\u202e', 'a\u0000b', '\u0000', 'x'.repeat(255)],
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(256, 300, 5_000).map((n) => 'x'.repeat(n)) },
  );
  const separator = fc.constantFrom('/', '/', '\\', '//', '/./');
  const start = fc.constantFrom('', '', '', '/', '\\', './', '../', `${fixture.sentinel}/`, `${fixture.root}/`, `${fixture.parent}/root/../sentinel/`, '~/', 'file:///');
  const composed = fc
    .tuple(start, fc.array(fc.tuple(segment, separator), { maxLength: 6 }), segment)
    .map(([head, middle, last]) => head + middle.map(([name, sep]) => name + sep).join('') + last);
  return fc.oneof(
    { weight: 8, arbitrary: composed },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    // Many components: each level is checked on the way down, so a few thousand levels (past PATH_MAX) come up rarely.
    { weight: 1, arbitrary: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 200 }) }, { weight: 1, arbitrary: fc.constant(2_100) }).map((n) => `${'a/'.repeat(n)}b`) },
  );
}

/** The hostile paths everyone thinks of first, through every kind of call, ahead of the generated ones. */
function namedExamples(fixture: Fixture): Array<[Op, boolean]> {
  const paths = ['..', '../sentinel/secret.txt', 'a/../../x', 'briefs/../../sentinel/secret.txt', `${fixture.sentinel}/secret.txt`, '/etc/passwd', 'a\u0000b', '..\\..\\x', '.', '', 'x'.repeat(5_000), 'é/🕊️/e\u0301'];
  return paths.flatMap((path): Array<[Op, boolean]> => [
    [{ op: 'read', path, maxBytes: 1 << 20 }, false],
    [{ op: 'write', path, data: 'written by the fuzzer' }, false],
    [{ op: 'mkdir', path }, false],
    [{ op: 'remove', path }, false],
    [{ op: 'list', path }, false],
    [{ op: 'move', from: 'briefs/a.brief.json', to: path }, false],
  ]);
}

type Op =
  | { op: 'read' | 'readPrefix'; path: string; maxBytes: number }
  | { op: 'list' | 'listIfPresent' | 'kind' | 'stamp' | 'path' | 'mkdir' | 'remove' | 'watch'; path: string }
  | { op: 'write' | 'createExclusive'; path: string; data: string }
  | { op: 'move' | 'setAside'; from: string; to: string }
  | { op: 'staleTempFiles'; path: string; depth: number };

function operation(fixture: Fixture): fc.Arbitrary<Op> {
  const path = hostilePath(fixture);
  // A move needs one side that exists for the other side's checks to be reached.
  const movable = fc.oneof(path, fc.constantFrom('briefs/a.brief.json', 'fifo', 'file-link', 'dangling'));
  const data = fc.oneof(fc.string({ maxLength: 64 }), fc.constant(SECRET.toLowerCase()));
  return fc.oneof(
    fc.record({ op: fc.constantFrom('read' as const, 'readPrefix' as const), path, maxBytes: fc.oneof(fc.nat(64), fc.constant(1 << 20)) }),
    fc.record({ op: fc.constantFrom('list' as const, 'listIfPresent' as const, 'kind' as const, 'stamp' as const, 'path' as const, 'watch' as const), path }),
    fc.record({ op: fc.constantFrom('mkdir' as const, 'remove' as const), path }),
    fc.record({ op: fc.constantFrom('write' as const, 'createExclusive' as const), path, data }),
    fc.record({ op: fc.constantFrom('move' as const, 'setAside' as const), from: movable, to: movable }),
    fc.record({ op: fc.constant('staleTempFiles' as const), path, depth: fc.nat(3) }),
  );
}

function run(folder: ConfinedFolder, op: Op): Promise<unknown> | unknown {
  switch (op.op) {
    case 'read':
    case 'readPrefix':
      return folder[op.op](op.path, { maxBytes: op.maxBytes, what: 'The fuzzed file' });
    case 'write':
      return folder.write(op.path, op.data, 'The fuzzed file');
    case 'createExclusive':
      return folder.createExclusive(op.path, op.data);
    case 'remove':
      return folder.remove(op.path, 'The fuzzed file');
    case 'move':
    case 'setAside':
      return folder[op.op](op.from, op.to, 'The fuzzed file');
    case 'staleTempFiles':
      return folder.staleTempFiles(op.path, () => true, op.depth);
    // Construct only: the watcher resolves its folder through path(); starting chokidar per run would dominate.
    case 'watch':
      return folder.watch(op.path, () => true, () => undefined);
    default:
      return folder[op.op](op.path);
  }
}

/** What a successful call may hand back: nothing from outside, nothing larger than asked for, no path outside. */
function checkValue(fixture: Fixture, op: Op, value: unknown, label: string): void {
  const insideRoot = (path: string) => path.startsWith(fixture.folder.root + sep);
  if (op.op === 'read' || op.op === 'readPrefix') {
    const bytes = op.op === 'read' ? (value as Buffer) : (value as { bytes: Buffer }).bytes;
    if (bytes.length > op.maxBytes) fail(`${label}: returned ${bytes.length} bytes, more than the ${op.maxBytes} asked for`);
    if (bytes.includes(SECRET)) fail(`${label}: returned the bytes of a file outside the root`);
  }
  if ((op.op === 'list' || op.op === 'listIfPresent') && (value as Array<{ name: string }>).some((e) => e.name === SENTINEL_ONLY_NAME)) {
    fail(`${label}: listed a folder outside the root`);
  }
  if (op.op === 'path' && !insideRoot(value as string)) fail(`${label}: resolved to ${String(value)}, outside the root`);
  if (op.op === 'staleTempFiles') {
    for (const found of value as string[]) {
      let absolute: string;
      try {
        absolute = fixture.folder.path(found);
      } catch {
        fail(`${label}: returned ${JSON.stringify(found)}, a path the folder itself refuses`);
      }
      if (!insideRoot(absolute)) fail(`${label}: found a temp file outside the root: ${absolute}`);
    }
  }
}

describe('ConfinedFolder: every path argument, however hostile', () => {
  let fixture: Awaited<ReturnType<typeof makeFixture>>;
  beforeAll(async () => {
    fixture = await makeFixture();
  });
  afterAll(() => fixture.dispose());

  const runs = runsFor(2);
  it(
    'answers with a value or an AppError in words, never touches anything outside the root, never hangs',
    async () => {
      let reachedFs = 0;
      await fc.assert(
        fc.asyncProperty(operation(fixture), fc.boolean(), async (op, readOnly) => {
          const label = `${readOnly ? 'read-only ' : ''}${op.op}(${JSON.stringify('path' in op ? op.path : [op.from, op.to]).slice(0, 200)})`;
          const outcome: Outcome<unknown> = await confinedCall(label, [fixture.folder.root], () => run(readOnly ? fixture.readOnly : fixture.folder, op));
          // A read-only folder refuses every change before looking at the path, with the reason it was given.
          if (readOnly && CHANGES.has(op.op) && (outcome.ok || !(outcome.error instanceof AppError) || outcome.error.message !== READ_ONLY_REASON)) {
            fail(`${label}: a read-only folder must refuse it with its reason`);
          }
          if (recordedCallCount() > 0) reachedFs++;
          expectTypedOutcome(outcome, label, (value) => checkValue(fixture, op, value, label));
          await expectTreeUnchanged(fixture.parent, fixture.outsideBefore, label, isRoot);
          await plantRootFixtures(fixture.root, fixture.sentinel);
        }),
        fuzzParams<[Op, boolean]>(runs, { examples: namedExamples(fixture) }),
      );
      // The recorder is only worth something if the mock is in place: plenty of the calls must have reached the disk.
      expect(reachedFs).toBeGreaterThan(runs / 10);
    },
    testTimeout(runs, 20),
  );

  it('refuses every symlink and the FIFO planted in the root, in words', async () => {
    for (const name of ['link-out', 'file-link', 'dangling', 'abs-link', 'link-out/secret.txt', 'briefs/link-out/secret.txt', ...(HAS_MKFIFO ? ['fifo'] : [])]) {
      const outcome = await confinedCall(name, [fixture.folder.root], () => fixture.folder.read(name, { maxBytes: 1 << 20, what: 'The planted file' }));
      expectTypedOutcome(outcome, name, () => fail(`${name}: a planted link or FIFO was read`));
      expect(outcome.ok ? undefined : (outcome.error as { code: string }).code, name).toBe('refused');
    }
    await expectTreeUnchanged(fixture.parent, fixture.outsideBefore, 'planted entries', isRoot);
  });

  // A path component longer than 255 bytes used to let Node's raw "ENAMETOOLONG: name too long, lstat '/tmp/…'" (with
  // the absolute path) escape from kind, list and createExclusive instead of an AppError in words.
  it('kind, list and createExclusive answer a name longer than 255 bytes with an AppError', async () => {
    const long = 'x'.repeat(256);
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['kind', () => fixture.folder.kind(long)],
      ['list', () => fixture.folder.list(`${long}/y`)],
      ['createExclusive', () => fixture.folder.createExclusive(`${long}/y`, '')],
    ];
    for (const [label, call] of calls) {
      expectTypedOutcome(await confinedCall(label, [fixture.folder.root], call), label, () => undefined);
    }
  });
});
