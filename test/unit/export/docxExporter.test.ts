import JSZip from 'jszip';
import mammoth from 'mammoth';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenderContext } from '../../../electron/host/services/export/exporter';
import { docxExporter } from '../../../electron/host/services/export/formats/docxExporter';
import type { PrintDocument } from '../../../electron/host/services/export/printDocument';
import { HANOI_SOURCE, HOSTILE_TEXT, HOSTILE_TITLE, SAMPLE_NOTES, SECOND_SOURCE, sampleBook, sampleDocument } from '../../support/printDocuments';
import { bigDocument } from './bigPrintDocument';

const window = new Window();
afterAll(() => window.happyDOM.close());

type ParsedDocument = ReturnType<InstanceType<typeof window.DOMParser>['parseFromString']>;
type XmlElement = ReturnType<ParsedDocument['getElementsByTagName']>[number];

const quietContext = (): RenderContext => ({ signal: new AbortController().signal, progress: () => undefined });

/** The file's parts by path, parsed as XML. */
async function parts(document: PrintDocument): Promise<{ bytes: Uint8Array; xml(path: string): Promise<ParsedDocument> }> {
  const { bytes } = await docxExporter.render(document, quietContext());
  const zip = await JSZip.loadAsync(bytes);
  return {
    bytes,
    async xml(path) {
      const part = zip.file(path);
      if (!part) throw new Error(`The Word document has no ${path}`);
      return new window.DOMParser().parseFromString(await part.async('string'), 'application/xml');
    },
  };
}

function elements(root: ParsedDocument | XmlElement, name: string): XmlElement[] {
  return [...root.getElementsByTagName(name)];
}

/** The text Word shows for an element: its w:t runs, in order. */
function wordText(root: XmlElement): string {
  return elements(root, 'w:t')
    .map((t) => t.textContent)
    .join('');
}

/** The real notes of footnotes.xml or endnotes.xml (not Word's separators), by id. */
function notesById(xml: ParsedDocument, name: 'w:footnote' | 'w:endnote'): Map<string, XmlElement> {
  return new Map(elements(xml, name).filter((note) => !note.hasAttribute('w:type')).map((note) => [note.getAttribute('w:id') ?? '', note]));
}

/** Body paragraphs in a given paragraph style. */
function paragraphsInStyle(body: ParsedDocument, style: string): XmlElement[] {
  return elements(body, 'w:p').filter((p) => elements(p, 'w:pStyle').some((s) => s.getAttribute('w:val') === style));
}

/** The document as mammoth turns it into HTML (footnotes and endnotes as lists at the end, headers left out). */
async function html(bytes: Uint8Array): Promise<ParsedDocument> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return new window.DOMParser().parseFromString(`<!doctype html><html><body>${value}</body></html>`, 'text/html');
}

