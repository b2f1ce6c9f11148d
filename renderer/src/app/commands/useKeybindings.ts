import { useEffect } from 'react';
import type { CommandRegistry, RunMode } from '../../../../shared/commands/registry';

/**
 * The window's key bindings, read from the registry. In the desktop app the native menu owns the keys of the
 * commands it lists (it is built from the same registry), so only the others are bound here.
 */
export function useKeybindings(registry: CommandRegistry, mode: RunMode): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = registry.commandForKey(event, mode);
      if (!command || (mode === 'desktop' && command.menu) || !registry.isEnabled(command.id)) return;
      event.preventDefault();
      void registry.run(command.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry, mode]);
}
