import { z } from 'zod';
import { ANNOTATION_LIMITS } from '../limits';
import { IsoDateTimeSchema, SlugSchema } from './ids';
import { AnchorReviewSchema } from './fact';

/**
 * Annotations on a source's canonical `text`: `annotations/<sourceId>.annotations.json`, one file per source, and the
 * analyst's names for the highlight colours in `annotations/colours.json`. The target is a pair of W3C Web
 * Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors): the quote with its context, which is
 * authoritative, and the UTF-16 offsets it was taken at.
 */

export const ANNOTATIONS_SCHEMA_VERSION = 1;
export const COLOURS_SCHEMA_VERSION = 1;

export const ANNOTATION_COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const AnnotationColourSchema = z.enum(ANNOTATION_COLOURS);
export type AnnotationColour = z.infer<typeof AnnotationColourSchema>;

/** What a colour is called until the analyst names it ("key", "doubtful"…). */
export const DEFAULT_COLOUR_NAMES: Readonly<Record<AnnotationColour, string>> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

export const AnnotationIdSchema = z.uuid();

/** No control characters (a tab or line break in a tag or colour name would break the one-line lists that show them). */
const oneLine = (schema: z.ZodString) => schema.regex(/^[^\p{Cc}]*$/u, 'must be one line without control characters');

export const AnnotationTagSchema = oneLine(z.string().trim().min(1).max(ANNOTATION_LIMITS.tagChars));

/** Tags are one tag whatever their case: "Nuclear" and "nuclear" are the same. */
export const tagKey = (tag: string): string => tag.trim().toLowerCase();

/** The tags trimmed, without empty ones and without repeats (the first spelling kept). */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.map((tag) => tag.trim()).filter((tag) => {
    const key = tagKey(tag);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(ANNOTATION_LIMITS.quoteChars),
  prefix: z.string().max(ANNOTATION_LIMITS.contextChars),
  suffix: z.string().max(ANNOTATION_LIMITS.contextChars),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

/** A half-open range of UTF-16 offsets into the source's `text`. */
export const TextPositionSelectorSchema = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

export const AnnotationTargetSchema = z
  .object({
    selectors: z.tuple([TextQuoteSelectorSchema, TextPositionSelectorSchema]),
    /** The page of a PDF source the passage is on, counted from 1. */
    page: z.number().int().min(1).optional(),
  })
  .superRefine(({ selectors: [quote, position] }, ctx) => {
    if (position.end - position.start !== quote.exact.length) {
      ctx.addIssue({ code: 'custom', path: ['selectors', 1], message: 'the position range must be as long as the quote' });
    }
  });
export type AnnotationTarget = z.infer<typeof AnnotationTargetSchema>;

export const AnnotationSchema = z.object({
  id: AnnotationIdSchema,
  sourceId: SlugSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  color: AnnotationColourSchema,
  comment: z.string().max(ANNOTATION_LIMITS.commentChars),
  tags: z.array(AnnotationTagSchema).max(ANNOTATION_LIMITS.tagsPerAnnotation),
  /** The fact this passage supports or mentions. */
  factId: SlugSchema.optional(),
  target: AnnotationTargetSchema,
  /** Set when the source changed and the passage did not survive verbatim: moved (review) or orphaned (re-attach). */
  review: AnchorReviewSchema.optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AnnotationFileSchema = z
  .object({
    schemaVersion: z.literal(ANNOTATIONS_SCHEMA_VERSION),
    sourceId: SlugSchema,
    annotations: z.array(AnnotationSchema).max(ANNOTATION_LIMITS.annotationsPerSource),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [index, annotation] of file.annotations.entries()) {
      if (annotation.sourceId !== file.sourceId) {
        ctx.addIssue({ code: 'custom', path: ['annotations', index, 'sourceId'], message: `the annotation belongs to the source ${annotation.sourceId}, not ${file.sourceId}` });
      }
      if (seen.has(annotation.id)) ctx.addIssue({ code: 'custom', path: ['annotations', index, 'id'], message: `the id ${annotation.id} is used twice` });
      seen.add(annotation.id);
    }
  });
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

export const ColourNameSchema = oneLine(z.string().trim().min(1).max(ANNOTATION_LIMITS.colourNameChars));

export const NamedColourSchema = z.object({ id: AnnotationColourSchema, name: ColourNameSchema });
export type NamedColour = z.infer<typeof NamedColourSchema>;

/** The colours the analyst has named; a colour not listed keeps its default name. */
export const ColoursFileSchema = z
  .object({
    schemaVersion: z.literal(COLOURS_SCHEMA_VERSION),
    colours: z.array(NamedColourSchema).max(ANNOTATION_COLOURS.length),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [index, colour] of file.colours.entries()) {
      if (seen.has(colour.id)) ctx.addIssue({ code: 'custom', path: ['colours', index, 'id'], message: `the colour ${colour.id} is named twice` });
      seen.add(colour.id);
    }
  });
export type ColoursFile = z.infer<typeof ColoursFileSchema>;

/** Every colour in order, each with the analyst's name for it or its default. */
export function namedColours(file: ColoursFile | undefined): NamedColour[] {
  return ANNOTATION_COLOURS.map((id) => ({ id, name: file?.colours.find((c) => c.id === id)?.name ?? DEFAULT_COLOUR_NAMES[id] }));
}
