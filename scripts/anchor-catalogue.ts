/**
 * Recomputes every anchor of a fact catalogue from its `exact` text, and rewrites the catalogue.
 *
 *   node --import tsx scripts/anchor-catalogue.ts <source.json> <catalogue.json>
 *
 * An anchor needs only `exact` (and `sourceId`, which defaults to the source's id). When `exact`
 * occurs more than once in the source, the anchor's existing `start` is the hint: the occurrence
 * nearest to it is taken, so an anchor written as { "exact": "the summit", "start": 2480 } picks
 * the mention around offset 2480. start, end, prefix and suffix are then recomputed, the result
 * is validated against FactCatalogueSchema, written with 2-space indentation, and checked with
 * checkCatalogue (problems are printed and make the exit code 1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { checkCatalogue } from '../shared/lib/catalogueChecks';
import { makeAnchor, occurrences } from '../shared/lib/textAnchor';
import { FactCatalogueSchema, FactSchema } from '../shared/model/fact';
import type { Anchor } from '../shared/model/fact';
import { SlugSchema } from '../shared/model/ids';
import { SourceSchema } from '../shared/model/source';
import type { Source } from '../shared/model/source';

const DraftAnchorSchema = z.object({
  sourceId: SlugSchema.optional(),
  exact: z.string().min(1),
  start: z.number().int().min(0).optional(),
});
type DraftAnchor = z.infer<typeof DraftAnchorSchema>;

const DraftCatalogueSchema = FactCatalogueSchema.extend({
  facts: z.array(FactSchema.extend({ anchors: z.array(DraftAnchorSchema) })),
});

function reanchor(source: Source, factId: string, draft: DraftAnchor): Anchor {
  const where = `fact "${factId}" anchor "${draft.exact}"`;
  if (draft.sourceId !== undefined && draft.sourceId !== source.id) {
    throw new Error(`${where}: points at source "${draft.sourceId}", not "${source.id}"`);
  }
  const found = occurrences(source.text, draft.exact);
  if (found.length === 0) throw new Error(`${where}: exact text not found in the source`);
  let start = found[0]!;
  if (found.length > 1) {
    const hint = draft.start;
    if (hint === undefined) {
      throw new Error(`${where}: exact text occurs ${found.length} times (at ${found.join(', ')}); give a "start" hint`);
    }
    start = found.reduce((best, at) => (Math.abs(at - hint) < Math.abs(best - hint) ? at : best));
  }
  return makeAnchor(source.text, source.id, start, start + draft.exact.length);
}

function main(argv: readonly string[]): void {
  const [sourcePath, cataloguePath] = argv;
  if (!sourcePath || !cataloguePath || argv.length !== 2) {
    throw new Error('usage: anchor-catalogue.ts <source.json> <catalogue.json>');
  }
  const source = SourceSchema.parse(JSON.parse(readFileSync(sourcePath, 'utf8')));
  const draft = DraftCatalogueSchema.parse(JSON.parse(readFileSync(cataloguePath, 'utf8')));

  const catalogue = FactCatalogueSchema.parse({
    ...draft,
    facts: draft.facts.map((fact) => ({ ...fact, anchors: fact.anchors.map((a) => reanchor(source, fact.id, a)) })),
  });
  writeFileSync(cataloguePath, `${JSON.stringify(catalogue, null, 2)}\n`, 'utf8');

  const anchors = catalogue.facts.reduce((n, f) => n + f.anchors.length, 0);
  console.log(`${cataloguePath}: ${catalogue.facts.length} facts, ${anchors} anchors re-anchored in "${source.id}"`);
  const problems = checkCatalogue(source, catalogue);
  for (const problem of problems) console.error(`problem: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

main(process.argv.slice(2));
