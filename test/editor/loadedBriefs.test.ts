// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { $createHeadingNode, $createQuoteNode, HeadingNode } from '@lexical/rich-text';
import { $createTableNodeWithDimensions } from '@lexical/table';
import { $createLineBreakNode, $createParagraphNode, $createTabNode, $createTextNode, $getRoot, createEditor, type EditorState, type LexicalEditor } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NAMESPACE, BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { prepareBriefState, stateWithoutUnknownParts } from '../../renderer/src/editor/load/prepareBriefState';
import { $createFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { $createUnlinkedMentionNode } from '../../renderer/src/editor/nodes/UnlinkedMentionNode';
import { $setUnlinkedFacts } from '../../renderer/src/editor/plugins/FactLinkingPlugin/unlinkedFacts';
import { sanitizeLexicalJson } from '../../renderer/src/editor/paste/sanitizeLexicalJson';
import { BRIEF_NODE_TYPES, MAX_EDITOR_DEPTH } from '../../shared/limits';
import { PASTE_EDITOR_NODE_TYPES, PASTE_MAX_DEPTH } from '../../shared/lib/pasteSchema';
import { BriefSchema, unknownNodeTypes, type EditorStateJSON } from '../../shared/model/brief';

const repoRoot = join(import.meta.dirname, '..', '..');

const paragraph = (...children: unknown[]) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children });
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: value, ...extra });
const link = (url: string, extra: Record<string, unknown>, ...children: unknown[]) => ({ type: 'link', version: 1, direction: null, format: '', indent: 0, url, rel: null, target: null, title: null, ...extra, children });
const stateOf = (...children: unknown[]): EditorStateJSON => ({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } }) as EditorStateJSON;
const image = { type: 'image', version: 1, src: 'http://tracker.example/pixel.png', altText: '', width: 1, height: 1 };

const headless = (): LexicalEditor => createHeadlessEditor({ namespace: BRIEF_EDITOR_NAMESPACE, nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });

/** The text of each top-level block of an editor state, as the analyst sees it. */
const blocksOf = (state: EditorState): string[] => state.read(() => $getRoot().getChildren().map((block) => block.getTextContent()));

/** What the editor would save for a state: its JSON after Lexical has built it. */
const savedAs = (state: EditorStateJSON): unknown => headless().parseEditorState(state as never).toJSON();

/** A brief as the editor writes it, with every node type it has and the root's unlinked facts. */
function everyNodeType(): EditorStateJSON {
  const editor = headless();
  editor.update(
    () => {
      const title = $createHeadingNode('h1').append($createTextNode('Hanoi summit'));
      const sub = $createHeadingNode('h3').append($createTextNode('Outlook'));
      const body = $createParagraphNode()
        .setFormat('center')
        .setIndent(1)
        .append(
          $createTextNode('Plain, '),
          $createTextNode('bold').toggleFormat('bold'),
          $createTextNode(' code').toggleFormat('code'),
          $createTabNode(),
          $createFactReferenceNode('kim-jong-un', 'Kim Jong Un'),
          $createLineBreakNode(),
          $createUnlinkedMentionNode('donald-trump', 'Trump'),
          $createLinkNode('https://example.org/a', { title: 'source', target: '_blank', rel: 'noopener noreferrer' }).append($createTextNode('a safe link')),
          $createLinkNode('mailto:desk@example.org').append($createTextNode('mail')),
        );
      const list = $createListNode('number', 3).append(
        $createListItemNode().append($createTextNode('first')),
        $createListItemNode().append($createListNode('bullet').append($createListItemNode().append($createTextNode('nested')))),
      );
      const table = $createTableNodeWithDimensions(2, 2, true);
      $getRoot()
        .clear()
        .append(title, body, $createQuoteNode().append($createTextNode('A quote')), list, table, $createHorizontalRuleNode(), sub);
      $setUnlinkedFacts(['yongbyon-facility']);
    },
    { discrete: true },
  );
  return editor.getEditorState().toJSON() as unknown as EditorStateJSON;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
  document.body.innerHTML = '';
});

/** A real (DOM) editor showing a prepared state, the way LexicalComposer mounts one. */
function mount(state: EditorState): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  const editor = createEditor({ namespace: BRIEF_EDITOR_NAMESPACE, nodes: BRIEF_EDITOR_NODES, editable: false, onError: (error) => { throw error; } });
  editor.setRootElement(root);
  editor.setEditorState(state);
  cleanups.push(() => editor.setRootElement(null));
  return root;
}

