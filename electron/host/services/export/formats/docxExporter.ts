import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  NoteNumberRestart,
  NumberFormat,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type IRunOptions,
  type ISectionOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import type { Exporter, RenderContext, RenderedFile } from '../exporter';
import {
  noteAnchor,
  type Block,
  type Inline,
  type ListBlock,
  type PaperSize,
  type PrintBrief,
  type PrintDocument,
  type TableCell as PrintTableCell,
  type TextFormat,
} from '../printDocument';
import { sourceEntry } from './sourceEntry';

/** Page sizes in twips (twentieths of a point), portrait. */
const PAGE_SIZES: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};

const HEADING_STYLES = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
  5: HeadingLevel.HEADING_5,
  6: HeadingLevel.HEADING_6,
} as const;

/** `start` is left to the paragraph's direction, which is the default. */
const ALIGNMENTS = {
  start: undefined,
  center: AlignmentType.CENTER,
  end: AlignmentType.END,
  justify: AlignmentType.JUSTIFIED,
} as const;

const CODE_FONT = 'Courier New';
/** Word's built-in "Quote" style, defined here so the document looks the same where Word's is not installed. */
const QUOTE_STYLE = 'Quote';
/** The book's title on its cover: not the Title style, which the table of contents lists (the briefs' titles). */
const COVER_TITLE_STYLE = 'CoverTitle';
const CONTENTS_HEADING_STYLE = 'TOCHeading';

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: QUOTE_STYLE,
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { italics: true, color: '404040' },
    paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } },
  },
  { id: COVER_TITLE_STYLE, name: 'Cover Title', basedOn: 'Normal', next: 'Normal', run: { size: 64, bold: true }, paragraph: { spacing: { before: 2400, after: 480 } } },
  { id: CONTENTS_HEADING_STYLE, name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: 32, bold: true, color: '2E74B5' }, paragraph: { spacing: { after: 240 } } },
];

/**
 * The table of contents lists the briefs' titles, then their headings one level down, as Word fills it in. docx
 * fills it in the same way when writing, so it is not empty before Word updates its page numbers.
 */
const CONTENTS_LEVELS = [
  { styleName: 'Title', level: 1 },
  { styleName: 'heading 1', level: 2 },
  { styleName: 'heading 2', level: 3 },
];

const WORD_ML = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * The document settings, written by us because docx 9.15 writes note properties only per section, and Word reads the
 * endnotes' place (end of section rather than end of document) only from here. Notes restart in every section, which
 * is every brief, and endnotes count 1, 2, 3 (Word's default is i, ii, iii). `updateFields` makes Word fill in a
 * book's table of contents (its page numbers) when it opens the file.
 */
function settingsXml(updateFields: boolean): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:settings xmlns:w="${WORD_ML}">` +
    '<w:defaultTabStop w:val="720"/>' +
    (updateFields ? '<w:updateFields w:val="true"/>' : '') +
    '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>' +
    '<w:endnotePr><w:pos w:val="sectEnd"/><w:numFmt w:val="decimal"/><w:numRestart w:val="eachSect"/></w:endnotePr>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '</w:settings>'
  );
}

function runFormat(format: TextFormat): IRunOptions {
  return {
    ...(format.bold ? { bold: true } : {}),
    ...(format.italic ? { italics: true } : {}),
    ...(format.underline ? { underline: {} } : {}),
    ...(format.strikethrough ? { strike: true } : {}),
    ...(format.code ? { font: CODE_FONT } : {}),
    ...(format.subscript ? { subScript: true } : {}),
    ...(format.superscript ? { superScript: true } : {}),
  };
}

/** A decimal list starting at `start`, at every level, each level indented further. */
function orderedListDefinition(start: number): NumberingDefinition {
  return {
    reference: `ordered-from-${start}`,
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      format: LevelFormat.DECIMAL,
      text: `%${level + 1}.`,
      start,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    })),
  };
}

/**
 * Word bookmark names: a letter first, then letters, digits and underscores, at most 40 characters. The print
 * document's anchors are unique but may hold other characters, so each gets a name of its own.
 */
class BookmarkNames {
  private readonly byAnchor = new Map<string, string>();
  private readonly taken = new Set<string>();

  nameOf(anchor: string): string {
    const known = this.byAnchor.get(anchor);
    if (known !== undefined) return known;
    const base = `b_${anchor.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 34);
    let name = base;
    for (let suffix = 2; this.taken.has(name); suffix += 1) name = `${base}_${suffix}`;
    this.taken.add(name);
    this.byAnchor.set(anchor, name);
    return name;
  }
}

type NoteContents = Record<string, { children: Paragraph[] }>;

/** One rendering: the notes and lists it has made so far, and the ids they were given. */
class DocxWriter {
  private readonly notes: NoteContents = {};
  private readonly bookmarks = new BookmarkNames();
  private readonly orderedLists = new Map<number, NumberingDefinition>();
  private listInstances = 0;
  /** Word note ids are unique across the document: brief i's note n is firstNoteId[i] + n - 1. */
  private readonly firstNoteId: number[];
  private readonly endnotes: boolean;

