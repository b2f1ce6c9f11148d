// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $dfs } from '@lexical/utils';
import { $getRoot, $getSelection, $isRangeSelection, type LexicalEditor, type LexicalNode } from 'lexical';
import { act, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefEditor, linkedCatalogueOf } from '../../renderer/src/editor/BriefEditor';
import { prepareBriefState } from '../../renderer/src/editor/load/prepareBriefState';
import { $isFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { catalogueFingerprint } from '../../shared/lib/catalogueFingerprint';
import { FactCatalogueSchema } from '../../shared/model/fact';
import type { EditorStateJSON } from '../../shared/model/brief';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const facts = FactCatalogueSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')),
).facts;
const fingerprint = catalogueFingerprint(facts);

const text = (value: string) => ({ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: value });
const reference = (factId: string, value: string) => ({ ...text(value), type: 'fact-reference', factId });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children });
const stateOf = (...children: unknown[]) => ({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } }) as EditorStateJSON;

/** Linked as the matcher reads it, but for "Hanoi", which this catalogue links and the saved brief left as text. */
const withUnlinkedMention = stateOf(
  paragraph(reference('kim-jong-un', 'Kim Jong Un'), text(' met '), reference('donald-trump', 'President Trump'), text(' in Hanoi.')),
);
/** Linked exactly as the matcher reads it. */
const linkedAsMatched = stateOf(
  paragraph(reference('kim-jong-un', 'Kim Jong Un'), text(' met '), reference('donald-trump', 'President Trump'), text(' in '), reference('hanoi', 'Hanoi'), text('.')),
  paragraph(text('Nothing to link here.')),
);

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

/** The brief editor as the app mounts it, with a brief as `briefs.open` returns it. */
async function open(saved: EditorStateJSON, linkedCatalogue?: string, editable = true) {
  const prepared = prepareBriefState(saved);
  const editorRef = createRef<LexicalEditor>();
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => {
    root!.render(
      <BriefEditor
        initialState={prepared.editorState}
        editable={editable}
        onChange={() => undefined}
        editorRef={editorRef}
        onError={(error) => {
          throw error;
        }}
        facts={facts}
        describeFact={async () => undefined}
        onShowSource={() => undefined}
        onCreateFact={async () => undefined}
        onStats={() => undefined}
        linkedCatalogue={linkedCatalogue}
      />,
    );
  });
  const editor = editorRef.current;
  if (!editor) throw new Error('the editor did not mount');
  return { editor, prepared: prepared.editorState };
}

function references(editor: LexicalEditor): string[] {
  return editor.getEditorState().read(() => $dfs().flatMap(({ node }) => ($isFactReferenceNode(node) ? [`${node.getTextContent()}=${node.getFactId()}`] : [])));
}

function referenceNodes(state: { read<T>(fn: () => T): T }): LexicalNode[] {
  return state.read(() => $dfs().flatMap(({ node }) => ($isFactReferenceNode(node) ? [node] : [])));
}

async function typeAtEnd(editor: LexicalEditor, typed: string): Promise<void> {
  await act(async () => {
    editor.update(() => $getRoot().selectEnd(), { discrete: true });
    for (const char of typed) {
      editor.update(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText(char);
      }, { discrete: true });
    }
  });
}

describe('opening a brief saved linked against a catalogue', () => {
  it('takes a brief saved against this very catalogue as linked: its text is not matched again', async () => {
    const { editor } = await open(withUnlinkedMention, fingerprint);
    expect(references(editor)).toEqual(['Kim Jong Un=kim-jong-un', 'President Trump=donald-trump']);
    expect(linkedCatalogueOf(editor)).toBe(fingerprint);
  });

  it('matches a brief saved against another catalogue, or against none known, again', async () => {
    for (const linkedCatalogue of ['0123456789abcdef', undefined]) {
      const { editor } = await open(withUnlinkedMention, linkedCatalogue);
      expect(references(editor)).toEqual(['Kim Jong Un=kim-jong-un', 'President Trump=donald-trump', 'Hanoi=hanoi']);
      expect(linkedCatalogueOf(editor)).toBe(fingerprint);
      act(() => root?.unmount());
      root = undefined;
    }
  });

  it('leaves the references of a brief linked as the matcher reads it as they were loaded, with or without a fingerprint', async () => {
    for (const linkedCatalogue of [fingerprint, undefined]) {
      const { editor, prepared } = await open(linkedAsMatched, linkedCatalogue);
      const loaded = referenceNodes(prepared);
      expect(loaded).toHaveLength(3);
      // The very node objects the brief was loaded with: none was re-created, re-linked or rendered again.
      expect(referenceNodes(editor.getEditorState())).toEqual(loaded);
      referenceNodes(editor.getEditorState()).forEach((node, index) => expect(node).toBe(loaded[index]));
      act(() => root?.unmount());
      root = undefined;
    }
  });

  it('re-links a paragraph too long to check as a whole, as the transforms always did', async () => {
    // 200 mentions make a paragraph of 401 text nodes, past what is checked in one go; its last "Hanoi" is unlinked.
    const long = Array.from({ length: 200 }, () => [reference('singapore', 'Singapore'), text(', ')]).flat();
    const { editor } = await open(stateOf(paragraph(...long, text('and Hanoi.'))));
    const linked = references(editor);
    expect(linked).toHaveLength(201);
    expect(linked.at(-1)).toBe('Hanoi=hanoi');
  });

  it('still links text typed after the brief was taken as linked', async () => {
    const { editor } = await open(withUnlinkedMention, fingerprint);
    await typeAtEnd(editor, ' Then Singapore and Moon Jae-in.');
    // The text typed into is matched whole, so its "Hanoi" is linked as well.
    expect(references(editor)).toEqual(['Kim Jong Un=kim-jong-un', 'President Trump=donald-trump', 'Hanoi=hanoi', 'Singapore=singapore', 'Moon Jae-in=moon-jae-in']);
  });

  it('names no catalogue when nothing links the brief: read-only, or unmounted', async () => {
    const { editor: readOnly } = await open(linkedAsMatched, fingerprint, false);
    expect(linkedCatalogueOf(readOnly)).toBeUndefined();
    act(() => root?.unmount());
    const { editor } = await open(linkedAsMatched, fingerprint);
    expect(linkedCatalogueOf(editor)).toBe(fingerprint);
    act(() => root?.unmount());
    root = undefined;
    expect(linkedCatalogueOf(editor)).toBeUndefined();
  });
});
