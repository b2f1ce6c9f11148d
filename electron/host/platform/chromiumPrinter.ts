import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../../../shared/contract/define';
import { untilAborted } from './abortable';
import { LAYOUT_TIMEOUT_MS, waitForLayout } from '../services/export/formats/layoutProbe';
import { LAYOUT_RESULT_GLOBAL, type PdfPrinter, type PrintedPdf, type PrintRequest } from '../services/export/printer';

export interface ChromiumPrinterOptions {
  /** Defaults to CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
  executablePath?: string;
  /** How long loading the page and laying it out may take. */
  layoutTimeoutMs?: number;
}

/**
 * Headless flags that work on a small machine and as root (the only user in containers and CI), as the e2e tests
 * launch Chromium (playwright.config.ts): no sandbox as root, /tmp instead of a small /dev/shm, no GPU, and nothing
 * that phones home.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function defaultChromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * The Node host's PdfPrinter: playwright-core driving Debian's Chromium (never a downloaded browser). The browser is
 * started at the first print and kept for the next ones, with two contexts: one with JavaScript for the paginator,
 * one without, each aborting every network request (the page is set with setContent and needs none). Each print gets
 * a fresh page in one of them; a context is made once, as it costs a third of a second on a small machine.
 */
export class ChromiumPrinter implements PdfPrinter {
  private browser: Promise<Browser> | undefined;
  /** By whether the page may run JavaScript; forgotten with the browser. */
  private contexts = new Map<boolean, Promise<BrowserContext>>();
  private readonly executablePath: string;
  private readonly layoutTimeoutMs: number;

  constructor(options: ChromiumPrinterOptions = {}) {
    this.executablePath = options.executablePath ?? defaultChromiumPath();
    this.layoutTimeoutMs = options.layoutTimeoutMs ?? LAYOUT_TIMEOUT_MS;
  }

  private started(): Promise<Browser> {
    if (!this.browser) {
      const starting = this.launch();
      this.browser = starting;
      const forget = (): void => {
        if (this.browser !== starting) return;
        this.browser = undefined;
        this.contexts = new Map();
      };
      starting.then((browser) => browser.on('disconnected', forget), forget);
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const path = this.executablePath;
    try {
      await access(path, constants.X_OK);
    } catch {
      throw new AppError(
        'unavailable',
        `PDF export needs Chromium, which was not found at ${path}. Install Debian's package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary.`,
      );
    }
    try {
      // Loaded at the first print, not with the host: playwright-core costs half a second to load.
      const { chromium } = await import('playwright-core');
      return await chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
    } catch (error) {
      throw new AppError('internal', `Chromium at ${path} could not be started: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private context(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
    let context = this.contexts.get(javaScriptEnabled);
    if (!context) {
      context = (async () => {
        const made = await browser.newContext({ javaScriptEnabled, serviceWorkers: 'block' });
        await made.route('**/*', (route) => route.abort());
        return made;
      })();
      const made = context;
      this.contexts.set(javaScriptEnabled, made);
      made.catch(() => this.contexts.get(javaScriptEnabled) === made && this.contexts.delete(javaScriptEnabled));
    }
    return context;
  }

  async print(request: PrintRequest, signal: AbortSignal): Promise<PrintedPdf> {
    signal.throwIfAborted();
    const browser = await untilAborted(this.started(), signal);
    const page = await untilAborted(this.context(browser, request.paginate).then((context) => context.newPage()), signal);
    // Cancelling closes the page and returns at once, without waiting for a busy page to answer.
    const closePage = (): void => void page.close().catch(() => undefined);
    signal.addEventListener('abort', closePage, { once: true });
    try {
      return await untilAborted(this.printIn(page, request, signal), signal);
    } finally {
      signal.removeEventListener('abort', closePage);
      if (!signal.aborted) await page.close().catch(() => undefined);
    }
  }

  private async printIn(page: Page, request: PrintRequest, signal: AbortSignal): Promise<PrintedPdf> {
    await page.setContent(request.html, { waitUntil: 'load', timeout: this.layoutTimeoutMs });
    const layout = request.paginate
      ? await waitForLayout(() => page.evaluate((name) => (globalThis as unknown as Record<string, unknown>)[name], LAYOUT_RESULT_GLOBAL), signal, this.layoutTimeoutMs)
      : undefined;
    const pdf = await page.pdf({ format: request.paper, printBackground: true, tagged: true, outline: true, preferCSSPageSize: true });
    return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), layout };
  }

  async close(): Promise<void> {
    const starting = this.browser;
    this.browser = undefined;
    this.contexts = new Map();
    const browser = await starting?.catch(() => undefined);
    await browser?.close();
  }
}
