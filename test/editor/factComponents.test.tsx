// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FactCard, NO_SOURCE_PASSAGE, type FactCardData, type SourceChange } from '../../renderer/src/components/FactCard';
import { FactForm, parseAliases, type FactFormValue } from '../../renderer/src/components/FactForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

function render(element: React.JSX.Element): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
  return container;
}

/** Sets a field's value the way typing does, so React's onChange sees it. */
function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')!.set!;
  act(() => {
    setter.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const kimJongUn: FactCardData = { factId: 'kim-jong-un', label: 'Kim Jong Un', kind: 'person', summary: 'Leader of North Korea.' };

describe('FactCard', () => {
  const card = (data: FactCardData | undefined, onClose = vi.fn(), changes: SourceChange[] = []) =>
    render(<FactCard data={data} changes={changes} position={{ left: 0, top: 0 }} onShowSource={vi.fn()} unlinking={undefined} onClose={onClose} />);

  it('says nothing of a source change while the fact’s quotes stand', () => {
    expect(card(kimJongUn).textContent).not.toContain('Source changed');
  });

  it('flags a fact whose source changed, with the old and new words, or the old words and why they are gone', () => {
    const element = card(kimJongUn, vi.fn(), [
      { grade: 'moved', previous: 'a blanket lifting', current: 'a sweeping lifting' },
      { grade: 'orphaned', previous: 'Chairman Kim Jong Un', reason: 'the passage was removed' },
    ]);
    const changes = element.querySelector<HTMLElement>('[aria-label="Source changed"]')!;
    expect(changes.querySelector('.bd-stale-flag')?.textContent).toContain('Source changed');
    const [moved, orphaned] = [...changes.querySelectorAll('.bd-source-change')];
    expect(moved?.querySelector('del')?.textContent).toBe('a blanket lifting');
    expect(moved?.querySelector('ins')?.textContent).toBe('a sweeping lifting');
    expect(moved?.textContent).toBe('Was: a blanket lifting → now: a sweeping lifting');
    expect(orphaned?.textContent).toBe('Chairman Kim Jong Un is no longer in the source: the passage was removed');
  });

  it('really disables Show in source when no source passage supports the fact, and says why', () => {
    const button = [...card(kimJongUn).querySelectorAll('button')].find((b) => b.textContent === 'Show in source')!;
    expect(button.disabled).toBe(true);
    expect(button.title).toBe(NO_SOURCE_PASSAGE);
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(NO_SOURCE_PASSAGE);
  });

  it('enables it when there is a passage', () => {
    const anchored = { ...kimJongUn, anchor: { sentence: 'Kim Jong Un arrived.', markStart: 0, markEnd: 11, sourceTitle: 'Report' } };
    const button = [...card(anchored).querySelectorAll('button')].find((b) => b.textContent === 'Show in source')!;
    expect(button.disabled).toBe(false);
    expect(button.hasAttribute('title')).toBe(false);
  });

  it('can take focus while it loads, and Escape closes it then', () => {
    const onClose = vi.fn();
    const element = card(undefined, onClose).querySelector<HTMLElement>('[role="dialog"]')!;
    expect(element.textContent).toBe('Loading…');
    expect(element.tabIndex).toBe(-1);
    act(() => element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('FactForm aliases', () => {
  function form(initial?: Parameters<typeof FactForm<'person' | 'place'>>[0]['initial']) {
    const onSubmit = vi.fn(async (_value: FactFormValue<'person' | 'place'>) => undefined);
    const container = render(<FactForm kinds={['person', 'place'] as const} initial={initial} aliasLimits={{ chars: 20, count: 3 }} onSubmit={onSubmit} onClose={vi.fn()} />);
    const field = (label: string) =>
      [...container.querySelectorAll('label')].find((l) => l.querySelector('span')?.textContent?.startsWith(label))!.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
    const submit = () => act(() => container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    return { container, field, submit, onSubmit };
  }

  it('passes the aliases out as a list of strings, one per line, trimmed, empty lines left out', () => {
    const { field, submit, onSubmit } = form();
    type(field('Label'), 'Kim Jong Un');
    type(field('Summary'), 'Leader of North Korea.');
    type(field('Aliases'), '  Chairman Kim \n\nKim Jong-un\n');
    submit();
    expect(onSubmit).toHaveBeenCalledOnce();
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ id: 'kim-jong-un', label: 'Kim Jong Un', kind: 'person', aliases: ['Chairman Kim', 'Kim Jong-un'] });
  });

  it('refuses an alias listed twice, one too long, or too many, and says which', () => {
    const { container, field, submit, onSubmit } = form({ label: 'Hanoi', summary: 'A city.' });
    type(field('Aliases'), 'Ha Noi\nha noi');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('The aliases “Ha Noi” and “ha noi” differ only in case: keep one.');
    expect(field('Aliases').getAttribute('aria-invalid')).toBe('true');
    expect(parseAliases('A city with a very long name', { chars: 20, count: 3 })).toEqual({ problem: 'The alias “A city with a very long name…” is longer than 20 characters.' });
    expect(parseAliases('a\nb\nc\nd', { chars: 20, count: 3 })).toEqual({ problem: 'A fact can have at most 3 aliases; this one has 4.' });
  });

  it('shows a stored fact’s aliases by their text, to edit', () => {
    const { field } = form({ label: 'Hanoi', aliases: [{ text: 'Ha Noi' }, 'Thang Long'] });
    expect(field('Aliases').value).toBe('Ha Noi\nThang Long');
  });
});
