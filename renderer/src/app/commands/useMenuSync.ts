import { useEffect } from 'react';
import type { CommandRegistry } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';

/** Enablement changes with every selection; the menu is rebuilt once things settle, not on every keystroke. */
const MENU_SYNC_DELAY_MS = 150;

/**
 * The desktop app's native menu is built from the registry: its entries (with their enablement) go to the main
 * process whenever they change. Browser mode has no native menu, so nothing is sent.
 */
export function useMenuSync(api: BriefdeskApi, registry: CommandRegistry, desktop: boolean): void {
  useEffect(() => {
    if (!desktop) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sent = '';
    const send = (): void => {
      const entries = registry.menuEntries();
      const key = JSON.stringify(entries);
      if (key === sent) return;
      sent = key;
      void api.app.setMenu({ entries });
    };
    send();
    const unsubscribe = registry.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(send, MENU_SYNC_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [api, registry, desktop]);
}
