// @vitest-environment happy-dom
import { act, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandRegistry } from '../../shared/commands/registry';
import { DEFAULT_EXPORT_DEFAULTS } from '../../shared/model/settings';
import { NotificationStore, type Notification } from '../../shared/notifications/notificationStore';
import { saveAsDownload, OBJECT_URL_LIFETIME_MS } from '../../renderer/src/api/browserDownload';
import { ExportDialog, type ExportChoices, type ExportRequest } from '../../renderer/src/features/export/ExportDialog';
import { useExportFeature, type ExportFeatureOptions } from '../../renderer/src/features/export/useExportFeature';
import { scriptedHost, type Answer } from '../support/scriptedHost';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function mount(element: React.JSX.Element): void {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
}

const dialog = (): HTMLDialogElement | null => document.querySelector('dialog');
/** The control a label names, as assistive technology finds it: by the label's `for`, or inside the label. */
const field = <T extends HTMLElement>(text: string): T => {
  const label = [...document.querySelectorAll('label')].find((element) => element.textContent === text);
  const control = label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input, select');
  if (!control) throw new Error(`No field labelled ${text}`);
  return control as T;
};
const button = (name: string): HTMLButtonElement => {
  const found = [...document.querySelectorAll('button')].find((element) => element.textContent === name || element.getAttribute('aria-label') === name);
  if (!found) throw new Error(`No button ${name}`);
  return found;
};
const alertText = (): string | undefined => document.querySelector('[role="alert"]')?.textContent ?? undefined;