  constructor(private readonly document: PrintDocument) {
    this.endnotes = document.options.notes === 'end';
    let next = 1;
    this.firstNoteId = document.briefs.map((brief) => {
      const first = next;
      next += brief.notes.length;
      return first;
    });
  }

  private page(): ISectionOptions['properties'] {
    return { page: { size: PAGE_SIZES[this.document.options.paper] } };
  }

  /** The classification banner (top and bottom of every page) and "Page X of Y": later sections inherit them. */
  private headerAndFooter(): Pick<ISectionOptions, 'headers' | 'footers'> {
    const banner = (): Paragraph => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: this.document.classification, bold: true })] });
    const pageOf = new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] });
    return { headers: { default: new Header({ children: [banner()] }) }, footers: { default: new Footer({ children: [banner(), pageOf] }) } };
  }

  coverSection(): ISectionOptions {
    const { document } = this;
    const briefList = this.nextListNumbering(1, 0);
    return {
      properties: this.page(),
      children: [
        new Paragraph({ style: COVER_TITLE_STYLE, children: [new TextRun(document.title)] }),
        ...(document.author ? [new Paragraph({ children: [new TextRun(document.author)] })] : []),
        new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: document.classification, bold: true })] }),
        ...document.briefs.map((brief) => {
          const byline = [brief.author, brief.date].filter(Boolean).join(', ');
          return new Paragraph({ numbering: briefList, children: [new TextRun({ text: brief.title, bold: true }), ...(byline ? [new TextRun(`, ${byline}`)] : [])] });
        }),
        new Paragraph({ style: CONTENTS_HEADING_STYLE, pageBreakBefore: true, children: [new TextRun('Contents')] }),
        new TableOfContents('Contents', { hyperlink: true, stylesWithLevels: CONTENTS_LEVELS }),
      ],
    };
  }

  /** A brief in a section of its own, on a new page, numbering its notes from 1 (Word restarts them per section). */
  briefSection(brief: PrintBrief, briefIndex: number): ISectionOptions {
    this.writeNotes(brief, briefIndex);
    const byline = [brief.author, brief.date].filter(Boolean).join(' · ');
    return {
      properties: {
        ...this.page(),
        type: SectionType.NEXT_PAGE,
        footnoteProperties: { restart: NoteNumberRestart.EACH_SECTION },
        // Word numbers endnotes i, ii, iii unless told otherwise; the later calls print 1, 2, 3.
        endnoteProperties: { numberFormat: { type: NumberFormat.DECIMAL }, restart: NoteNumberRestart.EACH_SECTION },
      },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(brief.title)] }),
        ...(byline ? [new Paragraph({ children: [new TextRun(byline)] })] : []),
        new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: brief.classification, bold: true })] }),
        ...this.blocks(brief.blocks, briefIndex),
        // Word sets a section's endnotes right after its last paragraph: under this heading.
        ...(this.endnotes && brief.notes.length > 0 ? [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Notes')] })] : []),
      ],
    };
  }

  sourcesSection(): ISectionOptions {
    return {
      properties: { ...this.page(), type: SectionType.NEXT_PAGE },
      children: [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Sources')] }),
        ...this.document.sources.map((source) => {
          const { title, details } = sourceEntry(source);
          return new Paragraph({ indent: { left: 720, hanging: 720 }, children: [new TextRun({ text: title, italics: true }), new TextRun(details)] });
        }),
      ],
    };
  }

  build(sections: ISectionOptions[]): Document {
    const { document } = this;
    const [first, ...rest] = sections;
    return new Document({
      title: document.title,
      subject: document.subject,
      creator: document.author,
      description: `Classification: ${document.classification}`,
      lastModifiedBy: 'Briefdesk',
      styles: { default: { document: { run: { language: { value: document.language } }, paragraph: { spacing: { after: 120 } } } }, paragraphStyles: PARAGRAPH_STYLES },
      ...(this.endnotes ? { endnotes: this.notes } : { footnotes: this.notes }),
      sections: first ? [{ ...first, ...this.headerAndFooter() }, ...rest] : [],
    });
  }

  private noteId(briefIndex: number, note: number): number {
    return (this.firstNoteId[briefIndex] ?? 1) + note - 1;
  }

  /** Each note once, as a Word footnote or endnote, its text bookmarked for the later calls that link to it. */
  private writeNotes(brief: PrintBrief, briefIndex: number): void {
    for (const note of brief.notes) {
      const text = new Bookmark({ id: this.bookmarks.nameOf(noteAnchor(briefIndex, note.number)), children: [new TextRun(note.text)] });
      this.notes[this.noteId(briefIndex, note.number)] = { children: [new Paragraph({ children: [new TextRun(' '), text] })] };
    }
  }

  /**
   * The first call of a note is Word's own note reference (Word numbers it); a later call of the same note prints
   * its number, linked to the note, except inside a link, where a second link cannot go.
   */
  private noteCall(briefIndex: number, note: number, first: boolean, inLink: boolean): ParagraphChild {
    const id = this.noteId(briefIndex, note);
    if (first) return this.endnotes ? new EndnoteReferenceRun(id) : new FootnoteReferenceRun(id);
    const number = new TextRun({ text: String(note), superScript: true });
    return inLink ? number : new InternalHyperlink({ anchor: this.bookmarks.nameOf(noteAnchor(briefIndex, note)), children: [number] });
  }

  private inlines(inlines: readonly Inline[], briefIndex: number, inLink = false): ParagraphChild[] {
    const linkStyle = inLink ? { style: 'Hyperlink' } : {};
    return inlines.flatMap((inline): ParagraphChild[] => {
      switch (inline.kind) {
        case 'text':
          return [new TextRun({ text: inline.text, ...runFormat(inline.format), ...linkStyle })];
        case 'citation':
          return [new TextRun({ text: inline.text, ...runFormat(inline.format), ...linkStyle }), this.noteCall(briefIndex, inline.note, inline.first, inLink)];
        case 'link':
          return [new ExternalHyperlink({ link: inline.url, children: this.inlines(inline.children, briefIndex, true) })];
        case 'lineBreak':
          return [new TextRun({ break: 1 })];
      }
    });
  }

  private blocks(blocks: readonly Block[], briefIndex: number): (Paragraph | Table)[] {
    return blocks.flatMap((block): (Paragraph | Table)[] => {
      switch (block.kind) {
        case 'heading':
          return [new Paragraph({ heading: HEADING_STYLES[block.level], children: this.inlines(block.children, briefIndex) })];
        case 'paragraph': {
          const alignment = ALIGNMENTS[block.align];
          return [new Paragraph({ ...(alignment ? { alignment } : {}), children: this.inlines(block.children, briefIndex) })];
        }
        case 'quote':
          return [new Paragraph({ style: QUOTE_STYLE, children: this.inlines(block.children, briefIndex) })];
        case 'list':
          return this.list(block, briefIndex, 0);
        case 'table':
          return this.table(block.rows, briefIndex);
        case 'rule':
          return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } }, children: [] })];
      }
    });
  }

  /** A new list (numbered from `start`) at `level`: paragraphs given the same numbering are one list. */
  private nextListNumbering(start: number, level: number): { reference: NumberingDefinition; level: number; instance: number } {
    let reference = this.orderedLists.get(start);
    if (!reference) {
      reference = orderedListDefinition(start);
      this.orderedLists.set(start, reference);
    }
    this.listInstances += 1;
    return { reference, level, instance: this.listInstances };
  }

  private list(list: ListBlock, briefIndex: number, level: number): Paragraph[] {
    const numbering = list.ordered ? this.nextListNumbering(list.start, level) : undefined;
    return list.items.flatMap((item) => [
      new Paragraph({ ...(numbering ? { numbering } : { bullet: { level } }), children: this.inlines(item.children, briefIndex) }),
      ...item.lists.flatMap((nested) => this.list(nested, briefIndex, Math.min(level + 1, 8))),
    ]);
  }

  /** The leading rows of header cells repeat at the top of every page the table runs onto. */
  private table(rows: readonly (readonly PrintTableCell[])[], briefIndex: number): Table[] {
    const nonEmpty = rows.filter((cells) => cells.length > 0);
    if (nonEmpty.length === 0) return [];
    const headerRows = nonEmpty.findIndex((cells) => !cells.every((cell) => cell.header));
    return [
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: nonEmpty.map(
          (cells, index) =>
            new TableRow({
              ...(headerRows === -1 || index < headerRows ? { tableHeader: true } : {}),
              children: cells.map((cell) => {
                const children = this.blocks(cell.blocks, briefIndex);
                // Word cannot open a cell that does not end with a paragraph.
                if (!(children.at(-1) instanceof Paragraph)) children.push(new Paragraph({ children: [] }));
                return new TableCell({ ...(cell.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } } : {}), children });
              }),
            }),
        ),
      }),
    ];
  }
}

