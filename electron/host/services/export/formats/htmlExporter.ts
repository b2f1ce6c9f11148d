import type { PrintAssets } from '../../../platform/printAssets';
import type { Exporter, RenderContext, RenderedFile } from '../exporter';
import type { PrintDocument } from '../printDocument';
import { renderPrintHtml } from './printHtml';

export const FOOTNOTES_ON_SCREEN_NOTICE = 'A web page has no page bottoms, so the notes are endnotes after each brief.';

/**
 * The standalone HTML: the print HTML without any script (no paginator, so always endnotes, linked both ways), one
 * file with its stylesheet and fonts inline that reads on screen and prints from a browser with its banners.
 */
export class HtmlExporter implements Exporter {
  readonly format = 'html' as const;
  readonly extension = 'html';
  readonly mimeType = 'text/html';
  readonly books = false;

  constructor(private readonly assets: () => Promise<PrintAssets>) {}

  async render(document: PrintDocument, context: RenderContext): Promise<RenderedFile> {
    context.progress(0, 1, 'Building the page');
    const assets = await this.assets();
    context.signal.throwIfAborted();
    const html = renderPrintHtml(document, assets, { notes: 'end', paginate: false });
    context.progress(1, 1, 'Done');
    return { bytes: new TextEncoder().encode(html), notices: document.options.notes === 'foot' ? [FOOTNOTES_ON_SCREEN_NOTICE] : [] };
  }
}
