import { createHash } from 'node:crypto';
import { AppError } from '../../../../../shared/contract/define';
import type { EmbeddedFont, PrintAssets } from '../../../platform/printAssets';
import {
  callAnchor,
  inlineText,
  noteAnchor,
  type Block,
  type CitedSource,
  type Inline,
  type ListBlock,
  type Note,
  type NotePlacement,
  type PaperSize,
  type PrintBrief,
  type PrintDocument,
  type TextFormat,
} from '../printDocument';
import { LAYOUT_PROBE_SCRIPT, PROBE_MARKS } from './layoutProbe';
import { sourceEntry } from './sourceEntry';

export interface PrintHtmlOptions {
  /** Page-bottom notes need the paginator: `foot` requires `paginate`. */
  notes: NotePlacement;
  /** Carry pagedjs and the layout probe (the page must then run JavaScript); otherwise the page has no script at all. */
  paginate: boolean;
}

/** Ids of our own sections: prefixed so that no heading anchor of a brief can take them. */
export const SECTION_IDS = {
  cover: 'briefdesk-cover',
  contents: 'briefdesk-contents',
  sources: 'briefdesk-sources',
  brief: (briefIndex: number) => `briefdesk-brief-${briefIndex + 1}`,
  notes: (briefIndex: number) => `briefdesk-notes-${briefIndex + 1}`,
} as const;

/** The headings a book's table of contents lists under each brief. */
const TOC_MAX_LEVEL = 3;

const CSS_PAGE_SIZE: Record<PaperSize, string> = { A4: 'A4', Letter: 'letter' };
const PAGE_MARGIN = '22mm 20mm 20mm';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values alike: every character HTML gives a meaning to is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * A CSS string literal for any text: everything but letters, digits, spaces and harmless punctuation is written as a
 * hex escape, so no quote, backslash, newline or `</style>` can end the string or the style element.
 */
