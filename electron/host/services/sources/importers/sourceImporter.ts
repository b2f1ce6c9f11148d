import { AppError } from '../../../../../shared/contract/define';
import type { PageRange, ParagraphRange, Source } from '../../../../../shared/model/source';

/** What an import job hands an importer: the job's signal (stop at the next step once aborted) and its progress reporter. */
export interface ImportContext {
  readonly signal: AbortSignal;
  progress(done: number, total: number, phrase: string): void;
}

/** A file's text and what it says about itself, before it has an id or a checksum (see sourceFromImport). */
export interface ImportedSource {
  title: string;
  publisher?: string;
  author?: string;
  publishedAt?: string;
  url?: string;
  kind: Source['kind'];
  /** The canonical text: the one every anchor, paragraph and page range counts UTF-16 offsets in. */
  text: string;
  paragraphs: ParagraphRange[];
  /** PDFs only: each page's range of `text`, its number and its printed label, kept for anchors. */
  pages?: PageRange[];
}

/**
 * One file format. `import` parses bytes already in memory (the caller reads the file through ConfinedFolder), never
 * touches the network or the disk, throws AppError('damaged') for input it cannot read and the signal's reason once the
 * import is cancelled.
 */
export interface SourceImporter {
  /** Lower-case file-name endings with their dot: ".md". */
  readonly extensions: readonly string[];
  /** The format in words, for messages and file dialogs: "Markdown". */
  readonly label: string;
  import(bytes: Uint8Array, fileName: string, context: ImportContext): Promise<ImportedSource>;
}

const MiB = 1024 * 1024;

/** The largest file any importer parses: a long report as PDF is a few MB; beyond this parsing would only eat memory. */
export const MAX_IMPORT_BYTES = 32 * MiB;

/** Refuses, in words and before any parsing, a file larger than MAX_IMPORT_BYTES. */
export function refuseOversized(bytes: Uint8Array, fileName: string): void {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const size = (bytes.byteLength / MiB).toFixed(1);
    throw new AppError('refused', `${fileName} is ${size} MB; Briefdesk imports files of up to ${MAX_IMPORT_BYTES / MiB} MB.`);
  }
}

/** The error for input an importer cannot read: "<file> could not be read as <format>: <why>". */
export function unreadable(fileName: string, format: string, why: string): AppError {
  return new AppError('damaged', `${fileName} could not be read as ${format}: ${why}`);
}

/** Refuses a file that yielded no text at all (a source without text has nothing to quote); `hint` says what to do. */
export function refuseEmpty(imported: ImportedSource, fileName: string, hint?: string): ImportedSource {
  if (imported.paragraphs.length === 0) throw new AppError('refused', `${fileName} holds no text to import.${hint ? ` ${hint}` : ''}`);
  return imported;
}

/** The file name without its folder and its last extension: "Hanoi summit" for "notes/Hanoi summit.txt". */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
