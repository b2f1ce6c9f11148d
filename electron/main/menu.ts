import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/contract/app';
import { EVENT_CHANNEL } from '../../shared/contract/index';

/** The native menu; its commands reach the renderer as `app.command` events, the same ones its shortcuts raise. */
export interface MenuActions {
  openWorkspace: () => void;
}

export interface RecentBrief {
  id: string;
  title: string;
}

/** Builds (and rebuilds, when the recent briefs change) the application menu. */
export function installMenu(getWindow: () => BrowserWindow | undefined, actions: MenuActions, recent: readonly RecentBrief[]): void {
  const send = (command: AppCommand, briefId?: string) => () => getWindow()?.webContents.send(EVENT_CHANNEL, 'app.command', { command, briefId });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Brief', accelerator: 'CmdOrCtrl+N', click: send('brief.new') },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((brief) => ({ label: brief.title, click: send('brief.open', brief.id) }))
            : [{ label: 'No recent briefs', enabled: false }],
        },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('brief.save') },
        { label: 'Rename…', accelerator: 'F2', click: send('brief.rename') },
        { label: 'Version History…', accelerator: 'CmdOrCtrl+Shift+H', click: send('brief.history') },
        { label: 'Preferences…', accelerator: 'CmdOrCtrl+,', click: send('app.preferences') },
        { type: 'separator' },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', enabled: false, toolTip: 'PDF export is not built yet' },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Toggle Sidebar', accelerator: 'CmdOrCtrl+\\', click: send('view.toggleSidebar') },
        { label: 'Toggle Facts Panel', accelerator: 'CmdOrCtrl+Shift+F', click: send('view.toggleFacts') },
        { label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D', click: send('view.toggleTheme') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send('help.shortcuts') },
        { label: 'About Briefdesk', click: send('help.about') },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
