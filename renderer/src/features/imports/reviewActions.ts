import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { CatalogueFact } from '../../../../shared/contract/facts';
import type { ProposedFact } from '../../../../shared/contract/sources';
import { FACT_LIMITS } from '../../../../shared/limits';
import { makeAnchor } from '../../../../shared/lib/textAnchor';
import type { Anchor, Fact, FactKind } from '../../../../shared/model/fact';
import { slugify } from '../../components/FactForm';

/** A proposal as the analyst left it in the review: its label, kind and aliases may have been changed. */
export interface ProposalEdit {
  label: string;
  kind: FactKind;
  /** Comma-separated, as typed. */
  aliases: string;
}

/** What the review does with one source's proposals; each answers why it could not, or undefined once it is done. */
export interface ReviewActions {
  /** A new fact (created in the first catalogue that can be written), or, for a proposal with `match`, its passage added to that fact. */
  accept: (proposal: ProposedFact, edit: ProposalEdit) => Promise<string | undefined>;
  /** Adds the proposal's label as an alias of an existing fact, and its passage as one of that fact's anchors. */
  merge: (proposal: ProposedFact, factId: string) => Promise<string | undefined>;
  /** Remembers the proposals as rejected for this source, so they are not proposed for it again. */
  reject: (proposals: readonly ProposedFact[]) => Promise<string | undefined>;
}

export interface ReviewedSource {
  id: string;
  text: string;
}

/** A passage around an anchor: the sentence it is in (cut to about MAX_CONTEXT characters each side). */
export interface Passage {
  before: string;
  exact: string;
  after: string;
}

const MAX_CONTEXT = 120;
const SENTENCE_END = /[.!?…]["”’)]*\s/;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const FALLBACK_ID = 'fact';

/** The sentence of `text` that holds [start, end): from the end of the previous sentence or line to the end of this one. */
export function passageAround(text: string, start: number, end: number): Passage {
  const from = Math.max(0, start - MAX_CONTEXT);
  const head = text.slice(from, start);
  let cut = Math.max(head.lastIndexOf('\n') + 1, 0);
  for (const match of head.matchAll(new RegExp(SENTENCE_END, 'g'))) cut = Math.max(cut, match.index + match[0].length);
  const tail = text.slice(end, end + MAX_CONTEXT);
  const stop = SENTENCE_END.exec(tail);
  const line = tail.indexOf('\n');
  const tailEnd = Math.min(stop ? stop.index + stop[0].trimEnd().length : tail.length, line === -1 ? tail.length : line);
  const before = (cut === 0 && from > 0 ? '…' : '') + head.slice(cut).trimStart();
  const after = tail.slice(0, tailEnd) + (tailEnd === tail.length && end + tail.length < text.length ? '…' : '');
  return { before, exact: text.slice(start, end), after };
}

/** The aliases typed in the review: trimmed, none empty, none twice or the same as the label (case aside). */
export function aliasesFrom(typed: string, label: string): string[] {
  const seen = new Set([label.trim().toLocaleLowerCase()]);
  const aliases: string[] = [];
  for (const alias of typed.split(',').map((text) => text.trim())) {
    const folded = alias.toLocaleLowerCase();
    if (!alias || seen.has(folded)) continue;
    seen.add(folded);
    aliases.push(alias);
  }
  return aliases;
}

/** A fact as `facts.update` takes it: the catalogue it is in and the views of its anchors are answers, not input. */
function asInput(fact: CatalogueFact & { anchorViews?: unknown }): Fact {
  const { catalogueId: _catalogue, anchorViews: _views, ...input } = fact;
  return input;
}

const sameAnchor = (a: Anchor, b: Anchor): boolean => a.sourceId === b.sourceId && a.start === b.start && a.end === b.end;

/**
 * The review's calls to the host for one source. `known` is the workspace's facts when the review opened: the ids
 * a new fact may not take (ids created since are added as they are made).
 */
export function reviewActions(api: BriefdeskApi, source: ReviewedSource, known: readonly CatalogueFact[]): ReviewActions {
  const takenIds = new Set(known.map((fact) => fact.id));
  const anchorFor = (proposal: ProposedFact): Anchor => makeAnchor(source.text, source.id, proposal.anchor.start, proposal.anchor.end);

  const newId = (label: string): string => {
    const base = slugify(label) || FALLBACK_ID;
    let id = base;
    for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
    return id;
  };

  /** Adds the anchor (and the alias, if given and new) to a fact, read afresh so nothing changed since is lost. */
  const extend = async (factId: string, anchor: Anchor, alias?: string): Promise<string | undefined> => {
    const got = await api.facts.get({ id: factId });
    if (!got.ok) return got.error.message;
    const fact = asInput(got.value);
    const names = [fact.label, ...fact.aliases.map((known) => known.text)].map((name) => name.toLocaleLowerCase());
    const aliases = alias && !names.includes(alias.toLocaleLowerCase()) ? [...fact.aliases, { text: alias, caseSensitive: false, analystForm: false, ambiguous: false }] : fact.aliases;
    const anchors = fact.anchors.some((existing) => sameAnchor(existing, anchor)) ? fact.anchors : [...fact.anchors, anchor];
    const updated = await api.facts.update({ fact: { ...fact, aliases, anchors } });
    return updated.ok ? undefined : updated.error.message;
  };

  return {
    accept: async (proposal, edit) => {
      const anchor = anchorFor(proposal);
      if (proposal.match) return extend(proposal.match.factId, anchor);
      const label = edit.label.trim();
      if (!label) return 'Give the fact a label.';
      const catalogues = await api.facts.catalogues();
      if (!catalogues.ok) return catalogues.error.message;
      const catalogueId = catalogues.value.find((catalogue) => !catalogue.damaged)?.id;
      if (!catalogueId) return 'There is no fact catalogue in this workspace to add the fact to.';
      const passage = passageAround(source.text, proposal.anchor.start, proposal.anchor.end);
      const fact: Fact = {
        id: newId(label),
        kind: edit.kind,
        label,
        aliases: aliasesFrom(edit.aliases, label).map((text) => ({ text, caseSensitive: false, analystForm: false, ambiguous: false })),
        summary: `${passage.before}${passage.exact}${passage.after}`.trim().slice(0, FACT_LIMITS.summaryChars),
        tags: [],
        anchors: [anchor],
        ...(proposal.date && DATE.test(proposal.date) ? { date: proposal.date } : {}),
      };
      const created = await api.facts.create({ catalogueId, fact });
      if (!created.ok) return created.error.message;
      takenIds.add(created.value.id);
      return undefined;
    },
    merge: (proposal, factId) => extend(factId, anchorFor(proposal), proposal.label),
    reject: async (proposals) => {
      if (proposals.length === 0) return undefined;
      const rejected = await api.sources.rejectProposals({ id: source.id, labels: proposals.map((proposal) => proposal.label) });
      return rejected.ok ? undefined : rejected.error.message;
    },
  };
}