describe('a brief as a Word document', () => {
  it('reads back with its title, Word headings, lists, table and a real footnote per note with its quote', async () => {
    const { bytes } = await parts(sampleDocument());
    const page = await html(bytes);
    expect([...page.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Hanoi summit ends', 'Sources']);
    expect(page.querySelector('h1 em')?.textContent).toBe('ends');
    expect([...page.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['BLUF <script>alert(3)</script>', 'Outlook']);
    expect(page.querySelector('ul > li > ol > li')?.textContent).toContain('an analyst judgement');
    expect(page.querySelector('a[href="https://example.org/talks?a=1&b=2"]')?.textContent).toBe('working level');
    expect([...page.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Side', 'Position']);
    expect([...page.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['US', 'Trump1 wants full denuclearization']);
    expect(page.querySelector('s')?.textContent).toBe('struck');
    expect(page.querySelector('sub')?.textContent).toBe('2');

    const footnotes = [...page.querySelectorAll('li[id^="footnote-"]')];
    expect(footnotes).toHaveLength(SAMPLE_NOTES.length);
    SAMPLE_NOTES.forEach((note, index) => expect(footnotes[index]?.textContent).toContain(note.text));
    expect(SAMPLE_NOTES.filter((note) => note.quote).every((note) => footnotes[note.number - 1]?.textContent?.includes(note.quote ?? '-'))).toBe(true);
    // Four first calls are Word's footnote references; the two later calls of note 1 link to its text.
    expect(page.querySelectorAll('a[id^="footnote-ref-"]')).toHaveLength(4);
    const laterCalls = [...page.querySelectorAll('a[href="#b_note_1_1"]')];
    expect(laterCalls.map((a) => a.textContent)).toEqual(['1', '1']);
    expect(page.querySelector('a#b_note_1_1')?.closest('li')?.id).toBe('footnote-1');
  });

  it('ends with the Sources appendix on a page of its own, titles in italics, or leaves it out when not wanted', async () => {
    const { bytes, xml } = await parts(sampleDocument());
    const page = await html(bytes);
    const entries = [...page.querySelectorAll('p')].filter((p) => p.firstElementChild?.tagName === 'EM' && p.textContent?.includes('('));
    expect(entries.map((p) => [p.firstElementChild?.textContent, p.textContent])).toEqual([
      [HANOI_SOURCE.title, `${HANOI_SOURCE.title}, The Example Times, February 28, 2019 (news article)`],
      [SECOND_SOURCE.title, `${SECOND_SOURCE.title} (report)`],
    ]);
    const sections = elements(await xml('word/document.xml'), 'w:sectPr');
    expect(elements(sections[1]!, 'w:type')[0]?.getAttribute('w:val')).toBe('nextPage');

    const without = await parts(sampleDocument({ includeSources: false }));
    expect(elements(await without.xml('word/document.xml'), 'w:sectPr')).toHaveLength(1);
    expect([...(await html(without.bytes)).querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Hanoi summit ends']);
  });

  it('keeps the hostile title and typed markup as literal text', async () => {
    const { bytes, xml } = await parts(sampleDocument());
    const body = await xml('word/document.xml');
    const titles = paragraphsInStyle(body, 'Title');
    expect(titles.map(wordText)).toEqual([HOSTILE_TITLE]);
    expect(elements(body, 'w:p').some((p) => wordText(p).includes(HOSTILE_TEXT))).toBe(true);
    for (const name of ['img', 'script', 'b']) expect(elements(body, name)).toEqual([]);
    const page = await html(bytes);
    expect(page.body.textContent).toContain(HOSTILE_TITLE);
    expect(page.body.textContent).toContain(HOSTILE_TEXT);
    expect(page.querySelectorAll('img, script, b')).toHaveLength(0);
  });

  it('prints the classification banner, centred and bold, at the top and bottom of every page, with Page X of Y', async () => {
    const { xml } = await parts(sampleDocument());
    const classification = 'UNCLASSIFIED//FOR TRAINING';
    const header = await xml('word/header1.xml');
    const footer = await xml('word/footer1.xml');
    for (const part of [header, footer]) {
      const banner = elements(part, 'w:p')[0]!;
      expect(wordText(banner)).toBe(classification);
      expect(elements(banner, 'w:jc')[0]?.getAttribute('w:val')).toBe('center');
      expect(elements(banner, 'w:b')).toHaveLength(1);
    }
    const pageLine = elements(footer, 'w:p')[1]!;
    expect(wordText(pageLine)).toBe('Page  of ');
    expect(elements(pageLine, 'w:instrText').map((field) => field.textContent?.trim())).toEqual(['PAGE', 'NUMPAGES']);
    // The first section names the header and footer; the later ones (the Sources) inherit them, as in Word.
    const sections = elements(await xml('word/document.xml'), 'w:sectPr');
    expect(sections.map((section) => [elements(section, 'w:headerReference').length, elements(section, 'w:footerReference').length])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('sets the title, author, subject, language and "last modified by Briefdesk" properties, and the paper size', async () => {
    const { xml } = await parts(sampleDocument({ paper: 'Letter' }));
    const core = await xml('docProps/core.xml');
    const property = (name: string): string | null | undefined => elements(core, name)[0]?.textContent;
    expect(property('dc:title')).toBe(HOSTILE_TITLE);
    expect(property('dc:creator')).toBe('A. Analyst <a@example.org>');
    expect(property('dc:subject')).toBe('Hanoi summit');
    expect(property('dc:description')).toBe('Classification: UNCLASSIFIED//FOR TRAINING');
    expect(property('cp:lastModifiedBy')).toBe('Briefdesk');
    const styles = await xml('word/styles.xml');
    expect(elements(elements(styles, 'w:docDefaults')[0]!, 'w:lang')[0]?.getAttribute('w:val')).toBe('en');
    const size = elements(await xml('word/document.xml'), 'w:pgSz')[0];
    expect([size?.getAttribute('w:w'), size?.getAttribute('w:h')]).toEqual(['12240', '15840']);
  });

  it('writes one footnote per note, each called once by a Word reference, and links the later calls to it', async () => {
    const { xml } = await parts(sampleDocument());
    const footnotes = notesById(await xml('word/footnotes.xml'), 'w:footnote');
    expect([...footnotes.keys()]).toEqual(['1', '2', '3', '4']);
    expect([...footnotes.values()].map((note) => wordText(note).trim())).toEqual(SAMPLE_NOTES.map((note) => note.text));
    const body = await xml('word/document.xml');
    expect(elements(body, 'w:footnoteReference').map((reference) => reference.getAttribute('w:id'))).toEqual(['1', '2', '3', '4']);
    const bookmarks = new Set([...footnotes.values()].flatMap((note) => elements(note, 'w:bookmarkStart').map((mark) => mark.getAttribute('w:name'))));
    const links = elements(body, 'w:hyperlink').filter((link) => link.hasAttribute('w:anchor'));
    expect(links.map((link) => [link.getAttribute('w:anchor'), wordText(link)])).toEqual([
      ['b_note_1_1', '1'],
      ['b_note_1_1', '1'],
    ]);
    expect(links.every((link) => bookmarks.has(link.getAttribute('w:anchor')))).toBe(true);
  });
});

describe('a briefing book as a Word document', () => {
  it('has a cover listing the briefs and a table of contents Word fills in, pre-filled with the briefs and headings', async () => {
    const { bytes, xml } = await parts(sampleBook());
    const body = await xml('word/document.xml');
    const cover = paragraphsInStyle(body, 'CoverTitle');
    expect(cover.map(wordText)).toEqual(['Briefing book: 2 briefs']);
    const page = await html(bytes);
    expect([...page.querySelectorAll('ol')][0]?.textContent).toMatch(new RegExp(`^${HOSTILE_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*Second brief`));
    const field = elements(body, 'w:instrText').find((instruction) => instruction.textContent?.startsWith('TOC'));
    expect(field?.textContent).toBe('TOC \\h \\t "Title,1,heading 1,2,heading 2,3"');
    const entries = ['TOC1', 'TOC2', 'TOC3'].flatMap((style) => paragraphsInStyle(body, style).map((p) => [style, wordText(p)]));
    expect(entries.filter(([style]) => style === 'TOC1').map(([, title]) => title)).toEqual([HOSTILE_TITLE, 'Second brief']);
    expect(entries.filter(([style]) => style === 'TOC2').map(([, title]) => title)).toEqual(['Hanoi summit ends', 'Hanoi summit ends', 'Sources']);
    const settings = await xml('word/settings.xml');
    expect(elements(settings, 'w:updateFields')[0]?.getAttribute('w:val')).toBe('true');
  });

  it('starts each brief on a new page in a section of its own, where Word restarts the note numbers', async () => {
    const { xml } = await parts(sampleBook());
    const body = await xml('word/document.xml');
    const sections = elements(body, 'w:sectPr');
    // Cover and contents, the two briefs, the Sources.
    expect(sections).toHaveLength(4);
    for (const brief of sections.slice(1, 3)) {
      expect(elements(brief, 'w:type')[0]?.getAttribute('w:val')).toBe('nextPage');
      expect(elements(elements(brief, 'w:footnotePr')[0]!, 'w:numRestart')[0]?.getAttribute('w:val')).toBe('eachSect');
    }
    const settings = await xml('word/settings.xml');
    expect(elements(elements(settings, 'w:footnotePr')[0]!, 'w:numRestart')[0]?.getAttribute('w:val')).toBe('eachSect');
    // Each brief's title is the first paragraph after a section's end.
    const paragraphs = elements(body, 'w:p');
    const titles = paragraphsInStyle(body, 'Title');
    expect(titles.map(wordText)).toEqual([HOSTILE_TITLE, 'Second brief']);
    for (const title of titles) expect(elements(paragraphs[paragraphs.indexOf(title) - 1]!, 'w:sectPr')).toHaveLength(1);

    // Word footnote ids are unique across the book; the text numbers of the later calls are each brief's own.
    const footnotes = notesById(await xml('word/footnotes.xml'), 'w:footnote');
    expect([...footnotes.keys()]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect([...footnotes.values()].map((note) => wordText(note).trim())).toEqual([...SAMPLE_NOTES, ...SAMPLE_NOTES].map((note) => note.text));
    expect(elements(body, 'w:footnoteReference').map((reference) => reference.getAttribute('w:id'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const links = elements(body, 'w:hyperlink').filter((link) => link.getAttribute('w:anchor')?.startsWith('b_note'));
    expect(links.map((link) => [link.getAttribute('w:anchor'), wordText(link)])).toEqual([
      ['b_note_1_1', '1'],
      ['b_note_1_1', '1'],
      ['b_note_2_1', '1'],
      ['b_note_2_1', '1'],
    ]);
  });

  it('with endnotes chosen, writes real Word endnotes, set at the end of each brief under a Notes heading', async () => {
    const { bytes, xml } = await parts(sampleBook({ notes: 'end' }));
    const endnotes = notesById(await xml('word/endnotes.xml'), 'w:endnote');
    expect([...endnotes.values()].map((note) => wordText(note).trim())).toEqual([...SAMPLE_NOTES, ...SAMPLE_NOTES].map((note) => note.text));
    expect(notesById(await xml('word/footnotes.xml'), 'w:footnote').size).toBe(0);
    const body = await xml('word/document.xml');
    expect(elements(body, 'w:footnoteReference')).toEqual([]);
    expect(elements(body, 'w:endnoteReference').map((reference) => reference.getAttribute('w:id'))).toEqual([...endnotes.keys()]);
    // Word reads where endnotes go only from the settings; a section's endnotes follow its last paragraph.
    const settings = elements(await xml('word/settings.xml'), 'w:endnotePr')[0]!;
    expect(elements(settings, 'w:pos')[0]?.getAttribute('w:val')).toBe('sectEnd');
    expect(elements(settings, 'w:numRestart')[0]?.getAttribute('w:val')).toBe('eachSect');
    // Word's endnotes are i, ii, iii by default, which the later calls' 1, 2, 3 would not match.
    expect(elements(settings, 'w:numFmt')[0]?.getAttribute('w:val')).toBe('decimal');
    const sectionEnds = elements(body, 'w:p').filter((p) => elements(p, 'w:sectPr').length > 0);
    expect(sectionEnds.slice(1, 3).map((p) => [elements(p, 'w:pStyle')[0]?.getAttribute('w:val'), wordText(p)])).toEqual([
      ['Heading1', 'Notes'],
      ['Heading1', 'Notes'],
    ]);
    const page = await html(bytes);
    expect(page.querySelectorAll('li[id^="endnote-"]')).toHaveLength(8);
  });
});

describe('rendering a Word document', () => {
  it('reports its progress to the end and stops when cancelled', async () => {
    const steps: Array<[number, number]> = [];
    await docxExporter.render(sampleBook(), { signal: new AbortController().signal, progress: (done, total) => steps.push([done, total]) });
    expect(steps.map(([done]) => done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(steps.map(([, total]) => total))).toEqual(new Set([5]));

    const controller = new AbortController();
    const cancelled = docxExporter.render(sampleBook(), {
      signal: controller.signal,
      progress: (done) => {
        if (done === 1) controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('renders a fifty-page brief with 300 citations quickly', async () => {
    const document = bigDocument();
    await docxExporter.render(document, quietContext());
    const started = performance.now();
    const { bytes } = await docxExporter.render(document, quietContext());
    const elapsed = performance.now() - started;
    const zip = await JSZip.loadAsync(bytes);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body.match(/<w:footnoteReference /g)).toHaveLength(150);
    expect(body.match(/w:anchor="b_note_1_/g)).toHaveLength(150);
    // The target is 300 ms (measured ~100 ms); the bound leaves room for a busy CI machine.
    expect(elapsed).toBeLessThan(1500);
  });
});
