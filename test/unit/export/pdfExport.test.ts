import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/define';
import { ChromiumPrinter } from '../../../electron/host/platform/chromiumPrinter';
import { loadPrintAssets } from '../../../electron/host/platform/printAssets';
import type { RenderContext } from '../../../electron/host/services/export/exporter';
import { PdfExporter } from '../../../electron/host/services/export/formats/pdfExporter';
import { PLAIN, type Block, type Inline, type PrintDocument } from '../../../electron/host/services/export/printDocument';
import { HANOI_SOURCE, HOSTILE_TITLE, SAMPLE_NOTES, SECOND_SOURCE, sampleBook, sampleBrief, sampleDocument } from '../../support/printDocuments';
import { callWords, longDocument, noteLead } from './longDocument';
import { linesOf, pageSize, readPdf, type ReadPdf } from './pdfReaders';

// Real Debian Chromium (CHROMIUM_PATH or /usr/bin/chromium) through playwright-core, one browser for the whole file.
const resourcesPath = join(import.meta.dirname, '..', '..', '..', 'resources');
const printer = new ChromiumPrinter();
const exporter = new PdfExporter(printer, () => loadPrintAssets(resourcesPath));
const HOSTILE_CLASSIFICATION = 'SECRET"; } body { display: none } </style><script>alert(1)</script> \\ //REL';

interface Rendered {
  pdf: ReadPdf;
  notices: string[];
  phrases: string[];
}

const opened: Array<{ dispose(): Promise<void> }> = [];

async function render(document: PrintDocument, signal = new AbortController().signal): Promise<Rendered> {
  const phrases: string[] = [];
  const context: RenderContext = { signal, progress: (_done, _total, phrase) => phrases.push(phrase) };
  const file = await exporter.render(document, context);
  const pdf = await readPdf(file.bytes);
  opened.push(pdf);
  return { pdf, notices: file.notices, phrases };
}

/** The page (1-based) whose text matches, or 0. */
function pageWith(pdf: ReadPdf, pattern: RegExp): number {
  return pdf.pages.findIndex((text) => pattern.test(text)) + 1;
}

function expectBannersAndPageNumbers(pdf: ReadPdf, banner: string): void {
  for (let page = 1; page <= pdf.pageCount; page += 1) {
    const lines = linesOf(pdf.page(page));
    expect(lines[0], `top banner of page ${page}`).toBe(banner);
    const last = lines.at(-1)!;
    expect(last.startsWith(banner), `bottom banner of page ${page}: ${last}`).toBe(true);
    expect(last.endsWith(`Page ${page} of ${pdf.pageCount}`), `page number of page ${page}: ${last}`).toBe(true);
  }
}

function expectCleanTaggedPdf(pdf: ReadPdf): void {
  expect(pdf.info.Tagged).toBe('yes');
  expect(pdf.info.Producer).toBe('Briefdesk');
  expect(pdf.info.Creator).toBe('Briefdesk');
  expect(pdf.qpdfCheck.ok, pdf.qpdfCheck.output).toBe(true);
  expect(pdf.qpdfCheck.output).toContain('No syntax or stream encoding errors found');
}

let sample: Rendered;

beforeAll(async () => {
  sample = await render(sampleDocument());
});

afterAll(async () => {
  await printer.close();
  await Promise.all(opened.map((pdf) => pdf.dispose()));
});

