import type { BlockContent, FootnoteDefinition, List, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { Exporter, RenderContext, RenderedFile } from '../exporter';
import { PLAIN, type Block, type Inline, type ListBlock, type PrintBrief, type PrintDocument, type TableCell, type TextFormat } from '../printDocument';
import { sourceEntry } from './sourceEntry';

/** A piece of phrasing and the format it prints in (a link or a line break has none of its own). */
interface Piece {
  node: PhrasingContent;
  format: TextFormat;
}

interface Wrapper {
  has(format: TextFormat): boolean;
  wrap(children: PhrasingContent[]): PhrasingContent;
}

/** Outermost first: neighbouring pieces in the same format share one wrapper, so `**a _b_**` is not `**a** **_b_**`. */
const WRAPPERS: readonly Wrapper[] = [
  { has: (format) => format.bold, wrap: (children) => ({ type: 'strong', children }) },
  { has: (format) => format.italic, wrap: (children) => ({ type: 'emphasis', children }) },
  { has: (format) => format.strikethrough, wrap: (children) => ({ type: 'delete', children }) },
];

function wrapped(pieces: readonly Piece[], wrappers: readonly Wrapper[] = WRAPPERS): PhrasingContent[] {
  const [wrapper, ...inner] = wrappers;
  if (!wrapper) return pieces.map((piece) => piece.node);
  const result: PhrasingContent[] = [];
  for (let start = 0; start < pieces.length; ) {
    const on = wrapper.has(pieces[start]!.format);
    let end = start + 1;
    while (end < pieces.length && wrapper.has(pieces[end]!.format) === on) end += 1;
    const children = wrapped(pieces.slice(start, end), inner);
    if (on) result.push(wrapper.wrap(children));
    else result.push(...children);
    start = end;
  }
  return result;
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function paragraph(children: PhrasingContent[]): BlockContent {
  return { type: 'paragraph', children };
}

/** One rendering: the brief it is in (for note identifiers) and the formats Markdown could not print. */
class MarkdownWriter {
  /** Runs in underline, subscript or superscript, which CommonMark has no syntax for: they print as plain text. */
  unprintedFormats = 0;

  constructor(private readonly document: PrintDocument) {}

  /** GFM footnote labels: the note's number, or for several briefs the brief's and the note's ("2-1"). */
  private noteIdentifier(briefIndex: number, note: number): string {
    return this.document.briefs.length === 1 ? String(note) : `${briefIndex + 1}-${note}`;
  }

  brief(brief: PrintBrief, briefIndex: number): RootContent[] {
    const byline = [brief.author, brief.date, brief.classification].filter(Boolean).join(' · ');
    const definitions = brief.notes.map(
      (note): FootnoteDefinition => {
        const identifier = this.noteIdentifier(briefIndex, note.number);
        return { type: 'footnoteDefinition', identifier, label: identifier, children: [paragraph([text(note.text)])] };
      },
    );
    return [
      { type: 'heading', depth: 1, children: [text(brief.title)] },
      ...(byline ? [paragraph([text(byline)])] : []),
      ...this.blocks(brief.blocks, briefIndex),
      ...definitions,
    ];
  }

  sources(): RootContent[] {
    return [
      { type: 'heading', depth: 2, children: [text('Sources')] },
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: this.document.sources.map((source) => {
          const { title, details } = sourceEntry(source);
          return { type: 'listItem', spread: false, children: [paragraph([{ type: 'emphasis', children: [text(title)] }, text(details)])] };
        }),
      },
    ];
  }

  private leaf(value: string, format: TextFormat): PhrasingContent {
    if (format.underline || format.subscript || format.superscript) this.unprintedFormats += 1;
    return format.code ? { type: 'inlineCode', value } : text(value);
  }

  private pieces(inlines: readonly Inline[], briefIndex: number): Piece[] {
    return inlines.flatMap((inline): Piece[] => {
      switch (inline.kind) {
        case 'text':
          return inline.text === '' ? [] : [{ node: this.leaf(inline.text, inline.format), format: inline.format }];
        case 'citation': {
          const identifier = this.noteIdentifier(briefIndex, inline.note);
          return [
            { node: this.leaf(inline.text, inline.format), format: inline.format },
            { node: { type: 'footnoteReference', identifier, label: identifier }, format: inline.format },
          ];
        }
        case 'link':
          return [{ node: { type: 'link', url: inline.url, children: this.phrasing(inline.children, briefIndex) }, format: PLAIN }];
        case 'lineBreak':
          return [{ node: { type: 'break' }, format: PLAIN }];
      }
    });
  }

  private phrasing(inlines: readonly Inline[], briefIndex: number): PhrasingContent[] {
    return wrapped(this.pieces(inlines, briefIndex));
  }

  private blocks(blocks: readonly Block[], briefIndex: number): BlockContent[] {
    return blocks.map((block): BlockContent => {
      switch (block.kind) {
        case 'heading':
          // The brief's title is the one level-1 heading: its headings sit one level below (6 is the deepest).
          return { type: 'heading', depth: Math.min(block.level + 1, 6) as 2 | 3 | 4 | 5 | 6, children: this.phrasing(block.children, briefIndex) };
        case 'paragraph':
          return paragraph(this.phrasing(block.children, briefIndex));
        case 'quote':
          return { type: 'blockquote', children: [paragraph(this.phrasing(block.children, briefIndex))] };
        case 'list':
          return this.list(block, briefIndex);
        case 'table':
          return this.table(block.rows, briefIndex);
        case 'rule':
          return { type: 'thematicBreak' };
      }
    });
  }

  private list(list: ListBlock, briefIndex: number): List {
    return {
      type: 'list',
      ordered: list.ordered,
      ...(list.ordered ? { start: list.start } : {}),
      spread: false,
      children: list.items.map((item) => ({
        type: 'listItem',
        spread: false,
        children: [paragraph(this.phrasing(item.children, briefIndex)), ...item.lists.map((nested) => this.list(nested, briefIndex))],
      })),
    };
  }

  /** A GFM table: its first row is the header row, and each cell's blocks print on one line (a table cell has no others). */
  private table(rows: readonly (readonly TableCell[])[], briefIndex: number): Table {
    const columns = Math.max(1, ...rows.map((cells) => cells.length));
    return {
      type: 'table',
      align: Array.from({ length: columns }, () => null),
      children: rows.map((cells) => ({
        type: 'tableRow',
        children: Array.from({ length: columns }, (_, column) => ({ type: 'tableCell', children: this.inOneLine(cells[column]?.blocks ?? [], briefIndex) })),
      })),
    };
  }

  private inOneLine(blocks: readonly Block[], briefIndex: number): PhrasingContent[] {
    const parts = blocks.map((block) => this.blockPhrasing(block, briefIndex)).filter((part) => part.length > 0);
    return parts.flatMap((part, index) => (index === 0 ? part : [text(' '), ...part]));
  }

  private blockPhrasing(block: Block, briefIndex: number): PhrasingContent[] {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
      case 'quote':
        return this.phrasing(block.children, briefIndex);
      case 'list':
        return this.inOneLine(
          block.items.flatMap((item): Block[] => [{ kind: 'paragraph', align: 'start', children: item.children }, ...item.lists]),
          briefIndex,
        );
      case 'table':
        return this.inOneLine(
          block.rows.flatMap((cells) => cells.flatMap((cell) => cell.blocks)),
          briefIndex,
        );
      case 'rule':
        return [];
    }
  }
}

