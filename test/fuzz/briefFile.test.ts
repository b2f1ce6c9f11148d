import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { ConfinedFolder } from '../../electron/host/platform/confinedFolder';
import { parseBriefText, readBriefFile } from '../../electron/host/services/briefs/briefFile';
import { AppError } from '../../shared/contract/define';
import { MAX_BRIEF_FILE_BYTES } from '../../shared/limits';
import { BriefSchema } from '../../shared/model/brief';
import { tempDir } from '../support/tempWorkspace';
import { repoRoot } from '../support/testContainer';
import { expectFileUnchanged, fileState } from './support/fileState';
import { confinedCall } from './support/fsRecorder';
import { fuzzParams, runsFor, testTimeout } from './support/fuzzConfig';
import { Mutated, mutatedFile } from './support/mutations';
import { expectSchema, expectTypedOutcome, fail, settle } from './support/outcomes';

// Records every path the host hands the file system (support/fsRecorder.ts); hoisted, so it cannot be shared.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));

const WHAT = 'The fuzzed brief';

async function loadJson(...path: string[]): Promise<unknown> {
  return JSON.parse(await readFile(join(repoRoot, ...path), 'utf8'));
}

/** The current format (the bundled sample) and the prototype's format 0, which is read through a migration. */
async function briefBases(): Promise<{ current: unknown; legacy: unknown }> {
  return {
    current: await loadJson('resources', 'briefs', 'hanoi-summit-sample.brief.json'),
    legacy: await loadJson('test', 'fixtures', 'briefs', 'v0-legacy.brief.json'),
  };
}

function mutatedBrief(bases: { current: unknown; legacy: unknown }): fc.Arbitrary<Mutated<Buffer>> {
  return fc.oneof({ weight: 3, arbitrary: mutatedFile(bases.current) }, { weight: 1, arbitrary: mutatedFile(bases.legacy) });
}

/** A valid brief, by the schema every reader promises to return. */
const validBrief = (label: string) => (value: unknown) => expectSchema(BriefSchema, value, label);

describe('brief files: parseBriefText over mutated real briefs', () => {
  let bases: Awaited<ReturnType<typeof briefBases>>;
  beforeAll(async () => {
    bases = await briefBases();
  });

  const runs = runsFor(2);
  it(
    'returns a valid brief or AppError(damaged), never throws anything else, never hangs',
    async () => {
      // Text as a file decodes to it, and raw strings with lone surrogates, which no UTF-8 file can hold but a string can.
      const text = fc.oneof(
        { weight: 9, arbitrary: mutatedBrief(bases).map((m) => new Mutated(m.value.toString('utf8'), m.recipe)) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new Mutated(s, [`the string ${JSON.stringify(s)}`])) },
      );
      await fc.assert(
        fc.asyncProperty(text, async (input) => {
          const outcome = await settle('parseBriefText', () => parseBriefText(input.value, WHAT));
          expectTypedOutcome(outcome, 'parseBriefText', validBrief('parseBriefText'));
          // Its one promise beyond "typed": whatever is wrong inside a brief file is `damaged`.
          if (!outcome.ok && outcome.error instanceof AppError && outcome.error.code !== 'damaged') {
            fail(`parseBriefText: a bad brief must be damaged, not ${outcome.error.code}`);
          }
        }),
        fuzzParams(runs),
      );
    },
    testTimeout(runs, 20),
  );

  // A brief without a content hash (format 0, or a hand-edited file) whose editor state nested 5,000 arrays under a key
  // beside `root` used to overflow the stack in hashEditorState (a RangeError instead of a brief or AppError('damaged')).
  it('a brief with a deeply nested key beside root and no content hash is read or refused in words', async () => {
    const { contentHash: _dropped, ...brief } = structuredClone(bases.current) as { contentHash: string; editorState: Record<string, unknown> };
    brief.editorState.extra = '@@deep@@';
    const text = JSON.stringify(brief).replace('"@@deep@@"', `${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    expectTypedOutcome(await settle('parseBriefText', () => parseBriefText(text, WHAT)), 'parseBriefText', validBrief('parseBriefText'));
  });
});

describe('brief files: readBriefFile over mutated real briefs on disk', () => {
  let bases: Awaited<ReturnType<typeof briefBases>>;
  let workspace: Awaited<ReturnType<typeof tempDir>>;
  let files: ConfinedFolder;
  let target: string;
  beforeAll(async () => {
    bases = await briefBases();
    workspace = await tempDir('briefdesk-fuzz-brief-');
    files = await ConfinedFolder.open(workspace.path);
    await files.mkdir('briefs');
    target = join(files.root, 'briefs', 'fuzzed.brief.json');
  });
  afterAll(() => workspace.dispose());

  const runs = runsFor(1);
  it(
    'returns the brief and the very bytes on disk, or a typed error; never writes the file, never reads outside',
    async () => {
      // One file just past the limit, so the size refusal is part of every run (cheap: refused before it is read).
      const oversize = new Mutated(Buffer.alloc(MAX_BRIEF_FILE_BYTES + 1, 0x20), ['24 MB of spaces and one more byte']);
      await fc.assert(
        fc.asyncProperty(mutatedBrief(bases), async (input) => {
          await writeFile(target, input.value);
          const before = await fileState(target);
          const outcome = await confinedCall('readBriefFile', [files.root], () => readBriefFile(files, 'briefs/fuzzed.brief.json', WHAT));
          expectTypedOutcome(
            outcome,
            'readBriefFile',
            ({ brief, bytes }) => {
              validBrief('readBriefFile')(brief);
              if (!bytes.equals(input.value)) fail('readBriefFile: the bytes returned are not the bytes on disk');
            },
          );
          await expectFileUnchanged(target, before, 'readBriefFile');
        }),
        fuzzParams<[Mutated<Buffer>]>(runs, { examples: [[oversize]] }),
      );
    },
    testTimeout(runs, 40),
  );
});
