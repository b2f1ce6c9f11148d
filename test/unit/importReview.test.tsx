// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandRegistry, type RunMode } from '../../shared/commands/registry';
import type { CatalogueFact } from '../../shared/contract/facts';
import type { ImportOutcome, ProposedFact } from '../../shared/contract/sources';
import { makeAnchor } from '../../shared/lib/textAnchor';
import { NotificationStore } from '../../shared/notifications/notificationStore';
import { useImportsFeature, type ImportsFeature } from '../../renderer/src/features/imports/useImportsFeature';
import { scriptedHost, type Answer } from '../support/scriptedHost';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

const SOURCE_ID = 'hanoi-talks';
const TEXT = 'Kim Jong Un met Donald Trump in Hanoi on Thursday. The talks were not held in Singapore this time.\nMoon Jae-in was not there.';
const FILE_BYTES = new Uint8Array([...new TextEncoder().encode(TEXT), 0xff, 0x00]);
const FIRST_JOB = '7d1c1f1e-54a4-4f7e-9d33-2a9c1b0e6f10';
const SECOND_JOB = '0b6f4c52-1f3e-4b1a-8c7d-5e9a2f3b4c6d';

function span(words: string): { start: number; end: number } {
  const start = TEXT.indexOf(words);
  return { start, end: start + words.length };
}

function proposal(kind: ProposedFact['kind'], label: string, extra: Partial<ProposedFact> = {}): ProposedFact {
  const at = span(label);
  return { kind, label, aliases: [], anchor: { ...at, exact: label }, mentions: [at], ...extra };
}

const PROPOSALS: ProposedFact[] = [
  proposal('person', 'Kim Jong Un', { aliases: ['Kim'] }),
  proposal('person', 'Donald Trump', { match: { factId: 'donald-trump', label: 'Donald Trump' } }),
  proposal('place', 'Hanoi'),
  proposal('place', 'Singapore'),
];

function fact(id: string, label: string, kind: CatalogueFact['kind'] = 'person'): CatalogueFact {
  return {
    id,
    kind,
    label,
    aliases: [{ text: label.split(' ')[0]!, caseSensitive: true, analystForm: false, ambiguous: false }],
    summary: `${label}, as the catalogue knows them.`,
    tags: ['summit'],
    anchors: [{ sourceId: 'older-source', exact: label, prefix: '', suffix: '', start: 0, end: label.length }],
    catalogueId: 'hanoi-summit',
  };
}
const KNOWN = [fact('donald-trump', 'Donald Trump'), fact('moon-jae-in', 'Moon Jae-in'), fact('kim-jong-un', 'Kim Jong-un (old)')];

function outcome(kind: ImportOutcome['outcome'], extra: Partial<ImportOutcome> = {}): ImportOutcome {
  return { outcome: kind, sourceId: SOURCE_ID, title: 'Hanoi talks', fileName: 'hanoi.txt', anchorChanges: [], proposals: [], ...extra };
}

const ok = (value: unknown): Answer => ({ ok: true, value });

function finishedJob(jobId: string, finished: 'done' | 'failed'): Answer {
  return ok({
    jobId,
    kind: 'sources.import',
    title: 'Importing',
    state: 'finished',
    progress: { jobId, seq: 2, done: 4, total: 4, phrase: 'Written' },
    finished:
      finished === 'done'
        ? { jobId, outcome: 'done', message: 'Imported.' }
        : { jobId, outcome: 'failed', message: 'hanoi.pdf is damaged: no PDF header.', error: { code: 'invalid_argument', message: 'hanoi.pdf is damaged: no PDF header.' } },
  });
}

/** A host whose imports answer `outcomes` in turn (one job each), with the workspace's facts and one writable catalogue. */
function importHost(outcomes: ImportOutcome[], overrides: Record<string, (arg: unknown) => Answer> = {}) {
  const jobs = [FIRST_JOB, SECOND_JOB];
  let started = 0;
  return scriptedHost({
    'sources.import': () => ok({ jobId: jobs[started++] }),
    'jobs.get': (arg) => finishedJob((arg as { jobId: string }).jobId, 'done'),
    'sources.importResult': (arg) => ok(outcomes[jobs.indexOf((arg as { jobId: string }).jobId)]),
    'sources.get': () =>
      ok({ schemaVersion: 1, id: SOURCE_ID, title: 'Hanoi talks', kind: 'note', publisher: 'unknown', publishedAt: 'unknown', text: TEXT, paragraphs: [{ start: 0, end: TEXT.length }], checksum: 'a'.repeat(64) }),
    'facts.list': () => ok(KNOWN),
    'facts.get': (arg) => ok({ ...KNOWN.find((known) => known.id === (arg as { id: string }).id)!, anchorViews: [] }),
    'facts.catalogues': () =>
      ok([
        { id: 'broken', title: 'Broken', factCount: 0, damaged: 'not JSON', bundled: false },
        { id: 'hanoi-summit', title: 'Hanoi summit', factCount: 3, bundled: true },
      ]),
    'facts.create': (arg) => ok({ ...(arg as { fact: object }).fact, catalogueId: 'hanoi-summit' }),
    'facts.update': (arg) => ok({ ...(arg as { fact: object }).fact, catalogueId: 'hanoi-summit' }),
    'sources.rejectProposals': () => ok(null),
    ...overrides,
  });
}

