import { z } from 'zod';
import { method } from './define';
import { ANNOTATION_LIMITS } from '../limits';
import {
  AnnotationColourSchema,
  AnnotationIdSchema,
  AnnotationSchema,
  AnnotationTagSchema,
  ColourNameSchema,
  NamedColourSchema,
} from '../model/annotation';
import { SlugSchema } from '../model/ids';

/**
 * A new annotation. `id`, `createdAt` and `updatedAt` are the host's to set, except when an annotation that was just
 * deleted is made again (undo): `delete` answers the whole annotation, and passing it back here restores it as it was.
 */
export const AnnotationInputSchema = AnnotationSchema.extend({
  id: AnnotationIdSchema.optional(),
  createdAt: AnnotationSchema.shape.createdAt.optional(),
  updatedAt: AnnotationSchema.shape.updatedAt.optional(),
  comment: AnnotationSchema.shape.comment.default(''),
  tags: AnnotationSchema.shape.tags.default([]),
});
export type AnnotationInput = z.output<typeof AnnotationInputSchema>;

/** What an update may change; `factId: null` unlinks the fact. The passage itself is not changed: make a new annotation. */
export const AnnotationChangesSchema = z.object({
  sourceId: SlugSchema,
  id: AnnotationIdSchema,
  color: AnnotationColourSchema.optional(),
  comment: AnnotationSchema.shape.comment.optional(),
  tags: AnnotationSchema.shape.tags.optional(),
  factId: SlugSchema.nullable().optional(),
});
export type AnnotationChanges = z.output<typeof AnnotationChangesSchema>;

/** Every field given must match: a colour, a tag (any case), a linked fact, words in the quote, comment or tags. */
export const AnnotationFilterSchema = z.object({
  color: AnnotationColourSchema.optional(),
  tag: AnnotationTagSchema.optional(),
  factId: SlugSchema.optional(),
  text: z.string().trim().min(1).max(ANNOTATION_LIMITS.tagChars).optional(),
});
export type AnnotationFilter = z.output<typeof AnnotationFilterSchema>;

export const SourceAnnotationsSchema = z.object({
  sourceId: SlugSchema,
  annotations: z.array(AnnotationSchema),
  /** Set when the source's annotations file could not be read: it is reported, and never written over. */
  damaged: z.string().optional(),
});

export const AllAnnotationsSchema = z.object({
  annotations: z.array(AnnotationSchema),
  /** The annotation files that could not be read, by file name, with the reason. */
  damaged: z.array(z.object({ file: z.string(), problem: z.string() })),
});

export const ColoursSchema = z.object({
  colours: z.array(NamedColourSchema),
  /** Set when `annotations/colours.json` could not be read: the default names are shown and it is not written over. */
  damaged: z.string().optional(),
});
export type Colours = z.output<typeof ColoursSchema>;

const ExportArgsSchema = z.object({ sourceId: SlugSchema.optional() }).default({});
/** An export to offer for saving: the whole text, the file name to suggest, and the files it could not include. */
export const AnnotationExportSchema = z.object({ fileName: z.string(), text: z.string(), notices: z.array(z.string()) });
export type AnnotationExport = z.output<typeof AnnotationExportSchema>;

export const annotationsContract = {
  list: method(z.object({ sourceId: SlugSchema }), SourceAnnotationsSchema),
  listAll: method(AnnotationFilterSchema.default({}), AllAnnotationsSchema),
  create: method(z.object({ annotation: AnnotationInputSchema }), AnnotationSchema),
  update: method(AnnotationChangesSchema, AnnotationSchema),
  /** Answers the annotation deleted, so that the renderer can undo by passing it to `create`. */
  delete: method(z.object({ sourceId: SlugSchema, id: AnnotationIdSchema }), AnnotationSchema),
  /** Every tag in use, most used first: for autocomplete. */
  tags: method(z.void(), z.array(z.object({ tag: z.string(), count: z.number().int().min(1) }))),
  colours: method(z.void(), ColoursSchema),
  setColourName: method(z.object({ id: AnnotationColourSchema, name: ColourNameSchema }), ColoursSchema),
  /** Markdown, grouped by source: one source's annotations, or every source's. */
  exportMarkdown: method(ExportArgsSchema, AnnotationExportSchema),
  /** W3C Web Annotation JSON-LD (an AnnotationCollection): one source's annotations, or every source's. */
  exportJsonLd: method(ExportArgsSchema, AnnotationExportSchema),
  /**
   * Reads W3C Web Annotation JSON-LD (Briefdesk's export, a single annotation, an array, a collection, or a
   * Hypothesis export) and adds the annotations of this workspace's sources; those it cannot place are skipped,
   * each with the reason.
   */
  importJsonLd: method(z.object({ text: z.string().min(1).max(ANNOTATION_LIMITS.importChars) }), z.object({ imported: z.number().int().min(0), skipped: z.array(z.string()) })),
};