export function cssString(text: string): string {
  let out = '';
  for (const char of text) {
    out += /[A-Za-z0-9 .,:;!?()/_+=*%@#-]/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `;
  }
  return `"${out}"`;
}

function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** An inline script must not be able to end its element early (`</script`) or hide its end (`<!--` then `<script`). */
function inlineScript(source: string, what: string): string {
  if (/<\/?script/i.test(source)) throw new AppError('internal', `${what} cannot be inlined: it contains a script tag.`);
  return `<script>${source}</script>`;
}

function fontFaces(fonts: readonly EmbeddedFont[]): string {
  return fonts
    .map(
      (font) =>
        `@font-face{font-family:${cssString(font.family)};font-style:${font.style};font-weight:${font.weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${font.woff2Base64}) format("woff2");unicode-range:${font.unicodeRange};}`,
    )
    .join('\n');
}

const MARGIN_BOX_TEXT = 'font-family: var(--sans); font-size: 9pt; color: #000;';

/** The page box, one rule for all of it (see brief.css): size, margins, banner top and bottom, page numbers. */
function pageRule(document: PrintDocument): string {
  const banner = cssString(document.classification);
  return `@page {
  size: ${CSS_PAGE_SIZE[document.options.paper]};
  margin: ${PAGE_MARGIN};
  @top-center { content: ${banner}; ${MARGIN_BOX_TEXT} font-weight: 700; letter-spacing: 0.04em; }
  @bottom-center { content: ${banner}; ${MARGIN_BOX_TEXT} font-weight: 700; letter-spacing: 0.04em; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${MARGIN_BOX_TEXT} }
  @footnote { border-top: 0.5pt solid #777; margin-top: 8pt; padding-top: 4pt; }
}`;
}

function contentSecurityPolicy(scripts: readonly string[]): string {
  const policy = ["default-src 'none'", "style-src 'unsafe-inline'", 'font-src data:', 'img-src data:', "base-uri 'none'", "form-action 'none'"];
  if (scripts.length > 0) policy.push(`script-src ${scripts.map(scriptHash).join(' ')}`);
  return policy.join('; ');
}

/** Renders one brief's blocks: owns the note calls, so each note's first call carries its id (and its footnote). */
class BriefWriter {
  /** The notes whose first call has been written, in the order written. */
  private readonly called = new Set<number>();
  private readonly notesByNumber: ReadonlyMap<number, Note>;

  constructor(
    private readonly brief: PrintBrief,
    private readonly briefIndex: number,
    private readonly placement: NotePlacement,
    /** In a book each brief starts a new page. */
    private readonly newPage: boolean,
  ) {
    this.notesByNumber = new Map(brief.notes.map((note) => [note.number, note]));
  }

  write(): string {
    const { brief, briefIndex } = this;
    const body = this.blocks(brief.blocks);
    return `<section class="brief${this.newPage ? ' new-page' : ''}" aria-labelledby="${SECTION_IDS.brief(briefIndex)}">
<header class="brief-header">
<p class="brief-classification">${escapeHtml(brief.classification)}</p>
<h1 class="brief-title" id="${SECTION_IDS.brief(briefIndex)}">${escapeHtml(brief.title)}</h1>
<p class="brief-byline">${[brief.author, brief.date].filter((part) => part.trim() !== '').map(escapeHtml).join(' · ')}</p>
</header>
<div class="brief-body">
${body}
</div>
${this.endnotes()}</section>`;
  }

  /** Endnotes: every note; with footnotes, only the notes no call in the text carried (none, for a consistent brief). */
  private endnotes(): string {
    const listed = this.placement === 'end' ? this.brief.notes : this.brief.notes.filter((note) => !this.called.has(note.number));
    if (listed.length === 0) return '';
    const id = SECTION_IDS.notes(this.briefIndex);
    const items = listed.map((note) => {
      const number = this.noteNumber(note, '.');
      return `<li class="note" id="${escapeHtml(noteAnchor(this.briefIndex, note.number))}">${number} <span class="note-text">${escapeHtml(note.text)}</span></li>`;
    });
    return `<section class="notes" aria-labelledby="${id}">
<h2 id="${id}">Notes</h2>
<ol class="notes-list">
${items.join('\n')}
</ol>
</section>
`;
  }

  /** A note's number as text, linked back to its first call when the text has one. */
  private noteNumber(note: Note, suffix: string): string {
    const label = `${note.number}${suffix}`;
    if (!this.called.has(note.number)) return `<span class="note-back">${label}</span>`;
    return `<a class="note-back" href="#${escapeHtml(callAnchor(this.briefIndex, note.number))}">${label}</a>`;
  }

  private blocks(blocks: readonly Block[]): string {
    return blocks.map((block) => this.block(block)).join('\n');
  }

  private block(block: Block): string {
    switch (block.kind) {
      case 'heading':
        return `<h${block.level} id="${escapeHtml(block.anchor)}">${this.inlines(block.children)}</h${block.level}>`;
      case 'paragraph': {
        const align = block.align === 'start' ? '' : ` class="align-${block.align}"`;
        return `<p${align}>${this.inlines(block.children)}</p>`;
      }
      case 'quote':
        return `<blockquote><p>${this.inlines(block.children)}</p></blockquote>`;
      case 'list':
        return this.list(block);
      case 'table':
        return this.table(block.rows);
      case 'rule':
        return '<hr>';
    }
  }

  private list(list: ListBlock): string {
    const items = list.items.map((item) => `<li>${this.inlines(item.children)}${item.lists.map((nested) => this.list(nested)).join('')}</li>`);
    if (!list.ordered) return `<ul>${items.join('')}</ul>`;
    const start = list.start === 1 ? '' : ` start="${Math.trunc(list.start)}"`;
    return `<ol${start}>${items.join('')}</ol>`;
  }

  private table(rows: ReadonlyArray<ReadonlyArray<{ header: boolean; blocks: Block[] }>>): string {
    const headed = rows.length > 1 && rows[0]!.length > 0 && rows[0]!.every((cell) => cell.header);
    const row = (cells: ReadonlyArray<{ header: boolean; blocks: Block[] }>, inHead: boolean): string =>
      `<tr>${cells
        .map((cell) => {
          if (!cell.header) return `<td>${this.blocks(cell.blocks)}</td>`;
          return `<th scope="${inHead ? 'col' : 'row'}">${this.blocks(cell.blocks)}</th>`;
        })
        .join('')}</tr>`;
    const head = headed ? `<thead>${row(rows[0]!, true)}</thead>` : '';
    const body = (headed ? rows.slice(1) : rows).map((cells) => row(cells, false)).join('');
    return `<table>${head}<tbody>${body}</tbody></table>`;
  }

  private inlines(inlines: readonly Inline[]): string {
    return inlines.map((inline) => this.inline(inline, undefined)).join('');
  }

  /**
   * Inside a link (`afterLink` given), a citation's call is itself a link and links do not nest: its words stay in
   * the link and its call is written right after the link ends.
   */
  private inline(inline: Inline, afterLink: string[] | undefined): string {
    switch (inline.kind) {
      case 'text':
        return formatted(inline.text, inline.format);
      case 'lineBreak':
        return '<br>';
      case 'citation': {
        const call = this.call(inline.note, inline.first);
        if (afterLink) {
          afterLink.push(call);
          return formatted(inline.text, inline.format);
        }
        return formatted(inline.text, inline.format) + call;
      }
      case 'link': {
        if (afterLink) return inline.children.map((child) => this.inline(child, afterLink)).join('');
        const calls: string[] = [];
        const words = inline.children.map((child) => this.inline(child, calls)).join('');
        return `<a href="${escapeHtml(inline.url)}">${words}</a>${calls.join('')}`;
      }
    }
  }

  /** The call: the note number as text, linking to the note; the first call carries the id the note links back to. */
  private call(number: number, first: boolean): string {
    const note = this.notesByNumber.get(number);
    const noteId = escapeHtml(noteAnchor(this.briefIndex, number));
    const numberText = `<sup>${number}</sup>`;
    if (!note || !first || this.called.has(number)) return `<a class="note-call" href="#${noteId}">${numberText}</a>`;
    this.called.add(number);
    const callId = escapeHtml(callAnchor(this.briefIndex, number));
    const marks = `${PROBE_MARKS.noteId}="${noteId}" ${PROBE_MARKS.firstCall}`;
    const link = `<a class="note-call" id="${callId}" href="#${noteId}" ${marks}>${numberText}</a>`;
    if (this.placement === 'end') return link;
    // pagedjs moves this element to the bottom of the page its call lands on; its id is given back after layout.
    return `${link}<span class="footnote" id="${noteId}" ${PROBE_MARKS.noteId}="${noteId}">${this.noteNumber(note, '')} <span class="note-text">${escapeHtml(note.text)}</span></span>`;
  }
}

function formatted(text: string, format: TextFormat): string {
  let html = escapeHtml(text);
  if (format.code) html = `<code>${html}</code>`;
  if (format.subscript) html = `<sub>${html}</sub>`;
  if (format.superscript) html = `<sup>${html}</sup>`;
  if (format.strikethrough) html = `<s>${html}</s>`;
  if (format.underline) html = `<u>${html}</u>`;
  if (format.italic) html = `<em>${html}</em>`;
  if (format.bold) html = `<strong>${html}</strong>`;
  return html;
}

function sourceItem(source: CitedSource): string {
  const { title, details } = sourceEntry(source);
  return `<li><cite>${escapeHtml(title)}</cite>${escapeHtml(details)}</li>`;
}

function sourcesAppendix(sources: readonly CitedSource[], newPage: boolean): string {
  if (sources.length === 0) return '';
  return `<section class="sources${newPage ? ' new-page' : ''}" aria-labelledby="${SECTION_IDS.sources}">
<h1 id="${SECTION_IDS.sources}">Sources</h1>
<ol class="sources-list">
${sources.map(sourceItem).join('\n')}
</ol>
</section>`;
}

/** One date for the cover when the briefs agree on it; otherwise each brief's date is in the cover's list. */
function bookDate(briefs: readonly PrintBrief[]): string | undefined {
  const dates = new Set(briefs.map((brief) => brief.date).filter((date) => date.trim() !== ''));
  return dates.size === 1 ? [...dates][0] : undefined;
}

function cover(document: PrintDocument): string {
  const date = bookDate(document.briefs);
  const briefs = document.briefs.map(
    (brief) => `<li>${escapeHtml(brief.title)}${brief.date.trim() !== '' && date === undefined ? ` <span class="source-details">(${escapeHtml(brief.date)})</span>` : ''}</li>`,
  );
  return `<section class="cover" aria-labelledby="${SECTION_IDS.cover}">
<p class="cover-classification">${escapeHtml(document.classification)}</p>
<h1 class="cover-title" id="${SECTION_IDS.cover}">${escapeHtml(document.title)}</h1>
${document.author.trim() !== '' ? `<p class="cover-author">${escapeHtml(document.author)}</p>` : ''}
${date !== undefined ? `<p class="cover-date">${escapeHtml(date)}</p>` : ''}
<p class="cover-list-title">In this book</p>
<ol class="cover-briefs">${briefs.join('')}</ol>
</section>`;
}

function tocEntry(anchor: string, label: string): string {
  const target = escapeHtml(anchor);
  return `<a class="toc-entry" href="#${target}"><span class="toc-label">${escapeHtml(label)}</span><span class="toc-page" ${PROBE_MARKS.tocTarget}="${target}"></span></a>`;
}

function tableOfContents(document: PrintDocument): string {
  const entries = document.briefs.map((brief, index) => {
    const headings = brief.blocks.flatMap((block) =>
      block.kind === 'heading' && block.level <= TOC_MAX_LEVEL ? [`<li class="toc-level-${block.level}">${tocEntry(block.anchor, inlineText(block.children))}</li>`] : [],
    );
    const nested = headings.length > 0 ? `<ol>${headings.join('')}</ol>` : '';
    return `<li class="toc-brief">${tocEntry(SECTION_IDS.brief(index), brief.title)}${nested}</li>`;
  });
  if (document.sources.length > 0) entries.push(`<li class="toc-brief">${tocEntry(SECTION_IDS.sources, 'Sources')}</li>`);
  return `<nav class="toc new-page" aria-labelledby="${SECTION_IDS.contents}">
<h1 id="${SECTION_IDS.contents}">Contents</h1>
<ol class="toc-list">${entries.join('')}</ol>
</nav>`;
}

/**
 * The print HTML of a document: one self-contained page (inline stylesheet, fonts as data URIs, no remote resource),
 * every string escaped, under a CSP that allows nothing but inline styles, data: fonts and images and, only when
 * paginating, the two scripts it carries by their hashes. Every format that prints (PDF, HTML) renders from it.
 */
export function renderPrintHtml(document: PrintDocument, assets: PrintAssets, options: PrintHtmlOptions): string {
  if (options.notes === 'foot' && !options.paginate) throw new AppError('internal', 'Page-bottom notes need the paginator.');
  const scripts = options.paginate ? [LAYOUT_PROBE_SCRIPT, assets.paginator] : [];
  const briefs = document.briefs.map((brief, index) => new BriefWriter(brief, index, options.notes, document.book).write());
  const banner = escapeHtml(document.classification);
  const front = document.book ? `${cover(document)}\n${tableOfContents(document)}\n` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(document.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(scripts))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="${escapeHtml(document.author)}">
<meta name="generator" content="Briefdesk">
<title>${escapeHtml(document.title)}</title>
<style data-pagedjs-ignore>
${fontFaces(assets.fonts)}
</style>
<style>
${assets.stylesheet}
${pageRule(document)}
</style>
${options.paginate ? `${inlineScript(LAYOUT_PROBE_SCRIPT, 'The layout probe')}\n${inlineScript(assets.paginator, 'The paginator')}\n` : ''}</head>
<body class="${document.book ? 'book' : 'single'}">
<div class="screen-banner top" aria-hidden="true">${banner}</div>
${front}${briefs.join('\n')}
${sourcesAppendix(document.sources, document.book)}
<div class="screen-banner bottom" aria-hidden="true">${banner}</div>
</body>
</html>
`;
}
