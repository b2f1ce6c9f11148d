// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefListView, type BriefListGesture } from '../../renderer/src/components/BriefListView';
import { nextSelection, type BriefSelection } from '../../renderer/src/features/briefs/briefSelection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LIST = ['a', 'b', 'c', 'd', 'e'];

describe('the sidebar selection', () => {
  const from = (ids: string[], anchor: string | undefined): BriefSelection => ({ ids, anchor });

  it('Ctrl/Cmd+click adds a brief or takes it out, keeping the list’s order, and moves the anchor', () => {
    let selection = from(['c'], 'c');
    selection = nextSelection(LIST, selection, 'a', 'toggle');
    expect(selection).toEqual({ ids: ['a', 'c'], anchor: 'a' });
    selection = nextSelection(LIST, selection, 'e', 'toggle');
    expect(selection.ids).toEqual(['a', 'c', 'e']);
    selection = nextSelection(LIST, selection, 'c', 'toggle');
    expect(selection).toEqual({ ids: ['a', 'e'], anchor: 'c' });
  });

  it('Shift+click selects from the anchor to the brief, either way, replacing the rest, and keeps the anchor', () => {
    expect(nextSelection(LIST, from(['b', 'e'], 'b'), 'd', 'range')).toEqual({ ids: ['b', 'c', 'd'], anchor: 'b' });
    expect(nextSelection(LIST, from(['d'], 'd'), 'a', 'range')).toEqual({ ids: ['a', 'b', 'c', 'd'], anchor: 'd' });
    // No anchor yet, or one that left the list: the range is the brief alone, which becomes the anchor.
    expect(nextSelection(LIST, from([], undefined), 'c', 'range')).toEqual({ ids: ['c'], anchor: 'c' });
    expect(nextSelection(LIST, from([], 'gone'), 'c', 'range')).toEqual({ ids: ['c'], anchor: 'c' });
  });

  it('leaves a brief that cannot be selected (a damaged file) out', () => {
    const selectable = ['a', 'c'];
    expect(nextSelection(selectable, from(['a'], 'a'), 'b', 'toggle')).toEqual({ ids: ['a'], anchor: 'a' });
    expect(nextSelection(selectable, from(['a'], 'a'), 'c', 'range')).toEqual({ ids: ['a', 'c'], anchor: 'a' });
  });
});

describe('the brief list', () => {
  let root: Root | undefined;
  afterEach(() => {
    act(() => root?.unmount());
    root = undefined;
    document.body.innerHTML = '';
  });

  function mount(selectedIds: string[]): { gestures: string[] } {
    const gestures: string[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    const items = LIST.map((id) => ({ id, title: `Brief ${id}`, wordCount: 10 }));
    act(() =>
      root!.render(<BriefListView items={items} currentId="b" selectedIds={selectedIds} onSelect={(id: string, gesture: BriefListGesture) => void gestures.push(`${gesture} ${id}`)} />),
    );
    return { gestures };
  }

  const option = (id: string): HTMLElement => [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((element) => element.textContent?.startsWith(`Brief ${id}`))!;

  it('is a multi-select list box: the selected briefs say so, the open one is current', () => {
    mount(['b', 'd']);
    const listbox = document.querySelector('[role="listbox"]')!;
    expect(listbox.getAttribute('aria-label')).toBe('Briefs');
    expect(listbox.getAttribute('aria-multiselectable')).toBe('true');
    expect(LIST.map((id) => option(id).getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'true', 'false']);
    expect(option('b').getAttribute('aria-current')).toBe('true');
    expect(option('d').getAttribute('aria-current')).toBeNull();
    expect(listbox.classList.contains('has-several-selected')).toBe(true);
  });

  it('a plain click opens, Ctrl or Cmd+click toggles, Shift+click selects a range; so do Enter and Space with them', () => {
    const { gestures } = mount(['b']);
    const clickWith = (id: string, modifiers: MouseEventInit): void =>
      act(() => void option(id).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1, ...modifiers })));
    clickWith('a', {});
    clickWith('c', { ctrlKey: true });
    clickWith('d', { metaKey: true });
    clickWith('e', { shiftKey: true });
    const keyWith = (id: string, key: string, modifiers: KeyboardEventInit): KeyboardEvent => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers });
      act(() => void option(id).dispatchEvent(event));
      return event;
    };
    expect(keyWith('a', ' ', { ctrlKey: true }).defaultPrevented).toBe(true);
    expect(keyWith('c', 'Enter', { shiftKey: true }).defaultPrevented).toBe(true);
    // The click a browser makes from those keys (detail 0) is not a second gesture.
    act(() => void option('c').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 0, shiftKey: true })));
    expect(gestures).toEqual(['open a', 'toggle c', 'toggle d', 'range e', 'toggle a', 'range c']);
  });

  it('moves between the briefs with the arrow keys, Home and End', () => {
    mount(['b']);
    option('b').focus();
    const key = (name: string): void => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })));
    key('ArrowDown');
    expect(document.activeElement).toBe(option('c'));
    key('ArrowUp');
    key('ArrowUp');
    expect(document.activeElement).toBe(option('a'));
    key('End');
    expect(document.activeElement).toBe(option('e'));
    key('Home');
    expect(document.activeElement).toBe(option('a'));
  });
});
