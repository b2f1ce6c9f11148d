import { z } from 'zod';
import { SlugSchema } from './ids';

export const SOURCE_SCHEMA_VERSION = 1;

/** A paragraph as a half-open range of UTF-16 offsets into `text`. */
export const ParagraphRangeSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const SourceSchema = z
  .object({
    schemaVersion: z.literal(SOURCE_SCHEMA_VERSION),
    id: SlugSchema,
    title: z.string().min(1),
    kind: z.enum(['news article', 'report', 'transcript', 'note', 'other']),
    publisher: z.string().min(1),
    publishedAt: z.string().min(1),
    text: z.string(),
    paragraphs: z.array(ParagraphRangeSchema),
    /** SHA-256 of `text` (UTF-8), lower-case hex: lets a reader tell the text was not altered. */
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .superRefine((source, ctx) => {
    for (const [index, p] of source.paragraphs.entries()) {
      if (p.end < p.start || p.end > source.text.length) {
        ctx.addIssue({ code: 'custom', path: ['paragraphs', index], message: 'paragraph range lies outside the text' });
      }
    }
  });

export type Source = z.infer<typeof SourceSchema>;
