import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/host/dispatcher';
import { emptyEditorState, type EditorStateJSON } from '../../shared/model/brief';
import { FACT_REFERENCE_NODE_TYPE, countFactReferences } from '../../shared/model/factReference';
import { testContainer } from '../support/testContainer';

type Env = Awaited<ReturnType<typeof testContainer>>;

async function call<T>(dispatcher: Dispatcher, method: string, arg?: unknown): Promise<T> {
  const result = await dispatcher.dispatch(method, arg);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function stateReferencing(...factIds: string[]): EditorStateJSON {
  const state = emptyEditorState();
  (state.root.children[0] as { children: unknown[] }).children = factIds.map((factId) => ({
    type: FACT_REFERENCE_NODE_TYPE,
    factId,
    text: factId,
    version: 1,
    detail: 0,
    format: 0,
    mode: 'normal',
    style: '',
  }));
  return state;
}

describe('fact catalogue service (bundled catalogue seeded into a temp workspace)', () => {
  let env: Env;
  beforeEach(async () => {
    env = await testContainer();
  });
  afterEach(() => env.dispose());

  it('lists the seeded catalogue, filters by kind and shows anchors inside their source sentence', async () => {
    const [catalogue] = await call<Array<{ id: string; factCount: number; bundled: boolean }>>(env.container.dispatcher, 'facts.catalogues');
    expect(catalogue).toMatchObject({ id: 'hanoi-summit', bundled: true });
    const people = await call<Array<{ kind: string }>>(env.container.dispatcher, 'facts.list', { kind: 'person' });
    expect(people.length).toBeGreaterThanOrEqual(3);
    expect(people.every((f) => f.kind === 'person')).toBe(true);
    const fact = await call<{ anchorViews: Array<{ sentence: string; markStart: number; markEnd: number; exact: string; problem?: string }> }>(
      env.container.dispatcher,
      'facts.get',
      { id: 'quote-walk-away' },
    );
    const [view] = fact.anchorViews;
    expect(view?.problem).toBeUndefined();
    expect(view?.sentence.slice(view.markStart, view.markEnd)).toBe(view?.exact);
    expect(view?.sentence).toContain('he said in a conference later');
  });

  it('refuses to delete a referenced fact, naming the briefs, unless forced', async () => {
    const brief = await call<{ id: string }>(env.container.dispatcher, 'briefs.create', { editorState: stateReferencing('hanoi', 'hanoi') });
    const refused = await env.container.dispatcher.dispatch('facts.delete', { id: 'hanoi' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!refused.ok && refused.error.message).toContain('referenced in 1 brief');
    expect(await call(env.container.dispatcher, 'facts.references', { id: 'hanoi' })).toEqual([expect.objectContaining({ briefId: brief.id, count: 2 })]);
    await call(env.container.dispatcher, 'facts.delete', { id: 'hanoi', force: true });
    const after = await call<Array<{ id: string }>>(env.container.dispatcher, 'facts.list', {});
    expect(after.some((f) => f.id === 'hanoi')).toBe(false);
  });

  it('merges two facts: aliases and anchors move over and briefs are re-pointed', async () => {
    const brief = await call<{ id: string }>(env.container.dispatcher, 'briefs.create', { editorState: stateReferencing('hanoi', 'singapore') });
    const merged = await call<{ fact: { aliases: Array<{ text: string }> }; briefsUpdated: string[] }>(env.container.dispatcher, 'facts.merge', {
      keepId: 'hanoi',
      mergeId: 'singapore',
    });
    // The seeded sample brief names Singapore too, so it is re-pointed as well.
    expect(merged.briefsUpdated).toContain(brief.id);
    expect(merged.fact.aliases.map((a) => a.text)).toContain('Singapore');
    const saved = JSON.parse(await readFile(join(env.workspacePath, 'briefs', `${brief.id}.brief.json`), 'utf8'));
    expect([...countFactReferences(saved.editorState.root)]).toEqual([['hanoi', 2]]);
    expect(saved.revision).toBe(1);
    expect(await env.container.dispatcher.dispatch('facts.get', { id: 'singapore' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('edits a fact in place, keeping its id, and refuses an unknown or invalid one without writing', async () => {
    const file = join(env.workspacePath, 'facts', 'hanoi-summit.facts.json');
    const hanoi = await call<Record<string, unknown>>(env.container.dispatcher, 'facts.get', { id: 'hanoi' });
    const { anchorViews: _views, catalogueId: _catalogue, ...fact } = hanoi;
    await call(env.container.dispatcher, 'facts.update', {
      fact: { ...fact, label: 'Hanoi, Vietnam', summary: 'The capital of Vietnam, host of the second summit.', tags: ['venue'] },
    });
    const saved = JSON.parse(await readFile(file, 'utf8')) as { facts: Array<{ id: string; label: string; summary: string; tags: string[] }> };
    expect(saved.facts.find((f) => f.id === 'hanoi')).toMatchObject({
      label: 'Hanoi, Vietnam',
      summary: 'The capital of Vietnam, host of the second summit.',
      tags: ['venue'],
    });
    const before = await readFile(file, 'utf8');
    expect(await env.container.dispatcher.dispatch('facts.update', { fact: { ...fact, id: 'no-such-fact' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await env.container.dispatcher.dispatch('facts.update', { fact: { ...fact, kind: 'rumour' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('adds and removes aliases, refusing duplicates; resets to the bundled catalogue keeping the old one', async () => {
    await call(env.container.dispatcher, 'facts.addAlias', { id: 'hanoi', alias: { text: 'Ha Noi' } });
    expect(await env.container.dispatcher.dispatch('facts.addAlias', { id: 'hanoi', alias: { text: 'ha noi' } })).toMatchObject({
      ok: false,
      error: { code: 'already_exists' },
    });
    expect(
      await env.container.dispatcher.dispatch('facts.addAlias', { id: 'hanoi', alias: { text: 'Hanoi summit', unlessFollowedBy: ['talks!'] } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('letters and digits only') } });
    const blocked = await call<{ aliases: Array<{ text: string; unlessFollowedBy?: string[] }> }>(env.container.dispatcher, 'facts.addAlias', {
      id: 'hanoi',
      alias: { text: 'Hanoi summit', unlessFollowedBy: ['talks'] },
    });
    expect(blocked.aliases.at(-1)).toMatchObject({ text: 'Hanoi summit', unlessFollowedBy: ['talks'] });
    await call(env.container.dispatcher, 'facts.removeAlias', { id: 'hanoi', text: 'Hanoi summit' });
    await call(env.container.dispatcher, 'facts.removeAlias', { id: 'hanoi', text: 'Hanoi' });
    const edited = await call<{ aliases: Array<{ text: string }> }>(env.container.dispatcher, 'facts.get', { id: 'hanoi' });
    expect(edited.aliases.map((a) => a.text)).toEqual(['Ha Noi']);
    const { jobId } = await call<{ jobId: string }>(env.container.dispatcher, 'facts.reset', { catalogueId: 'hanoi-summit' });
    expect(await env.container.jobs.settled(jobId)).toMatchObject({ outcome: 'done', message: expect.stringContaining('your version was kept') });
    const reset = await call<{ aliases: Array<{ text: string }> }>(env.container.dispatcher, 'facts.get', { id: 'hanoi' });
    expect(reset.aliases.map((a) => a.text)).toEqual(['Hanoi']);
    const kept = await readdir(join(env.workspacePath, '.briefdesk', 'replaced-catalogues'));
    expect(kept).toHaveLength(1);
  });

  it('creates a fact whose label slugs to an existing id under a new id, and refuses a real duplicate naming the fact', async () => {
    const file = join(env.workspacePath, 'facts', 'hanoi-summit.facts.json');
    // The fact form makes the id from the label, so "Kim Yong-chol" and "Kim Yong Chol" both arrive as kim-yong-chol.
    const person = (label: string) => ({ id: 'kim-yong-chol', kind: 'person', label, aliases: [], summary: `${label}, a negotiator.`, tags: [] });
    const first = await call<{ id: string; catalogueId: string }>(env.container.dispatcher, 'facts.create', { catalogueId: 'hanoi-summit', fact: person('Kim Yong Chol') });
    expect(first).toMatchObject({ id: 'kim-yong-chol', catalogueId: 'hanoi-summit' });
    const second = await call<{ id: string; label: string }>(env.container.dispatcher, 'facts.create', { catalogueId: 'hanoi-summit', fact: person('Kim Yong-chol') });
    expect(second).toMatchObject({ id: 'kim-yong-chol-2', label: 'Kim Yong-chol' });
    const third = await call<{ id: string }>(env.container.dispatcher, 'facts.create', { catalogueId: 'hanoi-summit', fact: person('Kim Yong-chol (envoy)') });
    expect(third.id).toBe('kim-yong-chol-3');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { facts: Array<{ id: string; label: string }> };
    expect(saved.facts.filter((f) => f.id.startsWith('kim-yong-chol')).map((f) => [f.id, f.label])).toEqual([
      ['kim-yong-chol', 'Kim Yong Chol'],
      ['kim-yong-chol-2', 'Kim Yong-chol'],
      ['kim-yong-chol-3', 'Kim Yong-chol (envoy)'],
    ]);

    const before = await readFile(file, 'utf8');
    // The same label but for case, spacing and diacritics is the same fact.
    expect(await env.container.dispatcher.dispatch('facts.create', { catalogueId: 'hanoi-summit', fact: person('  kim   YONG chöl ') })).toEqual({
      ok: false,
      error: { code: 'already_exists', message: 'There is already a fact named “Kim Yong Chol”. Add to that fact, or give the new one another name.' },
    });
    // So is a label that is another fact's alias.
    expect(
      await env.container.dispatcher.dispatch('facts.create', { catalogueId: 'hanoi-summit', fact: { ...person('chairman kim'), id: 'chairman-kim' } }),
    ).toEqual({
      ok: false,
      error: { code: 'already_exists', message: '“chairman kim” is already a name of the fact “Kim Jong Un”. Add to that fact, or give the new one another name.' },
    });
    expect(await readFile(file, 'utf8')).toBe(before);

    // A suffixed id still fits the id length limit, and is still a slug (no hyphen left before the suffix).
    const longId = `k${'-kim'.repeat(29)}-ab`;
    expect(longId).toHaveLength(120);
    await call(env.container.dispatcher, 'facts.create', { catalogueId: 'hanoi-summit', fact: { ...person('A long name'), id: longId } });
    const suffixed = await call<{ id: string }>(env.container.dispatcher, 'facts.create', { catalogueId: 'hanoi-summit', fact: { ...person('A long name, again'), id: longId } });
    expect(suffixed.id).toBe(`k${'-kim'.repeat(29)}-2`);
  });

  it('reports a damaged catalogue without touching it, and rejects invalid facts', async () => {
    await writeFile(join(env.workspacePath, 'facts', 'broken.facts.json'), '{"schemaVersion":1,');
    const catalogues = await call<Array<{ id: string; damaged?: string }>>(env.container.dispatcher, 'facts.catalogues');
    expect(catalogues.find((c) => c.id === 'broken')?.damaged).toContain('not valid JSON');
    expect(await readFile(join(env.workspacePath, 'facts', 'broken.facts.json'), 'utf8')).toBe('{"schemaVersion":1,');
    const bad = await env.container.dispatcher.dispatch('facts.create', { catalogueId: 'hanoi-summit', fact: { id: 'Not A Slug', kind: 'person' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
