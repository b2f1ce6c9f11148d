import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../../shared/contract/define';
import { ANNOTATION_COLOURS, AnnotationIdSchema, AnnotationSchema, uniqueTags, type Annotation, type AnnotationColour } from '../../../../shared/model/annotation';
import { IsoDateTimeSchema } from '../../../../shared/model/ids';
import type { Source } from '../../../../shared/model/source';
import { firstIssue } from '../../platform/jsonFile';
import { placeQuote } from './passage';
import { factIdOfIri, factIri, sourceIdOfIri, sourceIri } from './references';

/**
 * Annotations as W3C Web Annotation Data Model JSON-LD (https://www.w3.org/TR/annotation-model/), and back.
 *
 * Written: an AnnotationCollection whose first page holds every annotation. Each is `urn:uuid:<id>`, motivated
 * `highlighting` (or `commenting` when it has a comment), with `created`, `modified`, and these bodies: the colour
 * id as a TextualBody with purpose `highlighting`, the comment (when not empty) as a TextualBody with purpose
 * `commenting`, one TextualBody with purpose `tagging` per tag, and the linked fact as a SpecificResource with purpose
 * `linking` on `urn:briefdesk:fact:<factId>`. The target's source is `urn:briefdesk:source:<sourceId>`, its selectors
 * the TextQuoteSelector and TextPositionSelector, and for a PDF page a FragmentSelector `page=<n>` (RFC 3778).
 *
 * Read: that, and what other tools write: a single annotation, a list of them, an AnnotationPage, a collection with
 * its first page embedded, or a Hypothesis export (`{ annotations: [...] }` with `text`, `tags`, `updated`); a body
 * or a target may be one or a list, a target or body a bare IRI.
 */

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778';
const DEFAULT_COLOUR: AnnotationColour = 'yellow';

interface JsonLdBody {
  type: 'TextualBody' | 'SpecificResource';
  purpose: 'highlighting' | 'commenting' | 'tagging' | 'linking';
  value?: string;
  format?: string;
  source?: string;
}

type JsonLdSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'TextPositionSelector'; start: number; end: number }
  | { type: 'FragmentSelector'; conformsTo: string; value: string };

interface JsonLdAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body: JsonLdBody[];
  target: { source: string; selector: JsonLdSelector[] };
}

function toJsonLdAnnotation(annotation: Annotation): JsonLdAnnotation {
  const body: JsonLdBody[] = [{ type: 'TextualBody', purpose: 'highlighting', value: annotation.color }];
  if (annotation.comment) body.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.comment, format: 'text/plain' });
  for (const tag of annotation.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  if (annotation.factId) body.push({ type: 'SpecificResource', purpose: 'linking', source: factIri(annotation.factId) });
  const selector: JsonLdSelector[] = [...annotation.target.selectors];
  if (annotation.target.page !== undefined) selector.push({ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT, value: `page=${annotation.target.page}` });
  return {
    id: `urn:uuid:${annotation.id}`,
    type: 'Annotation',
    motivation: annotation.comment ? 'commenting' : 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    body,
    target: { source: sourceIri(annotation.sourceId), selector },
  };
}

/** The annotations as one AnnotationCollection; `sources` gives the collection its label when they are all of one source. */
export function annotationsToJsonLd(annotations: readonly Annotation[], sources: ReadonlyMap<string, Source>): object {
  const sourceIds = [...new Set(annotations.map((a) => a.sourceId))];
  const only = sourceIds.length === 1 ? sources.get(sourceIds[0]!) : undefined;
  return {
    '@context': ANNO_CONTEXT,
    id: only ? `urn:briefdesk:annotations:${only.id}` : 'urn:briefdesk:annotations',
    type: 'AnnotationCollection',
    label: only ? `Annotations on ${only.title}` : 'Annotations',
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations.map(toJsonLdAnnotation) },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One value or a list of them, read as a list (JSON-LD lets either stand wherever a property may repeat). */
const oneOrMany = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(schema));

/** An IRI, or a node object that names one with `id` (or `@id`). */
const IriSchema = z.preprocess((value) => (isRecord(value) ? (value.id ?? value['@id']) : value), z.string().min(1));

const KNOWN_SELECTORS = new Set(['TextQuoteSelector', 'TextPositionSelector', 'FragmentSelector']);

const SelectorSchema = z.preprocess(
  // Selectors of kinds Briefdesk does not use (RangeSelector, XPathSelector, CssSelector…) are passed over.
  (value) => (isRecord(value) && typeof value.type === 'string' && !KNOWN_SELECTORS.has(value.type) ? { type: 'other' } : value),
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string().default(''), suffix: z.string().default('') }),
    z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
    z.object({ type: z.literal('FragmentSelector'), value: z.string() }),
    z.object({ type: z.literal('other') }),
  ]),
);

const TargetSchema = z.preprocess((value) => (typeof value === 'string' ? { source: value } : value), z.object({ source: IriSchema, selector: oneOrMany(SelectorSchema) }));

const BodySchema = z.preprocess(
  (value) => (typeof value === 'string' ? { source: value } : value),
  z.object({ type: z.string().optional(), purpose: z.string().optional(), value: z.string().optional(), source: IriSchema.optional() }),
);

const ItemSchema = z.object({
  id: IriSchema.optional(),
  type: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .refine((type) => type === undefined || (Array.isArray(type) ? type : [type]).some((t) => t === 'Annotation' || t === 'oa:Annotation'), 'not an Annotation'),
  created: z.string().optional(),
  modified: z.string().optional(),
  body: oneOrMany(BodySchema),
  bodyValue: z.string().optional(),
  target: oneOrMany(TargetSchema),
  /** Hypothesis's own export: the comment, the tags and the time of the last change. */
  text: z.string().optional(),
  tags: z.array(z.string()).optional(),
  updated: z.string().optional(),
});
type Item = z.output<typeof ItemSchema>;

