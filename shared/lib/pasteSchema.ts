import { z } from 'zod';
import { MAX_EDITOR_DEPTH } from '../limits';
import { FACT_REFERENCE_NODE_TYPE } from '../model/factReference';
import { SlugSchema } from '../model/ids';
import { SafeUrlSchema } from './safeUrl';

/**
 * What pasted (or dropped) content may bring into a brief: the one place that decides it, for both clipboard
 * formats the editor reads. Everything here is an allow-list: what is not named is dropped (attributes, fields,
 * node types), what is named is checked (URLs through `safeUrl`, fact ids as slugs). The renderer's paste code
 * (`renderer/src/editor/paste/`) only walks trees and applies these rules; it decides nothing on its own.
 *
 * Rule of thumb: keep only the structure the brief editor's nodes represent, never anything that could run code,
 * reach the network or the disk, or restyle the page (no attributes, no inline CSS, no event handlers, no
 * `javascript:`/`file:`/`data:` addresses, no images).
 */

/** The clipboard format Lexical writes when copying from an editor: `{ namespace, nodes }` as JSON text. */
export const LEXICAL_CLIPBOARD_MIME = 'application/x-lexical-editor';

/** The outer shape of an `application/x-lexical-editor` payload; its nodes are checked one by one below. */
export const LexicalClipboardPayloadSchema = z.object({ namespace: z.string(), nodes: z.array(z.unknown()) });

/** A fact id carried by a pasted reference: a slug like every id, so it can never name a path. */
export const PastedFactIdSchema = SlugSchema;

// ---------------------------------------------------------------------------------------------------------------
// application/x-lexical-editor: serialized nodes
// ---------------------------------------------------------------------------------------------------------------

/** Text formats kept from a paste: bold, italic, strikethrough, underline, code (Lexical's bits 1, 2, 4, 8, 16). */
export const PASTE_TEXT_FORMAT_MASK = 0b1_1111;

const int = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).catch(fallback);
/** Inline CSS is never pasted: whatever a `style`/`textStyle` field holds, it becomes empty. */
const noCss = z.literal('').catch('');
const textFormat = z
  .number()
  .int()
  .min(0)
  .transform((format) => format & PASTE_TEXT_FORMAT_MASK)
  .catch(0);

const elementFields = {
  direction: z.enum(['ltr', 'rtl']).nullable().catch(null),
  format: z.enum(['', 'left', 'start', 'center', 'right', 'end', 'justify']).catch(''),
  indent: int(0, 10, 0),
};

const textFields = {
  /** Required: a text node without text is not a text node (it is demoted, see `demotedText`). */
  text: z.string(),
  format: textFormat,
  detail: int(0, 3, 0),
  mode: z.enum(['normal', 'token', 'segmented']).catch('normal'),
  style: noCss,
};

