import { Readability } from '@mozilla/readability';
import createDOMPurify from 'dompurify';
import { ELEMENT_NODE, inertPage, TEXT_NODE, type InertDocument, type InertElement, type InertNode, type InertWindow } from './inertPage';
import { ParagraphText } from './paragraphText';
import { fileStem, refuseEmpty, refuseOversized, unreadable, type ImportContext, type ImportedSource, type SourceImporter } from './sourceImporter';

/** Elements whose content is no reading text, or that load something from elsewhere: dropped with their content. */
const DROPPED_ELEMENTS = [
  'script', 'style', 'link', 'meta', 'base', 'noscript', 'template',
  'img', 'picture', 'source', 'track', 'video', 'audio', 'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'svg', 'math',
];

/**
 * Article HTML made inert with DOMPurify on jsdom (DOMPurify does not trust happy-dom), as an element of `window`'s
 * documents: scripts, styles, event handlers and every element that loads a resource are dropped with their content,
 * and of the attributes only a link's `href` is kept, when it is http(s) or mailto. DOMPurify parses `html` into a
 * document of its own, so the window may be the one the page was read in.
 */
export function sanitizedArticle(window: InertWindow, html: string): InertElement {
  // Typed by the DOM library where a program has it (tests), loosely where it has not (the host): jsdom's window is one.
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  const body: unknown = purify.sanitize(html, {
    FORBID_TAGS: DROPPED_ELEMENTS,
    ADD_FORBID_CONTENTS: DROPPED_ELEMENTS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    RETURN_DOM: true,
  });
  return body as InertElement;
}

/** Elements that end the paragraph before them and start a new one. */
const BLOCK_ELEMENTS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);

/** The reading text of sanitised HTML, one paragraph per block element, line break or line of preformatted text. */
function paragraphsOfHtml(root: InertElement): ParagraphText {
  const text = new ParagraphText();
  let current = '';
  const flush = (): void => {
    text.add(current);
    current = '';
  };
  const walk = (node: InertNode): void => {
    if (node.nodeType === TEXT_NODE) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = node.nodeName;
    if (name === 'BR') return flush();
    if (name === 'PRE') {
      flush();
      for (const line of (node.textContent ?? '').split('\n')) text.add(line);
      return;
    }
    if ((name === 'TD' || name === 'TH') && current.trim()) current += ' | ';
    const block = BLOCK_ELEMENTS.has(name);
    if (block) flush();
    for (const child of node.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return text;
}

/** What the page says about itself in <meta>, <link rel=canonical> and <time>, for what Readability did not find. */
interface PageFacts {
  title?: string;
  author?: string;
  publisher?: string;
  publishedAt?: string;
  url?: string;
}

function pageFacts(document: InertDocument): PageFacts {
  const meta = (...names: string[]): string | undefined => {
    for (const name of names) {
      const content = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)?.getAttribute('content');
      if (content?.trim()) return content.trim();
    }
    return undefined;
  };
  const webAddress = (address: string | null | undefined): string | undefined => (address && /^https?:\/\//i.test(address.trim()) ? address.trim() : undefined);
  const author = meta('author', 'article:author', 'dc.creator', 'byl');
  return {
    title: meta('og:title', 'twitter:title', 'dc.title') ?? (document.title.trim() || undefined),
    // article:author is often the author's page rather than a name.
    author: author && !webAddress(author) ? author : undefined,
    publisher: meta('og:site_name', 'application-name', 'publisher'),
    publishedAt: meta('article:published_time', 'datePublished', 'date', 'dc.date', 'pubdate') ?? (document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim() || undefined),
    url: webAddress(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? webAddress(meta('og:url')),
  };
}

const present = (value: string | null | undefined): string | undefined => value?.replace(/\s+/g, ' ').trim() || undefined;

/** A byline as a name: "By Jane Doe" is Jane Doe. */
const bylineName = (byline: string | null | undefined): string | undefined => present(byline?.replace(/^\s*by\s+/i, ''));

type Article = ReturnType<Readability['parse']>;

/** The page's facts, Readability's article and the article's sanitised text, all in one jsdom window, closed after. */
function readPage(bytes: Uint8Array, fileName: string, { signal, progress }: ImportContext): { facts: PageFacts; article: Article; text: ParagraphText } {
  const window = inertPage(bytes);
  try {
    const { document } = window;
    const facts = pageFacts(document);
    const wholeBody = document.body?.innerHTML ?? '';
    signal.throwIfAborted();
    progress(1, 3, `Finding the article in ${fileName}`);
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    signal.throwIfAborted();
    progress(2, 3, `Cleaning ${fileName}`);
    // A page Readability finds no article in (a short note, a list) is read whole.
    return { facts, article, text: paragraphsOfHtml(sanitizedArticle(window, article?.content ?? wholeBody)) };
  } finally {
    window.close();
  }
}

/**
 * An HTML page, saved from a browser: the article found with Readability (Firefox's reader view), made inert with
 * DOMPurify, reduced to its reading text one paragraph per block. Title, byline, site and date come from Readability,
 * else from the page's <meta> tags. The page is parsed by jsdom, which here neither runs a script nor fetches anything.
 */
export const htmlImporter: SourceImporter = {
  extensions: ['.html', '.htm', '.xhtml'],
  label: 'HTML page',
  async import(bytes, fileName, { signal, progress }): Promise<ImportedSource> {
    signal.throwIfAborted();
    refuseOversized(bytes, fileName);
    // An HTML parser accepts any bytes; NUL bytes (outside UTF-16, which starts with a byte order mark) mean a binary file.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (!utf16 && bytes.includes(0)) throw unreadable(fileName, 'an HTML page', 'it holds NUL bytes, so it is not a text file.');
    progress(0, 3, `Reading ${fileName}`);
    const { facts, article, text } = readPage(bytes, fileName, { signal, progress });
    signal.throwIfAborted();
    progress(3, 3, `Read ${fileName}`);
    return refuseEmpty(
      {
        title: present(article?.title) ?? present(facts.title) ?? fileStem(fileName),
        author: bylineName(article?.byline) ?? bylineName(facts.author),
        publisher: present(article?.siteName) ?? present(facts.publisher),
        publishedAt: present(article?.publishedTime) ?? present(facts.publishedAt),
        url: facts.url,
        kind: 'news article',
        text: text.text,
        paragraphs: text.paragraphs,
      },
      fileName,
    );
  },
};