function choose(select: HTMLSelectElement, value: string): void {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function typeInto(input: HTMLInputElement, value: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Lets the promises started by a click (the fake host answers at once) run to their end. */
async function settle(): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
}

async function press(target: HTMLElement, key: string): Promise<void> {
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
  await settle();
}

async function click(target: HTMLElement): Promise<void> {
  act(() => target.click());
  await settle();
}

describe('the Export dialog', () => {
  function open(briefs: { id: string; title: string }[], onExport: (request: ExportRequest) => Promise<string | undefined>, defaults: ExportChoices = DEFAULT_EXPORT_DEFAULTS) {
    const onClose = vi.fn();
    mount(<ExportDialog briefs={briefs} defaults={defaults} onExport={onExport} onClose={onClose} />);
    return { onClose };
  }

  it('opens on the format, prefilled from the remembered choices and the title, and Enter on a field exports', async () => {
    const requests: ExportRequest[] = [];
    const { onClose } = open([{ id: 'hanoi', title: 'Hanoi: day 2/3 "final"' }], async (request) => void requests.push(request), {
      format: 'docx',
      notes: 'end',
      paperSize: 'Letter',
      includeSourceList: false,
    });
    expect(dialog()?.getAttribute('aria-label')).toBe('Export brief');
    expect(document.activeElement).toBe(field('Format'));
    expect(field<HTMLSelectElement>('Format').value).toBe('docx');
    expect(field<HTMLSelectElement>('Paper size').value).toBe('Letter');
    expect(field<HTMLSelectElement>('Notes').value).toBe('end');
    expect(field<HTMLInputElement>('Include the Sources appendix').checked).toBe(false);
    // What a file name cannot hold becomes a space; the extension is the format's, shown beside the field.
    const name = field<HTMLInputElement>('File name');
    expect(name.value).toBe('Hanoi day 2 3 final');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('.docx');

    await press(field('Format'), 'Enter');
    expect(requests).toEqual([
      {
        start: { briefIds: ['hanoi'], options: { format: 'docx', notes: 'end', paper: 'Letter', includeSources: false }, fileName: 'Hanoi day 2 3 final' },
        choices: { format: 'docx', notes: 'end', paperSize: 'Letter', includeSourceList: false },
      },
    ]);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('offers paper and note placement only for PDF and Word, says why, and still remembers the note choice', async () => {
    const requests: ExportRequest[] = [];
    open([{ id: 'hanoi', title: 'Hanoi' }], async (request) => void requests.push(request));
    const notes = field<HTMLSelectElement>('Notes');
    expect(notes.value).toBe('foot');
    expect(notes.disabled).toBe(false);
    choose(field('Format'), 'md');
    expect(field<HTMLSelectElement>('Paper size').disabled).toBe(true);
    expect(notes.disabled).toBe(true);
    expect(notes.value).toBe('end');
    expect(document.getElementById(notes.getAttribute('aria-describedby')!)?.textContent).toBe('Markdown always puts the notes at the end.');
    expect(document.getElementById(field('File name').getAttribute('aria-describedby')!)?.textContent).toBe('.md');
    choose(field('Format'), 'html');
    expect(document.getElementById(notes.getAttribute('aria-describedby')!)?.textContent).toBe('HTML always puts the notes at the end.');

    // A typed extension is the format's own: it is not doubled.
    typeInto(field('File name'), 'Summit notes.HTML');
    await press(field('Include the Sources appendix'), 'Enter');
    expect(requests[0]?.start.options).toEqual({ format: 'html', notes: 'end', paper: 'A4', includeSources: true });
    expect(requests[0]?.start.fileName).toBe('Summit notes');
    expect(requests[0]?.choices.notes).toBe('foot');
  });

  it('refuses a file name the host would refuse, in words, without exporting', async () => {
    const onExport = vi.fn(async () => undefined);
    open([{ id: 'hanoi', title: 'Hanoi' }], onExport);
    typeInto(field('File name'), 'reports/hanoi');
    await click(button('Export'));
    const name = field<HTMLInputElement>('File name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(document.body.textContent).toContain('A file name cannot contain /');
    typeInto(name, '  ');
    await click(button('Export'));
    expect(document.body.textContent).toContain('Give the file a name.');
    expect(onExport).not.toHaveBeenCalled();
  });

  it('stays open with the reason when the export is refused, and exports once the analyst changes the format', async () => {
    const formats: string[] = [];
    const { onClose } = open(
      [
        { id: 'one', title: 'First brief' },
        { id: 'two', title: 'Second brief' },
      ],
      async ({ start }) => {
        formats.push(start.options.format);
        return start.options.format === 'md' ? 'A briefing book can be exported as PDF or Word only.' : undefined;
      },
    );
    expect(dialog()?.getAttribute('aria-label')).toBe('Export briefing book');
    expect(field<HTMLInputElement>('File name').value).toBe('Briefing book');
    choose(field('Format'), 'md');
    await click(button('Export'));
    expect(alertText()).toBe('A briefing book can be exported as PDF or Word only.');
    expect(dialog()).not.toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(button('Export').disabled).toBe(false);

    choose(field('Format'), 'pdf');
    await click(button('Export'));
    expect(formats).toEqual(['md', 'pdf']);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('lists a book’s briefs in order and exports them in the order the analyst set', async () => {
    const requests: ExportRequest[] = [];
    open(
      [
        { id: 'one', title: 'First brief' },
        { id: 'two', title: 'Second brief' },
        { id: 'three', title: 'Third brief' },
      ],
      async (request) => void requests.push(request),
    );
    const titles = (): string[] => [...document.querySelectorAll('.bd-export-book li .bd-export-book-title')].map((title) => title.textContent!);
    expect(titles()).toEqual(['First brief', 'Second brief', 'Third brief']);
    expect(button('Move “First brief” up').disabled).toBe(true);
    await click(button('Move “Third brief” up'));
    await click(button('Move “Third brief” up'));
    expect(titles()).toEqual(['Third brief', 'First brief', 'Second brief']);
    // It reached the top: the focus moves to the button that still does something.
    expect(document.activeElement).toBe(button('Move “Third brief” down'));
    await click(button('Export'));
    expect(requests[0]?.start.briefIds).toEqual(['three', 'one', 'two']);
  });
});

const JOB_ID = '7d1c1f1e-54a4-4f7e-9d33-2a9c1b0e6f10';
const PDF_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x0a]);

function finishedJob(outcome: 'done' | 'failed'): Answer {
  return {
    ok: true,
    value: {
      jobId: JOB_ID,
      kind: 'export',
      title: 'Exporting',
      state: 'finished',
      progress: { jobId: JOB_ID, seq: 3, done: 3, total: 3, phrase: 'Written' },
      finished:
        outcome === 'done'
          ? { jobId: JOB_ID, outcome, message: 'Exported.' }
          : { jobId: JOB_ID, outcome, message: 'Chromium is not installed.', error: { code: 'unavailable', message: 'Chromium is not installed.' } },
    },
  };
}

const exportAnswers = (mode: 'browser' | 'desktop', outcome: 'done' | 'failed' = 'done'): Record<string, (arg: unknown) => Answer> => ({
  'export.start': () => ({ ok: true, value: { jobId: JOB_ID } }),
  'jobs.get': () => finishedJob(outcome),
  'export.result': () => ({
    ok: true,
    value: {
      jobId: JOB_ID,
      fileName: 'Hanoi.pdf',
      mimeType: 'application/pdf',
      byteLength: PDF_BYTES.length,
      ...(mode === 'desktop' ? { path: '/home/analyst/Documents/Hanoi.pdf' } : {}),
      notices: ['Note 3 did not fit its page, so the notes are endnotes.'],
    },
  }),
  'export.download': () => ({ ok: true, value: { fileName: 'Hanoi.pdf', mimeType: 'application/pdf', base64: btoa(String.fromCharCode(...PDF_BYTES)) } }),
  'export.reveal': () => ({ ok: true, value: null }),
});

describe('the export feature', () => {
  function Harness(options: ExportFeatureOptions): React.JSX.Element {
    // In the app the briefs feature tells the registry what is open and selected; here the harness does.
    const { registry, openBriefId, selectedBriefIds } = options;
    useEffect(() => registry.setContext({ briefOpen: openBriefId !== undefined, briefsSelected: selectedBriefIds.length }), [registry, openBriefId, selectedBriefIds.length]);
    return <>{useExportFeature(options).dialog}</>;
  }

  function start(answers: Record<string, (arg: unknown) => Answer>, overrides: Partial<ExportFeatureOptions> = {}) {
    const host = scriptedHost(answers);
    const registry = new CommandRegistry();
    const notifications = new NotificationStore();
    const remembered: Partial<ExportChoices>[] = [];
    const options: ExportFeatureOptions = {
      api: host.api,
      registry,
      notifications,
      mode: 'browser',
      defaults: DEFAULT_EXPORT_DEFAULTS,
      onRemember: async (patch) => void remembered.push(patch),
      briefs: [
        { id: 'hanoi', title: 'Hanoi' },
        { id: 'singapore', title: 'Singapore' },
        { id: 'panmunjom', title: 'Panmunjom' },
      ],
      openBriefId: 'hanoi',
      selectedBriefIds: ['hanoi'],
      flush: async () => undefined,
      ...overrides,
    };
    mount(<Harness {...options} />);
    const active = (): readonly Notification[] => notifications.getSnapshot().active;
    return { ...host, registry, notifications, remembered, active, rerender: (next: Partial<ExportFeatureOptions>) => act(() => root!.render(<Harness {...options} {...next} />)) };
  }

  it('offers Export… with a brief open or selected, and the book only for two briefs or more', () => {
    const { registry, rerender } = start({});
    expect(registry.get('export.open')?.keybinding?.key).toBe('Ctrl+E');
    expect(registry.menuEntries().filter((entry) => entry.id.startsWith('export.'))).toEqual([
      { id: 'export.open', label: 'Export…', menu: 'File', group: 4, order: 1, accelerator: 'CmdOrCtrl+E', enabled: true },
      { id: 'export.book', label: 'Export selected briefs as a book…', menu: 'File', group: 4, order: 2, enabled: false },
    ]);
    rerender({ openBriefId: undefined, selectedBriefIds: [] });
    expect(registry.isEnabled('export.open')).toBe(false);
    rerender({ openBriefId: undefined, selectedBriefIds: ['singapore'] });
    expect(registry.isEnabled('export.open')).toBe(true);
    expect(registry.isEnabled('export.book')).toBe(false);
    rerender({ selectedBriefIds: ['singapore', 'panmunjom'] });
    expect(registry.isEnabled('export.book')).toBe(true);
  });

  it('stops with the reason when the open brief cannot be saved first, and asks the host nothing', async () => {
    const { registry, methods } = start(exportAnswers('browser'), { flush: async () => 'The disk is full.' });
    await act(() => registry.run('export.open'));
    await click(button('Export'));
    expect(alertText()).toBe('The open brief’s edits could not be saved, so nothing was exported. The disk is full.');
    expect(dialog()).not.toBeNull();
    expect(methods()).toEqual([]);
  });

  it('closes quietly when the analyst cancels the system save dialog, and remembers only what changed', async () => {
    const { registry, methods, active, remembered } = start({ ...exportAnswers('desktop'), 'export.start': () => ({ ok: true, value: null }) }, { mode: 'desktop' });
    await act(() => registry.run('export.open'));
    choose(field('Format'), 'docx');
    await click(button('Export'));
    expect(dialog()).toBeNull();
    expect(methods()).toEqual(['export.start']);
    expect(active()).toEqual([]);
    expect(remembered).toEqual([{ format: 'docx' }]);
  });

  it('exports a book of the selected briefs and, in browser mode, downloads the file and tells its notices', async () => {
    const blobs: Blob[] = [];
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:briefdesk/export-1'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const { registry, calls, active } = start(exportAnswers('browser'), { selectedBriefIds: ['singapore', 'panmunjom'] });
    await act(() => registry.run('export.book'));
    expect(dialog()?.getAttribute('aria-label')).toBe('Export briefing book');
    await click(button('Export'));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));

    expect(calls[0]).toEqual({
      method: 'export.start',
      arg: { briefIds: ['singapore', 'panmunjom'], options: { format: 'pdf', notes: 'foot', paper: 'A4', includeSources: true }, fileName: 'Briefing book' },
    });
    expect(calls.map((call) => call.method)).toEqual(['export.start', 'jobs.get', 'export.result', 'export.download']);
    expect(clicked).toEqual([{ download: 'Hanoi.pdf', href: 'blob:briefdesk/export-1' }]);
    expect(blobs[0]?.type).toBe('application/pdf');
    expect(new Uint8Array(await blobs[0]!.arrayBuffer())).toEqual(PDF_BYTES);
    expect(active()).toMatchObject([
      { id: `job-${JOB_ID}`, tone: 'warning', text: 'Exported “Hanoi.pdf”; the browser saves it as a download. Note 3 did not fit its page, so the notes are endnotes.' },
    ]);
  });

  it('in the desktop app, offers to open the file or show it in its folder', async () => {
    const { registry, calls, notifications, active } = start(exportAnswers('desktop'), { mode: 'desktop' });
    await act(() => registry.run('export.open'));
    await click(button('Export'));
    await vi.waitFor(() => expect(active()[0]?.actions?.map((action) => action.label)).toEqual(['Open', 'Show in folder']));
    expect(active()[0]?.text).toBe('Exported “Hanoi.pdf” to /home/analyst/Documents/Hanoi.pdf. Note 3 did not fit its page, so the notes are endnotes.');
    const notice = active()[0]!;
    act(() => notifications.act(notice.id, notice.actions![1]!));
    await settle();
    expect(calls.at(-1)).toEqual({ method: 'export.reveal', arg: { jobId: JOB_ID, how: 'showInFolder' } });
    expect(calls.map((call) => call.method)).not.toContain('export.download');
  });

  it('tells a failed job in words and fetches nothing', async () => {
    const { registry, methods, active } = start(exportAnswers('browser', 'failed'));
    await act(() => registry.run('export.open'));
    await click(button('Export'));
    await vi.waitFor(() => expect(active()[0]?.tone).toBe('error'));
    expect(active()[0]?.text).toBe('Chromium is not installed.');
    expect(methods()).toEqual(['export.start', 'jobs.get']);
  });

  it('tells a refused result in words', async () => {
    const { registry, active } = start({ ...exportAnswers('browser'), 'export.result': () => ({ ok: false, error: { code: 'not_found', message: 'That export is no longer kept.' } }) });
    await act(() => registry.run('export.open'));
    await click(button('Export'));
    await vi.waitFor(() => expect(active()[0]?.text).toBe('The export finished, but its file cannot be found: That export is no longer kept.'));
  });
});

describe('the browser download', () => {
  it('clicks a temporary link to the file and revokes its object URL afterwards', () => {
    vi.useFakeTimers();
    const revoked: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:briefdesk/file');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} in the page: ${this.isConnected}`);
    });
    saveAsDownload({ fileName: 'Hanoi.md', mimeType: 'text/markdown', base64: btoa('# Hanoi') });
    expect(clicked).toEqual(['Hanoi.md in the page: true']);
    expect(document.querySelector('a')).toBeNull();
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(OBJECT_URL_LIFETIME_MS);
    expect(revoked).toEqual(['blob:briefdesk/file']);
  });
});
