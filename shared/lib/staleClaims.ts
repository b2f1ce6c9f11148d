import type { Anchor, Fact } from '../model/fact';
import { reanchorAll } from './textAnchor';

/** What became of one supporting quote when its source changed. */
export interface AnchorChange {
  factId: string;
  factLabel: string;
  grade: 'anchored' | 'moved' | 'orphaned';
  /** The supporting words before the change. */
  previous: string;
  /** What stands there now (anchored: the same words; moved: the closest passage). */
  current?: string;
  reason?: string;
}

export interface ReanchoredFacts {
  /** The facts with their anchors in the source found again: fresh offsets, and a review on those that did not survive. */
  facts: Fact[];
  changes: AnchorChange[];
}

/**
 * Finds every anchor the facts have in `sourceId` again in the source's new text. An anchor found verbatim is simply
 * updated (new offsets and context); one found only approximately points at the closest passage and is flagged
 * `moved`; one not found keeps its old words, flagged `orphaned`: never dropped, so the analyst can re-attach it.
 * A review from an earlier change is kept when the anchor is still not verbatim, so `previous` stays the words the
 * analyst last accepted.
 */
export function reanchorFacts(facts: readonly Fact[], sourceId: string, oldText: string, newText: string, now: string): ReanchoredFacts {
  const changes: AnchorChange[] = [];
  const updated = facts.map((fact) => {
    const own = fact.anchors.filter((anchor) => anchor.sourceId === sourceId);
    if (own.length === 0) return fact;
    const results = reanchorAll(oldText, newText, own);
    let next = 0;
    const anchors = fact.anchors.map((anchor): Anchor => {
      if (anchor.sourceId !== sourceId) return anchor;
      const result = results[next++]!;
      const previous = anchor.review?.previous ?? anchor.exact;
      if (result.grade === 'anchored') {
        changes.push({ factId: fact.id, factLabel: fact.label, grade: 'anchored', previous: anchor.exact, current: result.anchor.exact });
        // The words are back verbatim; a review stands only when they differ from what the analyst last accepted.
        return result.anchor.exact === previous ? result.anchor : { ...result.anchor, review: anchor.review ?? { grade: 'moved', previous, current: result.anchor.exact, since: now } };
      }
      if (result.grade === 'moved') {
        changes.push({ factId: fact.id, factLabel: fact.label, grade: 'moved', previous, current: result.found });
        return { ...result.anchor, review: { grade: 'moved', previous, current: result.found, since: now } };
      }
      changes.push({ factId: fact.id, factLabel: fact.label, grade: 'orphaned', previous, reason: result.reason });
      return { ...anchor, review: { grade: 'orphaned', previous, reason: result.reason, since: now } };
    });
    return { ...fact, anchors };
  });
  return { facts: updated, changes };
}

/** Whether any of a fact's supporting quotes changed or vanished with its source and waits for the analyst. */
export function isStale(fact: Pick<Fact, 'anchors'>): boolean {
  return fact.anchors.some((anchor) => anchor.review !== undefined);
}
