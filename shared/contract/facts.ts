import { z } from 'zod';
import { method } from './define';
import { AliasSchema, FactKindSchema, FactSchema } from '../model/fact';
import { SlugSchema } from '../model/ids';
import { BriefIdSchema } from '../model/brief';
import { JobStartedSchema } from './jobs';

export const CatalogueSummarySchema = z.object({
  id: SlugSchema,
  title: z.string(),
  factCount: z.number().int().min(0),
  /** Set when the catalogue file could not be read; it is listed, never rewritten. */
  damaged: z.string().optional(),
  /** True when the app ships this catalogue, so it can be reset to the bundled copy. */
  bundled: z.boolean(),
});

export const CatalogueFactSchema = FactSchema.extend({ catalogueId: SlugSchema });
export type CatalogueFact = z.infer<typeof CatalogueFactSchema>;

/** An anchor as shown to the analyst: the supporting sentence, and where the anchor words sit in it. */
export const AnchorViewSchema = z.object({
  sourceId: SlugSchema,
  sourceTitle: z.string(),
  exact: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  sentence: z.string(),
  /** Offsets of the anchor words inside `sentence`. */
  markStart: z.number().int(),
  markEnd: z.number().int(),
  /** Why the anchor could not be found in its source, if it could not. */
  problem: z.string().optional(),
});
export type AnchorView = z.infer<typeof AnchorViewSchema>;

const FactIdArgs = z.object({ id: SlugSchema });
export const FactInputSchema = FactSchema.omit({ anchors: true }).extend({ anchors: FactSchema.shape.anchors.default([]) });

export const factsContract = {
  catalogues: method(z.void(), z.array(CatalogueSummarySchema)),
  list: method(z.object({ kind: FactKindSchema.optional() }).default({}), z.array(CatalogueFactSchema)),
  get: method(FactIdArgs, CatalogueFactSchema.extend({ anchorViews: z.array(AnchorViewSchema) })),
  create: method(z.object({ catalogueId: SlugSchema, fact: FactInputSchema }), CatalogueFactSchema),
  update: method(z.object({ fact: FactInputSchema }), CatalogueFactSchema),
  /** Refused while briefs reference the fact, unless `force`; the refusal names those briefs. */
  delete: method(z.object({ id: SlugSchema, force: z.boolean().default(false) }), z.null()),
  addAlias: method(z.object({ id: SlugSchema, alias: AliasSchema }), CatalogueFactSchema),
  removeAlias: method(z.object({ id: SlugSchema, text: z.string().min(1) }), CatalogueFactSchema),
  /** Folds `mergeId` into `keepId`: aliases, anchors and tags move over, and briefs' references are re-pointed. */
  merge: method(z.object({ keepId: SlugSchema, mergeId: SlugSchema }), z.object({ fact: CatalogueFactSchema, briefsUpdated: z.array(BriefIdSchema) })),
  /** Which briefs reference a fact, and how often. */
  references: method(FactIdArgs, z.array(z.object({ briefId: BriefIdSchema, title: z.string(), count: z.number().int() }))),
  /** Takes a quote that moved when its source changed as it now stands: the fact's review flag for that anchor goes. */
  acceptAnchor: method(z.object({ id: SlugSchema, anchorIndex: z.number().int().min(0) }), CatalogueFactSchema),
  /**
   * Puts the bundled catalogue back, keeping the analyst's version in `.briefdesk/replaced-catalogues/`: a job (see
   * ./jobs), refused at once with not_found when the catalogue is not a bundled one.
   */
  reset: method(z.object({ catalogueId: SlugSchema }), JobStartedSchema),
};
