import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FactCatalogue } from '../../shared/model/fact';
import { repoRoot } from '../support/testContainer';
import { expectTreeUnchanged, treeState } from './support/fileState';
import { fuzzContainer, captureHostLog, type FuzzContainer } from './support/fuzzContainer';
import { recordedCallCount } from './support/fsRecorder';
import { fuzzParams, runsFor, testTimeout } from './support/fuzzConfig';
import { mutatedFile } from './support/mutations';
import { fail, messageProblem } from './support/outcomes';

// Records every path the host hands the file system (support/fsRecorder.ts); hoisted, so it cannot be shared.
vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));

const CATALOGUE_ID = 'hanoi-summit';
const CATALOGUE_FILE = `facts/${CATALOGUE_ID}.facts.json`;
const SOURCE_FILE = 'sources/hanoi-summit-2019.source.json';
const SOURCE_ID = 'hanoi-summit-2019';

async function resource(relative: string): Promise<unknown> {
  return JSON.parse(await readFile(join(repoRoot, 'resources', relative), 'utf8'));
}

/** A damaged entry of a list must say why in words, like any error. */
function expectReason(reason: string | undefined, label: string): void {
  const problem = reason === undefined ? undefined : messageProblem(reason);
  if (problem) fail(`${label}: the reason a file is damaged is not in words: ${problem}`);
}

describe('fact catalogues and sources, mutated on disk, read through the dispatcher', () => {
  captureHostLog();
  let fz: FuzzContainer;
  let catalogueBase: FactCatalogue;
  let sourceBase: unknown;
  /** A fact with anchors, so facts.get reads the source too. */
  let anchoredFact: string;
  beforeAll(async () => {
    fz = await fuzzContainer();
    catalogueBase = (await resource(CATALOGUE_FILE)) as FactCatalogue;
    sourceBase = await resource(SOURCE_FILE);
    anchoredFact = catalogueBase.facts.find((fact) => fact.anchors.length > 0)!.id;
  });
  afterAll(() => fz.dispose());

  /** Writes `bytes` over `relative`, runs `reads`, and checks nothing in or beside the workspace was written. */
  async function readsLeaveEverything(relative: string, bytes: Buffer, reads: () => Promise<void>): Promise<void> {
    await writeFile(join(fz.workspace, relative), bytes);
    const before = await treeState(fz.workspace);
    await reads();
    await expectTreeUnchanged(fz.workspace, before, 'a read');
    await fz.expectOutsideUnchanged('a read');
  }

  it('the recorder sees the file calls the host makes (else "nothing read outside" would prove nothing)', async () => {
    await fz.dispatch('facts.catalogues', undefined);
    expect(recordedCallCount()).toBeGreaterThan(0);
  });

  const catalogueRuns = runsFor(0.5);
  it(
    'facts.catalogues, facts.list and facts.get answer typed envelopes and agree, for any catalogue file',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFile(catalogueBase), fc.constantFrom(undefined, 'person', 'place', 'date'), async (input, kind) => {
          await readsLeaveEverything(CATALOGUE_FILE, input.value, async () => {
            const catalogues = await fz.dispatch('facts.catalogues', undefined);
            const all = await fz.dispatch('facts.list', {});
            await fz.dispatch('facts.list', kind ? { kind } : undefined);
            await fz.dispatch('facts.get', { id: anchoredFact });
            if (!catalogues.ok || !all.ok) fail('facts.catalogues and facts.list must answer for any catalogue file, listing a damaged one');
            const listed = (catalogues.value as Array<{ id: string; factCount: number; damaged?: string }>).find((c) => c.id === CATALOGUE_ID);
            if (!listed) fail('facts.catalogues left out a catalogue file that is there');
            expectReason(listed.damaged, 'facts.catalogues');
            const facts = all.value as Array<{ catalogueId: string }>;
            const ownFacts = facts.length; // the workspace holds this one catalogue
            const ids = new Set((catalogues.value as Array<{ id: string }>).map((c) => c.id));
            const orphan = facts.find((fact) => !ids.has(fact.catalogueId));
            if (orphan) fail(`facts.list names the catalogue ${orphan.catalogueId}, which facts.catalogues does not list`);
            if (listed.damaged ? ownFacts !== 0 : ownFacts !== listed.factCount) {
              fail(`facts.catalogues says ${listed.damaged ? 'damaged' : `${listed.factCount} facts`} but facts.list gives ${ownFacts}`);
            }
          });
        }),
        fuzzParams(catalogueRuns),
      );
    },
    testTimeout(catalogueRuns, 60),
  );

  const sourceRuns = runsFor(0.5);
  it(
    'sources.list, sources.get and facts.get answer typed envelopes and agree, for any source file',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFile(sourceBase), async (input) => {
          await readsLeaveEverything(SOURCE_FILE, input.value, async () => {
            const list = await fz.dispatch('sources.list', undefined);
            const got = await fz.dispatch('sources.get', { id: SOURCE_ID });
            await fz.dispatch('facts.get', { id: anchoredFact });
            if (!list.ok) fail('sources.list must answer for any source file, listing a damaged one');
            const entry = (list.value as Array<{ id: string; title: string; damaged?: string }>).find((s) => s.id === SOURCE_ID);
            if (!entry) fail('sources.list left out a source file that is there');
            expectReason(entry.damaged, 'sources.list');
            if (Boolean(entry.damaged) === got.ok) fail(`sources.list says ${entry.damaged ? 'damaged' : 'readable'} but sources.get ${got.ok ? 'read it' : 'refused it'}`);
          });
        }),
        fuzzParams(sourceRuns),
      );
    },
    testTimeout(sourceRuns, 60),
  );

  // A catalogue file whose inner `id` is not its file name (copied or renamed outside the app) used to list its facts
  // under the inner id, so facts.update of any of them answered not_found "The fact catalogue … does not exist."
  it('a fact of a catalogue whose file was renamed can be updated', async () => {
    await writeFile(join(fz.workspace, CATALOGUE_FILE), JSON.stringify({ ...catalogueBase, id: 'renamed-elsewhere' }));
    const updated = await fz.dispatch('facts.update', { fact: { ...catalogueBase.facts[0]!, summary: 'Changed.' } });
    expect(updated?.ok).toBe(true);
  });
});
