import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { BackupSchema } from '../../electron/host/services/briefs/backups';
import { hashEditorState } from '../../electron/host/services/briefs/briefFile';
import { BackupInfoSchema } from '../../shared/contract/briefs';
import { historyContract } from '../../shared/contract/history';
import { emptyEditorState, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import { expectFileUnchanged, expectTreeUnchanged, fileState, treeState } from './support/fileState';
import { fuzzContainer, captureHostLog, type FuzzContainer } from './support/fuzzContainer';
import { fuzzParams, runsFor, testTimeout } from './support/fuzzConfig';
import { mutatedFile } from './support/mutations';
import { expectTypedEnvelope, fail } from './support/outcomes';

// Records every path the host hands the file system (support/fsRecorder.ts); hoisted, so it cannot be shared.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));

const ID = 'hanoi-summit-sample';

function paragraph(text: string): EditorStateJSON {
  const state = emptyEditorState();
  (state.root.children[0] as { children: unknown[] }).children = [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }];
  return state;
}

/** Whether `bytes` are a backup of this brief holding exactly what is saved: the one backup readBackup may remove. */
function isStaleBackup(bytes: Buffer, saved: Brief): boolean {
  try {
    const backup = BackupSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return backup.success && backup.data.briefId === ID && hashEditorState(backup.data.editorState) === hashEditorState(saved.editorState);
  } catch {
    return false;
  }
}

describe('hot-exit backups and history versions, mutated on disk, read through the dispatcher', () => {
  captureHostLog();
  let fz: FuzzContainer;
  let saved: Brief;
  let briefPath: string;
  let backupPath: string;
  let backupBase: unknown;
  let historyFolder: string;
  let snapshotName: string;
  let snapshotBase: unknown;

  beforeAll(async () => {
    fz = await fuzzContainer();
    // A real explicit save makes a real history version; a real backup after it holds edits that differ from it.
    const save = await fz.dispatch('briefs.save', { id: ID, baseRevision: 0, reason: 'explicit', editorState: paragraph('Saved: talks in Hanoi broke off early.') });
    if (!save.ok) throw new Error('the setup save failed');
    saved = save.value as Brief;
    const backup = await fz.dispatch('briefs.backup', { id: ID, baseRevision: saved.revision, editorState: paragraph('Unsaved: both sides blamed sanctions.') });
    if (!backup.ok) throw new Error('the setup backup failed');
    briefPath = join(fz.workspace, 'briefs', `${ID}.brief.json`);
    backupPath = join(fz.workspace, '.briefdesk', 'backups', `${ID}.json`);
    backupBase = JSON.parse(await readFile(backupPath, 'utf8'));
    historyFolder = join(fz.workspace, '.briefdesk', 'history', ID);
    const [first] = await readdir(historyFolder);
    if (!first) throw new Error('the setup save kept no version');
    snapshotName = first;
    snapshotBase = JSON.parse(await readFile(join(historyFolder, snapshotName), 'utf8'));
  });
  afterAll(() => fz.dispose());

  const backupRuns = runsFor(0.5);
  it(
    'briefs.readBackup answers a typed envelope for any backup file, never writes the brief, removes only a stale backup',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFile(backupBase), async (input) => {
          await writeFile(backupPath, input.value);
          const [briefBefore, backupBefore] = [await fileState(briefPath), await fileState(backupPath)];
          const answer = await fz.dispatch('briefs.readBackup', { id: ID });
          await expectFileUnchanged(briefPath, briefBefore, 'briefs.readBackup');
          // readBackup removes a backup that holds exactly what is saved (it is of no more use); any other stays as it is.
          const removedStale = answer.ok && answer.value === null && (await fileState(backupPath)) === undefined && isStaleBackup(input.value, saved);
          if (!removedStale) await expectFileUnchanged(backupPath, backupBefore, 'briefs.readBackup');
          await fz.expectOutsideUnchanged('briefs.readBackup');
        }),
        fuzzParams(backupRuns),
      );
    },
    testTimeout(backupRuns, 60),
  );

  /** Names a history folder may hold: the real one, ones of the snapshot pattern with odd numbers, and anything else. */
  const snapshotNames = fc.oneof(
    { weight: 4, arbitrary: fc.constant('') },
    {
      weight: 3,
      arbitrary: fc
        // Revisions past 2^53 too: a name carries any number of digits.
        .tuple(fc.stringMatching(/^\d{13}$/), fc.stringMatching(/^\d{4}$/), fc.oneof(fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^\d{16,40}$/)), fc.constantFrom('explicit', 'auto', 'before-restore'))
        .map(([stamp, seq, revision, reason]) => `${stamp}-${seq}-r${revision}-${reason}.json`),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter((name) => !/[/\0]/.test(name) && name !== '.' && name !== '..') },
  );

  const historyRuns = runsFor(0.5);
  it(
    'history.list and history.read answer typed envelopes for any version file and name, and write nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFile(snapshotBase), snapshotNames, async (input, oddName) => {
          const name = oddName || snapshotName;
          await writeFile(join(historyFolder, name), input.value);
          const before = await treeState(fz.workspace);
          await fz.dispatch('history.list', { id: ID });
          await fz.dispatch('history.read', { id: ID, snapshotId: name });
          await expectTreeUnchanged(fz.workspace, before, 'history.list and history.read');
          await fz.expectOutsideUnchanged('history');
          if (oddName && oddName !== snapshotName) await rm(join(historyFolder, oddName));
        }),
        fuzzParams(historyRuns),
      );
    },
    testTimeout(historyRuns, 60),
  );

  // A backup whose editor state nested 5,000 arrays beside `root` used to make briefs.readBackup answer `internal`
  // (hashEditorState overflowed the stack) instead of a typed answer that does not block opening the brief.
  it('briefs.readBackup answers a backup with a deeply nested key beside root in words', async () => {
    const backup = structuredClone(backupBase) as { editorState: Record<string, unknown> };
    backup.editorState.extra = '@@deep@@';
    await writeFile(backupPath, JSON.stringify(backup).replace('"@@deep@@"', `${'['.repeat(5_000)}${']'.repeat(5_000)}`));
    expectTypedEnvelope(await fz.env.container.dispatcher.dispatch('briefs.readBackup', { id: ID }), BackupInfoSchema.nullable(), 'briefs.readBackup');
  });

  // One version file whose name carries a revision past 2^53 used to make the whole history.list answer fail the
  // contract (z.number().int()), so one odd file hid every version of the brief.
  it('history.list answers within the contract when a version file names a huge revision', async () => {
    const odd = '1551312000000-0001-r99999999999999999999-auto.json';
    await writeFile(join(historyFolder, odd), JSON.stringify(snapshotBase));
    try {
      expectTypedEnvelope(await fz.env.container.dispatcher.dispatch('history.list', { id: ID }), historyContract.list.result, 'history.list');
    } finally {
      await rm(join(historyFolder, odd));
    }
  });

  it('the fixtures are what the properties think they are', () => {
    if (!isStaleBackup(Buffer.from(JSON.stringify({ ...(backupBase as object), editorState: saved.editorState })), saved)) fail('isStaleBackup does not recognise a stale backup');
  });
});
