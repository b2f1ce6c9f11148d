import { diffArrays } from 'diff';
import type { DiffPart } from '../../components/TextDiffView';

/** A block-by-block diff: parts only in `after` are added, parts only in `before` removed. */
export function blockDiff(before: readonly string[], after: readonly string[]): DiffPart[] {
  return diffArrays([...before], [...after]).flatMap((change) =>
    change.value.map((text) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text }) as DiffPart),
  );
}
