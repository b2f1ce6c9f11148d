import {
  HTML_BLOCK_CONTAINERS,
  HTML_DROPPED_ELEMENTS,
  HTML_KEPT_ELEMENTS,
  PASTE_MAX_DEPTH,
  PastedFactIdSchema,
} from '../../../../shared/lib/pasteSchema';
import { safeUrl } from '../../../../shared/lib/safeUrl';

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/** DOM node types, spelled out so this runs on any DOM (the `Node` global is not needed). */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Rebuilds pasted HTML as a new, clean document by the allow-lists of `shared/lib/pasteSchema.ts`, never by
 * deleting from the original: the input is parsed with `DOMParser` (an inert document: nothing in it runs or
 * loads), then walked, and only allowed elements are re-created, with no attributes except a `safeUrl`-checked
 * `href` on links and a slug `data-fact-id` on fact-reference spans. Dropped with their content: scripts, styles,
 * frames, embeds, images, SVG/MathML, forms (`HTML_DROPPED_ELEMENTS`). Unknown block containers become a bare
 * `div` (keeping paragraph breaks); other unknown elements are unwrapped (keeping their text). Bold, italic,
 * underline and strikethrough written as inline CSS (Google Docs, Word) are kept as `strong`/`em`/`u`/`s`, and
 * Google Docs' `<b style="font-weight:normal">` wrapper does not make everything bold; the CSS itself is dropped.
 *
 * The result is meant for `$generateNodesFromDOM`; `sanitizeHtmlToString` gives its markup.
 */
export function sanitizeHtml(html: string): Document {
  const source = new DOMParser().parseFromString(html, 'text/html');
  const clean = source.implementation.createHTMLDocument('');
  appendClean(source.body, clean.body, clean, 0);
  return clean;
}

/** The clean document's body markup (for a `DataTransfer` that must carry the sanitized HTML as text). */
export function sanitizeHtmlToString(html: string): string {
  return sanitizeHtml(html).body.innerHTML;
}

function appendClean(from: Node, to: Node, doc: Document, depth: number): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      to.appendChild(doc.createTextNode(child.nodeValue ?? ''));
      continue;
    }
    // Comments (Word's conditional comments among them), processing instructions, CDATA: dropped.
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    // SVG and MathML content (and anything else outside HTML) never comes through, whatever its tag name.
    if (element.namespaceURI !== HTML_NAMESPACE) continue;
    const name = element.localName.toLowerCase();
    if (HTML_DROPPED_ELEMENTS.has(name)) continue;
    if (depth >= PASTE_MAX_DEPTH) {
      to.appendChild(doc.createTextNode(textUnder(element)));
      continue;
    }
    const cleaned = cleanElement(element, name, doc);
    if (cleaned === UNWRAP) {
      appendClean(element, to, doc, depth + 1);
      continue;
    }
    to.appendChild(cleaned.outer);
    if (cleaned.inner !== null) appendClean(element, cleaned.inner, doc, depth + 1);
  }
}

/** The text under an element, without recursion (nesting can be as deep as the paste is hostile). */
function textUnder(root: Node): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) parts.push(node.nodeValue ?? '');
    else if (node.nodeType === ELEMENT_NODE && (node as Element).namespaceURI === HTML_NAMESPACE && !HTML_DROPPED_ELEMENTS.has((node as Element).localName.toLowerCase())) {
      const children = node.childNodes;
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

/** The element is not kept: its (cleaned) children take its place. */
const UNWRAP = 'unwrap';

type Cleaned =
  | typeof UNWRAP
  | {
      /** What replaces the original element. */
      outer: Element;
      /** Where the original's (cleaned) children go; null when they are not wanted (`br`, a fact reference). */
      inner: Node | null;
    };

function cleanElement(element: Element, name: string, doc: Document): Cleaned {
  const formats = styleFormats(element, name);
  if (name === 'span' && element.hasAttribute('data-fact-id')) {
    const factId = PastedFactIdSchema.safeParse(element.getAttribute('data-fact-id'));
    const text = element.textContent ?? '';
    if (factId.success && text.trim() !== '') {
      const span = doc.createElement('span');
      span.setAttribute('data-fact-id', factId.data);
      span.textContent = text;
      return withFormats(span, true, formats, doc);
    }
  }
  if (name === 'a') {
    const href = safeUrl(element.getAttribute('href') ?? '');
    if (href === undefined) return withFormats(null, false, formats, doc);
    const link = doc.createElement('a');
    link.setAttribute('href', href);
    return withFormats(link, false, formats, doc);
  }
  if (name === 'br' || name === 'hr') return { outer: doc.createElement(name), inner: null };
  // Google Docs wraps a whole copy in <b style="font-weight:normal">: that is not bold.
  if (name === 'b' && isNormalWeight(element)) return withFormats(null, false, formats, doc);
  if (name !== 'span' && Object.hasOwn(HTML_KEPT_ELEMENTS, name)) return withFormats(doc.createElement(HTML_KEPT_ELEMENTS[name]!), false, formats, doc);
  if (HTML_BLOCK_CONTAINERS.has(name)) return withFormats(doc.createElement('div'), false, formats, doc);
  return withFormats(null, false, formats, doc);
}

/**
 * Adds the formatting elements named by `formats` around the content: inside `base` when it is a container,
 * around it when it is a leaf (a fact reference), on their own when the element itself is not kept.
 */
function withFormats(base: Element | null, leaf: boolean, formats: readonly string[], doc: Document): Cleaned {
  if (formats.length === 0) return base === null ? UNWRAP : { outer: base, inner: leaf ? null : base };
  const chain = formats.map((tag) => doc.createElement(tag));
  for (let i = 1; i < chain.length; i += 1) chain[i - 1]!.appendChild(chain[i]!);
  const first = chain[0]!;
  const innermost = chain[chain.length - 1]!;
  if (base === null) return { outer: first, inner: innermost };
  if (leaf) {
    innermost.appendChild(base);
    return { outer: first, inner: null };
  }
  base.appendChild(first);
  return { outer: base, inner: innermost };
}

const BOLD_WEIGHTS = new Set(['bold', 'bolder', '600', '700', '800', '900']);

/** Formatting an element states only in its inline CSS, as the elements that carry it here (CSS is never copied). */
function styleFormats(element: Element, name: string): string[] {
  const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (!style || !element.hasAttribute('style')) return [];
  const formats: string[] = [];
  const decoration = `${style.textDecoration ?? ''} ${style.textDecorationLine ?? ''}`;
  if (BOLD_WEIGHTS.has(String(style.fontWeight).trim().toLowerCase()) && name !== 'b' && name !== 'strong') formats.push('strong');
  if (/^(italic|oblique)/i.test(style.fontStyle ?? '') && name !== 'i' && name !== 'em') formats.push('em');
  if (/\bunderline\b/i.test(decoration) && name !== 'u') formats.push('u');
  if (/\bline-through\b/i.test(decoration) && name !== 's' && name !== 'strike' && name !== 'del') formats.push('s');
  return formats;
}

function isNormalWeight(element: Element): boolean {
  const weight = String((element as HTMLElement).style?.fontWeight ?? '').trim().toLowerCase();
  return weight === 'normal' || weight === '400';
}
