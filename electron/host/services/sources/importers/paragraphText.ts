import type { ParagraphRange } from '../../../../../shared/model/source';

/** Runs of white space (line breaks, tabs, no-break spaces) inside one paragraph, which a quote would not keep apart. */
const WHITE_SPACE = /\s+/g;

/**
 * Builds a canonical text one paragraph a line, as the bundled sources are written: each paragraph's white space
 * collapsed to single spaces, paragraphs separated by "\n". So `paragraphs` is exactly paragraphRanges(text), and a
 * quote taken from the text never spans a line break inside a paragraph.
 */
export class ParagraphText {
  private readonly lines: string[] = [];
  private length = 0;
  readonly paragraphs: ParagraphRange[] = [];

  /** Adds one paragraph; one that is only white space adds nothing. */
  add(paragraph: string): void {
    const line = paragraph.replace(WHITE_SPACE, ' ').trim();
    if (line.length === 0) return;
    const start = this.lines.length === 0 ? 0 : this.length + 1;
    this.lines.push(line);
    this.length = start + line.length;
    this.paragraphs.push({ start, end: this.length });
  }

  /** Where the next paragraph would start: a page's range begins here. */
  get nextStart(): number {
    return this.lines.length === 0 ? 0 : this.length + 1;
  }

  /** Where the last paragraph ends: a page's range ends here. */
  get end(): number {
    return this.length;
  }

  get text(): string {
    return this.lines.join('\n');
  }
}
