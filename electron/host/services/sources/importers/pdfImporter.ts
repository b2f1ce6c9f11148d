import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { z } from 'zod';
import { AppError } from '../../../../../shared/contract/define';
import type { PageRange } from '../../../../../shared/model/source';
import { untilAborted } from '../../../platform/abortable';
import { ParagraphText } from './paragraphText';
import { fileStem, refuseEmpty, refuseOversized, unreadable, type ImportedSource, type SourceImporter } from './sourceImporter';

const FORMAT = 'a PDF';

/** A PDF starts with "%PDF-" (readers allow it within the first 1024 bytes) and ends with "%%EOF" (likewise, the last). */
const MARKER_WINDOW = 1024;

function contains(bytes: Uint8Array, marker: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker, 0, 'latin1');
}

/** Refuses, before pdf.js sees it, a file that is no PDF or was cut short (a download that broke off). */
function checkMarkers(bytes: Uint8Array, fileName: string): void {
  if (!contains(bytes.subarray(0, MARKER_WINDOW), '%PDF-')) throw unreadable(fileName, FORMAT, 'it does not start like a PDF file (no "%PDF-" header).');
  if (!contains(bytes.subarray(Math.max(0, bytes.length - MARKER_WINDOW)), '%%EOF')) {
    throw unreadable(fileName, FORMAT, 'it is cut short (no "%%EOF" end marker): it may not have been copied or downloaded whole.');
  }
}

/** The document information dictionary, as far as Briefdesk uses it; anything else in it, or a wrong type, is ignored. */
const DocumentInfoSchema = z.object({ Title: z.string().optional().catch(undefined), Author: z.string().optional().catch(undefined) }).catch({});

/** One line of a page as pdf.js reports it: text up to an item with `hasEOL`, the baseline of its first item, its font size. */
interface Line {
  text: string;
  baseline: number;
  size: number;
}

function linesOf(items: ReadonlyArray<TextItem | TextMarkedContent>): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  for (const item of items) {
    if (!('str' in item)) continue;
    // An empty item with hasEOL stands at the next line's position: only items with text say where a line is.
    if (item.str.length > 0) {
      line ??= { text: '', baseline: Number(item.transform[5]), size: 0 };
      line.text += item.str;
      line.size = Math.max(line.size, item.height);
    }
    if (item.hasEOL && line) {
      lines.push(line);
      line = undefined;
    }
  }
  if (line) lines.push(line);
  return lines.filter((each) => each.text.trim().length > 0);
}

/**
 * Lines of one paragraph are one line-height apart (1.2–1.6 font sizes); a paragraph's first line is further down (by
 * its margin), in another size (a heading), or not below at all (the next column).
 */
const PARAGRAPH_GAP = 1.75;
const SIZE_CHANGE = 1.2;

function startsParagraph(previous: Line, line: Line): boolean {
  const gap = previous.baseline - line.baseline;
  const ratio = Math.max(previous.size, line.size) / Math.max(Math.min(previous.size, line.size), Number.MIN_VALUE);
  return gap <= 0 || line.size === 0 || ratio > SIZE_CHANGE || gap > PARAGRAPH_GAP * line.size;
}

/** A page's lines joined into paragraphs: a line ending in a hyphen joins the next without a space, others with one. */
function paragraphsOf(lines: readonly Line[]): string[] {
  const paragraphs: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const text = line.text.trim();
    if (previous === undefined || startsParagraph(previous, line)) paragraphs.push(text);
    else {
      const last = paragraphs.pop() ?? '';
      paragraphs.push(/\p{L}-$/u.test(last) ? `${last}${text}` : `${last} ${text}`);
    }
    previous = line;
  }
  return paragraphs;
}

function failure(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return unreadable(fileName, FORMAT, 'it is protected by a password. Save a copy without the password and import that.');
  const detail = error instanceof Error ? error.message : String(error);
  return unreadable(fileName, FORMAT, `${detail.replace(/\.$/, '')}.`);
}

/**
 * PDF through pdf.js (the legacy build, for Node), text only: per page the text items (a line ends at `hasEOL`), lines
 * joined into paragraphs by their spacing, and each page's range of the text kept with its number and printed label,
 * so an anchor can name its page. pdf.js gets the bytes in memory and nothing else: no font, CMap or wasm files, no
 * fetch, no font faces, no eval (6.x has no eval path left; `isEvalSupported` is gone). A PDF with pages of images only
 * (a scan) has no text to import.
 */
export const pdfImporter: SourceImporter = {
  extensions: ['.pdf'],
  label: 'PDF',
  async import(bytes, fileName, { signal, progress }): Promise<ImportedSource> {
    signal.throwIfAborted();
    refuseOversized(bytes, fileName);
    checkMarkers(bytes, fileName);
    progress(0, 1, `Opening ${fileName}`);
    // Loaded at the first PDF: pdf.js is large and most sessions import none.
    const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = getDocument({
      // pdf.js takes over the buffer it is given: hand it a copy so the caller's bytes stay as they were.
      data: bytes.slice(),
      stopAtErrors: true,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      useWasm: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      enableXfa: false,
      verbosity: VerbosityLevel.ERRORS,
    });
    try {
      const document = await untilAborted(task.promise, signal);
      const [labels, metadata] = await untilAborted(Promise.all([document.getPageLabels(), document.getMetadata()]), signal);
      const info = DocumentInfoSchema.parse(metadata.info);
      const text = new ParagraphText();
      const pages: PageRange[] = [];
      for (let number = 1; number <= document.numPages; number++) {
        progress(number - 1, document.numPages, `Reading page ${number} of ${document.numPages} of ${fileName}`);
        const page = await untilAborted(document.getPage(number), signal);
        const content = await untilAborted(page.getTextContent(), signal);
        page.cleanup();
        const before = text.paragraphs.length;
        const start = text.nextStart;
        for (const paragraph of paragraphsOf(linesOf(content.items))) text.add(paragraph);
        const range = text.paragraphs.length > before ? { start, end: text.end } : { start: text.end, end: text.end };
        const label = labels?.[number - 1]?.trim();
        pages.push({ ...range, number, ...(label ? { label } : {}) });
      }
      progress(document.numPages, document.numPages, `Read ${fileName}`);
      const imported: ImportedSource = {
        title: info.Title?.replace(/\s+/g, ' ').trim() || fileStem(fileName),
        author: info.Author?.replace(/\s+/g, ' ').trim() || undefined,
        kind: 'report',
        text: text.text,
        paragraphs: text.paragraphs,
        pages,
      };
      return refuseEmpty(imported, fileName, 'Its pages may be scanned images: Briefdesk reads a PDF’s text, not pictures of text.');
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw failure(error, fileName);
    } finally {
      await task.destroy();
    }
  },
};
