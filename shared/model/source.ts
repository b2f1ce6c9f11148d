import { z } from 'zod';
import { NAME_CHARS } from '../limits';
import { SlugSchema } from './ids';

export const SOURCE_SCHEMA_VERSION = 1;

/** A paragraph as a half-open range of UTF-16 offsets into `text`. */
export const ParagraphRangeSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type ParagraphRange = z.infer<typeof ParagraphRangeSchema>;

/** A page of an imported PDF: its range of `text`, its number (1-based) and its printed label ("iv", "A-3") if it has one. */
export const PageRangeSchema = ParagraphRangeSchema.extend({ number: z.number().int().min(1), label: z.string().min(1).optional() });
export type PageRange = z.infer<typeof PageRangeSchema>;

export const SourceReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const SourceCredibilitySchema = z.number().int().min(1).max(6);

/** What the analyst may change about a source; its text changes only by importing a new version. */
export const SourceMetadataSchema = z.object({
  title: z.string().trim().min(1).max(NAME_CHARS),
  kind: z.enum(['news article', 'report', 'transcript', 'note', 'other']),
  publisher: z.string().trim().min(1).max(NAME_CHARS),
  publishedAt: z.string().trim().min(1).max(80),
  author: z.string().trim().max(NAME_CHARS),
  url: z.string().trim().max(2048),
  reliability: SourceReliabilitySchema.nullable(),
  credibility: SourceCredibilitySchema.nullable(),
});
export type SourceMetadata = z.infer<typeof SourceMetadataSchema>;

export const SourceSchema = z
  .object({
    schemaVersion: z.literal(SOURCE_SCHEMA_VERSION),
    id: SlugSchema,
    title: z.string().min(1),
    kind: z.enum(['news article', 'report', 'transcript', 'note', 'other']),
    publisher: z.string().min(1),
    publishedAt: z.string().min(1),
    /** Optional fields an importer fills when the file names them; older files without them stay valid. */
    author: z.string().min(1).optional(),
    url: z.string().min(1).optional(),
    /** Admiralty grading, set by the analyst: the source's reliability A (reliable) to F (cannot be judged)… */
    reliability: SourceReliabilitySchema.optional(),
    /** …and the information's credibility 1 (confirmed) to 6 (cannot be judged). */
    credibility: SourceCredibilitySchema.optional(),
    /** Proposed facts the analyst rejected for this source (their labels): not proposed again for it. */
    rejectedProposals: z.array(z.string().min(1).max(NAME_CHARS)).max(5000).optional(),
    text: z.string(),
    paragraphs: z.array(ParagraphRangeSchema),
    /** SHA-256 of `text` (UTF-8), lower-case hex: lets a reader tell the text was not altered. */
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
    /** Where each page of a PDF lies in `text`, so an anchor can name its page. */
    pages: z.array(PageRangeSchema).optional(),
  })
  .superRefine((source, ctx) => {
    const ranges = [
      { field: 'paragraphs', what: 'paragraph', list: source.paragraphs },
      { field: 'pages', what: 'page', list: source.pages ?? [] },
    ];
    for (const { field, what, list } of ranges) {
      for (const [index, p] of list.entries()) {
        if (p.end < p.start || p.end > source.text.length) {
          ctx.addIssue({ code: 'custom', path: [field, index], message: `${what} range lies outside the text` });
        }
      }
    }
  });

export type Source = z.infer<typeof SourceSchema>;
