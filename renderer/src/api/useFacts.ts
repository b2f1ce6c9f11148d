import { useCallback, useEffect, useState } from 'react';
import type { BriefdeskApi } from '../../../shared/contract/client';
import type { CatalogueFact } from '../../../shared/contract/facts';

/** All facts of the workspace's catalogues, kept current through `facts.changed` events. */
export function useFacts(api: BriefdeskApi): { facts: readonly CatalogueFact[] | undefined; error: string | undefined; reload: () => void } {
  const [facts, setFacts] = useState<readonly CatalogueFact[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(
    () =>
      void api.facts.list({}).then((result) => {
        if (result.ok) {
          setFacts(result.value);
          setError(undefined);
        } else setError(result.error.message);
      }),
    [api],
  );
  useEffect(() => {
    load();
    return api.subscribe('facts.changed', load);
  }, [api, load]);
  return { facts, error, reload: load };
}
