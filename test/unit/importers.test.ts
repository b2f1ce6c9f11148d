import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../electron/host/platform/chromiumPrinter';
import { htmlImporter, sanitizedArticle } from '../../electron/host/services/sources/importers/htmlImporter';
import { inertPage } from '../../electron/host/services/sources/importers/inertPage';
import { IMPORT_EXTENSIONS, importerFor, SOURCE_IMPORTERS, sourceFromImport, sourceIdFor } from '../../electron/host/services/sources/importers/importers';
import { markdownImporter } from '../../electron/host/services/sources/importers/markdownImporter';
import { pdfImporter } from '../../electron/host/services/sources/importers/pdfImporter';
import { MAX_IMPORT_BYTES, type ImportContext, type ImportedSource, type SourceImporter } from '../../electron/host/services/sources/importers/sourceImporter';
import { textImporter } from '../../electron/host/services/sources/importers/textImporter';
import { AppError } from '../../shared/contract/define';
import { paragraphRanges } from '../../shared/lib/catalogueChecks';
import { SourceSchema } from '../../shared/model/source';

const root = join(import.meta.dirname, '..', '..');
/** The seed article the bundled source was made from, as a file: a copy of ../shared/seed/000_35605bca555f1c03.txt. */
const SEED_ARTICLE = join(root, 'test/fixtures/sources/hanoi-summit-2019.txt');
const BUNDLED = SourceSchema.parse(JSON.parse(readFileSync(join(root, 'resources/sources/hanoi-summit-2019.source.json'), 'utf8')));
/** The bundled article's paragraphs: real prose, long enough for Readability to take it for an article. */
const HANOI_PARAGRAPHS = BUNDLED.paragraphs.map(({ start, end }) => BUNDLED.text.slice(start, end));

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function quiet(signal = new AbortController().signal): ImportContext & { phrases: string[] } {
  const phrases: string[] = [];
  return { signal, phrases, progress: (_done, _total, phrase) => phrases.push(phrase) };
}

const paragraphTexts = (source: ImportedSource): string[] => source.paragraphs.map(({ start, end }) => source.text.slice(start, end));

/** What an import refused with: its code and message; fails the test when the import succeeded or threw something else. */
async function refusal(importer: SourceImporter, bytes: Uint8Array, fileName: string): Promise<{ code: string; message: string }> {
  const error: unknown = await importer.import(bytes, fileName, quiet()).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return { code: (error as AppError).code, message: (error as AppError).message };
}

describe('choosing an importer', () => {
  it('goes by the ending of the file name, case ignored, and refuses other files in words', () => {
    expect(importerFor('Notes.TXT')).toBe(textImporter);
    expect(importerFor('brief.md')).toBe(markdownImporter);
    expect(importerFor('saved/page.HTM')).toBe(htmlImporter);
    expect(importerFor('report.pdf')).toBe(pdfImporter);
    expect(IMPORT_EXTENSIONS).toEqual(expect.arrayContaining(['.txt', '.md', '.html', '.pdf']));
    expect(() => importerFor('minutes.docx')).toThrowError(/cannot import minutes\.docx: it imports plain text \(\.txt\), Markdown/);
  });

  it('refuses a file over the size limit before parsing it, whatever its format', async () => {
    const tooBig = new Uint8Array(MAX_IMPORT_BYTES + 1);
    for (const importer of SOURCE_IMPORTERS) {
      const fileName = `huge${importer.extensions[0]}`;
      const { code, message } = await refusal(importer, tooBig, fileName);
      expect(code).toBe('refused');
      expect(message).toBe(`${fileName} is 32.0 MB; Briefdesk imports files of up to 32 MB.`);
    }
  });
});

