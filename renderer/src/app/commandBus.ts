import type { AppCommand } from '../../../shared/contract/app';

export type CommandHandler = (command: AppCommand) => void;

/** Menu and shortcut commands, fanned out to whichever panes listen for them. */
export interface CommandBus {
  emit(command: AppCommand): void;
  listen(handler: CommandHandler): () => void;
}

export function createCommandBus(): CommandBus {
  const handlers = new Set<CommandHandler>();
  return {
    emit: (command) => handlers.forEach((handler) => handler(command)),
    listen(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}
