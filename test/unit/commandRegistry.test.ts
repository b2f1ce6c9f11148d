import { describe, expect, it, vi } from 'vitest';
import { CommandRegistry, toAccelerator, type KeyPress } from '../../shared/commands/registry';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the command registry', () => {
  it('runs a command only while its condition holds, and records recent use newest first', async () => {
    const registry = new CommandRegistry();
    const rename = vi.fn();
    registry.register([
      { id: 'brief.rename', title: 'Rename', category: 'Brief', when: (c) => c.briefOpen && c.briefEditable, run: rename },
      { id: 'view.toggleTheme', title: 'Toggle dark mode', category: 'View', run: () => undefined },
      { id: 'app.flushBeforeClose', title: 'Flush', category: 'File', hidden: true, run: () => undefined },
    ]);
    expect(await registry.run('brief.rename')).toBe(false);
    expect(rename).not.toHaveBeenCalled();
    registry.setContext({ briefOpen: true, briefEditable: true });
    expect(await registry.run('brief.rename')).toBe(true);
    await registry.run('view.toggleTheme');
    await registry.run('app.flushBeforeClose');
    expect(registry.recent()).toEqual(['view.toggleTheme', 'brief.rename']);
    expect(await registry.run('no.such')).toBe(false);
  });

  it('refuses the same id twice, and unregistering takes the commands away', () => {
    const registry = new CommandRegistry();
    const dispose = registry.register({ id: 'a.b', title: 'A', category: 'View', run: () => undefined });
    expect(() => registry.register({ id: 'a.b', title: 'A again', category: 'View', run: () => undefined })).toThrow(/twice/);
    dispose();
    expect(registry.get('a.b')).toBeUndefined();
  });

  it('binds keys by mode, physical key under Shift, and never binds an editor-scoped key at window level', () => {
    const registry = new CommandRegistry();
    registry.register([
      { id: 'brief.new', title: 'New brief', category: 'File', keybinding: { key: 'Ctrl+N', browser: 'Ctrl+Alt+N' }, run: () => undefined },
      { id: 'help.shortcuts', title: 'Shortcuts', category: 'Help', keybinding: { key: 'Ctrl+/' }, run: () => undefined },
      { id: 'palette', title: 'Palette', category: 'View', keybinding: { key: 'Ctrl+Shift+P' }, run: () => undefined },
      { id: 'editor.bold', title: 'Bold', category: 'Edit', keybinding: { key: 'Ctrl+B', scope: 'editor' }, run: () => undefined },
    ]);
    expect(registry.commandForKey(press('n', { ctrlKey: true }), 'desktop')?.id).toBe('brief.new');
    expect(registry.commandForKey(press('n', { ctrlKey: true }), 'browser')).toBeUndefined();
    expect(registry.commandForKey(press('n', { ctrlKey: true, altKey: true }), 'browser')?.id).toBe('brief.new');
    expect(registry.commandForKey(press('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }), 'browser')?.id).toBe('palette');
    expect(registry.commandForKey(press('b', { ctrlKey: true }), 'browser')).toBeUndefined();
    expect(registry.commandForKey(press('/', { metaKey: true }), 'desktop')?.id).toBe('help.shortcuts');
  });

  it('gives the native menu its entries with accelerators and enablement, from the same list', () => {
    const registry = new CommandRegistry();
    registry.register([
      { id: 'brief.save', title: 'Save', category: 'File', keybinding: { key: 'Ctrl+S' }, when: (c) => c.briefOpen, menu: { name: 'File', group: 2, order: 1 }, run: () => undefined },
      { id: 'palette', title: 'Palette', category: 'View', keybinding: { key: 'Ctrl+Shift+P' }, run: () => undefined },
    ]);
    expect(registry.menuEntries()).toEqual([{ id: 'brief.save', label: 'Save', menu: 'File', group: 2, order: 1, accelerator: 'CmdOrCtrl+S', enabled: false }]);
    registry.setContext({ briefOpen: true });
    expect(registry.menuEntries()[0]!.enabled).toBe(true);
    expect(toAccelerator('Ctrl+Shift+\\')).toBe('CmdOrCtrl+Shift+\\');
  });

  it('tells subscribers when the context changes, and stays quiet when it does not', () => {
    const registry = new CommandRegistry();
    const listener = vi.fn();
    registry.subscribe(listener);
    registry.setContext({ briefOpen: true });
    registry.setContext({ briefOpen: true });
    expect(listener).toHaveBeenCalledOnce();
  });
});
