// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandRegistry, type CommandDefinition } from '../../shared/commands/registry';
import { CommandPalette } from '../../renderer/src/app/commands/CommandPalette';
import { QuickOpen, type QuickOpenBrief } from '../../renderer/src/app/commands/QuickOpen';
import { PALETTE_ROW_LIMIT } from '../../renderer/src/app/commands/useFuzzyRanking';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

/** Mounts the element the way the app does: with focus on a button of the page, which should get it back. */
function mount(element: React.JSX.Element): { opener: HTMLButtonElement } {
  const opener = document.createElement('button');
  opener.textContent = 'Opener';
  const container = document.createElement('div');
  document.body.append(opener, container);
  opener.focus();
  root = createRoot(container);
  act(() => root!.render(element));
  return { opener };
}

const input = (): HTMLInputElement => document.querySelector<HTMLInputElement>('dialog input[role="combobox"]')!;
const dialog = (): HTMLDialogElement | null => document.querySelector('dialog');
const options = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]')];
const optionTexts = (): string[] => options().map((option) => option.querySelector('.bd-palette-text')!.textContent!);
const selected = (): HTMLElement | undefined => options().find((option) => option.getAttribute('aria-selected') === 'true');
const marked = (option: HTMLElement): string[] => [...option.querySelectorAll('mark')].map((mark) => mark.textContent!);

