import { useMemo } from 'react';
import { FuzzyIndex, FuzzyTargetCache, prepareFuzzyQuery, type MatchRange } from '../../../../shared/lib/fuzzyMatch';

/** Rows a palette renders at most: enough to scroll through, few enough that every keystroke paints within a frame. */
export const PALETTE_ROW_LIMIT = 50;

/** Folded titles and command names kept between openings, so opening quick open again folds only what changed. */
const preparedTexts = new FuzzyTargetCache(10_000);

export interface RankedItem<T> {
  item: T;
  ranges: readonly MatchRange[];
}

/**
 * The items that best match the query, best first (the empty query keeps the items' order), with their matched
 * ranges. Texts are folded once (and kept for the next opening), not per keystroke, and each keystroke that extends
 * the query scores only the previous matches; `textOf` must be stable (a module-level function).
 */
export function useFuzzyRanking<T>(items: readonly T[], textOf: (item: T) => string, query: string, limit = PALETTE_ROW_LIMIT): { shown: RankedItem<T>[]; total: number } {
  const index = useMemo(() => new FuzzyIndex(items.map(textOf), preparedTexts), [items, textOf]);
  return useMemo(() => {
    const { indices, total } = index.rank(query, limit);
    const prepared = prepareFuzzyQuery(query);
    const shown = indices.map((at) => ({ item: items[at]!, ranges: index.match(prepared, at)?.ranges ?? [] }));
    return { shown, total };
  }, [items, index, query, limit]);
}
