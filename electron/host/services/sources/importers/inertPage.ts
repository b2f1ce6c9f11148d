import { createRequire } from 'node:module';

/**
 * The DOM members the HTML importer reads. The Node program is compiled without the DOM library on purpose (host code
 * cannot reach for `document` by mistake), and @types/jsdom would pull that library into every host file, so jsdom is
 * described here by what Briefdesk uses of it.
 */
export interface InertNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly textContent: string | null;
  readonly childNodes: Iterable<InertNode>;
}

export interface InertElement extends InertNode {
  readonly innerHTML: string;
  getAttribute(name: string): string | null;
}

export interface InertDocument {
  readonly title: string;
  readonly body: InertElement | null;
  querySelector(selectors: string): InertElement | null;
}

export interface InertWindow {
  readonly document: InertDocument;
  close(): void;
}

export const TEXT_NODE = 3;
export const ELEMENT_NODE = 1;

interface Jsdom {
  JSDOM: new (html: string | Uint8Array, options: { contentType: 'text/html'; virtualConsole: object }) => { readonly window: InertWindow };
  VirtualConsole: new () => object;
}

let jsdom: Jsdom | undefined;

/**
 * A jsdom page that can do nothing but be read: `runScripts` unset (no script or event handler runs) and `resources`
 * unset (no image, stylesheet, frame or script is fetched), and its console (CSS and parse complaints) discarded.
 * Bytes go in as bytes so jsdom decodes them as a browser would: a byte order mark, else <meta charset>, else
 * windows-1252. jsdom is loaded at the first page, as most sessions import no HTML. Close the window when done.
 */
export function inertPage(html: string | Uint8Array): InertWindow {
  jsdom ??= createRequire(import.meta.url)('jsdom') as Jsdom;
  return new jsdom.JSDOM(html, { contentType: 'text/html', virtualConsole: new jsdom.VirtualConsole() }).window;
}