describe('the PDF of a brief with page-bottom notes', () => {
  it('is an A4, tagged PDF with our properties, the title as the analyst typed it, and qpdf finds nothing wrong', () => {
    const { pdf } = sample;
    const size = pageSize(pdf.info);
    expect(size.width).toBeCloseTo(595, 0);
    expect(size.height).toBeCloseTo(842, 0);
    expect(pdf.info.Title).toBe(HOSTILE_TITLE);
    expect(pdf.info.Author).toBe('A. Analyst <a@example.org>');
    expect(pdf.info.Subject).toBe('Hanoi summit');
    expect(pdf.info.Keywords).toBe('UNCLASSIFIED//FOR TRAINING');
    expectCleanTaggedPdf(pdf);
    expect(sample.notices).toEqual([]);
    expect(sample.phrases).toEqual(['Building the pages', 'Laying out and printing the pages', 'Setting the document properties', 'Done']);
  });

  it('prints the banner at the top and bottom of every page and "Page N of M"', () => {
    expectBannersAndPageNumbers(sample.pdf, 'UNCLASSIFIED//FOR TRAINING');
  });

  it('prints hostile text literally: the title, a heading, a summary and a source title are text, not markup', () => {
    const text = sample.pdf.pages.join('\n');
    expect(text).toContain('<img src=x onerror=alert(1)> & "Hanoi" [^1] *bold*');
    expect(text).toContain('BLUF <script>alert(3)</script>');
    expect(text).toContain('President of the United States <script>x</script>');
    expect(text).toContain('Typed [^1] and *stars* and <b>tags</b> & `ticks` \\ back_slash_');
  });

  it('puts each note, number first, with its quote, at the bottom of the page of its first call', () => {
    const { pdf } = sample;
    expect(pdf.page(1)).toMatch(/President Trump1 met Kim Jong Un2/);
    for (const note of SAMPLE_NOTES) {
      const notePage = pageWith(pdf, new RegExp(`^\\s*${note.number} ${note.factLabel}:`, 'm'));
      expect(notePage, `note ${note.number}`).toBe(1);
      if (note.quote) expect(pdf.page(notePage).replace(/\s+/g, ' ')).toContain(note.quote);
    }
    // The notes are the page's last lines, under the body: after the Sources appendix, before the bottom banner.
    const lines = linesOf(pdf.page(1));
    expect(lines.findIndex((line) => line.startsWith('1 Donald Trump:'))).toBeGreaterThan(lines.findIndex((line) => line.startsWith('Sources')));
  });

  it('writes the note numbers as text in the tag tree, as links, and tags the notes themselves', () => {
    const { structure } = sample.pdf;
    expect(structure).toMatch(/Link \(inline\)\s+(NonStruct\s+)*"1"/);
    expect(structure).toMatch(/Link \(inline\)\s+(NonStruct\s+)*"4"/);
    expect(structure).toContain('Analyst judgement: No source for this one. No source recorded.');
  });

  it('ends with the Sources appendix, each source once with its publisher, date and kind', () => {
    const text = sample.pdf.pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(`Sources 1. ${HANOI_SOURCE.title}, The Example Times, February 28, 2019 (news article)`);
    expect(text).toContain(`2. ${SECOND_SOURCE.title} (report)`);
  });

  it('has an outline of the headings', () => {
    const { outline } = sample.pdf;
    for (const heading of ['Hanoi summit ends', 'BLUF <script>alert(3)</script>', 'Outlook', 'Sources']) expect(outline).toContain(`"${heading}"`);
  });
});

describe('page-bottom notes called from anywhere', () => {
  it('takes a first call in a heading, a table cell, a list item or a link to the bottom of its page, and keeps it out of the outline', async () => {
    const cite = (text: string, note: number) => ({ kind: 'citation' as const, text, format: PLAIN, note, first: true });
    const paragraph = (children: Inline[]): Block => ({ kind: 'paragraph', align: 'start', children });
    const brief = sampleBrief({
      blocks: [
        { kind: 'heading', level: 1, anchor: 'called', children: [{ kind: 'text', text: 'Heading with ', format: PLAIN }, cite('a call', 1)] },
        { kind: 'table', rows: [[{ header: true, blocks: [paragraph([{ kind: 'text', text: 'Side', format: PLAIN }])] }], [{ header: false, blocks: [paragraph([cite('cell call', 2)])] }]] },
        { kind: 'list', ordered: false, start: 1, items: [{ children: [cite('item call', 3)], lists: [] }] },
        paragraph([{ kind: 'link', url: 'https://example.org/', children: [cite('link call', 4)] }]),
      ],
    });
    const { pdf, notices } = await render(sampleDocument({ includeSources: false }, [brief]));
    expect(notices).toEqual([]);
    expect(pdf.pageCount).toBe(1);
    const lines = linesOf(pdf.page(1));
    for (const [words, note] of [['Heading with a call', 1], ['cell call', 2], ['item call', 3], ['link call', 4]] as const) {
      const call = lines.findIndex((line) => line === `${words}${note}`);
      const footnote = lines.findIndex((line) => line.startsWith(`${note} ${SAMPLE_NOTES[note - 1]!.factLabel}:`));
      expect(call, words).toBeGreaterThan(0);
      expect(footnote, `note ${note}`).toBeGreaterThan(call);
    }
    expect(pdf.outline).toContain('"Heading with a call1"');
    expect(pdf.outline).not.toContain('Donald Trump');
  });
});

