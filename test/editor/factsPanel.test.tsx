// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BriefdeskApi } from '../../shared/contract/client';
import type { EditorStateJSON } from '../../shared/model/brief';
import { NotificationStore } from '../../shared/notifications/notificationStore';
import { FactsPanel } from '../../renderer/src/features/facts/FactsPanel';
import { inProcessApi } from '../support/inProcessApi';
import { testContainer } from '../support/testContainer';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The Facts pane on a real container (a temp workspace seeded with the bundled source, catalogue and sample brief)
 * behind the real contract client; the source is changed the way the analyst does it, by importing a new version.
 */

const SOURCE = 'hanoi-summit-2019';
const DEMAND = "North Korea's demand";
const RELIEF = 'non-starter for Trump';
const LOWER_LEVEL_TALKS = 'negotiations will likely continue';

let root: Root | undefined;
let disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  for (const dispose of disposers) await dispose();
  disposers = [];
});

async function workspace(): Promise<BriefdeskApi> {
  const { container, dispose } = await testContainer();
  disposers.push(dispose);
  return inProcessApi(container);
}

/** Imports the bundled source with `from` changed to `to`, replacing it, and waits for the import to finish. */
async function changeSource(api: BriefdeskApi, from: string, to: string): Promise<void> {
  const source = await api.sources.get({ id: SOURCE });
  if (!source.ok) throw new Error(source.error.message);
  expect(source.value.text).toContain(from);
  const base64 = Buffer.from(source.value.text.replace(from, to)).toString('base64');
  const started = await api.sources.import({ file: { name: 'hanoi-summit.txt', base64 }, replace: SOURCE, ask: false });
  if (!started.ok || !started.value) throw new Error('the import did not start');
  const { jobId } = started.value;
  await vi.waitFor(async () => expect((await api.sources.importResult({ jobId })).ok).toBe(true), { timeout: 10_000 });
}

/** Waits, letting React render what arrives, until `check` passes. */
async function until(check: () => void): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return check();
    } catch (error) {
      if (tries > 200) throw error;
      await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }
}

function render(api: BriefdeskApi, onOpenBrief = vi.fn()) {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<FactsPanel api={api} notifications={new NotificationStore()} onShowSource={vi.fn()} onOpenBrief={onOpenBrief} />));
  const item = (label: string) => [...host.querySelectorAll<HTMLButtonElement>('.bd-fact-item')].find((b) => b.querySelector('span')?.textContent === label);
  const labels = () => [...host.querySelectorAll('.bd-fact-item')].map((b) => b.querySelector('span')?.textContent);
  const button = (name: string) => [...host.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name);
  const reviewFilter = () => [...host.querySelectorAll('label')].find((l) => l.textContent?.includes('Needs review'))!;
  return { host, item, labels, button, reviewFilter, onOpenBrief };
}