describe('plain text', () => {
  it('drops the byte order mark, turns CRLF into LF and makes each non-blank line a paragraph', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('Talks end early\r\n\r\nThe summit ended.\r\nNo deal was signed.\rA last line')]);
    const imported = await textImporter.import(bytes, 'hanoi.txt', quiet());
    expect(imported.text).toBe('Talks end early\n\nThe summit ended.\nNo deal was signed.\nA last line');
    expect(paragraphTexts(imported)).toEqual(['Talks end early', 'The summit ended.', 'No deal was signed.', 'A last line']);
    expect(imported.title).toBe('Talks end early');
  });

  it('takes the file name for the title when the first line reads as a sentence', async () => {
    const imported = await textImporter.import(encode('The summit ended without a deal.\nBoth sides left.\n'), 'notes/hanoi summit.txt', quiet());
    expect(imported.title).toBe('hanoi summit');
  });

  it('imports the bundled article to exactly the bundled source text, paragraphs and checksum', async () => {
    const imported = await textImporter.import(new Uint8Array(readFileSync(SEED_ARTICLE)), '000_35605bca555f1c03.txt', quiet());
    expect(imported.text).toBe(BUNDLED.text);
    expect(imported.paragraphs).toEqual(BUNDLED.paragraphs);
    const source = sourceFromImport({ ...imported, title: BUNDLED.title }, ['hanoi-summit-2019']);
    expect(source.checksum).toBe(BUNDLED.checksum);
    expect(source.id).toBe('trump-and-kim-leave-hanoi-summit-without-a-deal');
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const bytes = new Uint8Array([...encode('first line\nsecond '), 0xff, 0xfe, ...encode(' line\n')]);
    expect(await refusal(textImporter, bytes, 'notes.txt')).toEqual({
      code: 'damaged',
      message: 'notes.txt could not be read as UTF-8 text: line 2 (byte 19) is not UTF-8; save it as UTF-8 and import it again.',
    });
  });

  it('says so when a file is UTF-16 or ends inside a character', async () => {
    expect((await refusal(textImporter, new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'wide.txt')).message).toBe(
      'wide.txt could not be read as UTF-8 text: it is UTF-16 text; save it as UTF-8 and import it again.',
    );
    const cut = encode('Café').slice(0, -1);
    expect((await refusal(textImporter, cut, 'cut.txt')).message).toMatch(/^cut\.txt could not be read as UTF-8 text: it ends inside a character/);
  });

  it('refuses a file with no text', async () => {
    expect(await refusal(textImporter, encode(' \r\n\t\n'), 'blank.txt')).toEqual({ code: 'refused', message: 'blank.txt holds no text to import.' });
  });
});