describe('briefs with node types this version does not have', () => {
  it('are found at any depth, each type named once', () => {
    const deep = Array.from({ length: 40 }).reduce<unknown>((inner) => ({ type: 'listitem', version: 1, children: [inner] }), { type: 'equation', version: 1 });
    const state = stateOf(
      paragraph(text('one')),
      image,
      { type: 'list', version: 1, listType: 'bullet', children: [deep] },
      { type: 'collapsible-container', version: 1, children: [paragraph(text('inside'), image)] },
    );
    expect(unknownNodeTypes(state)).toEqual(['image', 'equation', 'collapsible-container']);
    expect(unknownNodeTypes(everyNodeType())).toEqual([]);
  });

  it('open with every known part and a placeholder where each unknown node stood (Lexical alone keeps only the first paragraph)', () => {
    const state = stateOf(
      paragraph(text('Before the image.')),
      image,
      paragraph(text('After '), { type: 'emoji', version: 1 }, text(' the image.')),
      { type: 'collapsible-container', version: 1, children: [paragraph(text('Kept inside an unknown block.'))] },
    );
    const errors: string[] = [];
    const lexicalAlone = createHeadlessEditor({ nodes: BRIEF_EDITOR_NODES, onError: (error) => errors.push(error.message) }).parseEditorState(state as never);
    expect(blocksOf(lexicalAlone)).toEqual(['Before the image.']);
    expect(errors).toEqual(['parseEditorState: type "image" + not found']);

    const prepared = prepareBriefState(state);
    expect(prepared.problem).toEqual({ kind: 'unknownNodes', types: ['image', 'emoji', 'collapsible-container'] });
    expect(blocksOf(prepared.editorState)).toEqual([
      'Before the image.',
      '[content this version cannot show: image]',
      'After [content this version cannot show: emoji] the image.',
      '[content this version cannot show: collapsible-container]',
      'Kept inside an unknown block.',
    ]);
    expect(JSON.stringify(prepared.editorState.toJSON())).not.toContain('tracker.example');
  });

  it('duplicate without the unknown parts: known content only, no placeholders, and it opens editable', () => {
    const state = stateOf(paragraph(text('Before the image.')), image, paragraph(text('After the image.')));
    const copy = stateWithoutUnknownParts(state);
    expect(JSON.stringify(copy)).not.toMatch(/image"|cannot show|tracker/);
    const reopened = prepareBriefState(copy);
    expect(reopened.problem).toBeUndefined();
    expect(blocksOf(reopened.editorState)).toEqual(['Before the image.', 'After the image.']);
    expect(BriefSchema.shape.editorState.safeParse(copy).success).toBe(true);
  });

  it('a state Lexical cannot build opens as its plain text, with Lexical’s reason, never cut off', () => {
    const state = stateOf(paragraph(text('First.')), { type: 'heading', version: 1, tag: 'h2', children: [text('A heading')] }, paragraph(text('Last.')));
    const withoutHeadings = BRIEF_EDITOR_NODES.filter((node) => node !== HeadingNode);
    const prepared = prepareBriefState(state, withoutHeadings);
    expect(prepared.problem).toEqual({ kind: 'unreadable', reason: expect.stringContaining('"heading"') });
    expect(blocksOf(prepared.editorState)).toEqual(['First.', 'A heading', 'Last.']);
  });

  it('the types the editor knows are the ones the paste rules allow', () => {
    expect(new Set(PASTE_EDITOR_NODE_TYPES)).toEqual(BRIEF_NODE_TYPES);
    const registered = ['root', 'paragraph', 'text', 'linebreak', 'tab', ...BRIEF_EDITOR_NODES.map((node) => node.getType())];
    expect(new Set(registered)).toEqual(BRIEF_NODE_TYPES);
  });
});

describe('briefs loaded from disk are cleaned by the paste rules', () => {
  const OVERLAY = 'position:fixed;inset:0;z-index:9999;background:url(http://tracker.example/bg.png)';
  const hostile = stateOf(
    paragraph(
      text('Covered by an overlay', { style: OVERLAY, onclick: 'alert(1)' }),
      link('https://example.org/page', { target: '_top', rel: 'opener' }, text('opener link')),
      link('javascript:alert(1)', {}, text('script link')),
      { ...text('Kim'), type: 'fact-reference', factId: '../../etc' },
    ),
    { ...paragraph(text('styled block')), textStyle: 'color:red', $: { evil: 'x' } },
  );

  it('keep no inline CSS, no unsafe target or rel, no unsafe link, no bad fact id', () => {
    const saved = JSON.stringify(prepareBriefState(hostile).editorState.toJSON());
    for (const marker of ['position:fixed', 'tracker', 'color:red', 'opener"', '_top', 'javascript:', 'onclick', '../', 'evil']) expect(saved, marker).not.toContain(marker);
    expect(blocksOf(prepareBriefState(hostile).editorState)).toEqual(['Covered by an overlayopener linkscript linkKim', 'styled block']);
  });

  it('render no style, target or rel in the DOM (a state parsed as it is does)', () => {
    const raw = mount(headless().parseEditorState(hostile as never));
    expect(raw.querySelector('[style*="position"]')).not.toBeNull();
    expect(raw.querySelector('a[target="_top"]')).not.toBeNull();
    document.body.innerHTML = '';

    const root = mount(prepareBriefState(hostile).editorState);
    expect(root.querySelector('[style]')).toBeNull();
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://example.org/page');
    expect(root.querySelector('a[target], a[rel]')).toBeNull();
    expect(root.textContent).toContain('Covered by an overlay');
  });

  it('keep everything the editor itself writes, unchanged: references, unlinked mentions and facts, tables, lists, headings, links', () => {
    const state = everyNodeType();
    const prepared = prepareBriefState(state);
    expect(prepared.problem).toBeUndefined();
    expect(prepared.editorState.toJSON()).toEqual(savedAs(state));
    const json = JSON.stringify(prepared.editorState.toJSON());
    expect(json).toContain('"factId":"kim-jong-un"');
    expect(json).toContain('"type":"unlinked-mention"');
    expect(json).toContain('"$":{"unlinkedFacts":["yongbyon-facility"]}');
    expect(json).toContain('"rel":"noopener noreferrer"');
  });

  it('keep the bundled sample brief unchanged', () => {
    const sample = BriefSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'resources', 'briefs', 'hanoi-summit-sample.brief.json'), 'utf8')));
    const prepared = prepareBriefState(sample.editorState);
    expect(prepared.problem).toBeUndefined();
    expect(prepared.editorState.toJSON()).toEqual(savedAs(sample.editorState));
  });

  it('keep only slugs among the unlinked facts, and put stray inline content at the root in a paragraph', () => {
    const state = { root: { ...stateOf(text('stray text'), { type: 'listitem', version: 1, children: [text('stray item')] }).root, $: { unlinkedFacts: ['kim-jong-un', '../x', 7] } } } as EditorStateJSON;
    const json = prepareBriefState(state).editorState.toJSON() as unknown as { root: { $: unknown; children: Array<{ type: string }> } };
    expect(json.root.$).toEqual({ unlinkedFacts: ['kim-jong-un'] });
    expect(json.root.children.map((child) => child.type)).toEqual(['paragraph', 'list']);
  });
});

