import { z } from 'zod';
import { FACT_LIMITS, NAME_CHARS } from '../limits';
import { SlugSchema } from './ids';

export const FACT_CATALOGUE_SCHEMA_VERSION = 1;

export const FactKindSchema = z.enum([
  'person',
  'place',
  'organization',
  'event',
  'position',
  'quotation',
  'date',
  'assessment',
]);
export type FactKind = z.infer<typeof FactKindSchema>;

/**
 * Set on an anchor when its source changed and the supporting words did not survive verbatim: `moved` (the closest
 * passage now, `current`, differs from `previous`; the anchor points at it until the analyst accepts or re-attaches)
 * or `orphaned` (not found; the anchor keeps its old words). Cleared when the analyst accepts the change.
 */
export const AnchorReviewSchema = z.object({
  grade: z.enum(['moved', 'orphaned']),
  /** The supporting words before the source changed. */
  previous: z.string().max(FACT_LIMITS.summaryChars),
  /** What stands there now (moved only). */
  current: z.string().max(FACT_LIMITS.summaryChars).optional(),
  /** Why it could not be found (orphaned only), in words. */
  reason: z.string().max(FACT_LIMITS.summaryChars).optional(),
  since: z.iso.datetime({ offset: true }),
});
export type AnchorReview = z.infer<typeof AnchorReviewSchema>;

/** A W3C TextQuoteSelector (exact + prefix + suffix) plus the offsets it was taken at, into the source's `text`. */
export const AnchorSchema = z.object({
  sourceId: SlugSchema,
  exact: z.string().min(1).max(FACT_LIMITS.summaryChars),
  prefix: z.string().max(FACT_LIMITS.aliasChars),
  suffix: z.string().max(FACT_LIMITS.aliasChars),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  review: AnchorReviewSchema.optional(),
});
export type Anchor = z.infer<typeof AnchorSchema>;

/** One word of an alias's `unlessFollowedBy`. */
export const FollowingWordSchema = z.string().regex(/^[\p{L}\p{M}\p{N}]+$/u, 'a word of letters and digits only, like “Korean”');

export const AliasSchema = z.object({
  text: z.string().min(1).max(FACT_LIMITS.aliasChars),
  /** Short or common-word aliases ("US", "UN", "Moon", "Kim") must not match "us", "un", "moon". */
  caseSensitive: z.boolean().default(false),
  /** A form analysts use that the source text does not contain ("DPRK"). */
  analystForm: z.boolean().default(false),
  /** The same text is knowingly an alias of more than one fact. */
  ambiguous: z.boolean().default(false),
  /**
   * Words after which the alias is not a mention of the fact: "the North" followed by "Korean" is the start of
   * "the North Korean leader", which another fact may claim. One word each, any case.
   */
  unlessFollowedBy: z.array(FollowingWordSchema.max(FACT_LIMITS.aliasChars)).min(1).max(FACT_LIMITS.aliasesPerFact).optional(),
});
export type Alias = z.infer<typeof AliasSchema>;

export const FactSchema = z.object({
  id: SlugSchema,
  kind: FactKindSchema,
  label: z.string().min(1).max(FACT_LIMITS.labelChars),
  aliases: z.array(AliasSchema).max(FACT_LIMITS.aliasesPerFact),
  summary: z.string().min(1).max(FACT_LIMITS.summaryChars),
  /** ISO 8601 date, possibly partial ("2019-02", "2019-02-28"), where the fact has one. */
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  tags: z.array(z.string().min(1).max(FACT_LIMITS.labelChars)).max(FACT_LIMITS.tagsPerFact),
  anchors: z.array(AnchorSchema).max(FACT_LIMITS.anchorsPerFact),
});
export type Fact = z.infer<typeof FactSchema>;

export const FactCatalogueSchema = z.object({
  schemaVersion: z.literal(FACT_CATALOGUE_SCHEMA_VERSION),
  id: SlugSchema,
  title: z.string().min(1).max(NAME_CHARS),
  facts: z.array(FactSchema).max(FACT_LIMITS.factsPerCatalogue),
});
export type FactCatalogue = z.infer<typeof FactCatalogueSchema>;
