import { useMemo } from 'react';
import { fuzzyMatch, prepareFuzzyQuery, prepareFuzzyTarget, rankFuzzy, type MatchRange } from '../../../../shared/lib/fuzzyMatch';

/** Rows a palette renders at most: enough to scroll through, few enough that every keystroke paints within a frame. */
export const PALETTE_ROW_LIMIT = 50;

export interface RankedItem<T> {
  item: T;
  ranges: readonly MatchRange[];
}

/**
 * The items that best match the query, best first (the empty query keeps the items' order), with their matched
 * ranges. Texts are folded once per list, not per keystroke; `textOf` must be stable (a module-level function).
 */
export function useFuzzyRanking<T>(items: readonly T[], textOf: (item: T) => string, query: string, limit = PALETTE_ROW_LIMIT): { shown: RankedItem<T>[]; total: number } {
  const targets = useMemo(() => items.map((item) => prepareFuzzyTarget(textOf(item))), [items, textOf]);
  return useMemo(() => {
    const prepared = prepareFuzzyQuery(query);
    const { indices, total } = rankFuzzy(prepared, targets, limit);
    const shown = indices.map((index) => ({ item: items[index]!, ranges: fuzzyMatch(prepared, targets[index]!)?.ranges ?? [] }));
    return { shown, total };
  }, [items, targets, query, limit]);
}