describe('the PDF with endnotes', () => {
  it('is a Letter PDF whose notes follow the brief, numbered as text, and whose banner prints hostile text literally', async () => {
    const document = sampleDocument({ notes: 'end', paper: 'Letter' }, [sampleBrief({ classification: HOSTILE_CLASSIFICATION })]);
    const { pdf, notices, phrases } = await render({ ...document, classification: HOSTILE_CLASSIFICATION });
    const size = pageSize(pdf.info);
    expect(size.width).toBeCloseTo(612, 0);
    expect(size.height).toBeCloseTo(792, 0);
    expectCleanTaggedPdf(pdf);
    expect(notices).toEqual([]);
    expect(phrases).toContain('Printing the pages');
    expectBannersAndPageNumbers(pdf, HOSTILE_CLASSIFICATION);
    const text = pdf.pages.join('\n');
    const notesAt = text.indexOf('\nNotes\n');
    expect(notesAt).toBeGreaterThan(text.indexOf('x2 and H2O, struck'));
    for (const note of SAMPLE_NOTES) expect(text.slice(notesAt)).toMatch(new RegExp(`^\\s*${note.number}\\. +${note.factLabel}:`, 'm'));
    expect(pdf.outline).toContain('"Notes"');
  });
});

describe('a briefing book', () => {
  it('has a cover, a table of contents with the pages the outline finds, each brief from a new page and notes renumbered per brief', async () => {
    const { pdf } = await render(sampleBook());
    expectCleanTaggedPdf(pdf);
    expectBannersAndPageNumbers(pdf, 'UNCLASSIFIED//FOR TRAINING');
    expect(pdf.info.Title).toBe('Briefing book: 2 briefs');

    const cover = pdf.page(1);
    expect(cover).toContain('Briefing book: 2 briefs');
    expect(cover).toContain('In this book');
    expect(cover).toContain('1 March 2019');
    expect(cover).toMatch(/1\. <img src=x onerror=alert\(1\)>/);
    expect(cover).toMatch(/2\. Second brief/);

    // Plain titles only: mutool writes the outline as `"Title"<tab>#page=N&…`.
    const outlinePage = (title: string): number => Number(new RegExp(`"${title}"\\s+#page=(\\d+)`).exec(pdf.outline)?.[1]);
    const secondBriefPage = outlinePage('Second brief');
    const sourcesPage = outlinePage('Sources');
    expect(outlinePage('Contents')).toBe(2);
    expect(secondBriefPage).toBeGreaterThan(3);
    const contents = pdf.page(2);
    expect(contents).toMatch(new RegExp(`<img src=x onerror=alert\\(1\\)> & "Hanoi" \\[\\^1\\] \\*bold\\* +3\\n`));
    expect(contents).toMatch(new RegExp(`Second brief +${secondBriefPage}\\n`));
    expect(contents).toMatch(new RegExp(`Sources +${sourcesPage}\\n`));
    expect(contents).toMatch(/Outlook +3\n/);

    // Each brief starts its page with its own title block, and numbers its notes from 1.
    expect(linesOf(pdf.page(3)).slice(1, 3)).toEqual(['UNCLASSIFIED//FOR TRAINING', HOSTILE_TITLE]);
    expect(linesOf(pdf.page(secondBriefPage)).slice(1, 3)).toEqual(['UNCLASSIFIED//FOR TRAINING', 'Second brief']);
    for (const page of [3, secondBriefPage]) {
      expect(pdf.page(page)).toMatch(/^\s*1 Donald Trump:/m);
      expect(pdf.page(page)).toMatch(/^\s*4 Analyst judgement:/m);
    }
  });
});