const NOT_ANNOTATIONS =
  'This is not W3C Web Annotation JSON-LD: Briefdesk reads an annotation, a list of annotations, an AnnotationPage, an AnnotationCollection with its first page in the file, or a Hypothesis export.';

/** The annotations of any of the shapes read (see the module's comment), unparsed. */
function itemsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) throw new AppError('invalid_argument', NOT_ANNOTATIONS);
  if (json.type === 'AnnotationCollection') {
    if (json.total === 0 && json.first === undefined) return [];
    if (isRecord(json.first) && Array.isArray(json.first.items)) return json.first.items;
    throw new AppError('invalid_argument', 'This AnnotationCollection does not hold its annotations: Briefdesk reads a collection whose first page, with its items, is in the file.');
  }
  if (Array.isArray(json.items)) return json.items;
  if (Array.isArray(json.annotations)) return json.annotations;
  if ('target' in json) return [json];
  throw new AppError('invalid_argument', NOT_ANNOTATIONS);
}

/** An id Briefdesk can keep: the annotation's own UUID, or one made from its IRI, so importing twice finds the same annotation. */
function annotationId(item: Item, raw: unknown): string {
  const given = item.id?.replace(/^urn:uuid:/i, '').toLowerCase();
  if (given && AnnotationIdSchema.safeParse(given).success) return given;
  const hex = createHash('sha256')
    .update(item.id ?? JSON.stringify(raw))
    .digest('hex');
  // A version-8 (custom) UUID with the RFC 9562 variant: what z.uuid() accepts.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function timestamp(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (IsoDateTimeSchema.safeParse(value).success) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback : new Date(time).toISOString();
}

function isColour(value: string | undefined): value is AnnotationColour {
  return (ANNOTATION_COLOURS as readonly string[]).includes(value ?? '');
}

/** What the bodies say: the colour, the comment, the tags, the fact. Bodies of other purposes are passed over. */
function readBodies(item: Item): { color: AnnotationColour; comment: string; tags: string[]; factId?: string } {
  let color: AnnotationColour = DEFAULT_COLOUR;
  const comments = [item.bodyValue, item.text].filter((c): c is string => Boolean(c));
  const tags: string[] = [...(item.tags ?? [])];
  let factId: string | undefined;
  for (const body of item.body) {
    const purpose = body.purpose ?? (body.value !== undefined ? 'commenting' : undefined);
    if (purpose === 'highlighting' && isColour(body.value)) color = body.value;
    else if ((purpose === 'commenting' || purpose === 'describing') && body.value) comments.push(body.value);
    else if (purpose === 'tagging' && body.value) tags.push(body.value);
    else if ((purpose === 'linking' || purpose === 'identifying') && body.source) factId = factIdOfIri(body.source) ?? factId;
  }
  return { color, comment: comments.join('\n\n'), tags: uniqueTags(tags), ...(factId ? { factId } : {}) };
}

export interface ImportedAnnotations {
  annotations: Annotation[];
  /** Each annotation that could not be taken, with the reason in words. */
  skipped: string[];
}

/**
 * Reads annotations from JSON-LD (see the module's comment) for `knownSources`, matched by IRI. A document of another
 * shape, or an annotation of the wrong form, refuses the whole import in words; an annotation on a source this
 * workspace does not have, or whose passage is not in the source's text, is skipped with the reason.
 */
export function annotationsFromJsonLd(json: unknown, knownSources: readonly Source[], now: string = new Date().toISOString()): ImportedAnnotations {
  const sources = new Map(knownSources.map((s) => [s.id, s]));
  const annotations: Annotation[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of itemsOf(json).entries()) {
    const parsed = ItemSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('invalid_argument', `Annotation ${index + 1} of the file is not a Web Annotation: ${firstIssue(parsed.error)}.`);
    const item = parsed.data;
    const name = `Annotation ${index + 1}${item.id ? ` (${item.id})` : ''}`;
    const target = item.target.find((t) => t.selector.some((s) => s.type === 'TextQuoteSelector'));
    if (!target) {
      skipped.push(`${name} quotes no passage (it has no TextQuoteSelector), so there is nothing to place it on.`);
      continue;
    }
    const sourceId = sourceIdOfIri(target.source);
    const source = sourceId === undefined ? undefined : sources.get(sourceId);
    if (!source) {
      skipped.push(`${name} is on ${target.source}, which is not a source in this workspace.`);
      continue;
    }
    const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
    const position = target.selector.find((s) => s.type === 'TextPositionSelector');
    const placed = placeQuote(source, { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix, start: position?.start, end: position?.end });
    if (!placed.ok) {
      skipped.push(`${name} could not be placed in “${source.title}”: ${placed.reason}.`);
      continue;
    }
    const page = target.selector.flatMap((s) => (s.type === 'FragmentSelector' ? [/^page=(\d+)/.exec(s.value)?.[1]] : [])).find((p) => p !== undefined);
    const id = annotationId(item, raw);
    if (seen.has(id)) {
      skipped.push(`${name} appears twice in the file; it was taken once.`);
      continue;
    }
    const created = timestamp(item.created, now);
    const candidate = AnnotationSchema.safeParse({
      id,
      sourceId: source.id,
      createdAt: created,
      updatedAt: timestamp(item.modified ?? item.updated, created),
      ...readBodies(item),
      target: { selectors: placed.selectors, ...(page ? { page: Number(page) } : {}) },
    });
    if (!candidate.success) {
      skipped.push(`${name} is not one Briefdesk can keep: ${firstIssue(candidate.error)}.`);
      continue;
    }
    seen.add(id);
    annotations.push(candidate.data);
  }
  return { annotations, skipped };
}
