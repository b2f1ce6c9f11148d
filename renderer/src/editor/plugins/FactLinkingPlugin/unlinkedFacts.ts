import { $getRoot, $getState, $setState, createState } from 'lexical';

/**
 * Facts the analyst unlinked everywhere in this brief ("Unlink all mentions"). Kept as state on the root node,
 * so the choice lives in the brief's own JSON and survives reloads and re-linking.
 */
export const unlinkedFactsState = createState('unlinkedFacts', {
  parse: (value) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []),
});

export function $getUnlinkedFacts(): readonly string[] {
  return $getState($getRoot(), unlinkedFactsState);
}

export function $setUnlinkedFacts(factIds: readonly string[]): void {
  $setState($getRoot(), unlinkedFactsState, [...new Set(factIds)].sort());
}
