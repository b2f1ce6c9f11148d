import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/contract/sources';
import { makeAnchor } from '../../shared/lib/textAnchor';
import { FactCatalogueSchema } from '../../shared/model/fact';
import { SourceSchema, type Source } from '../../shared/model/source';
import { testContainer } from '../support/testContainer';

type Env = Awaited<ReturnType<typeof testContainer>>;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SOURCE_ID = 'hanoi-summit-2019';

async function environment(): Promise<Env> {
  const env = await testContainer();
  cleanups.push(env.dispose);
  return env;
}

async function call<T>(env: Env, method: string, arg: unknown): Promise<T> {
  const result = await env.container.dispatcher.dispatch(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Imports `text` as a file named `name` through the contract and answers how the job ended and what it did. */
async function importText(env: Env, name: string, text: string | Uint8Array, replace?: string) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const { jobId } = await call<{ jobId: string }>(env, 'sources.import', { file: { name, base64: bytes.toString('base64') }, ...(replace ? { replace } : {}) });
  const finished = await env.container.jobs.settled(jobId);
  const outcome = finished.outcome === 'done' ? await call<ImportOutcome>(env, 'sources.importResult', { jobId }) : undefined;
  return { finished, outcome };
}

async function sourceFile(env: Env, id: string): Promise<Source> {
  return SourceSchema.parse(JSON.parse(await readFile(join(env.workspacePath, 'sources', `${id}.source.json`), 'utf8')));
}

async function catalogue(env: Env) {
  return FactCatalogueSchema.parse(JSON.parse(await readFile(join(env.workspacePath, 'facts', 'hanoi-summit.facts.json'), 'utf8')));
}

describe('importing sources through the contract', () => {
  it('adds a new text file as a source, with proposed facts from its words', async () => {
    const env = await environment();
    const { outcome } = await importText(env, 'Seoul briefing.txt', 'Seoul briefing\nPresident Moon Jae-in met officials in Seoul on Monday, the Blue House said.\n');
    expect(outcome).toMatchObject({ outcome: 'added', title: 'Seoul briefing', fileName: 'Seoul briefing.txt' });
    const source = await sourceFile(env, outcome!.sourceId);
    expect(source.text).toContain('President Moon Jae-in met officials');
    const labels = outcome!.proposals.map((proposal) => proposal.label);
    expect(labels).toEqual(expect.arrayContaining(['Seoul']));
    // Moon Jae-in is in the bundled catalogue: proposed as "also mentioned here".
    expect(outcome!.proposals.find((proposal) => proposal.match?.factId === 'moon-jae-in')).toBeDefined();
  });

  it('reports the same text again as a duplicate, by checksum, and writes nothing', async () => {
    const env = await environment();
    const before = await readdir(join(env.workspacePath, 'sources'));
    // The bundled source's text is the seed article's, byte for byte: the same file as the analyst would import it.
    const article = (await sourceFile(env, SOURCE_ID)).text;
    const { outcome } = await importText(env, 'hanoi.txt', article);
    expect(outcome).toMatchObject({ outcome: 'duplicate', sourceId: SOURCE_ID });
    expect(await readdir(join(env.workspacePath, 'sources'))).toEqual(before);
  });

  it('refuses a damaged file in words and changes nothing', async () => {
    const env = await environment();
    const before = await readdir(join(env.workspacePath, 'sources'));
    const { finished } = await importText(env, 'broken.pdf', '%PDF-1.7\nnot really a pdf');
    expect(finished).toMatchObject({ outcome: 'failed', error: { code: 'damaged' }, message: expect.stringContaining('broken.pdf') });
    expect(await readdir(join(env.workspacePath, 'sources'))).toEqual(before);
    expect((await env.container.dispatcher.dispatch('sources.import', { file: { name: 'notes.docx', base64: '' } })).ok).toBe(false);
  });
});

describe('a changed version of a source: stale claims', () => {
  /** The bundled article with a sentence added at the top, one supporting passage reworded and one deleted. */
  async function changedVersion(env: Env) {
    const source = await sourceFile(env, SOURCE_ID);
    const facts = (await catalogue(env)).facts;
    const trump = facts.find((fact) => fact.id === 'donald-trump')!.anchors[0]!;
    const yongbyon = facts.find((fact) => fact.id === 'yongbyon-facility')!.anchors[0]!;
    expect(yongbyon.exact.length).toBeGreaterThan(20);
    const reworded = yongbyon.exact.replace(/\w+/, (word) => `${word}s`).replace(/ (\w)/, ' $1$1');
    let text = source.text.slice(0, yongbyon.start) + reworded + source.text.slice(yongbyon.end);
    text = `Editor's note: this article was updated.\n${text}`;
    return { source, text, trump, yongbyon, reworded };
  }

  it('offers the new version, saying what would move, and writes nothing until the analyst replaces the source', async () => {
    const env = await environment();
    const { source, text } = await changedVersion(env);
    const beforeFacts = await readFile(join(env.workspacePath, 'facts', 'hanoi-summit.facts.json'), 'utf8');
    const { outcome } = await importText(env, `${source.title}.txt`, text);
    expect(outcome).toMatchObject({ outcome: 'changed', sourceId: SOURCE_ID });
    const moved = outcome!.anchorChanges.filter((change) => change.grade === 'moved');
    expect(moved.map((change) => change.factId)).toContain('yongbyon-facility');
    expect(outcome!.anchorChanges.find((change) => change.factId === 'donald-trump')).toMatchObject({ grade: 'anchored' });
    expect((await sourceFile(env, SOURCE_ID)).text).toBe(source.text);
    expect(await readFile(join(env.workspacePath, 'facts', 'hanoi-summit.facts.json'), 'utf8')).toBe(beforeFacts);
  });

  it('replacing it finds every fact anchor and annotation again: shifted, flagged moved with old and new words, or orphaned', async () => {
    const env = await environment();
    const { source, text, trump, yongbyon, reworded } = await changedVersion(env);
    // An annotation on a passage the new version deletes, and one on a passage that only shifts.
    const doomedStart = source.text.indexOf(trump.exact) + trump.exact.length + 1;
    const doomed = makeAnchor(source.text, SOURCE_ID, doomedStart, doomedStart + 40);
    const annotate = (anchor: { exact: string; prefix: string; suffix: string; start: number; end: number }, comment: string) =>
      call(env, 'annotations.create', {
        annotation: { sourceId: SOURCE_ID, color: 'yellow', comment, tags: [], target: { selectors: [{ type: 'TextQuoteSelector', exact: anchor.exact, prefix: anchor.prefix.slice(-32), suffix: anchor.suffix.slice(0, 32) }, { type: 'TextPositionSelector', start: anchor.start, end: anchor.end }] } },
      });
    await annotate(trump, 'shifts');
    await annotate(doomed, 'deleted');
    const withoutDoomed = text.replace(doomed.exact, '');
    await call(env, 'sources.update', { id: SOURCE_ID, metadata: { reliability: 'B', credibility: 2 } });

    const { outcome } = await importText(env, 'new version.txt', withoutDoomed, SOURCE_ID);
    expect(outcome).toMatchObject({ outcome: 'replaced', sourceId: SOURCE_ID, annotations: { anchored: 1, moved: 0, orphaned: 1 } });

    const replaced = await sourceFile(env, SOURCE_ID);
    expect(replaced.text).toBe(withoutDoomed);
    // The analyst's grading survives the new version of the file.
    expect(replaced).toMatchObject({ reliability: 'B', credibility: 2, title: source.title });

    const facts = (await catalogue(env)).facts;
    const trumpNow = facts.find((fact) => fact.id === 'donald-trump')!.anchors[0]!;
    expect(trumpNow.review).toBeUndefined();
    expect(withoutDoomed.slice(trumpNow.start, trumpNow.end)).toBe(trump.exact);
    expect(trumpNow.start).toBeGreaterThan(trump.start);
    const yongbyonNow = facts.find((fact) => fact.id === 'yongbyon-facility')!.anchors[0]!;
    expect(yongbyonNow.review).toMatchObject({ grade: 'moved', previous: yongbyon.exact, current: reworded });
    expect(withoutDoomed.slice(yongbyonNow.start, yongbyonNow.end)).toBe(reworded);

    const { annotations } = await call<{ annotations: Array<{ comment: string; review?: { grade: string; previous: string } }> }>(env, 'annotations.list', { sourceId: SOURCE_ID });
    const byComment = new Map(annotations.map((annotation) => [annotation.comment, annotation]));
    expect(byComment.get('shifts')!.review).toBeUndefined();
    expect(byComment.get('deleted')).toMatchObject({ review: { grade: 'orphaned', previous: doomed.exact } });

    // One click accepts the new words; an orphaned quote cannot be accepted, only re-attached.
    const index = facts.find((fact) => fact.id === 'yongbyon-facility')!.anchors.indexOf(yongbyonNow);
    const accepted = await call<{ anchors: Array<{ review?: unknown }> }>(env, 'facts.acceptAnchor', { id: 'yongbyon-facility', anchorIndex: index });
    expect(accepted.anchors[index]!.review).toBeUndefined();
  });
});

describe('proposed facts of a source', () => {
  it('are proposed again on request, without those the analyst rejected for that source', async () => {
    const env = await environment();
    const labels = async () => (await call<Array<{ label: string }>>(env, 'sources.propose', { id: SOURCE_ID })).map((proposal) => proposal.label);
    const before = await labels();
    expect(before).toEqual(expect.arrayContaining(['Hanoi', 'Singapore']));
    await call(env, 'sources.rejectProposals', { id: SOURCE_ID, labels: ['hanoi'] });
    await call(env, 'sources.rejectProposals', { id: SOURCE_ID, labels: ['Hanoi', 'Singapore'] });
    const after = await labels();
    expect(after).not.toContain('Hanoi');
    expect(after).not.toContain('Singapore');
    expect(after.length).toBe(before.length - 2);
    expect((await sourceFile(env, SOURCE_ID)).rejectedProposals).toEqual(['hanoi', 'Singapore']);
  });
});

describe('source metadata', () => {
  it('grades a source in the Admiralty style and clears a grade with null', async () => {
    const env = await environment();
    const updated = await call<Source>(env, 'sources.update', { id: SOURCE_ID, metadata: { reliability: 'C', credibility: 3, publisher: 'Example Times', author: 'A. Writer' } });
    expect(updated).toMatchObject({ reliability: 'C', credibility: 3, publisher: 'Example Times', author: 'A. Writer' });
    expect(await call(env, 'sources.list', undefined)).toEqual([expect.objectContaining({ id: SOURCE_ID, reliability: 'C', credibility: 3, publisher: 'Example Times' })]);
    const cleared = await call<Source>(env, 'sources.update', { id: SOURCE_ID, metadata: { reliability: null, credibility: null, author: '' } });
    expect(cleared.reliability).toBeUndefined();
    expect(cleared.credibility).toBeUndefined();
    expect(cleared.author).toBeUndefined();
    expect((await sourceFile(env, SOURCE_ID)).checksum).toBe(updated.checksum);
    expect((await env.container.dispatcher.dispatch('sources.update', { id: SOURCE_ID, metadata: { reliability: 'G' } })).ok).toBe(false);
  });
});
