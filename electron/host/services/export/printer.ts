import type { PaperSize } from './printDocument';

/** One page of print HTML to turn into a PDF. */
export interface PrintRequest {
  /** A complete, self-contained HTML document (inline CSS and fonts, no remote resource). */
  html: string;
  paper: PaperSize;
  /**
   * True when the HTML carries the bundled paginator (pagedjs) and must run it before printing: the only case in
   * which the page may run JavaScript. The printer waits for `window.__briefdeskLayout` (see LAYOUT_RESULT_GLOBAL).
   */
  paginate: boolean;
  /** The PDF's title; the printer's tagging and outline use the document's headings. */
  title: string;
}

/** What the paginator found after laying out the pages (absent when nothing was paginated). */
export interface PageLayout {
  pageCount: number;
  /** The ids of notes whose text is not on the page of their first call. */
  notesAwayFromCall: string[];
  /** The page each heading landed on, by its anchor id: the table of contents' page numbers. */
  headingPages: Record<string, number>;
}

export interface PrintedPdf {
  /** Chromium's PDF, tagged and with an outline from the headings, before the metadata is set. */
  pdf: Uint8Array;
  layout: PageLayout | undefined;
}

/**
 * Prints HTML to PDF with Chromium. Two implementations: the desktop app's hidden window
 * (`webContents.printToPDF`, electron/main/pdf.ts) and the Node host's playwright-core with Debian's Chromium
 * (electron/host/platform/chromiumPrinter.ts). Both tag the PDF and generate its outline: the outline is silently
 * dropped unless tagging is on too.
 */
export interface PdfPrinter {
  print(request: PrintRequest, signal: AbortSignal): Promise<PrintedPdf>;
  /** Frees the browser, if one was started; printing again starts it again. */
  close(): Promise<void>;
}

/** The global the print page sets, once the paginator is done, to its PageLayout. */
export const LAYOUT_RESULT_GLOBAL = '__briefdeskLayout';
