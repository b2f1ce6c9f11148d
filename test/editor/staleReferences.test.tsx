// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LexicalEditor } from 'lexical';
import { act, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefEditor } from '../../renderer/src/editor/BriefEditor';
import { prepareBriefState } from '../../renderer/src/editor/load/prepareBriefState';
import { STALE_REFERENCE_CLASS } from '../../renderer/src/editor/plugins/FactHoverCardPlugin';
import { FactCatalogueSchema, type Fact } from '../../shared/model/fact';
import type { EditorStateJSON } from '../../shared/model/brief';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const catalogue = FactCatalogueSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')),
).facts;

/** The catalogue after the source changed under Kim Jong Un's first supporting quote. */
function withKimUnderReview(): Fact[] {
  return catalogue.map((fact) =>
    fact.id !== 'kim-jong-un'
      ? fact
      : {
          ...fact,
          anchors: fact.anchors.map((anchor, index) =>
            index === 0 ? { ...anchor, review: { grade: 'moved' as const, previous: 'Chairman Kim Jong Un', current: 'Chairman Kim Jong-un', since: '2026-01-01T00:00:00.000Z' } } : anchor,
          ),
        },
  );
}

const text = (value: string) => ({ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: value });
const reference = (factId: string, value: string) => ({ ...text(value), type: 'fact-reference', factId });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children });
const brief = {
  root: {
    type: 'root', version: 1, direction: null, format: '', indent: 0,
    children: [paragraph(reference('kim-jong-un', 'Kim Jong Un'), text(' met '), reference('donald-trump', 'President Trump'), text(' in '), reference('hanoi', 'Hanoi'), text('.'))],
  },
} as EditorStateJSON;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

/** The brief editor as the app mounts it; `render` mounts it again with another catalogue, as `facts.changed` does. */
async function mount(facts: readonly Fact[]) {
  const prepared = prepareBriefState(brief).editorState;
  const editorRef = createRef<LexicalEditor>();
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const render = (current: readonly Fact[]) =>
    act(async () => {
      root!.render(
        <BriefEditor
          initialState={prepared}
          editable
          onChange={() => undefined}
          editorRef={editorRef}
          onError={(error) => {
            throw error;
          }}
          facts={current}
          describeFact={async (factId) => {
            const fact = current.find((f) => f.id === factId)!;
            return { factId, label: fact.label, kind: fact.kind, summary: fact.summary };
          }}
          onShowSource={() => undefined}
          onCreateFact={async () => undefined}
          onStats={() => undefined}
        />,
      );
    });
  await render(facts);
  const referenceElement = (factId: string) => host.querySelector<HTMLElement>(`[data-fact-id="${factId}"]`)!;
  return { render, referenceElement };
}

describe('references to a fact whose source changed', () => {
  it('are flagged, by class and description, and only those', async () => {
    const { referenceElement } = await mount(withKimUnderReview());
    const kim = referenceElement('kim-jong-un');
    expect(kim.classList.contains(STALE_REFERENCE_CLASS)).toBe(true);
    expect(kim.getAttribute('aria-description')).toMatch(/^Source changed\. Fact reference\./);
    const trump = referenceElement('donald-trump');
    expect(trump.classList.contains(STALE_REFERENCE_CLASS)).toBe(false);
    expect(trump.getAttribute('aria-description')).toMatch(/^Fact reference\./);
  });

  it('follow the catalogue live: the flag comes when a quote changes and goes when it is accepted', async () => {
    const { render, referenceElement } = await mount(catalogue);
    expect(referenceElement('kim-jong-un').classList.contains(STALE_REFERENCE_CLASS)).toBe(false);
    await render(withKimUnderReview());
    expect(referenceElement('kim-jong-un').classList.contains(STALE_REFERENCE_CLASS)).toBe(true);
    await render(catalogue);
    expect(referenceElement('kim-jong-un').classList.contains(STALE_REFERENCE_CLASS)).toBe(false);
    expect(referenceElement('kim-jong-un').getAttribute('aria-description')).toMatch(/^Fact reference\./);
  });

  it('open a card on hover that says what changed, with the old and the new source words', async () => {
    const { referenceElement } = await mount(withKimUnderReview());
    await act(async () => {
      referenceElement('kim-jong-un').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    const card = document.querySelector<HTMLElement>('.bd-fact-card')!;
    expect(card.getAttribute('aria-label')).toBe('Fact: Kim Jong Un');
    const change = card.querySelector('[aria-label="Source changed"] .bd-source-change')!;
    expect(change.querySelector('del')?.textContent).toBe('Chairman Kim Jong Un');
    expect(change.querySelector('ins')?.textContent).toBe('Chairman Kim Jong-un');
  });

  it('open a card without a change for a fact whose quotes stand', async () => {
    const { referenceElement } = await mount(withKimUnderReview());
    await act(async () => {
      referenceElement('hanoi').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    const card = document.querySelector<HTMLElement>('.bd-fact-card')!;
    expect(card.getAttribute('aria-label')).toBe('Fact: Hanoi');
    expect(card.querySelector('[aria-label="Source changed"]')).toBeNull();
  });
});