describe('nesting depth on load and on paste', () => {
  /** Quotes inside list items, `levels` pairs deep: a tree the editor's nodes accept at any depth. */
  function nested(levels: number): unknown {
    let node: unknown = paragraph(text('deepest words'));
    for (let level = 0; level < levels; level++) {
      node = { type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', direction: null, format: '', indent: 0, children: [{ type: 'listitem', version: 1, value: 1, direction: null, format: '', indent: 0, children: [node] }] };
    }
    return node;
  }
  const depthOf = (value: unknown): number => {
    let deepest = 0;
    const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      deepest = Math.max(deepest, depth);
      for (const child of ((node as { children?: unknown[] }).children ?? [])) stack.push({ node: child, depth: depth + 1 });
    }
    return deepest;
  };

  it(`a saved brief nested ${MAX_EDITOR_DEPTH - 4} deep loads with its nesting and its words`, () => {
    const state = stateOf(nested((MAX_EDITOR_DEPTH - 4) / 2));
    expect(BriefSchema.shape.editorState.safeParse(state).success).toBe(true);
    const prepared = prepareBriefState(state);
    expect(prepared.problem).toBeUndefined();
    const loaded = prepared.editorState.toJSON();
    // Every level of lists is kept (Lexical itself only lifts the paragraph out of the innermost item).
    expect(JSON.stringify(loaded).match(/"type":"list"/g)).toHaveLength((MAX_EDITOR_DEPTH - 4) / 2);
    expect(depthOf(loaded.root)).toBeGreaterThanOrEqual(MAX_EDITOR_DEPTH - 5);
    expect(JSON.stringify(loaded)).toContain('deepest words');
  });

  it(`a paste is flattened past ${PASTE_MAX_DEPTH} levels, keeping its words, so it still fits in a brief that saves`, () => {
    const pasted = sanitizeLexicalJson({ namespace: BRIEF_EDITOR_NAMESPACE, nodes: [nested(MAX_EDITOR_DEPTH / 2)] });
    expect(depthOf({ children: pasted!.nodes })).toBeLessThanOrEqual(PASTE_MAX_DEPTH + 1);
    expect(JSON.stringify(pasted)).toContain('deepest words');
  });
});