/**
 * CommonMark with GFM footnotes, tables and strikethrough, built as an mdast tree and serialized by
 * mdast-util-to-markdown, which escapes the analyst's text: typed `[^1]`, `*`, `<b>` or backticks stay text.
 * Every call of a note is a footnote reference; each note is one footnote definition. Markdown has no pages, so
 * readers show the definitions at the end whichever note placement was chosen.
 */
export const markdownExporter: Exporter = {
  format: 'md',
  extension: 'md',
  mimeType: 'text/markdown; charset=utf-8',
  books: false,

  async render(document: PrintDocument, context: RenderContext): Promise<RenderedFile> {
    const writer = new MarkdownWriter(document);
    const steps = document.briefs.length + 1;
    const banner = (): RootContent => paragraph([{ type: 'strong', children: [text(document.classification)] }]);
    const children: RootContent[] = [banner()];
    document.briefs.forEach((brief, index) => {
      context.signal.throwIfAborted();
      context.progress(index, steps, `Writing brief ${index + 1} of ${document.briefs.length}`);
      if (index > 0) children.push({ type: 'thematicBreak' });
      children.push(...writer.brief(brief, index));
    });
    if (document.sources.length > 0) children.push(...writer.sources());
    children.push(banner());
    context.signal.throwIfAborted();
    context.progress(steps - 1, steps, 'Writing the Markdown');
    const tree: Root = { type: 'root', children };
    const markdown = toMarkdown(tree, { extensions: [gfmFootnoteToMarkdown(), gfmTableToMarkdown(), gfmStrikethroughToMarkdown()], bullet: '-', listItemIndent: 'one' });
    context.progress(steps, steps, 'Markdown ready');
    const notices =
      writer.unprintedFormats > 0
        ? [`Markdown has no underline, subscript or superscript: ${writer.unprintedFormats} ${writer.unprintedFormats === 1 ? 'passage prints' : 'passages print'} as plain text.`]
        : [];
    return { bytes: new TextEncoder().encode(markdown), notices };
  },
};
