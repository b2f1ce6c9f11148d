import { useCallback, useEffect, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Result } from '../../../../shared/contract/define';
import type { BriefSummary } from '../../../../shared/model/brief';

export interface BriefListState {
  briefs: readonly BriefSummary[] | undefined;
  error: string | undefined;
  refresh: () => Promise<void>;
}

/** The workspace's briefs, kept current through the host's `briefs.changed` events. */
export function useBriefList(api: BriefdeskApi): BriefListState {
  const [briefs, setBriefs] = useState<readonly BriefSummary[]>();
  const [error, setError] = useState<string>();

  const apply = useCallback((result: Result<BriefSummary[]>) => {
    if (result.ok) {
      setBriefs(result.value);
      setError(undefined);
    } else {
      setError(result.error.message);
    }
  }, []);

  const refresh = useCallback(() => api.briefs.list().then(apply), [api, apply]);

  useEffect(() => {
    void api.briefs.list().then(apply);
    return api.subscribe('briefs.changed', () => void api.briefs.list().then(apply));
  }, [api, apply]);

  return { briefs, error, refresh };
}