describe('FactsPanel: stale claims', () => {
  it('flags a fact whose quote moved with its source, filters to it, shows old and new words, and accepting clears the flag', async () => {
    const api = await workspace();
    const panel = render(api);
    await until(() => expect(panel.item(DEMAND)).toBeDefined());
    expect(panel.host.querySelectorAll('.bd-stale-flag')).toHaveLength(0);
    expect(panel.reviewFilter().textContent).toContain('Needs review (0)');

    await changeSource(api, 'demanded a blanket lifting', 'demanded a sweeping lifting');
    await until(() => expect(panel.item(DEMAND)!.textContent).toContain('Source changed'));
    expect(panel.item('Hanoi')!.textContent).not.toContain('Source changed');

    const checkbox = panel.reviewFilter().querySelector('input')!;
    act(() => checkbox.click());
    expect(panel.labels()).toContain(DEMAND);
    expect(panel.labels()).not.toContain('Hanoi');
    for (const item of panel.host.querySelectorAll('.bd-fact-item')) expect(item.textContent).toContain('Source changed');

    act(() => panel.item(DEMAND)!.click());
    await until(() => expect(panel.button('Accept the new words')).toBeDefined());
    const review = panel.host.querySelector('.bd-anchor-review')!;
    expect(review.querySelector('del')?.textContent).toContain('demanded a blanket lifting');
    expect(review.querySelector('ins')?.textContent).toContain('demanded a sweeping lifting');

    act(() => panel.button('Accept the new words')!.click());
    await until(() => expect(panel.button('Accept the new words')).toBeUndefined());
    // The filter still asks for facts to review, and there are none left.
    await until(() => expect(panel.labels()).toEqual([]));
    expect(panel.reviewFilter().textContent).toContain('Needs review (0)');
    const fact = await api.facts.get({ id: 'north-korea-sanctions-demand' });
    expect(fact.ok && fact.value.anchors.every((anchor) => anchor.review === undefined)).toBe(true);
  });

  it('says a quote that vanished is no longer in the source, why, and how to attach it again; nothing to accept', async () => {
    const api = await workspace();
    const panel = render(api);
    await until(() => expect(panel.item(RELIEF)).toBeDefined());
    await changeSource(api, 'The immediate removal of sanctions was a non-starter for Trump. ', '');
    await until(() => expect(panel.item(RELIEF)!.textContent).toContain('Source changed'));
    act(() => panel.item(RELIEF)!.click());
    await until(() => expect(panel.host.querySelector('.bd-anchor-review')).not.toBeNull());
    const review = panel.host.querySelector('.bd-anchor-review')!;
    expect(review.textContent).toContain('The immediate removal of sanctions was a non-starter for Trump is no longer in the source');
    expect(review.textContent).toContain('select the passage that supports the fact there to attach it again');
    expect(panel.button('Accept the new words')).toBeUndefined();
    expect(panel.button('Show in source')).toBeDefined();
  });
});

describe('FactsPanel: where used', () => {
  it('lists the briefs that cite a fact with their counts, each opening its brief', async () => {
    const api = await workspace();
    const panel = render(api);
    await until(() => expect(panel.item('Kim Jong Un')).toBeDefined());
    act(() => panel.item('Kim Jong Un')!.click());
    await until(() => expect(panel.host.querySelector('[aria-label="Briefs citing this fact"]')).not.toBeNull());
    const cited = await api.facts.references({ id: 'kim-jong-un' });
    if (!cited.ok) throw new Error(cited.error.message);
    expect(cited.value.length).toBeGreaterThan(0);
    const rows = [...panel.host.querySelectorAll('[aria-label="Briefs citing this fact"] li')];
    expect(rows.map((row) => row.textContent)).toEqual(cited.value.map(({ title, count }) => `${title} ${count} ${count === 1 ? 'reference' : 'references'}`));
    act(() => rows[0]!.querySelector('button')!.click());
    expect(panel.onOpenBrief).toHaveBeenCalledWith(cited.value[0]!.briefId);
  });

  it('says so when no brief cites the fact, and follows a brief that starts citing it', async () => {
    const api = await workspace();
    const panel = render(api);
    await until(() => expect(panel.item(LOWER_LEVEL_TALKS)).toBeDefined());
    act(() => panel.item(LOWER_LEVEL_TALKS)!.click());
    await until(() => expect(panel.host.textContent).toContain('No brief cites this fact.'));
    const text = (value: string, type = 'text') => ({ type, version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: value });
    const editorState: EditorStateJSON = {
      root: {
        type: 'root', version: 1, direction: null, format: '', indent: 0,
        children: [
          {
            type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '',
            children: [{ ...text('negotiations will likely continue', 'fact-reference'), factId: 'outlook-lower-level-talks' }, text('.')],
          },
        ],
      },
    };
    const created = await api.briefs.create({ title: 'Outlook', editorState });
    if (!created.ok) throw new Error(created.error.message);
    await until(() => expect(panel.host.querySelector('[aria-label="Briefs citing this fact"]')?.textContent).toBe('Outlook 1 reference'));
  });
});
