import { paragraphRanges } from '../../../../../shared/lib/catalogueChecks';
import type { ParagraphRange } from '../../../../../shared/model/source';
import { fileStem, refuseEmpty, refuseOversized, type ImportedSource, type SourceImporter } from './sourceImporter';
import { decodeUtf8Text, normaliseLineEnds } from './utf8Text';

/** A first line this short, not ending like a sentence, followed by more text, reads as a headline. */
const HEADLINE_CHARS = 120;

function headline(text: string, paragraphs: readonly ParagraphRange[]): string | undefined {
  const [first, second] = paragraphs;
  if (!first || !second) return undefined;
  const line = text.slice(first.start, first.end).trim();
  return line.length <= HEADLINE_CHARS && !/[.,;:!?…"'’”)]$/.test(line) ? line : undefined;
}

/**
 * Plain text, kept as it is apart from a byte order mark and line ends ("\r\n" and "\r" become "\n"), so a text
 * made with scripts/make-source.ts and the same file imported here are one text. A paragraph is a non-blank line.
 */
export const textImporter: SourceImporter = {
  extensions: ['.txt'],
  label: 'plain text',
  async import(bytes, fileName, { signal, progress }): Promise<ImportedSource> {
    signal.throwIfAborted();
    refuseOversized(bytes, fileName);
    progress(0, 1, `Reading ${fileName}`);
    const text = normaliseLineEnds(decodeUtf8Text(bytes, fileName, 'UTF-8 text'));
    const paragraphs = paragraphRanges(text);
    signal.throwIfAborted();
    progress(1, 1, `Read ${fileName}`);
    return refuseEmpty({ title: headline(text, paragraphs) ?? fileStem(fileName), kind: 'other', text, paragraphs }, fileName);
  },
};
