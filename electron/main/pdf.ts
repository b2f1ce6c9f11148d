import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import { untilAborted } from '../host/platform/abortable';
import { LAYOUT_TIMEOUT_MS, waitForLayout } from '../host/services/export/formats/layoutProbe';
import { LAYOUT_RESULT_GLOBAL, type PdfPrinter, type PrintedPdf, type PrintRequest } from '../host/services/export/printer';
import { APP_SCHEME } from './securityPolicy';

/** In memory (no `persist:`), and nobody else's: the print pages share no storage, cache or handler with the app. */
const PRINT_PARTITION = 'briefdesk-print';
/**
 * The print HTML is served from `app://print/<token>` on the print session only: a data: URL would be simpler, but
 * Chromium refuses URLs over 2 MB and the HTML with its paginator and fonts is about that already.
 */
const PRINT_ORIGIN = `${APP_SCHEME}://print`;

/** What a print page may load: the print page being printed, and data: URLs (its fonts). */
function isPrintRequestAllowed(url: string, served: ReadonlyMap<string, string>): boolean {
  return url.startsWith('data:') || served.has(url);
}

export interface ElectronPdfPrinterOptions {
  layoutTimeoutMs?: number;
}

/** The HTML of each print under way (of every printer), by the URL it is served at. */
const servedPages = new Map<string, string>();
let printSession: Session | undefined;

/** Set up once per process: a session's protocol handler can be registered only once. */
function sessionForPrinting(): Session {
  if (!printSession) {
    const configured = session.fromPartition(PRINT_PARTITION);
    // The page itself and its data: fonts, nothing else: no remote resource, no other app: page.
    configured.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintRequestAllowed(details.url, servedPages) }));
    configured.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
    configured.setPermissionCheckHandler(() => false);
    configured.protocol.handle(APP_SCHEME, (request) => {
      const html = servedPages.get(request.url);
      if (html === undefined) return new Response('Not found', { status: 404 });
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' } });
    });
    printSession = configured;
  }
  return printSession;
}

/**
 * The desktop app's PdfPrinter: a hidden, sandboxed window with no preload, JavaScript only when the paginator must
 * run, on a session of its own where every request that is not the print page itself is cancelled.
 */
export class ElectronPdfPrinter implements PdfPrinter {
  private readonly windows = new Set<BrowserWindow>();
  private readonly layoutTimeoutMs: number;

  constructor(options: ElectronPdfPrinterOptions = {}) {
    this.layoutTimeoutMs = options.layoutTimeoutMs ?? LAYOUT_TIMEOUT_MS;
  }

  async print(request: PrintRequest, signal: AbortSignal): Promise<PrintedPdf> {
    signal.throwIfAborted();
    const url = `${PRINT_ORIGIN}/${randomUUID()}`;
    servedPages.set(url, request.html);
    const window = new BrowserWindow({
      show: false,
      width: 1024,
      height: 1400,
      title: request.title,
      webPreferences: {
        session: sessionForPrinting(),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        javascript: request.paginate,
        spellcheck: false,
        // Nobody clicks in a hidden window: no middle-click may open one.
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.windows.add(window);
    // Cancelling destroys the window and returns at once, whatever the window was in (loading, layout, printing).
    const destroy = (): void => {
      if (!window.isDestroyed()) window.destroy();
    };
    signal.addEventListener('abort', destroy, { once: true });
    try {
      return await untilAborted(this.printIn(window, url, request, signal), signal);
    } finally {
      signal.removeEventListener('abort', destroy);
      servedPages.delete(url);
      this.windows.delete(window);
      destroy();
    }
  }

  private async printIn(window: BrowserWindow, url: string, request: PrintRequest, signal: AbortSignal): Promise<PrintedPdf> {
    await window.loadURL(url);
    const layout = request.paginate
      ? await waitForLayout(() => window.webContents.executeJavaScript(`window[${JSON.stringify(LAYOUT_RESULT_GLOBAL)}]`) as Promise<unknown>, signal, this.layoutTimeoutMs)
      : undefined;
    const pdf = await window.webContents.printToPDF({
      pageSize: request.paper,
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), layout };
  }

  async close(): Promise<void> {
    for (const window of this.windows) if (!window.isDestroyed()) window.destroy();
    this.windows.clear();
  }
}
