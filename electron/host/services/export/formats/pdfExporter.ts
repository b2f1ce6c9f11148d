import type { PrintAssets } from '../../../platform/printAssets';
import type { Exporter, RenderContext, RenderedFile } from '../exporter';
import type { PdfPrinter, PrintedPdf } from '../printer';
import { noteAnchor, type NotePlacement, type PrintDocument } from '../printDocument';
import { renderPrintHtml } from './printHtml';

export const PDF_CREATOR = 'Briefdesk';

/** The steps of one rendering, as progress reports them: the re-layout with endnotes adds one. */
const STEPS = { build: 0, print: 1, metadata: 2, done: 3 } as const;

/** How the notice names a note: "note 3", or in a book "note 3 of “Second brief”". */
function noteNames(document: PrintDocument): Map<string, string> {
  const names = new Map<string, string>();
  document.briefs.forEach((brief, briefIndex) => {
    for (const note of brief.notes) {
      names.set(noteAnchor(briefIndex, note.number), document.book ? `note ${note.number} of “${brief.title}”` : `note ${note.number}`);
    }
  });
  return names;
}

function listed(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function awayNotice(document: PrintDocument, awayIds: readonly string[]): string {
  const names = noteNames(document);
  const away = awayIds.map((id) => names.get(id) ?? id);
  const subject = away.length === 1 ? `${capitalised(away[0]!)} did not fit on the page of its first call` : `${capitalised(listed(away))} did not fit on the pages of their first calls`;
  return `${subject}, so the notes are printed as endnotes after each brief.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Sets what Chromium cannot: the document's properties (it writes only the Title, and its user agent as Creator and
 * Producer). Loaded without pdf-lib's own metadata update and saved without object streams, so the tag tree
 * (/StructTreeRoot, /MarkInfo) and the outline Chromium wrote are kept as they are.
 */
export async function withDocumentProperties(pdf: Uint8Array, document: PrintDocument): Promise<Uint8Array> {
  // At full speed: pdf-lib otherwise yields to the event loop every 100 objects, a third of the time on a long brief.
  const { ParseSpeeds, PDFDocument } = await import('pdf-lib');
  const file = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  file.setTitle(document.title, { showInWindowTitleBar: true });
  if (document.author.trim() !== '') file.setAuthor(document.author);
  if (document.subject.trim() !== '') file.setSubject(document.subject);
  // The classification as a keyword too, where tools that sort files by their properties look for it.
  if (document.classification.trim() !== '') file.setKeywords([document.classification]);
  file.setLanguage(document.language);
  file.setCreator(PDF_CREATOR);
  file.setProducer(PDF_CREATOR);
  file.setModificationDate(new Date());
  return file.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/**
 * The PDF: the print HTML printed by Chromium (through the PdfPrinter it is given), then given its properties.
 * Page-bottom notes are laid out by pagedjs; a note that does not land on its call's page makes the whole document
 * fall back to endnotes, with a notice saying which notes did not fit. A book is always paginated, for the page
 * numbers of its table of contents.
 */
export class PdfExporter implements Exporter {
  readonly format = 'pdf' as const;
  readonly extension = 'pdf';
  readonly mimeType = 'application/pdf';
  readonly books = true;

  constructor(
    private readonly printer: PdfPrinter,
    private readonly assets: () => Promise<PrintAssets>,
  ) {}

  async render(document: PrintDocument, context: RenderContext): Promise<RenderedFile> {
    const { signal } = context;
    const foot = document.options.notes === 'foot';
    let total: number = STEPS.done;
    context.progress(STEPS.build, total, 'Building the pages');
    const assets = await this.assets();
    signal.throwIfAborted();
    const notices: string[] = [];

    let printed = await this.print(document, assets, document.options.notes, context, total);
    const away = printed.layout?.notesAwayFromCall ?? [];
    if (foot && away.length > 0) {
      notices.push(awayNotice(document, away));
      total += 1;
      printed = await this.print(document, assets, 'end', context, total);
    }

    context.progress(total - 1, total, 'Setting the document properties');
    const bytes = await withDocumentProperties(printed.pdf, document);
    signal.throwIfAborted();
    context.progress(total, total, 'Done');
    return { bytes, notices };
  }

  private async print(document: PrintDocument, assets: PrintAssets, notes: NotePlacement, context: RenderContext, total: number): Promise<PrintedPdf> {
    const paginate = notes === 'foot' || document.book;
    const html = renderPrintHtml(document, assets, { notes, paginate });
    const step = notes === document.options.notes ? STEPS.print : STEPS.print + 1;
    const phrase = notes === document.options.notes ? (paginate ? 'Laying out and printing the pages' : 'Printing the pages') : 'Laying out again with endnotes';
    context.progress(step, total, phrase);
    context.signal.throwIfAborted();
    return this.printer.print({ html, paper: document.options.paper, paginate, title: document.title }, context.signal);
  }
}
