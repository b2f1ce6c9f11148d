import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { CommandDefinition, CommandRegistry } from '../../../shared/commands/registry';

/**
 * Registers a feature's commands for as long as it is mounted. `define` is called afresh whenever a command's
 * condition is checked or it runs (never during render), so handlers see the latest state without registering
 * again on every render. The list of ids is the one `define` gives at mount.
 */
export function useCommands(registry: CommandRegistry, define: () => readonly CommandDefinition[]): void {
  const latest = useRef(define);
  useEffect(() => {
    latest.current = define;
  });
  useEffect(() => {
    const current = (id: string): CommandDefinition | undefined => latest.current().find((definition) => definition.id === id);
    return registry.register(
      latest.current().map((definition) => ({
        ...definition,
        when: (context) => current(definition.id)?.when?.(context) ?? true,
        run: (args) => current(definition.id)?.run(args),
      })),
    );
  }, [registry]);
}

/** Re-renders when commands, their enablement or recent use change. */
export function useRegistryVersion(registry: CommandRegistry): number {
  return useSyncExternalStore(registry.subscribe, registry.snapshot);
}