describe('a long brief', () => {
  it('keeps each of 120 notes on the page of its first call', async () => {
    const { pdf, notices } = await render(longDocument(120));
    expect(notices).toEqual([]);
    expect(pdf.pageCount).toBeGreaterThan(8);
    expectBannersAndPageNumbers(pdf, 'UNCLASSIFIED');
    for (let note = 1; note <= 120; note += 1) {
      const callPage = pageWith(pdf, new RegExp(`${callWords(note)}${note}\\b`));
      expect(callPage, `call ${note}`).toBeGreaterThan(0);
      expect(pdf.page(callPage), `note ${note} on page ${callPage}`).toMatch(new RegExp(`^\\s*${note} ${noteLead(note)}`, 'm'));
    }
  });

  it('falls back to endnotes, and says which note did not fit, when a note is taller than its call’s page', async () => {
    const { pdf, notices, phrases } = await render(longDocument(40, { hugeNote: 20 }));
    expect(notices).toEqual(['Note 20 did not fit on the page of its first call, so the notes are printed as endnotes after each brief.']);
    expect(phrases).toContain('Laying out again with endnotes');
    expectCleanTaggedPdf(pdf);
    const notesPage = pageWith(pdf, /^\s*Notes$/m);
    expect(notesPage).toBeGreaterThan(pageWith(pdf, new RegExp(`${callWords(40)}40\\b`)) - 1);
    const text = pdf.pages.join('\n');
    const notesAt = text.search(/^\s*Notes$/m);
    for (const note of [1, 20, 40]) {
      expect(text.search(new RegExp(`^\\s*${note}\\. +${noteLead(note)}`, 'm')), `endnote ${note}`).toBeGreaterThan(notesAt);
    }
  });
});

describe('the Chromium printer', () => {
  it('runs no script when not paginating and lets no request leave the page', async () => {
    let requests = 0;
    const server: Server = createServer((_request, response) => {
      requests += 1;
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"></head><body>
<p id="words">static words</p><img src="http://127.0.0.1:${port}/image.png" alt="">
<script>document.getElementById('words').textContent = 'a script ran';</script></body></html>`;
      const printed = await printer.print({ html, paper: 'A4', paginate: false, title: 'Probe' }, new AbortController().signal);
      const pdf = await readPdf(printed.pdf);
      opened.push(pdf);
      expect(pdf.page(1)).toContain('static words');
      expect(pdf.page(1)).not.toContain('a script ran');
      expect(printed.layout).toBeUndefined();
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('stops at once when cancelled while laying out, with the abort, and prints again afterwards', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const context: RenderContext = {
      signal: controller.signal,
      progress: (_done, _total, phrase) => {
        if (phrase !== 'Laying out and printing the pages') return;
        setTimeout(() => {
          abortedAt = Date.now();
          controller.abort();
        }, 200);
      },
    };
    await expect(exporter.render(longDocument(120), context)).rejects.toMatchObject({ name: 'AbortError' });
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    const again = await printer.print({ html: '<p>after the cancel</p>', paper: 'A4', paginate: false, title: 'Again' }, new AbortController().signal);
    const pdf = await readPdf(again.pdf);
    opened.push(pdf);
    expect(pdf.page(1)).toContain('after the cancel');
  });

  it('is unavailable, naming the Debian package and CHROMIUM_PATH, when Chromium is missing', async () => {
    const missing = new ChromiumPrinter({ executablePath: '/nonexistent/chromium' });
    const printing = missing.print({ html: '<p>x</p>', paper: 'A4', paginate: false, title: 'x' }, new AbortController().signal);
    await expect(printing).rejects.toBeInstanceOf(AppError);
    await expect(printing).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/apt-get install chromium.*CHROMIUM_PATH/) });
    await missing.close();
  });
});
