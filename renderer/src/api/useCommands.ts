import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { CommandDefinition, CommandRegistry } from '../../../shared/commands/registry';

/**
 * Registers a feature's commands for as long as it is mounted. The definitions are read afresh on every run, so
 * handlers may close over the latest state without registering again on each render.
 */
export function useCommands(registry: CommandRegistry, definitions: readonly CommandDefinition[]): void {
  const latest = useRef(definitions);
  useEffect(() => {
    latest.current = definitions;
  });
  const ids = definitions.map((definition) => definition.id).join('\n');
  useEffect(() => {
    const byId = (id: string): CommandDefinition => latest.current.find((definition) => definition.id === id)!;
    return registry.register(
      latest.current.map((definition) => ({
        ...definition,
        when: (context) => byId(definition.id).when?.(context) ?? true,
        run: (args) => byId(definition.id).run(args),
      })),
    );
  }, [registry, ids]);
}

/** Re-renders when commands, their enablement or recent use change. */
export function useRegistryVersion(registry: CommandRegistry): number {
  return useSyncExternalStore(registry.subscribe, registry.snapshot);
}
