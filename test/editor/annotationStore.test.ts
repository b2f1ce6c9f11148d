import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BriefdeskApi } from '../../shared/contract/client';
import { makeAnchor } from '../../shared/lib/textAnchor';
import type { AnnotationTarget } from '../../shared/model/annotation';
import { AnnotationStore, type AnnotationStoreSnapshot } from '../../renderer/src/features/sources/annotationStore';
import { inProcessApi } from '../support/inProcessApi';
import { testContainer } from '../support/testContainer';

/**
 * The open source's annotation store, headless: a real container on a temp workspace (seeded with the bundled
 * Hanoi source) behind the real contract client, and the annotations file read back from disk.
 */

const SOURCE = 'hanoi-summit-2019';

let disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const dispose of disposers) await dispose();
  disposers = [];
});

async function open(): Promise<{ api: BriefdeskApi; store: AnnotationStore; text: string; onDisk: () => Promise<unknown[]>; states: AnnotationStoreSnapshot['state'][] }> {
  const { container, workspacePath, dispose } = await testContainer();
  disposers.push(dispose);
  const api = inProcessApi(container);
  const source = await api.sources.get({ id: SOURCE });
  if (!source.ok) throw new Error(source.error.message);
  const store = new AnnotationStore(api);
  const states: AnnotationStoreSnapshot['state'][] = [];
  store.subscribe(() => states.push(store.getSnapshot().state));
  await store.load(SOURCE);
  const onDisk = async (): Promise<unknown[]> => {
    try {
      return (JSON.parse(await readFile(join(workspacePath, 'annotations', `${SOURCE}.annotations.json`), 'utf8')) as { annotations: unknown[] }).annotations;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  return { api, store, text: source.value.text, onDisk, states };
}

function targetOf(text: string, quote: string): AnnotationTarget {
  const start = text.indexOf(quote);
  const { exact, prefix, suffix, end } = makeAnchor(text, SOURCE, start, start + quote.length);
  return { selectors: [{ type: 'TextQuoteSelector', exact, prefix, suffix }, { type: 'TextPositionSelector', start, end: end! }] };
}

describe('AnnotationStore', () => {
  it('loads a source with no annotations as ready and empty', async () => {
    const { store, states } = await open();
    expect(states).toEqual(['loading', 'ready']);
    expect(store.getSnapshot()).toMatchObject({ state: 'ready', sourceId: SOURCE, annotations: [], undoable: undefined });
  });

  it('creates annotations in text order, with their selectors, and writes them to the source’s file', async () => {
    const { store, text, onDisk } = await open();
    const later = await store.create({ target: targetOf(text, 'Chairman Kim Jong Un'), color: 'green', tags: ['people'] });
    const earlier = await store.create({ target: targetOf(text, 'President Trump'), color: 'yellow', comment: 'Who walked away' });
    expect(later.ok && earlier.ok).toBe(true);
    const { annotations, undoable } = store.getSnapshot();
    expect(annotations.map((a) => a.target.selectors[0].exact)).toEqual(['President Trump', 'Chairman Kim Jong Un']);
    expect(annotations[0]).toMatchObject({ color: 'yellow', comment: 'Who walked away', tags: [] });
    expect(annotations[1]!.target.selectors[1]).toEqual({ type: 'TextPositionSelector', start: text.indexOf('Chairman Kim'), end: text.indexOf('Chairman Kim') + 20 });
    expect(annotations[1]!.target.selectors[0].prefix).toBe(text.slice(text.indexOf('Chairman Kim') - 32, text.indexOf('Chairman Kim')));
    expect(undoable).toBe('highlight');
    expect(await onDisk()).toHaveLength(2);
  });

  it('updates an annotation, and undo puts back what it was, fact link included', async () => {
    const { store, text, onDisk } = await open();
    const created = await store.create({ target: targetOf(text, 'Hanoi summit'), color: 'blue', factId: 'hanoi' });
    if (!created.ok) throw new Error(created.error.message);
    await store.update(created.value.id, { color: 'pink', comment: 'Venue', tags: ['place', 'summit'], factId: null });
    expect(store.getSnapshot().annotations[0]).toMatchObject({ color: 'pink', comment: 'Venue', tags: ['place', 'summit'] });
    expect(store.getSnapshot().annotations[0]!.factId).toBeUndefined();
    expect(store.getSnapshot().undoable).toBe('change');

    await store.undo();
    expect(store.getSnapshot().annotations[0]).toMatchObject({ id: created.value.id, color: 'blue', comment: '', tags: [], factId: 'hanoi' });
    expect(await onDisk()).toEqual([expect.objectContaining({ id: created.value.id, color: 'blue', factId: 'hanoi' })]);
    expect(store.getSnapshot().undoable).toBe('highlight');
  });

  it('removes an annotation, and undo makes it again with the same id, dates, comment and tags', async () => {
    const { api, store, text, onDisk } = await open();
    const created = await store.create({ target: targetOf(text, 'without reaching a deal'), color: 'purple', comment: 'Key', tags: ['outcome'] });
    if (!created.ok) throw new Error(created.error.message);
    const removed = await store.remove(created.value.id);
    expect(removed.ok).toBe(true);
    expect(store.getSnapshot().annotations).toEqual([]);
    expect(await onDisk()).toEqual([]);
    expect(store.getSnapshot().undoable).toBe('delete');

    await store.undo();
    expect(store.getSnapshot().annotations).toEqual([created.value]);
    const listed = await api.annotations.list({ sourceId: SOURCE });
    expect(listed.ok && listed.value.annotations).toEqual([created.value]);
  });

  it('undoes a highlight by deleting it, and does nothing once there is nothing left to undo', async () => {
    const { store, text, onDisk } = await open();
    await store.create({ target: targetOf(text, 'nuclear weapons'), color: 'yellow' });
    await store.undo();
    expect(store.getSnapshot().annotations).toEqual([]);
    expect(await onDisk()).toEqual([]);
    expect(store.getSnapshot().undoable).toBeUndefined();
    expect(await store.undo()).toBeUndefined();
  });

  it('keeps the error of a refused change and leaves the list as it was', async () => {
    const { store, text } = await open();
    const created = await store.create({ target: targetOf(text, 'Korean peninsula'), color: 'green' });
    if (!created.ok) throw new Error(created.error.message);
    const refused = await store.update('00000000-0000-4000-8000-000000000000', { comment: 'nobody' });
    expect(refused.ok).toBe(false);
    expect(store.getSnapshot().error).toBeTruthy();
    expect(store.getSnapshot().annotations).toEqual([created.value]);
    expect(store.getSnapshot().undoable).toBe('highlight');
  });

  it('reloads what another client wrote, and forgets the undo steps of a source it leaves', async () => {
    const { api, store, text } = await open();
    await store.create({ target: targetOf(text, 'Kim Jong Un'), color: 'yellow' });
    const elsewhere = await api.annotations.create({ annotation: { sourceId: SOURCE, color: 'blue', comment: '', tags: [], target: targetOf(text, 'President Trump') } });
    expect(elsewhere.ok).toBe(true);
    await store.reload();
    expect(store.getSnapshot().annotations.map((a) => a.color)).toEqual(['blue', 'yellow']);
    expect(store.getSnapshot().undoable).toBe('highlight');

    await store.load('no-such-source');
    expect(store.getSnapshot()).toMatchObject({ sourceId: 'no-such-source', undoable: undefined });
  });
});