/** Word documents: real footnotes or endnotes, Word's own heading and list styles, and for a book a cover and contents. */
export const docxExporter: Exporter = {
  format: 'docx',
  extension: 'docx',
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  books: true,

  async render(document: PrintDocument, context: RenderContext): Promise<RenderedFile> {
    const writer = new DocxWriter(document);
    const steps = (document.book ? 1 : 0) + document.briefs.length + (document.sources.length > 0 ? 1 : 0) + 1;
    let done = 0;
    const step = (phrase: string): void => {
      context.signal.throwIfAborted();
      context.progress(done, steps, phrase);
      done += 1;
    };
    const sections: ISectionOptions[] = [];
    if (document.book) {
      step('Writing the cover and contents');
      sections.push(writer.coverSection());
    }
    document.briefs.forEach((brief, index) => {
      step(`Writing brief ${index + 1} of ${document.briefs.length}`);
      sections.push(writer.briefSection(brief, index));
    });
    if (document.sources.length > 0) {
      step('Writing the sources');
      sections.push(writer.sourcesSection());
    }
    step('Packing the Word document');
    const bytes = await Packer.toBuffer(writer.build(sections), false, [{ path: 'word/settings.xml', data: settingsXml(document.book) }]);
    context.signal.throwIfAborted();
    context.progress(steps, steps, 'Word document ready');
    return { bytes, notices: [] };
  },
};