/** Types into the palette's input as a user would: one input event per character. */
function type(text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  for (const char of text) {
    act(() => {
      setValue.call(input(), input().value + char);
      input().dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

function clear(): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input(), '');
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(key: string): void {
  act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

/** The combobox points at the selected option, and at the listbox only while there is one. */
function expectValidAria(): void {
  const box = input();
  const listbox = document.querySelector('[role="listbox"]');
  expect(box.getAttribute('aria-expanded')).toBe(listbox ? 'true' : 'false');
  expect(box.getAttribute('aria-controls')).toBe(listbox ? listbox.id : null);
  const active = box.getAttribute('aria-activedescendant');
  if (listbox) {
    expect(active).toBe(selected()!.id);
    expect(document.getElementById(active!)?.getAttribute('role')).toBe('option');
  } else {
    expect(active).toBeNull();
  }
}

describe('the command palette', () => {
  function registryWith(log: string[]): CommandRegistry {
    const registry = new CommandRegistry();
    const command = (id: string, category: CommandDefinition['category'], title: string, extra: Partial<CommandDefinition> = {}): CommandDefinition => ({
      id,
      category,
      title,
      run: () => {
        log.push(`run ${id}, focus on ${document.activeElement?.textContent ?? 'nothing'}`);
      },
      ...extra,
    });
    registry.register([
      command('brief.rename', 'Brief', 'Rename', { keybinding: { key: 'F2' } }),
      command('brief.new', 'File', 'New Brief', { keybinding: { key: 'Ctrl+N', desktop: 'Ctrl+N', browser: 'Ctrl+Alt+N' } }),
      command('view.facts', 'View', 'Toggle Facts Pane'),
      command('help.shortcuts', 'Help', 'Keyboard Shortcuts'),
      command('brief.export', 'Brief', 'Export as PDF', { when: (context) => context.briefOpen }),
      command('app.quit-check', 'File', 'Check before quitting', { hidden: true }),
    ]);
    return registry;
  }

  it('lists the enabled commands with their shortcuts, recently run first, and nothing hidden or disabled', async () => {
    const log: string[] = [];
    const registry = registryWith(log);
    await registry.run('view.facts');
    await registry.run('help.shortcuts');
    mount(<CommandPalette registry={registry} mode="browser" onClose={() => undefined} />);
    expect(dialog()?.open).toBe(true);
    expect(document.activeElement).toBe(input());
    expect(optionTexts()).toEqual(['Help: Keyboard Shortcuts', 'View: Toggle Facts Pane', 'Brief: Rename', 'File: New Brief']);
    const shortcut = (text: string): string => options().find((option) => option.textContent!.startsWith(text))!.querySelector('.bd-palette-aside')!.textContent!;
    expect(shortcut('File: New Brief')).toBe('Ctrl+Alt+N');
    expect(shortcut('Brief: Rename')).toBe('F2');
    expect(selected()?.textContent).toContain('Help: Keyboard Shortcuts');
    expectValidAria();
  });

  it('shows the desktop variant of a shortcut in the desktop app', () => {
    mount(<CommandPalette registry={registryWith([])} mode="desktop" onClose={() => undefined} />);
    expect(options().find((option) => option.textContent!.startsWith('File: New Brief'))!.querySelector('.bd-palette-aside')!.textContent).toBe('Ctrl+N');
  });

  it('filters as you type, matching the category too, and highlights the matched letters', () => {
    mount(<CommandPalette registry={registryWith([])} mode="browser" onClose={() => undefined} />);
    type('ren');
    expect(optionTexts()[0]).toBe('Brief: Rename');
    expect(marked(options()[0]!)).toEqual(['Ren']);
    clear();
    type('brief ren');
    expect(optionTexts()).toEqual(['Brief: Rename']);
    expect(marked(options()[0]!)).toEqual(['Brief', 'Ren']);
    expectValidAria();
  });

  it('moves with the arrows and, on Enter, closes, gives focus back, then runs the selected command', () => {
    const log: string[] = [];
    const onClose = vi.fn(() => log.push('closed'));
    const { opener } = mount(<CommandPalette registry={registryWith(log)} mode="browser" onClose={onClose} />);
    type('e');
    const first = selected();
    press('ArrowDown');
    const second = selected();
    expect(second).not.toBe(first);
    expect(second).toBe(options()[1]);
    expectValidAria();
    press('ArrowUp');
    expect(selected()).toBe(first);
    press('ArrowDown');
    const chosen = optionTexts()[1]!;
    const id = { 'Brief: Rename': 'brief.rename', 'File: New Brief': 'brief.new', 'View: Toggle Facts Pane': 'view.facts', 'Help: Keyboard Shortcuts': 'help.shortcuts' }[chosen];
    press('Enter');
    expect(log).toEqual(['closed', `run ${id}, focus on Opener`]);
    expect(dialog()?.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Escape without running anything, and gives focus back', () => {
    const log: string[] = [];
    const onClose = vi.fn();
    const { opener } = mount(<CommandPalette registry={registryWith(log)} mode="browser" onClose={onClose} />);
    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(log).toEqual([]);
    expect(document.activeElement).toBe(opener);
  });

  it('says "No matching commands" instead of showing an empty listbox, and comes back when the query matches again', () => {
    const log: string[] = [];
    mount(<CommandPalette registry={registryWith(log)} mode="browser" onClose={() => undefined} />);
    type('zzq');
    expect(document.querySelector('[role="listbox"]')).toBeNull();
    expect(document.querySelector('[role="status"]')?.textContent).toBe('No matching commands');
    expectValidAria();
    press('Enter');
    expect(log).toEqual([]);
    clear();
    type('facts');
    expect(optionTexts()).toEqual(['View: Toggle Facts Pane']);
    expectValidAria();
  });

  it('keeps focus in its input: Tab goes nowhere, a press on a row does not take focus, a press on the backdrop closes', () => {
    const onClose = vi.fn();
    mount(<CommandPalette registry={registryWith([])} mode="browser" onClose={onClose} />);
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    act(() => void input().dispatchEvent(tab));
    expect(tab.defaultPrevented).toBe(true);
    const onRow = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    act(() => void options()[0]!.dispatchEvent(onRow));
    expect(onRow.defaultPrevented).toBe(true);
    expect(onClose).not.toHaveBeenCalled();
    act(() => void dialog()!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true })));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('quick open', () => {
  const briefs: QuickOpenBrief[] = [
    { id: 'hanoi-old', title: 'Hanoi summit: first read-out', updatedAt: '2026-10-01T09:00:00.000Z' },
    { id: 'lodz', title: 'Łódź port traffic', updatedAt: '2026-11-20T09:00:00.000Z' },
    { id: 'broken', title: 'broken', damaged: 'the file is not valid JSON' },
    { id: 'hanoi-new', title: 'Hanoi talks: what changed', updatedAt: '2026-11-28T09:00:00.000Z' },
  ];

  function mountQuickOpen(list: readonly QuickOpenBrief[] = briefs) {
    const calls: string[] = [];
    const view = mount(
      <QuickOpen briefs={list} onOpen={(id) => calls.push(`open ${id}`)} onCreate={(title) => calls.push(`create ${title}`)} onClose={() => calls.push('closed')} />,
    );
    return { ...view, calls };
  }

  it('lists the briefs most recent first, damaged ones marked', () => {
    mountQuickOpen();
    expect(optionTexts()).toEqual(['Hanoi talks: what changed', 'Łódź port traffic', 'Hanoi summit: first read-out', 'broken']);
    const damaged = options()[3]!.querySelector('.bd-palette-badge')!;
    expect(damaged.textContent).toBe('damaged');
    expect(damaged.getAttribute('title')).toContain('the file is not valid JSON');
    expect(options()[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T09:00:00.000Z');
    expectValidAria();
  });

  it('filters by title ignoring accents, and Enter opens the best match', () => {
    const { calls, opener } = mountQuickOpen();
    type('lodz');
    expect(optionTexts()).toEqual(['Łódź port traffic']);
    expect(marked(options()[0]!)).toEqual(['Łódź']);
    press('Enter');
    expect(calls).toEqual(['closed', 'open lodz']);
    expect(document.activeElement).toBe(opener);
  });

  it('ranks by match, recency breaking ties, and ArrowDown then Enter opens the second', () => {
    const { calls } = mountQuickOpen();
    type('hanoi');
    expect(optionTexts()).toEqual(['Hanoi talks: what changed', 'Hanoi summit: first read-out']);
    press('ArrowDown');
    press('Enter');
    expect(calls).toEqual(['closed', 'open hanoi-old']);
  });

  it('offers to create a brief with the typed title when nothing matches', () => {
    const { calls } = mountQuickOpen();
    type('Kyiv grain corridor');
    expect(optionTexts()).toEqual(['Create brief “Kyiv grain corridor”']);
    expectValidAria();
    press('Enter');
    expect(calls).toEqual(['closed', 'create Kyiv grain corridor']);
  });

  it('with no briefs and nothing typed, says how to start instead of an empty list', () => {
    const { calls } = mountQuickOpen([]);
    expect(document.querySelector('[role="listbox"]')).toBeNull();
    expect(document.querySelector('[role="status"]')?.textContent).toBe('No briefs yet: type a title to create one');
    expectValidAria();
    press('Escape');
    expect(calls).toEqual(['closed']);
  });

  it(`renders at most ${PALETTE_ROW_LIMIT} rows and says how many more match`, () => {
    const many = Array.from({ length: 180 }, (_, index) => ({ id: `b${index}`, title: `Weekly outlook ${index}`, updatedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString() }));
    mountQuickOpen(many);
    expect(options()).toHaveLength(PALETTE_ROW_LIMIT);
    expect(optionTexts()[0]).toBe('Weekly outlook 179');
    expect(document.querySelector('.bd-palette-more')?.textContent).toBe(`…${180 - PALETTE_ROW_LIMIT} more: type to narrow the list`);
    type('outlook 17');
    expect(optionTexts().slice(0, 2)).toEqual(['Weekly outlook 179', 'Weekly outlook 178']);
    expect(document.querySelector('.bd-palette-more')).toBeNull();
  });
});
