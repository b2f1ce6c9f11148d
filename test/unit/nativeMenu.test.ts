import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { CommandRegistry } from '../../shared/commands/registry';
import { MenuEntriesSchema } from '../../shared/contract/app';
import { appCommands } from '../../renderer/src/app/commands/appCommands';
import { briefCommands } from '../../renderer/src/features/briefs/briefCommands';

// The Electron binary cannot be installed here, so `Menu` is the one thing mocked: it captures the template.
const built: { template: MenuItemConstructorOptions[] } = { template: [] };
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      built.template = template;
      return {};
    },
    setApplicationMenu: () => undefined,
  },
}));
const { installMenu } = await import('../../electron/main/menu');

const noop = () => undefined;

/** The app's and the briefs feature's real commands, as the running renderer registers them. */
function realRegistry(): CommandRegistry {
  const registry = new CommandRegistry();
  registry.register(
    appCommands({
      toggleSidebar: noop, toggleSidePane: noop, swapSideArrangement: noop, toggleTheme: noop, preferences: noop, openWorkspace: noop,
      shortcuts: noop, about: noop, messages: noop, palette: noop, quickOpen: noop, focusEditor: noop,
    }),
  );
  registry.register(
    briefCommands({
      newBrief: noop, openBrief: noop, save: noop, rename: noop, history: noop, duplicate: noop, remove: noop, showTrash: noop,
      flushBeforeClose: noop, newFactFromSelection: noop, editor: () => null, workspaceWritable: () => true,
    }),
  );
  return registry;
}

function submenu(label: string): MenuItemConstructorOptions[] {
  const menu = built.template.find((item) => item.label === label || item.role === label.toLowerCase());
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('the native menu is built from the command registry', () => {
  it('lists the registry’s menu commands with their accelerators and enablement, and a click raises the same command', () => {
    const registry = realRegistry();
    const sent: unknown[][] = [];
    const window = { webContents: { send: (...args: unknown[]) => sent.push(args) } } as unknown as BrowserWindow;
    const entries = MenuEntriesSchema.parse({ entries: registry.menuEntries() }).entries;
    const openWorkspace = vi.fn();
    installMenu(() => window, { openWorkspace }, [{ id: 'old-brief', title: 'Old brief' }], entries);

    const file = submenu('File');
    const save = file.find((item) => item.label === 'Save')!;
    expect(save.accelerator).toBe('CmdOrCtrl+S');
    expect(save.enabled).toBe(false);
    expect(file.find((item) => item.label === 'New brief')?.accelerator).toBe('CmdOrCtrl+N');
    expect(file.map((item) => item.label).filter(Boolean)).toContain('Open Recent');
    expect(submenu('Go').find((item) => item.label === 'Go to brief…')?.accelerator).toBe('CmdOrCtrl+P');
    expect(submenu('Help').map((item) => item.label)).toEqual(['Keyboard shortcuts', 'Recent messages', undefined, 'About Briefdesk']);

    (file.find((item) => item.label === 'New brief')!.click as () => void)();
    expect(sent).toEqual([['briefdesk:event', 'app.command', { command: 'brief.new', briefId: undefined }]]);
    (file.find((item) => item.label === 'Open workspace…')!.click as () => void)();
    expect(openWorkspace).toHaveBeenCalledOnce();
    const recent = file.find((item) => item.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    (recent[0]!.click as () => void)();
    expect(sent.at(-1)).toEqual(['briefdesk:event', 'app.command', { command: 'brief.open', briefId: 'old-brief' }]);

    // Every command the menu shows is in the registry, and each registry menu command is in the menu: one list.
    const labels = built.template.flatMap((menu) => ((menu.submenu ?? []) as MenuItemConstructorOptions[]).map((item) => item.label));
    for (const entry of entries) expect(labels).toContain(entry.label);

    registry.setContext({ briefOpen: true, briefEditable: true });
    installMenu(() => window, { openWorkspace }, [], registry.menuEntries());
    expect(submenu('File').find((item) => item.label === 'Save')?.enabled).toBe(true);
  });
});