function start(host: ReturnType<typeof importHost>, mode: RunMode = 'browser', workspaceWritable = true) {
  const registry = new CommandRegistry();
  const notifications = new NotificationStore();
  let feature: ImportsFeature | undefined;
  function Harness({ writable }: { writable: boolean }): React.JSX.Element {
    feature = useImportsFeature({ api: host.api, registry, notifications, mode, workspaceWritable: writable });
    return <>{feature.elements}</>;
  }
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<Harness writable={workspaceWritable} />));
  return {
    registry,
    notifications,
    rerender: (writable: boolean) => act(() => root!.render(<Harness writable={writable} />)),
    drop: async (file: File) => {
      act(() => feature!.onDropFiles([file]));
      await settle();
    },
  };
}

const theFile = (): File => new File([FILE_BYTES], 'hanoi.txt', { type: 'text/plain' });
const dialog = (): HTMLDialogElement | null => document.querySelector('dialog');
const row = (label: string): HTMLFieldSetElement => {
  const found = [...document.querySelectorAll('fieldset')].find((fieldset) => fieldset.querySelector('legend')?.textContent === label);
  if (!found) throw new Error(`No proposal ${label}`);
  return found;
};
const button = (name: string, within: ParentNode = document): HTMLButtonElement => {
  const found = [...within.querySelectorAll('button')].find((element) => element.textContent === name || element.getAttribute('aria-label') === name);
  if (!found) throw new Error(`No button ${name}`);
  return found;
};
const field = <T extends HTMLElement>(text: string, within: ParentNode): T => {
  const label = [...within.querySelectorAll('label')].find((element) => element.textContent === text);
  const control = label && document.getElementById(label.htmlFor);
  if (!control) throw new Error(`No field labelled ${text}`);
  return control as T;
};

function typeInto(input: HTMLInputElement, value: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function choose(select: HTMLSelectElement, value: string): void {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function settle(): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
}

async function click(target: HTMLElement): Promise<void> {
  act(() => target.click());
  await settle();
}

const argsOf = (calls: { method: string; arg: unknown }[], method: string): unknown[] => calls.filter((call) => call.method === method).map((call) => call.arg);
const anchorOn = (words: string) => makeAnchor(TEXT, SOURCE_ID, span(words).start, span(words).end);

describe('Import source…', () => {
  it('is a File command, offered only while the workspace can be written; in the desktop app it asks the host, and a cancelled dialog says nothing', async () => {
    const host = importHost([], { 'sources.import': () => ok(null) });
    const { registry, notifications, rerender } = start(host, 'desktop');
    expect(registry.menuEntries().find((entry) => entry.id === 'imports.importSource')).toEqual({
      id: 'imports.importSource',
      label: 'Import source…',
      menu: 'File',
      group: 1,
      order: 4,
      accelerator: 'CmdOrCtrl+Shift+I',
      enabled: true,
    });
    await act(() => registry.run('imports.importSource'));
    await settle();
    expect(host.calls).toEqual([{ method: 'sources.import', arg: { ask: true } }]);
    expect(notifications.getSnapshot().active).toEqual([]);
    expect(dialog()).toBeNull();
    rerender(false);
    expect(registry.isEnabled('imports.importSource')).toBe(false);
  });

  it('in browser mode opens the hidden file chooser for the formats the host imports', async () => {
    const { registry } = start(importHost([]));
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.hidden).toBe(true);
    expect(input.accept).toBe('.txt,.md,.html,.htm,.pdf');
    const opened = vi.fn();
    input.addEventListener('click', opened);
    await act(() => registry.run('imports.importSource'));
    expect(opened).toHaveBeenCalledOnce();
  });

  it('tells a failed job (a damaged file) in its own words, and opens no review', async () => {
    const host = importHost([], { 'jobs.get': (arg) => finishedJob((arg as { jobId: string }).jobId, 'failed') });
    const { notifications, drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(notifications.getSnapshot().active[0]).toMatchObject({ tone: 'error', text: 'hanoi.pdf is damaged: no PDF header.' }));
    expect(host.methods()).toEqual(['sources.import', 'jobs.get']);
    expect(dialog()).toBeNull();
  });
});

