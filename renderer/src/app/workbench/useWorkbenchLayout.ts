import { useCallback, useEffect, useRef, useState } from 'react';
import type { SettingsPatch, WorkbenchLayout } from '../../../../shared/model/settings';
import { clampLayout } from './layout';

/** A drag changes the layout many times a second; the preference is written once it rests. */
const PERSIST_DELAY_MS = 400;

/**
 * The window's layout: starts from the preference, changes at once on screen, and is written back after a pause,
 * so it is restored on the next start. The last change is written when the page goes away.
 */
export function useWorkbenchLayout(initial: WorkbenchLayout, persist: (patch: SettingsPatch) => unknown) {
  const [layout, setLayout] = useState(() => clampLayout(initial));
  const pending = useRef<WorkbenchLayout | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current) void persist({ workbench: pending.current });
    pending.current = undefined;
  }, [persist]);

  const change = useCallback(
    (update: (current: WorkbenchLayout) => WorkbenchLayout) => {
      setLayout((current) => {
        const next = clampLayout(update(current));
        if (next === current) return current;
        pending.current = next;
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, PERSIST_DELAY_MS);
        return next;
      });
    },
    [flush],
  );

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { layout, change };
}
