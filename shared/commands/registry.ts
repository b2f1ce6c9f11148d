/**
 * The one list of commands (VS Code's CommandsRegistry with its menu and keybinding metadata in one entry): the
 * native menu, the browser-mode key bindings, the shortcut sheet and the palette all read it. It is pure, so the
 * renderer's features can contribute to it and its menu entries can be checked by the contract.
 */

export type CommandCategory = 'File' | 'Edit' | 'View' | 'Brief' | 'Facts' | 'Go' | 'Help';
export type MenuName = 'File' | 'View' | 'Go' | 'Help';
export type RunMode = 'desktop' | 'browser';

/** Facts about the window that decide which commands can run now. */
export interface CommandContext {
  briefOpen: boolean;
  briefEditable: boolean;
  editorHasSelection: boolean;
  /** The damaged-file view is showing in the editor's place. */
  damagedBriefShown: boolean;
  /** How many briefs are selected in the sidebar (a book is exported from two or more). */
  briefsSelected: number;
}

export const EMPTY_CONTEXT: CommandContext = { briefOpen: false, briefEditable: false, editorHasSelection: false, damagedBriefShown: false, briefsSelected: 0 };

export interface Keybinding {
  /** "Ctrl+Shift+P": Ctrl means Cmd on macOS. Used in both modes unless a variant is given. */
  key: string;
  /** Where the desktop app's menu can take a key the browser keeps for itself (Ctrl+N opens a browser window). */
  desktop?: string;
  browser?: string;
  /** `editor`: the editor handles the key itself (Lexical); it is listed, never bound by the window. */
  scope?: 'window' | 'editor';
}

export interface CommandArgs {
  briefId?: string;
}

export interface CommandDefinition {
  id: string;
  title: string;
  category: CommandCategory;
  keybinding?: Keybinding;
  /** Says when the command can run; absent means always. */
  when?: (context: CommandContext) => boolean;
  run: (args: CommandArgs) => void | Promise<void>;
  /** Shown in the native menu (desktop); `group` separates, `order` sorts within a menu. */
  menu?: { name: MenuName; group: number; order: number };
  /** Commands that only the app raises (before the window closes) stay out of the palette and the sheet. */
  hidden?: boolean;
  /** Keys the editor handles that have nothing to run on their own (Tab in a list, @): listed in the sheet only. */
  sheetOnly?: boolean;
}

/** What the desktop's native menu is built from: the registry's entries at this moment, enablement included. */
export interface MenuEntry {
  id: string;
  label: string;
  menu: MenuName;
  group: number;
  order: number;
  accelerator?: string;
  enabled: boolean;
}

export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const RECENT_LIMIT = 12;

function keyPartsMatch(event: KeyPress, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1) ?? '';
  const ctrl = event.ctrlKey || event.metaKey;
  return (
    ctrl === parts.includes('Ctrl') &&
    event.shiftKey === parts.includes('Shift') &&
    event.altKey === parts.includes('Alt') &&
    (event.key.toLowerCase() === key.toLowerCase() || (event.code !== undefined && event.code === codeOf(key)))
  );
}

/** With Shift or Alt held, `key` is the shifted character ("?" for "/"), so the physical key decides. */
function codeOf(key: string): string | undefined {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return { '/': 'Slash', '\\': 'Backslash', ',': 'Comma', '.': 'Period', '[': 'BracketLeft', ']': 'BracketRight' }[key];
}

export function keyFor(binding: Keybinding | undefined, mode: RunMode): string | undefined {
  if (!binding) return undefined;
  return (mode === 'desktop' ? binding.desktop : binding.browser) ?? binding.key;
}

/** Electron's accelerator syntax for one of our key strings. */
export function toAccelerator(keys: string): string {
  return keys
    .split('+')
    .map((part) => (part === 'Ctrl' ? 'CmdOrCtrl' : part))
    .join('+');
}

export class CommandRegistry {
  private readonly commands = new Map<string, CommandDefinition>();
  private readonly listeners = new Set<() => void>();
  private recentIds: string[] = [];
  private currentContext: CommandContext = EMPTY_CONTEXT;
  private version = 0;

  /** Adds commands; the returned function takes them out again (a feature's pane unmounting). */
  register(definitions: CommandDefinition | readonly CommandDefinition[]): () => void {
    const list = Array.isArray(definitions) ? definitions : [definitions as CommandDefinition];
    for (const definition of list) {
      if (this.commands.has(definition.id)) throw new Error(`The command ${definition.id} is registered twice.`);
      this.commands.set(definition.id, definition);
    }
    this.changed();
    return () => {
      for (const definition of list) if (this.commands.get(definition.id) === definition) this.commands.delete(definition.id);
      this.changed();
    };
  }

  get(id: string): CommandDefinition | undefined {
    return this.commands.get(id);
  }

  list(): CommandDefinition[] {
    return [...this.commands.values()];
  }

  context(): CommandContext {
    return this.currentContext;
  }

  setContext(patch: Partial<CommandContext>): void {
    const next = { ...this.currentContext, ...patch };
    if ((Object.keys(next) as (keyof CommandContext)[]).every((key) => next[key] === this.currentContext[key])) return;
    this.currentContext = next;
    this.changed();
  }

  isEnabled(id: string): boolean {
    const command = this.commands.get(id);
    return command !== undefined && (command.when?.(this.currentContext) ?? true);
  }

  /** Runs a command if it exists and is enabled now; false otherwise, so a stale menu click does nothing. */
  async run(id: string, args: CommandArgs = {}): Promise<boolean> {
    const command = this.commands.get(id);
    if (!command || !this.isEnabled(id)) return false;
    if (!command.hidden) {
      this.recentIds = [id, ...this.recentIds.filter((other) => other !== id)].slice(0, RECENT_LIMIT);
      this.changed();
    }
    await command.run(args);
    return true;
  }

  /** Ids of the commands run lately, newest first. */
  recent(): readonly string[] {
    return this.recentIds;
  }

  /** The window-level command bound to this key press, if any. */
  commandForKey(event: KeyPress, mode: RunMode): CommandDefinition | undefined {
    for (const command of this.commands.values()) {
      const binding = command.keybinding;
      if (!binding || binding.scope === 'editor') continue;
      const keys = keyFor(binding, mode);
      if (keys && keyPartsMatch(event, keys)) return command;
    }
    return undefined;
  }

  menuEntries(): MenuEntry[] {
    return this.list()
      .filter((command) => command.menu)
      .map((command) => {
        const menu = command.menu!;
        const keys = keyFor(command.keybinding, 'desktop');
        return {
          id: command.id,
          label: command.title,
          menu: menu.name,
          group: menu.group,
          order: menu.order,
          ...(keys && command.keybinding?.scope !== 'editor' ? { accelerator: toAccelerator(keys) } : {}),
          enabled: this.isEnabled(command.id),
        };
      });
  }

  /** For `useSyncExternalStore`: a number that changes whenever commands, context or recent use change. */
  snapshot = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
