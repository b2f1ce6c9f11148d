import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintRequest } from '../../../electron/host/services/export/printer';

// The Electron binary cannot be installed here, so `BrowserWindow` and `session` are mocked: the fakes record what the
// printer asks of them (window options, the print session's rules, printToPDF's options) and answer like Electron.
const fake = vi.hoisted(() => {
  type Handler = (request: Request) => Response | Promise<Response>;
  type Listener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
  const state = {
    windows: [] as FakeWindow[],
    partitions: [] as string[],
    handlers: new Map<string, Handler>(),
    beforeRequest: undefined as Listener | undefined,
    permissionChecks: [] as Array<() => boolean>,
    /** What the page's layout global holds, as executeJavaScript reads it. */
    layout: undefined as unknown,
    /** A page too busy to answer: executeJavaScript never settles. */
    busy: false,
    /** Set to hold printToPDF until the test releases it. */
    holdPrint: undefined as Promise<void> | undefined,
  };
  class FakeWindow {
    destroyed = false;
    url = '';
    servedHtml = '';
    readonly webContents = {
      executeJavaScript: vi.fn(() => (state.busy ? new Promise<never>(() => undefined) : Promise.resolve(state.layout))),
      printToPDF: vi.fn(async () => {
        await state.holdPrint;
        if (this.destroyed) throw new Error('Object has been destroyed');
        return Buffer.from('%PDF-1.7 fake');
      }),
    };
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
    async loadURL(url: string): Promise<void> {
      this.url = url;
      const response = await state.handlers.get(url.slice(0, url.indexOf(':')))!(new Request(url));
      this.servedHtml = await response.text();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  const printSession = {
    protocol: { handle: (scheme: string, handler: Handler) => state.handlers.set(scheme, handler) },
    webRequest: { onBeforeRequest: (listener: Listener) => (state.beforeRequest = listener) },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: (check: () => boolean) => state.permissionChecks.push(check),
  };
  return { state, FakeWindow, printSession };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeWindow,
  session: {
    fromPartition: (partition: string) => {
      fake.state.partitions.push(partition);
      return fake.printSession;
    },
  },
}));
const { ElectronPdfPrinter } = await import('../../../electron/main/pdf');

const request = (overrides: Partial<PrintRequest> = {}): PrintRequest => ({ html: '<p>the print page</p>', paper: 'Letter', paginate: false, title: 'A brief', ...overrides });
const LAYOUT = { pageCount: 3, notesAwayFromCall: [], headingPages: { 'h-1': 1 } };

beforeEach(() => {
  fake.state.windows.length = 0;
  fake.state.layout = undefined;
  fake.state.holdPrint = undefined;
  fake.state.busy = false;
});

describe('the desktop PdfPrinter (Electron mocked: its binary cannot be installed here)', () => {
  it('prints tagged, with an outline, the CSS page size and backgrounds, from a hidden sandboxed window without JavaScript', async () => {
    const printer = new ElectronPdfPrinter();
    const printed = await printer.print(request(), new AbortController().signal);
    expect(new TextDecoder().decode(printed.pdf)).toBe('%PDF-1.7 fake');
    expect(printed.layout).toBeUndefined();
    const [window] = fake.state.windows;
    expect(window!.webContents.printToPDF).toHaveBeenCalledWith({
      pageSize: 'Letter',
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    expect(window!.options.show).toBe(false);
    const preferences = window!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, javascript: false, session: fake.printSession });
    expect(preferences).not.toHaveProperty('preload');
    expect(window!.webContents.executeJavaScript).not.toHaveBeenCalled();
    expect(window!.destroyed).toBe(true);
  });

  it('serves the HTML on a session of its own, in memory, that cancels every request but the page and data: URLs', async () => {
    const printer = new ElectronPdfPrinter();
    let decisions: Record<string, boolean> = {};
    fake.state.holdPrint = new Promise<void>((release) => {
      queueMicrotask(() => {
        const decide = (url: string): boolean => {
          let cancel = true;
          fake.state.beforeRequest!({ url }, (response) => (cancel = response.cancel));
          return cancel;
        };
        const pageUrl = fake.state.windows[0]!.url;
        decisions = {
          page: decide(pageUrl),
          otherPrintPage: decide('app://print/another'),
          app: decide('app://briefdesk/index.html'),
          remote: decide('https://example.org/font.woff2'),
          file: decide('file:///etc/passwd'),
          font: decide('data:font/woff2;base64,AAAA'),
        };
        release();
      });
    });
    await printer.print(request({ html: '<p>served once</p>' }), new AbortController().signal);
    const [window] = fake.state.windows;
    expect(fake.state.partitions).toEqual(['briefdesk-print']);
    expect(window!.url).toMatch(/^app:\/\/print\/[0-9a-f-]{36}$/);
    expect(window!.servedHtml).toBe('<p>served once</p>');
    expect(decisions).toEqual({ page: false, otherPrintPage: true, app: true, remote: true, file: true, font: false });
    expect(fake.state.permissionChecks.every((check) => check() === false)).toBe(true);
    // Once printed, the page is no longer served.
    const after = await fake.state.handlers.get('app')!(new Request(window!.url));
    expect(after.status).toBe(404);
  });

  it('runs the paginator, then reads the layout through executeJavaScript before printing', async () => {
    const printer = new ElectronPdfPrinter();
    fake.state.layout = LAYOUT;
    const printed = await printer.print(request({ paginate: true }), new AbortController().signal);
    const [window] = fake.state.windows;
    expect((window!.options.webPreferences as Record<string, unknown>).javascript).toBe(true);
    expect(window!.webContents.executeJavaScript).toHaveBeenCalledWith('window["__briefdeskLayout"]');
    expect(printed.layout).toEqual(LAYOUT);
  });

  it('refuses a layout it cannot read, and on cancel destroys the window and returns at once, even from a busy page', async () => {
    const printer = new ElectronPdfPrinter();
    fake.state.layout = { pageCount: 'many' };
    await expect(printer.print(request({ paginate: true }), new AbortController().signal)).rejects.toMatchObject({ code: 'internal' });

    fake.state.busy = true;
    const controller = new AbortController();
    const printing = printer.print(request({ paginate: true }), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(printing).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.state.windows.at(-1)!.destroyed).toBe(true);
    expect(fake.state.windows.at(-1)!.webContents.printToPDF).not.toHaveBeenCalled();
  });
});