type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
/** Every level Lexical's HeadingNode (and the `####` Markdown shortcut) makes: a brief loaded from disk keeps its levels. */
const HEADING_TAGS: Readonly<Record<string, HeadingTag>> = { h1: 'h1', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h5', h6: 'h6' };
const LINK_REL_TOKENS = new Set(['noopener', 'noreferrer', 'nofollow']);

/** A mention of a catalogued fact; a bad `factId` fails the node, which then pastes as plain text. */
const mentionSchema = z.object({ ...textFields, factId: PastedFactIdSchema });

/**
 * Per node type, the fields a pasted node may keep, each checked; unknown fields are dropped (zod strips them),
 * a bad value in an ordinary field falls back to its default, and a bad value in a field the node cannot do
 * without (a link's `url`, a mention's `factId`, a text node's `text`) fails the node, which is then demoted:
 * to plain text if it carries text, otherwise to its children. `children` is walked separately.
 *
 * The keys are exactly the node types the brief editor registers (besides `root`, which a paste never carries
 * and is unwrapped): `test/editor/paste.test.ts` checks this list against `BRIEF_EDITOR_NODES`.
 */
export const PASTE_NODE_SCHEMAS = {
  paragraph: z.object({ ...elementFields, textFormat, textStyle: noCss }),
  heading: z.object({ ...elementFields, tag: z.string().transform((tag) => HEADING_TAGS[tag] ?? 'h3').catch('h3') }),
  quote: z.object(elementFields),
  list: z
    .object({ ...elementFields, listType: z.enum(['bullet', 'number']).catch('bullet'), start: int(1, 1_000_000, 1) })
    .transform((list) => ({ ...list, tag: list.listType === 'number' ? ('ol' as const) : ('ul' as const) })),
  listitem: z.object({ ...elementFields, value: int(1, 1_000_000, 1) }),
  link: z.object({
    ...elementFields,
    url: SafeUrlSchema,
    rel: z
      .string()
      .transform((rel) => rel.split(/\s+/).filter((token) => LINK_REL_TOKENS.has(token.toLowerCase())).join(' ') || null)
      .nullable()
      .catch(null),
    target: z.literal('_blank').nullable().catch(null),
    title: z.string().max(500).nullable().catch(null),
  }),
  text: z.object(textFields),
  tab: z.object({ ...textFields, text: z.literal('\t').catch('\t') }),
  linebreak: z.object({}),
  [FACT_REFERENCE_NODE_TYPE]: mentionSchema,
  'unlinked-mention': mentionSchema,
  /** Tables are a plain grid in a brief (no merged cells, no cell colours, no sizes but column widths). */
  table: z.object({
    ...elementFields,
    colWidths: z.array(z.number().min(1).max(5000)).max(100).optional().catch(undefined),
  }),
  tablerow: z.object(elementFields),
  tablecell: z.object({ ...elementFields, headerState: int(0, 3, 0) }),
  horizontalrule: z.object({}),
} as const satisfies Record<string, z.ZodType>;

export type PasteNodeType = keyof typeof PASTE_NODE_SCHEMAS;

/** Every serialized node type a paste may contain, plus `root` (the editor's, never pasted). */
export const PASTE_EDITOR_NODE_TYPES: readonly string[] = ['root', ...Object.keys(PASTE_NODE_SCHEMAS)];

/** Node types that are elements (they have `children`), and of those, the ones that flow inline in text. */
export const PASTE_ELEMENT_TYPES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'link', 'table', 'tablerow', 'tablecell']);
export const PASTE_INLINE_TYPES: ReadonlySet<string> = new Set(['text', 'tab', 'linebreak', 'link', FACT_REFERENCE_NODE_TYPE, 'unlinked-mention']);

/** The schema for a pasted node's type, or undefined when the type is not allowed (safe for `__proto__` & co). */
export function pasteNodeSchema(type: unknown): z.ZodType | undefined {
  return typeof type === 'string' && Object.hasOwn(PASTE_NODE_SCHEMAS, type) ? PASTE_NODE_SCHEMAS[type as PasteNodeType] : undefined;
}

/**
 * Pasted nesting deeper than this is flattened to text: no real brief goes near it, a hostile payload could go far.
 * Half the depth a brief may have (MAX_EDITOR_DEPTH), so a paste into a nested list still leaves a brief that saves.
 */
export const PASTE_MAX_DEPTH = MAX_EDITOR_DEPTH / 2;

// ---------------------------------------------------------------------------------------------------------------
// text/html: elements
// ---------------------------------------------------------------------------------------------------------------

/**
 * Pasted HTML elements that are kept, and what each becomes (with no attributes at all, except `href` on a link
 * when `safeUrl` accepts it and `data-fact-id` on a fact-reference span when it is a slug).
 */
export const HTML_KEPT_ELEMENTS: Readonly<Record<string, string>> = {
  p: 'p',
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h3',
  h5: 'h3',
  h6: 'h3',
  blockquote: 'blockquote',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  a: 'a',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  u: 'u',
  s: 's',
  strike: 's',
  del: 's',
  code: 'code',
  br: 'br',
  hr: 'hr',
  span: 'span',
  table: 'table',
  tr: 'tr',
  td: 'td',
  th: 'th',
};

/** Elements dropped together with everything inside them: active content, embedded or fetched resources, forms. */
export const HTML_DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'img', 'picture', 'source', 'track', 'video', 'audio', 'canvas', 'map', 'area', 'svg', 'math',
  'link', 'meta', 'base', 'title', 'head', 'template', 'noscript', 'noembed', 'noframes', 'slot',
  'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output', 'dialog',
  'col', 'colgroup', 'xml',
]);

/**
 * Unknown block-level containers: they become a bare `div`, which maps to no node but keeps the paragraph breaks
 * between them (unwrapping would run their texts together). Any other unknown element is unwrapped: its text is
 * kept, the element is not (so are `thead`/`tbody`/`tfoot`: rows go straight into the table).
 */
export const HTML_BLOCK_CONTAINERS: ReadonlySet<string> = new Set([
  'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'figure', 'figcaption', 'address',
  'center', 'details', 'summary', 'dl', 'dt', 'dd', 'pre', 'hgroup', 'caption', 'fieldset', 'legend', 'search',
]);

