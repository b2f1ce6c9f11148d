/**
 * The one print rendering of a brief (or a briefing book): what every format (PDF, DOCX, Markdown, HTML) renders
 * from. It is built in the host from the saved editor state (`briefReader.ts`), with every fact reference already
 * turned into a numbered citation (`citations.ts`), so a format only lays out; it never decides what is cited.
 * Every string in it is the analyst's or a file's text, unescaped: each format escapes for itself.
 */

export interface TextFormat {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  code: boolean;
  subscript: boolean;
  superscript: boolean;
}

export type Inline =
  | { kind: 'text'; text: string; format: TextFormat }
  /** Only `https:`, `http:` and `mailto:` URLs reach here (shared/lib/safeUrl); others are printed as their text. */
  | { kind: 'link'; url: string; children: Inline[] }
  /**
   * A fact reference: the words the analyst wrote, then the call to note `note` (of the brief it is in). The first
   * call of a note is `first`; later mentions of the same fact call the same note again.
   */
  | { kind: 'citation'; text: string; format: TextFormat; note: number; first: boolean }
  | { kind: 'lineBreak' };

export interface ListItem {
  children: Inline[];
  /** Lists nested inside this item. */
  lists: ListBlock[];
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  start: number;
  items: ListItem[];
}

export interface TableCell {
  header: boolean;
  blocks: Block[];
}

export type Block =
  /** `anchor` is unique in the document: the id the outline, the table of contents and links use. */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[]; anchor: string }
  | { kind: 'paragraph'; children: Inline[]; align: 'start' | 'center' | 'end' | 'justify' }
  | { kind: 'quote'; children: Inline[] }
  | ListBlock
  | { kind: 'table'; rows: TableCell[][] }
  | { kind: 'rule' };

/** A source as notes and the Sources appendix cite it. Missing metadata is undefined, never the word "unknown". */
export interface CitedSource {
  id: string;
  title: string;
  publisher: string | undefined;
  /** As the source file has it ("2019-02-28"); `displayDate` is how it prints ("February 28, 2019"). */
  publishedAt: string | undefined;
  displayDate: string | undefined;
  kind: string;
}

/**
 * One note: the fact, and, when the fact is anchored in a source, that source and the exact supporting words.
 * `shortened` is set when an earlier note (in the same brief) already cited the same source in full.
 */
export interface Note {
  number: number;
  factId: string;
  factLabel: string;
  factSummary: string;
  source: CitedSource | undefined;
  quote: string | undefined;
  shortened: boolean;
  /** The note as one line of plain text in Chicago notes style, for formats and readers that want it whole. */
  text: string;
}

export interface PrintBrief {
  id: string;
  title: string;
  author: string;
  /** The brief's last save, as it prints: "1 March 2019". */
  date: string;
  classification: string;
  blocks: Block[];
  /** In number order: notes[i].number === i + 1. */
  notes: Note[];
}

export type NotePlacement = 'foot' | 'end';
export type PaperSize = 'A4' | 'Letter';

export interface PrintOptions {
  notes: NotePlacement;
  paper: PaperSize;
  includeSources: boolean;
}

export interface PrintDocument {
  /** The document's title: the brief's, or the book's ("Briefing book: 3 briefs"). */
  title: string;
  author: string;
  /** What the PDF's and DOCX's subject property says. */
  subject: string;
  /** BCP 47, for the PDF's and DOCX's language. */
  language: string;
  /** Printed top and bottom of every page: the brief's, or for a book the first brief's when all agree, else all. */
  classification: string;
  /** One brief, or the book's briefs in order, each numbering its own notes from 1. */
  briefs: PrintBrief[];
  /** True for a briefing book: a cover and a table of contents come first. */
  book: boolean;
  /** Every cited source once, in order of first citation; empty when the Sources appendix is not wanted. */
  sources: CitedSource[];
  options: PrintOptions;
}

export const PLAIN: TextFormat = {
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  code: false,
  subscript: false,
  superscript: false,
};

/** Where a call links to and where its note links back to: ids unique across a book's briefs. */
export function noteAnchor(briefIndex: number, note: number): string {
  return `note-${briefIndex + 1}-${note}`;
}

export function callAnchor(briefIndex: number, note: number): string {
  return `call-${briefIndex + 1}-${note}`;
}

/** The plain text of a run of inlines, with citations as their words (no number): headings in outlines, alt text. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
        case 'citation':
          return inline.text;
        case 'link':
          return inlineText(inline.children);
        case 'lineBreak':
          return ' ';
      }
    })
    .join('');
}
