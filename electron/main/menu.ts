import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuEntry, MenuName } from '../../shared/commands/registry';
import { EVENT_CHANNEL } from '../../shared/contract/index';

export interface MenuActions {
  openWorkspace: () => void;
}

export interface RecentBrief {
  id: string;
  title: string;
}

const MENUS: readonly MenuName[] = ['File', 'View', 'Go', 'Help'];

/** One menu's items from the registry's entries: sorted, with a separator between groups. */
function itemsOf(entries: readonly MenuEntry[], menu: MenuName, click: (entry: MenuEntry) => () => void): MenuItemConstructorOptions[] {
  const own = entries.filter((entry) => entry.menu === menu).sort((a, b) => a.group - b.group || a.order - b.order);
  return own.flatMap((entry, index): MenuItemConstructorOptions[] => [
    ...(index > 0 && own[index - 1]!.group !== entry.group ? [{ type: 'separator' as const }] : []),
    { label: entry.label, enabled: entry.enabled, click: click(entry), ...(entry.accelerator ? { accelerator: entry.accelerator } : {}) },
  ]);
}

/**
 * Builds the application menu from the renderer's command registry (its entries arrive through the contract):
 * a click raises the same command in the renderer that its key and the palette raise. Only what belongs to the
 * operating system (roles: edit, zoom, quit) and the recent briefs are added here.
 */
export function installMenu(getWindow: () => BrowserWindow | undefined, actions: MenuActions, recent: readonly RecentBrief[], entries: readonly MenuEntry[]): void {
  const send = (command: string, briefId?: string) => () => getWindow()?.webContents.send(EVENT_CHANNEL, 'app.command', { command, briefId });
  // The folder dialog is the main process's own; every other command runs in the renderer.
  const click = (entry: MenuEntry) => (entry.id === 'workspace.open' ? actions.openWorkspace : send(entry.id));
  const isMac = process.platform === 'darwin';
  const [file, view, go, help] = MENUS.map((menu) => itemsOf(entries, menu, click)) as [MenuItemConstructorOptions[], MenuItemConstructorOptions[], MenuItemConstructorOptions[], MenuItemConstructorOptions[]];
  const openRecent: MenuItemConstructorOptions = {
    label: 'Open Recent',
    submenu: recent.length ? recent.map((brief) => ({ label: brief.title, click: send('brief.open', brief.id) })) : [{ label: 'No recent briefs', enabled: false }],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [...file.slice(0, 1), openRecent, ...file.slice(1), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: [...view, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { label: 'Go', submenu: go },
    { role: 'help', submenu: help },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
