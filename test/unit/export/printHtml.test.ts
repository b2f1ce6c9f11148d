import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { loadPrintAssets } from '../../../electron/host/platform/printAssets';
import { FOOTNOTES_ON_SCREEN_NOTICE, HtmlExporter } from '../../../electron/host/services/export/formats/htmlExporter';
import { LAYOUT_PROBE_SCRIPT } from '../../../electron/host/services/export/formats/layoutProbe';
import { cssString, renderPrintHtml } from '../../../electron/host/services/export/formats/printHtml';
import type { RenderContext } from '../../../electron/host/services/export/exporter';
import { PLAIN, type PrintDocument } from '../../../electron/host/services/export/printDocument';
import { HOSTILE_TEXT, HOSTILE_TITLE, SAMPLE_NOTES, sampleBook, sampleBrief, sampleDocument } from '../../support/printDocuments';

const resourcesPath = join(import.meta.dirname, '..', '..', '..', 'resources');
const assets = () => loadPrintAssets(resourcesPath);
const context: RenderContext = { signal: new AbortController().signal, progress: () => undefined };

/** Parsed as a browser would, without running anything: happy-dom's DOMParser executes no script. */
function parse(html: string): Document {
  return new new Window().DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

async function htmlExport(document: PrintDocument): Promise<{ html: string; notices: string[] }> {
  const file = await new HtmlExporter(assets).render(document, context);
  return { html: new TextDecoder().decode(file.bytes), notices: file.notices };
}

function csp(page: Document): string {
  return page.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
}

/** Every call links to a note that exists; every note's number links back to a call that exists and links to it. */
function expectNotesLinkedBothWays(page: Document): void {
  const calls = [...page.querySelectorAll('a.note-call')];
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    const target = page.getElementById(call.getAttribute('href')!.slice(1));
    expect(target, `target of ${call.getAttribute('href')}`).not.toBeNull();
    const back = target!.querySelector('a.note-back');
    const firstCall = page.getElementById(back!.getAttribute('href')!.slice(1));
    expect(firstCall?.classList.contains('note-call')).toBe(true);
    expect(firstCall?.getAttribute('href')).toBe(call.getAttribute('href'));
  }
  const ids = [...page.querySelectorAll('[id]')].map((element) => element.id);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('the standalone HTML export', () => {
  it('has no script at all, a CSP that allows none, and endnotes with a notice when page-bottom notes were asked', async () => {
    const { html, notices } = await htmlExport(sampleDocument({ notes: 'foot' }));
    expect(html).not.toMatch(/<script/i);
    const page = parse(html);
    expect(csp(page)).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'");
    expect(notices).toEqual([FOOTNOTES_ON_SCREEN_NOTICE]);
    expect(page.querySelectorAll('.footnote')).toHaveLength(0);
    const endnotes = [...page.querySelectorAll('.notes-list > li')];
    expect(endnotes.map((note) => note.textContent!.replace(/\s+/g, ' ').trim())).toEqual(SAMPLE_NOTES.map((note) => `${note.number}. ${note.text}`));
    expect((await htmlExport(sampleDocument({ notes: 'end' }))).notices).toEqual([]);
  });

  it('links every call to its note and every note back to its first call; later calls only link', async () => {
    const page = parse((await htmlExport(sampleDocument({ notes: 'end' }))).html);
    expectNotesLinkedBothWays(page);
    const callsOfNote1 = [...page.querySelectorAll('a.note-call[href="#note-1-1"]')];
    expect(callsOfNote1).toHaveLength(3);
    expect(callsOfNote1.map((call) => call.id)).toEqual(['call-1-1', '', '']);
    expect(callsOfNote1.map((call) => call.textContent)).toEqual(['1', '1', '1']);
  });

  it('prints hostile text as text: nothing in it becomes an element, an attribute or a link', async () => {
    const { html } = await htmlExport(sampleDocument({ notes: 'end' }));
    const page = parse(html);
    expect(page.title).toBe(HOSTILE_TITLE);
    expect(page.querySelector('h1.brief-title')?.textContent).toBe(HOSTILE_TITLE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Hanoi&quot; [^1] *bold*');
    expect(page.querySelectorAll('img, script, b, iframe, object, embed')).toHaveLength(0);
    expect(page.querySelector('.brief-body p')?.textContent).toContain(HOSTILE_TEXT);
    expect(page.querySelector('.sources-list cite')?.textContent).toBe('Trump and Kim leave Hanoi summit without a deal');
    expect(page.querySelectorAll('.sources-list cite')[1]?.textContent).toBe('Singapore statement <script>alert(2)</script>');
    expect([...page.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((href) => !href!.startsWith('#'))).toEqual(['https://example.org/talks?a=1&b=2']);
  });

  it('is semantic HTML: headings with their anchors, lists with their start, a table with header cells, inline formats', async () => {
    const page = parse((await htmlExport(sampleDocument({ notes: 'end' }))).html);
    expect([...page.querySelectorAll('.brief-body h1, .brief-body h2')].map((h) => `${h.tagName}#${h.id}`)).toEqual(['H1#h-1', 'H2#h-2', 'H2#h-3']);
    expect(page.querySelector('#h-1 em')?.textContent).toBe('ends');
    expect(page.querySelector('.brief-body ul > li > ol > li')?.textContent).toBe('an analyst judgement4');
    expect([...page.querySelectorAll('thead th')].map((th) => `${th.getAttribute('scope')}:${th.textContent}`)).toEqual(['col:Side', 'col:Position']);
    expect(page.querySelectorAll('tbody td')).toHaveLength(2);
    expect(page.querySelector('blockquote p')?.textContent).toContain('No deal is better than a bad deal.');
    for (const [selector, text] of [['strong', 'Hanoi'], ['u', ' in place'], ['s', 'struck'], ['code', 'x'], ['sub', '2']] as const) {
      expect(page.querySelector(`.brief-body ${selector}`)?.textContent, selector).toBe(text);
    }
    expect(page.querySelectorAll('.brief-body hr')).toHaveLength(1);
    expect(page.documentElement.getAttribute('lang')).toBe('en');
  });

  it('numbers ordered lists from their start and writes a citation inside a link after the link, never nested', async () => {
    const brief = sampleBrief({
      blocks: [
        { kind: 'list', ordered: true, start: 3, items: [{ children: [{ kind: 'text', text: 'third', format: PLAIN }], lists: [] }] },
        {
          kind: 'paragraph',
          align: 'center',
          children: [{ kind: 'link', url: 'https://example.org/', children: [{ kind: 'citation', text: 'linked words', format: PLAIN, note: 1, first: true }] }],
        },
      ],
      notes: SAMPLE_NOTES.slice(0, 1),
    });
    const page = parse((await htmlExport(sampleDocument({ notes: 'end' }, [brief]))).html);
    expect(page.querySelector('ol')?.getAttribute('start')).toBe('3');
    const paragraph = page.querySelector('p.align-center')!;
    expect(paragraph.querySelectorAll('a a')).toHaveLength(0);
    expect([...paragraph.children].map((child) => `${child.tagName}:${child.textContent}`)).toEqual(['A:linked words', 'A:1']);
    expectNotesLinkedBothWays(page);
  });
});

describe('the print HTML for page-bottom notes', () => {
  it('carries the probe then pagedjs, allowed by their hashes and nothing else', async () => {
    const loaded = await assets();
    const page = parse(renderPrintHtml(sampleDocument(), loaded, { notes: 'foot', paginate: true }));
    const scripts = [...page.querySelectorAll('script')].map((script) => script.textContent ?? '');
    expect(scripts).toEqual([LAYOUT_PROBE_SCRIPT, loaded.paginator]);
    const hashes = scripts.map((source) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`);
    expect(csp(page)).toBe(`default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'; script-src ${hashes.join(' ')}`);
  });

  it('puts each note inline right after its first call, and later calls only link', async () => {
    const page = parse(renderPrintHtml(sampleDocument(), await assets(), { notes: 'foot', paginate: true }));
    const footnotes = [...page.querySelectorAll('.footnote')];
    expect(footnotes.map((note) => note.id)).toEqual(['note-1-1', 'note-1-2', 'note-1-3', 'note-1-4']);
    for (const note of footnotes) {
      const call = note.previousElementSibling!;
      expect(call.id).toBe(note.id.replace('note', 'call'));
      expect(call.getAttribute('href')).toBe(`#${note.id}`);
      expect(note.querySelector('.note-back')?.getAttribute('href')).toBe(`#${call.id}`);
    }
    expect(page.querySelectorAll('.notes')).toHaveLength(0);
    const laterCalls = [...page.querySelectorAll('a.note-call:not([id])')];
    expect(laterCalls.map((call) => call.nextElementSibling?.classList.contains('footnote') ?? false)).toEqual([false, false]);
    expectNotesLinkedBothWays(page);
  });

  it('lists a note no call carries as an endnote, its number not a link', async () => {
    const brief = sampleBrief({ blocks: [{ kind: 'paragraph', align: 'start', children: [{ kind: 'citation', text: 'Trump', format: PLAIN, note: 1, first: true }] }] });
    const page = parse(renderPrintHtml(sampleDocument({}, [brief]), await assets(), { notes: 'foot', paginate: true }));
    expect(page.querySelectorAll('.footnote')).toHaveLength(1);
    expect([...page.querySelectorAll('.notes-list > li')].map((note) => note.id)).toEqual(['note-1-2', 'note-1-3', 'note-1-4']);
    expect(page.querySelectorAll('.notes-list a')).toHaveLength(0);
  });

  it('writes the classification into the page rule as a CSS string nothing in it can end', async () => {
    expect(cssString('A"b\\c</style>\n//é')).toBe('"A\\22 b\\5c c\\3c /style\\3e \\a //\\e9 "');
    const classification = 'SECRET"; } </style><script>alert(1)</script>';
    const document = { ...sampleDocument({}, [sampleBrief({ classification })]), classification };
    const html = renderPrintHtml(document, await assets(), { notes: 'end', paginate: false });
    const page = parse(html);
    expect(page.querySelectorAll('style')).toHaveLength(2);
    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(page.querySelector('.brief-classification')?.textContent).toBe(classification);
    expect(page.querySelectorAll('style')[1]!.textContent).toContain(`@top-center { content: ${cssString(classification)};`);
  });
});

describe('a briefing book', () => {
  it('has a cover listing the briefs, a table of contents linking to each brief and heading, and notes numbered per brief', async () => {
    const page = parse(renderPrintHtml(sampleBook(), await assets(), { notes: 'end', paginate: true }));
    expect([...page.querySelectorAll('.cover-briefs li')].map((li) => li.textContent)).toEqual([HOSTILE_TITLE, 'Second brief']);
    const targets = [...page.querySelectorAll('.toc a.toc-entry')].map((entry) => entry.getAttribute('href')!.slice(1));
    expect(targets).toEqual(['briefdesk-brief-1', 'h-1', 'h-2', 'h-3', 'briefdesk-brief-2', 'b2-h-1', 'b2-h-2', 'b2-h-3', 'briefdesk-sources']);
    for (const target of targets) expect(page.getElementById(target), target).not.toBeNull();
    expect([...page.querySelectorAll('.toc .toc-page')].map((slot) => slot.getAttribute('data-toc-target'))).toEqual(targets);
    expect([...page.querySelectorAll('section.brief')].map((brief) => brief.className)).toEqual(['brief new-page', 'brief new-page']);
    expect([...page.querySelectorAll('.notes-list > li')].map((note) => note.id)).toEqual(['note-1-1', 'note-1-2', 'note-1-3', 'note-1-4', 'note-2-1', 'note-2-2', 'note-2-3', 'note-2-4']);
    expectNotesLinkedBothWays(page);
  });
});

describe('the print assets', () => {
  it('are read once: the stylesheet, latin and latin-ext fonts of both families, and the paginator', async () => {
    const first = assets();
    expect(assets()).toBe(first);
    const loaded = await first;
    expect(loaded.stylesheet).toContain('.footnote');
    expect(loaded.stylesheet).not.toMatch(/counter\(/);
    expect(loaded.paginator).toContain('window.PagedConfig');
    const faces = loaded.fonts.map((font) => `${font.family} ${font.weight} ${font.style}`);
    expect(new Set(faces)).toEqual(
      new Set(['Source Serif 4 400 normal', 'Source Serif 4 400 italic', 'Source Serif 4 700 normal', 'Source Serif 4 700 italic', 'Source Sans 3 400 normal', 'Source Sans 3 700 normal']),
    );
    expect(loaded.fonts).toHaveLength(12);
    for (const font of loaded.fonts) expect(Buffer.from(font.woff2Base64, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
  });
});
