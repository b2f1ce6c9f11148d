import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { BriefSessionStore, type BriefSessionSnapshot } from './briefSessionStore';

/** The one session store of the window, created once and told when its options change. */
export function useBriefSessionStore(api: BriefdeskApi, autosave: boolean, workspaceReadOnly: string | undefined): BriefSessionStore {
  const [store] = useState(() => new BriefSessionStore(api, { autosave, workspaceReadOnly }));

  useEffect(() => {
    store.configure({ autosave, workspaceReadOnly });
  }, [store, autosave, workspaceReadOnly]);

  // Outside changes to the open brief reach the store; the page going away backs up what is unsaved.
  useEffect(() => {
    const unsubscribe = api.subscribe('briefs.external', ({ id, kind }) => {
      if (store.getSnapshot().brief?.id === id) void store.externalChange(kind);
    });
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') void store.backup();
    };
    const warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
      if (!store.isDirty()) return;
      void store.backup();
      // The desktop app flushes before its window closes; blocking the unload there would keep the window open.
      if (!window.briefdesk) event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', warnBeforeLeaving);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      store.dispose();
    };
  }, [api, store]);
  return store;
}

/** A thin subscription: the component re-renders when the session's snapshot changes, and only then. */
export function useBriefSession(store: BriefSessionStore): BriefSessionSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
