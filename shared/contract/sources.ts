import { z } from 'zod';
import { method } from './define';
import { JobIdSchema, JobStartedSchema } from './jobs';
import { SourceCredibilitySchema, SourceMetadataSchema, SourceReliabilitySchema, SourceSchema } from '../model/source';
import { SlugSchema } from '../model/ids';
import { NAME_CHARS } from '../limits';

export const SourceSummarySchema = z.object({
  id: SlugSchema,
  title: z.string(),
  publisher: z.string().optional(),
  publishedAt: z.string().optional(),
  reliability: SourceReliabilitySchema.optional(),
  credibility: SourceCredibilitySchema.optional(),
  damaged: z.string().optional(),
});
export type SourceSummary = z.infer<typeof SourceSummarySchema>;

const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

/** A fact the offline extractor proposes from an imported source (electron/host/services/sources/extractFacts.ts). */
export const ProposedFactSchema = z.object({
  kind: z.enum(['person', 'place', 'organization', 'date', 'quotation']),
  label: z.string(),
  aliases: z.array(z.string()),
  anchor: SpanSchema.extend({ exact: z.string() }),
  mentions: z.array(SpanSchema),
  speaker: z.string().optional(),
  date: z.string().optional(),
  /** An existing fact of the same name: "also mentioned here". */
  match: z.object({ factId: SlugSchema, label: z.string() }).optional(),
});
export type ProposedFact = z.infer<typeof ProposedFactSchema>;

/** What became of one fact's supporting quote when its source changed (shared/lib/staleClaims.ts). */
export const AnchorChangeSchema = z.object({
  factId: SlugSchema,
  factLabel: z.string(),
  grade: z.enum(['anchored', 'moved', 'orphaned']),
  previous: z.string(),
  current: z.string().optional(),
  reason: z.string().optional(),
});

export const ImportOutcomeSchema = z.object({
  /**
   * `added`: a new source; `duplicate`: the same text is already a source (nothing written); `changed`: a new version
   * of an existing source (same title), not written until the analyst replaces it; `replaced`: that version written,
   * every fact anchor and annotation in it found again.
   */
  outcome: z.enum(['added', 'duplicate', 'changed', 'replaced']),
  sourceId: SlugSchema,
  title: z.string(),
  fileName: z.string(),
  /** For changed and replaced: what becomes (became) of each fact's supporting quote. */
  anchorChanges: z.array(AnchorChangeSchema),
  /** For replaced: the annotations found again, changed, and orphaned. */
  annotations: z.object({ anchored: z.number().int(), moved: z.number().int(), orphaned: z.number().int() }).optional(),
  proposals: z.array(ProposedFactSchema),
});
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

const ImportFileSchema = z.object({
  name: z.string().trim().min(1).max(NAME_CHARS),
  /** The file's bytes (a browser's file input or drop): base64. */
  base64: z.string().max(48 * 1024 * 1024),
});

export const sourcesContract = {
  list: method(z.void(), z.array(SourceSummarySchema)),
  get: method(z.object({ id: SlugSchema }), SourceSchema),
  /** Changes a source's metadata (title, publisher, author, date, URL, reliability, credibility); null clears a grade. */
  update: method(z.object({ id: SlugSchema, metadata: SourceMetadataSchema.partial() }), SourceSchema),
  /**
   * Imports a file as a source, as a job: `.txt`, `.md`, `.html`, `.pdf`. The desktop app may ask with the system file
   * dialog (`ask`; null when cancelled). `replace` names the source a changed version replaces (after an import
   * answered `changed`).
   */
  import: method(z.object({ file: ImportFileSchema.optional(), ask: z.boolean().default(false), replace: SlugSchema.optional() }), JobStartedSchema.nullable()),
  /** The facts the offline extractor proposes for a source now, without those the analyst rejected for it. */
  propose: method(z.object({ id: SlugSchema }), z.array(ProposedFactSchema)),
  /** Remembers proposals the analyst rejected for a source (by label), so they are not proposed for it again. */
  rejectProposals: method(z.object({ id: SlugSchema, labels: z.array(z.string().trim().min(1).max(NAME_CHARS)).min(1).max(1000) }), z.null()),
  /** What a finished import did; not_found for a job that is not a finished import. */
  importResult: method(z.object({ jobId: JobIdSchema }), ImportOutcomeSchema),
};