describe('the Import review', () => {
  it('sends the file’s bytes as base64, follows the job, and proposes the facts found, by kind, with their passage', async () => {
    const host = importHost([outcome('added', { proposals: PROPOSALS })]);
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()?.getAttribute('aria-label')).toBe('Import review'));
    const imported = argsOf(host.calls, 'sources.import')[0] as { file: { name: string; base64: string } };
    expect(imported.file.name).toBe('hanoi.txt');
    expect(Uint8Array.from(atob(imported.file.base64), (char) => char.charCodeAt(0))).toEqual(FILE_BYTES);
    expect(host.methods().slice(0, 3)).toEqual(['sources.import', 'jobs.get', 'sources.importResult']);

    expect([...document.querySelectorAll('section')].map((section) => section.getAttribute('aria-label'))).toEqual(['Proposed people', 'Proposed places']);
    expect(field<HTMLInputElement>('Aliases (comma-separated)', row('Kim Jong Un')).value).toBe('Kim');
    expect(row('Kim Jong Un').querySelector('blockquote')?.textContent).toBe('Kim Jong Un met Donald Trump in Hanoi on Thursday.');
    expect(row('Kim Jong Un').querySelector('mark')?.textContent).toBe('Kim Jong Un');
    expect(row('Singapore').querySelector('blockquote')?.textContent).toBe('The talks were not held in Singapore this time.');
    expect(row('Donald Trump').textContent).toContain('Also mentioned here: accepting adds this passage to “Donald Trump”.');
    expect(row('Donald Trump').querySelector('input')).toBeNull();
  });

  it('accepts a new fact as edited into the first writable catalogue, and adds an “also mentioned here” passage to its fact', async () => {
    const host = importHost([outcome('added', { proposals: PROPOSALS })]);
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()).not.toBeNull());

    const kim = row('Kim Jong Un');
    typeInto(field('Label', kim), 'Kim Jong-un');
    choose(field('Kind', kim), 'position');
    typeInto(field('Aliases (comma-separated)', kim), 'Kim, Chairman Kim , kim, Kim Jong-un,');
    await click(button('Accept', kim));
    expect(argsOf(host.calls, 'facts.create')).toEqual([
      {
        catalogueId: 'hanoi-summit',
        fact: {
          // "kim-jong-un" is taken by a fact of the workspace.
          id: 'kim-jong-un-2',
          kind: 'position',
          label: 'Kim Jong-un',
          aliases: [
            { text: 'Kim', caseSensitive: false, analystForm: false, ambiguous: false },
            { text: 'Chairman Kim', caseSensitive: false, analystForm: false, ambiguous: false },
          ],
          summary: 'Kim Jong Un met Donald Trump in Hanoi on Thursday.',
          tags: [],
          anchors: [anchorOn('Kim Jong Un')],
        },
      },
    ]);
    expect(kim.textContent).toContain('Added as a new fact.');
    expect(kim.disabled).toBe(true);

    const trump = row('Donald Trump');
    await click(button('Accept', trump));
    expect(argsOf(host.calls, 'facts.get')).toEqual([{ id: 'donald-trump' }]);
    const { catalogueId: _catalogue, ...stored } = KNOWN[0]!;
    expect(argsOf(host.calls, 'facts.update')).toEqual([{ fact: { ...stored, anchors: [...stored.anchors, anchorOn('Donald Trump')] } }]);
    expect(trump.textContent).toContain('Added to “Donald Trump”.');
  });

  it('merges a proposal into a chosen fact (its label an alias, its passage an anchor) and remembers rejections on the source', async () => {
    const host = importHost([outcome('added', { proposals: PROPOSALS })]);
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()).not.toBeNull());

    const hanoi = row('Hanoi');
    await click(button('Merge into…', hanoi));
    const target = field<HTMLSelectElement>('Merge into', hanoi);
    expect([...target.options].map((option) => option.textContent)).toEqual(['Choose a fact…', 'Donald Trump', 'Kim Jong-un (old)', 'Moon Jae-in']);
    expect(button('Merge', hanoi).disabled).toBe(true);
    choose(target, 'moon-jae-in');
    await click(button('Merge', hanoi));
    const { catalogueId: _catalogue, ...moon } = KNOWN[1]!;
    expect(argsOf(host.calls, 'facts.update')).toEqual([
      { fact: { ...moon, aliases: [...moon.aliases, { text: 'Hanoi', caseSensitive: false, analystForm: false, ambiguous: false }], anchors: [...moon.anchors, anchorOn('Hanoi')] } },
    ]);
    expect(hanoi.textContent).toContain('Merged into “Moon Jae-in”.');

    // Reject all takes the places still undecided: Hanoi was merged.
    await click(button('Reject all places'));
    expect(argsOf(host.calls, 'sources.rejectProposals')).toEqual([{ id: SOURCE_ID, labels: ['Singapore'] }]);
    expect(row('Singapore').textContent).toContain('Rejected: not proposed for this source again.');
    expect(button('Accept all places').disabled).toBe(true);
    await click(button('Reject', row('Kim Jong Un')));
    expect(argsOf(host.calls, 'sources.rejectProposals')).toEqual([
      { id: SOURCE_ID, labels: ['Singapore'] },
      { id: SOURCE_ID, labels: ['Kim Jong Un'] },
    ]);
  });

  it('accepts all of a kind one after the other, and keeps a refused one open with the reason', async () => {
    const host = importHost([outcome('added', { proposals: PROPOSALS })], {
      'facts.update': () => ({ ok: false, error: { code: 'conflict', message: 'The catalogue hanoi-summit changed on disk; try again.' } }),
    });
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    await click(button('Accept all people'));
    expect(host.methods().filter((method) => method.startsWith('facts.') && method !== 'facts.list')).toEqual(['facts.catalogues', 'facts.create', 'facts.get', 'facts.update']);
    expect(row('Kim Jong Un').textContent).toContain('Added as a new fact.');
    const trump = row('Donald Trump');
    expect(trump.querySelector('[role="alert"]')?.textContent).toBe('The catalogue hanoi-summit changed on disk; try again.');
    expect(trump.disabled).toBe(false);
    expect(button('Accept all people').disabled).toBe(false);
  });

  it('says a duplicate is already in the workspace, and nothing else', async () => {
    const host = importHost([outcome('duplicate', { title: 'Hanoi summit talks', proposals: PROPOSALS })]);
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(dialog()?.textContent).toContain('“hanoi.txt” is already in the workspace as “Hanoi summit talks”; nothing was added.');
    expect(document.querySelector('fieldset')).toBeNull();
    expect(host.methods()).toEqual(['sources.import', 'jobs.get', 'sources.importResult']);
    await click(button('Close', dialog()!.querySelector('.bd-import-review')!));
    expect(dialog()).toBeNull();
  });

  it('shows what a changed version would move, and Replace the source imports the same bytes again in its place', async () => {
    const changed = outcome('changed', {
      anchorChanges: [
        { factId: 'donald-trump', factLabel: 'Donald Trump', grade: 'anchored', previous: 'President Trump' },
        { factId: 'kim-jong-un', factLabel: 'Kim Jong-un (old)', grade: 'moved', previous: 'Chairman Kim said', current: 'Chairman Kim told reporters' },
        { factId: 'moon-jae-in', factLabel: 'Moon Jae-in', grade: 'orphaned', previous: 'Moon flew in', reason: 'the quote is no longer in the text' },
      ],
    });
    const host = importHost([changed, outcome('replaced', { proposals: [PROPOSALS[3]!], anchorChanges: changed.anchorChanges, annotations: { anchored: 2, moved: 1, orphaned: 0 } })]);
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    const moves = [...document.querySelectorAll('[aria-label="Quotes that would move"] li')].map((item) => item.textContent);
    expect(moves).toEqual([
      'Kim Jong-un (old): “Chairman Kim said” → “Chairman Kim told reporters”',
      'Moon Jae-in: “Moon flew in” would no longer be found (the quote is no longer in the text); the fact keeps it, flagged for review.',
    ]);
    expect(host.methods()).not.toContain('sources.get');

    await click(button('Replace the source'));
    await vi.waitFor(() => expect(document.querySelector('fieldset')).not.toBeNull());
    const [first, second] = argsOf(host.calls, 'sources.import') as { file: unknown; replace?: string }[];
    expect(second).toEqual({ file: first!.file, ask: false, replace: SOURCE_ID });
    expect(dialog()?.textContent).toContain('“Hanoi talks” was replaced: 1 fact quotes moved, 1 no longer found, 1 annotations moved and 0 no longer found.');
    expect(row('Singapore')).toBeDefined();
  });

  it('keeps the old one: closing a changed version imports nothing more', async () => {
    const host = importHost([outcome('changed')]);
    const { drop } = start(host);
    await drop(theFile());
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(dialog()?.textContent).toContain('Every fact’s quote from it would be found again unchanged.');
    await click(button('Keep the old one'));
    expect(dialog()).toBeNull();
    expect(argsOf(host.calls, 'sources.import')).toHaveLength(1);
  });
});
