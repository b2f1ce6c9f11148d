import type { ExportFormat } from '../../../../shared/model/settings';
import type { PrintDocument } from './printDocument';

/** What rendering reports while it works, and how it learns it was cancelled. */
export interface RenderContext {
  readonly signal: AbortSignal;
  /** `done` of `total` steps of this rendering, and what it is doing in words ("Laying out pages"). */
  progress(done: number, total: number, phrase: string): void;
}

export interface RenderedFile {
  bytes: Uint8Array;
  /** What the analyst should know about this file: "Note 4 did not fit on its call's page, so the notes are endnotes." */
  notices: string[];
}

/** One format: `render(document) → bytes`. Every format reads the same PrintDocument; none reads a brief itself. */
export interface Exporter {
  readonly format: ExportFormat;
  /** Without the dot: "pdf". */
  readonly extension: string;
  readonly mimeType: string;
  /** Whether it can bind several briefs into one book (PDF and DOCX). */
  readonly books: boolean;
  render(document: PrintDocument, context: RenderContext): Promise<RenderedFile>;
}
