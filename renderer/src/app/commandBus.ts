import type { AppCommand } from '../../../shared/contract/app';

export type CommandHandler = (command: AppCommand, briefId?: string) => void;

/** Menu and shortcut commands, fanned out to whichever panes listen for them. */
export interface CommandBus {
  emit(command: AppCommand, briefId?: string): void;
  listen(handler: CommandHandler): () => void;
}

export function createCommandBus(): CommandBus {
  const handlers = new Set<CommandHandler>();
  return {
    emit: (command, briefId) => handlers.forEach((handler) => handler(command, briefId)),
    listen(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}