describe('Markdown', () => {
  const markdown = [
    '# Summit ends *without* a deal',
    '',
    'Talks in **Hanoi** ended _early_, says the [report](https://example.com/r) and `the log`.[^1]',
    '',
    '## Background',
    '',
    '- First item with *emphasis*',
    '- Second item',
    '  - Nested item',
    '',
    '3. Step three',
    '4. Step four',
    '',
    '> A quoted line',
    '> that goes on.',
    '',
    'Text with a [^2] that is no footnote and ~~struck~~ words.  ',
    'A hard break above.',
    '',
    '| Side | Demand |',
    '| --- | --- |',
    '| North | Sanctions *lifted* |',
    '',
    '![a remote photo](https://example.com/photo.jpg)',
    '',
    '---',
    '',
    '[^1]: The note’s text.',
    '',
  ].join('\n');

  it('keeps headings, paragraphs, list items, quotes and table rows as paragraphs, markup reduced to text', async () => {
    const imported = await markdownImporter.import(encode(markdown), 'summit.md', quiet());
    expect(imported.title).toBe('Summit ends without a deal');
    expect(paragraphTexts(imported)).toEqual([
      'Talks in Hanoi ended early, says the report and the log.[1]',
      'Background',
      'First item with emphasis',
      'Second item',
      'Nested item',
      '3. Step three',
      '4. Step four',
      'A quoted line that goes on.',
      'Text with a [^2] that is no footnote and struck words. A hard break above.',
      'Side | Demand',
      'North | Sanctions lifted',
      '[1] The note’s text.',
    ]);
    // One paragraph a line, as the bundled sources are written.
    expect(imported.paragraphs).toEqual(paragraphRanges(imported.text));
    expect(imported.text).not.toMatch(/[*_`#>~]|https:|photo/);
  });

  it('takes the file name for the title when there is no first-level heading', async () => {
    const imported = await markdownImporter.import(encode('## Only a section\n\nSome text.\n'), 'notes/week 9.md', quiet());
    expect(imported.title).toBe('week 9');
    expect(paragraphTexts(imported)).toEqual(['Only a section', 'Some text.']);
  });
});

describe('HTML', () => {
  let server: Server;
  let origin: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('alert("REMOTE-CODE")');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const hostilePage = (): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Summit collapses without a deal | The Daily Example</title>
<meta property="og:title" content="Summit collapses without a deal">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2019-02-28T09:30:00Z">
<link rel="canonical" href="https://news.example.com/hanoi">
<link rel="stylesheet" href="${origin}/style.css">
<style>.lede { color: red } body::after { content: "STYLE-TEXT" }</style>
<script src="${origin}/app.js"></script>
</head><body onload="this.insertAdjacentHTML('beforeend', '<p>HANDLER-RAN</p>')">
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Summit collapses without a deal</h1>
<p>${HANOI_PARAGRAPHS[0]} <a href="javascript:alert('LINK-CODE')">Read the statement</a>.</p>
<p onclick="alert('HANDLER-CODE')">${HANOI_PARAGRAPHS[1]} <img src="${origin}/photo.jpg" alt="ALT-TEXT" onerror="alert('IMG-CODE')"></p>
<iframe src="${origin}/frame.html">IFRAME-FALLBACK</iframe>
<p>${HANOI_PARAGRAPHS[2]} <svg width="10" height="10"><text>SVG-TEXT</text></svg></p>
<noscript>NOSCRIPT-TEXT</noscript>
<p>${HANOI_PARAGRAPHS[3]}<br>On a line of its own.</p>
</article>
<video src="${origin}/clip.mp4" poster="${origin}/poster.jpg"></video>
<script>document.querySelector('article').insertAdjacentHTML('beforeend', '<p>SCRIPT-RAN</p>');</script>
</body></html>`;

  it('extracts the article text and title, byline, site and date, and nothing of scripts, styles, handlers or remote resources', async () => {
    const imported = await htmlImporter.import(encode(hostilePage()), 'summit.html', quiet());
    expect(imported).toMatchObject({
      title: 'Summit collapses without a deal',
      author: 'Jane Reporter',
      publisher: 'The Daily Example',
      publishedAt: '2019-02-28T09:30:00Z',
      url: 'https://news.example.com/hanoi',
      kind: 'news article',
    });
    expect(paragraphTexts(imported)).toEqual([
      `${HANOI_PARAGRAPHS[0]} Read the statement.`,
      HANOI_PARAGRAPHS[1],
      HANOI_PARAGRAPHS[2],
      HANOI_PARAGRAPHS[3],
      'On a line of its own.',
    ]);
    expect(imported.paragraphs).toEqual(paragraphRanges(imported.text));
    for (const leaked of ['SCRIPT-RAN', 'HANDLER-RAN', 'STYLE-TEXT', 'color: red', 'LINK-CODE', 'HANDLER-CODE', 'IMG-CODE', 'ALT-TEXT', 'IFRAME-FALLBACK', 'NOSCRIPT-TEXT', 'SVG-TEXT', 'REMOTE-CODE', 'javascript', '127.0.0.1', 'Home']) {
      expect(imported.text).not.toContain(leaked);
    }
  });

  it('fetches nothing the page refers to', async () => {
    await htmlImporter.import(encode(hostilePage()), 'summit.html', quiet());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).toEqual([]);
  });

  it('sanitises with DOMPurify: no script, style, handler, javascript: link, form action or remote resource survives', () => {
    const window = inertPage('');
    const clean = sanitizedArticle(
      window,
      [
        '<p onclick="alert(1)" style="color:red">kept <a href="https://ok.example/a">safe link</a> <a href="javascript:alert(2)">bad link</a></p>',
        '<img src=x onerror=alert(3)><script>alert(4)</script><style>p{}</style><link rel=stylesheet href="https://x.example/s.css">',
        '<iframe src="https://x.example/f"></iframe><form><button formaction="javascript:alert(5)">go</button></form>',
        '<svg><script>alert(6)</script></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(7)>',
        '<object data="https://x.example/o"></object><embed src="https://x.example/e"><video poster="https://x.example/p.jpg"></video>',
      ].join(''),
    ).innerHTML;
    window.close();
    expect(clean).toContain('<a href="https://ok.example/a">safe link</a>');
    expect(clean).toContain('kept');
    for (const gone of ['onclick', 'onerror', 'style', 'javascript:', 'alert', '<script', '<img', '<iframe', '<link', '<form', '<button', '<svg', '<math', '<object', '<embed', '<video', 'x.example']) {
      expect(clean).not.toContain(gone);
    }
  });

  it('reads a page Readability finds no article in whole, sanitised the same, with <title> and <time datetime>', async () => {
    const page = [
      '<html><head><title>Desk note</title><style>p { color: red }</style></head><body>',
      '<p>Short.</p><noscript>NOSCRIPT-TEXT</noscript><iframe>IFRAME-FALLBACK</iframe><button>Subscribe</button>',
      '<p>Posted <time datetime="2019-03-01">1 March</time>.</p><template><p>TEMPLATE-TEXT</p></template></body></html>',
    ].join('');
    const imported = await htmlImporter.import(encode(page), 'note.html', quiet());
    expect(imported).toMatchObject({ title: 'Desk note', publishedAt: '2019-03-01' });
    expect(paragraphTexts(imported)).toEqual(['Short.', 'Posted 1 March.']);
  });

  it('decodes a page in its declared charset, and refuses a binary file named .html', async () => {
    const latin1 = new Uint8Array([...encode('<html><head><meta charset="windows-1252"><title>Caf'), 0xe9, ...encode('</title></head><body><p>Caf'), 0xe9, ...encode(' talks.</p></body></html>')]);
    const imported = await htmlImporter.import(latin1, 'cafe.html', quiet());
    expect(paragraphTexts(imported)).toEqual(['Café talks.']);
    expect(await refusal(htmlImporter, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x3c, 0x70]), 'photo.html')).toEqual({
      code: 'damaged',
      message: 'photo.html could not be read as an HTML page: it holds NUL bytes, so it is not a text file.',
    });
  });
});

describe('PDF', () => {
  const printer = new ChromiumPrinter();
  let twoPages: Uint8Array;
  const PAGE_ONE = [
    'Summit report',
    'The first paragraph is long enough to wrap over more than one printed line, so its lines have to be joined back into one paragraph of the source text.',
    'A short second paragraph.',
  ];
  const PAGE_TWO = ['The third paragraph opens page two.', 'A fourth and last paragraph, long enough again to wrap across two lines of the printed page at this size.'];

  beforeAll(async () => {
    const paragraphs = (texts: string[]): string => texts.map((text) => `<p>${text}</p>`).join('');
    const html = `<!doctype html><html><head><title>Summit report, two pages</title>
<style>@page { size: A4; margin: 2cm } body { font: 12pt serif; line-height: 1.4 } .next { break-before: page }</style></head>
<body><h1>${PAGE_ONE[0]}</h1>${paragraphs(PAGE_ONE.slice(1))}<div class="next">${paragraphs(PAGE_TWO)}</div></body></html>`;
    twoPages = (await printer.print({ html, paper: 'A4', paginate: false, title: 'Summit report, two pages' }, new AbortController().signal)).pdf;
  });

  afterAll(async () => {
    await printer.close();
  });

  it('reads each page’s paragraphs, joins wrapped lines and keeps each page’s range and number', async () => {
    const context = quiet();
    const imported = await pdfImporter.import(twoPages, 'report.pdf', context);
    expect(imported.title).toBe('Summit report, two pages');
    expect(imported.kind).toBe('report');
    expect(paragraphTexts(imported)).toEqual([...PAGE_ONE, ...PAGE_TWO]);
    expect(imported.paragraphs).toEqual(paragraphRanges(imported.text));
    const pageOf = (index: number): number | undefined => {
      const paragraph = imported.paragraphs[index]!;
      return imported.pages?.find((page) => page.start <= paragraph.start && paragraph.end <= page.end)?.number;
    };
    expect(imported.paragraphs.map((_, index) => pageOf(index))).toEqual([1, 1, 1, 2, 2]);
    expect(imported.pages?.map(({ number, label }) => ({ number, label }))).toEqual([
      { number: 1, label: undefined },
      { number: 2, label: undefined },
    ]);
    expect(context.phrases).toContain('Reading page 2 of 2 of report.pdf');
  });

  it('keeps printed page labels (a preface numbered i, ii)', async () => {
    const document = await PDFDocument.load(twoPages);
    document.catalog.set(PDFName.of('PageLabels'), document.context.obj({ Nums: [0, document.context.obj({ S: PDFName.of('r') })] }));
    const imported = await pdfImporter.import(await document.save(), 'preface.pdf', quiet());
    expect(imported.pages?.map(({ number, label }) => `${number}:${label}`)).toEqual(['1:i', '2:ii']);
  });

  it('becomes a valid Source whose pages survive, with an id unique among the existing ones', async () => {
    const imported = await pdfImporter.import(twoPages, 'report.pdf', quiet());
    const source = sourceFromImport(imported, ['summit-report-two-pages']);
    expect(source.id).toBe('summit-report-two-pages-2');
    expect(source.checksum).toBe(createHash('sha256').update(imported.text, 'utf8').digest('hex'));
    expect(source.pages).toEqual(imported.pages);
    expect(source).toMatchObject({ publisher: 'unknown', publishedAt: 'unknown', kind: 'report' });
    expect(SourceSchema.parse(JSON.parse(JSON.stringify(source)))).toEqual(source);
  });

  it('reads a PDF from another producer (pdf-lib, Helvetica not embedded), and refuses one without text in words', async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    const page = document.addPage([595, 842]);
    page.drawText('A paragraph set in two lines', { x: 50, y: 700, size: 12, font });
    page.drawText('by another program.', { x: 50, y: 685, size: 12, font });
    page.drawText('A second paragraph, café.', { x: 50, y: 650, size: 12, font });
    document.addPage([595, 842]);
    const imported = await pdfImporter.import(await document.save(), 'memo.pdf', quiet());
    expect(paragraphTexts(imported)).toEqual(['A paragraph set in two lines by another program.', 'A second paragraph, café.']);
    expect(imported.title).toBe('memo');
    expect(imported.pages).toEqual([
      { start: 0, end: imported.text.length, number: 1 },
      { start: imported.text.length, end: imported.text.length, number: 2 },
    ]);
    const blank = await PDFDocument.create();
    blank.addPage([595, 842]);
    expect(await refusal(pdfImporter, await blank.save(), 'scan.pdf')).toEqual({
      code: 'refused',
      message: 'scan.pdf holds no text to import. Its pages may be scanned images: Briefdesk reads a PDF’s text, not pictures of text.',
    });
  });

  it('refuses a truncated PDF, a PDF with a damaged body and a file that is no PDF, in words', async () => {
    expect(await refusal(pdfImporter, twoPages.slice(0, Math.floor(twoPages.length / 2)), 'cut.pdf')).toEqual({
      code: 'damaged',
      message: 'cut.pdf could not be read as a PDF: it is cut short (no "%%EOF" end marker): it may not have been copied or downloaded whole.',
    });
    const gutted = twoPages.slice();
    gutted.fill(0x20, 64, twoPages.length - 64);
    const damaged = await refusal(pdfImporter, gutted, 'gutted.pdf');
    expect(damaged.code).toBe('damaged');
    expect(damaged.message).toMatch(/^gutted\.pdf could not be read as a PDF: \S/);
    expect(await refusal(pdfImporter, encode('<html><body>Not a PDF at all</body></html>'), 'page.pdf')).toEqual({
      code: 'damaged',
      message: 'page.pdf could not be read as a PDF: it does not start like a PDF file (no "%PDF-" header).',
    });
  });

  it('stops when cancelled, between pages or before it starts', async () => {
    const controller = new AbortController();
    const context: ImportContext = {
      signal: controller.signal,
      progress: (_done, _total, phrase) => phrase.startsWith('Reading page 2') && controller.abort(),
    };
    await expect(pdfImporter.import(twoPages, 'report.pdf', context)).rejects.toMatchObject({ name: 'AbortError' });
    const cancelled = new AbortController();
    cancelled.abort();
    for (const importer of SOURCE_IMPORTERS) {
      await expect(importer.import(encode('text'), `x${importer.extensions[0]}`, quiet(cancelled.signal))).rejects.toMatchObject({ name: 'AbortError' });
    }
  });
});

describe('sources from imports', () => {
  it('makes ids from titles as slugs, accents dropped, long titles cut at a word, unique by a number', () => {
    expect(sourceIdFor('Élysée talks: “no deal” (2019)', [])).toBe('elysee-talks-no-deal-2019');
    expect(sourceIdFor('Talks', ['talks', 'talks-2'])).toBe('talks-3');
    expect(sourceIdFor('北京', [])).toBe('source');
    const long = sourceIdFor('A very long title that goes on and on about the summit and what came after it', []);
    expect(long).toBe('a-very-long-title-that-goes-on-and-on-about-the-summit-and');
    expect(long.length).toBeLessThanOrEqual(60);
  });

  it('refuses a text too long for a source file', () => {
    const text = 'x'.repeat(17 * 1024 * 1024);
    expect(() => sourceFromImport({ title: 'Huge', kind: 'other', text, paragraphs: [{ start: 0, end: text.length }] }, [])).toThrowError(
      /“Huge” is too long to keep as a source: its file would be 17\.0 MB, and a source file holds up to 16 MB\./,
    );
  });
});
