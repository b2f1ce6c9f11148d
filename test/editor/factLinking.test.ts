import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { $dfs } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { beforeEach, describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { $isFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { $isUnlinkedMentionNode } from '../../renderer/src/editor/nodes/UnlinkedMentionNode';
import {
  RELINK_FACT_COMMAND,
  UNLINK_FACT_COMMAND,
  UNLINK_MENTION_COMMAND,
  registerFactTools,
} from '../../renderer/src/editor/plugins/FactLinkingPlugin/registerFactTools';
import { $createLinkNode } from '@lexical/link';
import { FactCatalogueSchema, type Fact } from '../../shared/model/fact';
import { compileMatcher, matcherEntriesFromFacts } from '../../shared/lib/factMatcher';

const catalogue = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')));

function setUp(facts: readonly Fact[] = catalogue.facts) {
  const editor = createHeadlessEditor({ namespace: 'test', nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
  const tools = registerFactTools(editor, compileMatcher(matcherEntriesFromFacts(facts)));
  registerHistory(editor, createEmptyHistoryState(), 0);
  editor.update(() => {
    const paragraph = $createParagraphNode();
    $getRoot().clear().append(paragraph);
    paragraph.select();
  }, { discrete: true });
  return { editor, tools };
}

function reload(editor: LexicalEditor) {
  const json = JSON.parse(JSON.stringify(editor.getEditorState().toJSON()));
  const { editor: fresh } = setUp();
  fresh.setEditorState(fresh.parseEditorState(json));
  fresh.update(() => $getRoot().selectEnd(), { discrete: true });
  return fresh;
}

/** Types like a person: one character per update, each a separate discrete update. */
function type(editor: LexicalEditor, text: string): void {
  for (const char of text) {
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no selection');
      selection.insertText(char);
    }, { discrete: true });
  }
}

function references(editor: LexicalEditor): string[] {
  return editor.getEditorState().read(() => $dfs().flatMap(({ node }) => ($isFactReferenceNode(node) ? [`${node.getTextContent()}=${node.getFactId()}`] : [])));
}

describe('fact linking as the analyst types', () => {
  let editor: LexicalEditor;
  beforeEach(() => {
    ({ editor } = setUp());
  });

  it('links the longest alias once it is typed in full', () => {
    type(editor, 'President Trump met Moon Jae-in near the Yongbyon facility.');
    expect(references(editor)).toEqual(['President Trump=donald-trump', 'Moon Jae-in=moon-jae-in', 'Yongbyon facility=yongbyon-facility']);
  });

  it('typing "Yongbyon" creates a reference; deleting a letter inside it unlinks; undo restores it', async () => {
    type(editor, 'Talks about Yongbyon stalled');
    expect(references(editor)).toEqual(['Yongbyon=yongbyon-facility']);
    editor.update(() => {
      const reference = $dfs().find(({ node }) => $isFactReferenceNode(node))!.node;
      if (!$isTextNode(reference)) throw new Error('expected text');
      reference.select(4, 5);
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.removeText();
    }, { discrete: true });
    expect(references(editor)).toEqual([]);
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('Talks about Yongyon stalled');
    editor.dispatchCommand(UNDO_COMMAND, undefined);
    await Promise.resolve();
    expect(references(editor)).toEqual(['Yongbyon=yongbyon-facility']);
  });

  it('gives "the North" up once "Korean" follows it, linking the North Korean leader instead', () => {
    type(editor, 'Sanctions on the North stayed. Talks with the North Korean leader stalled.');
    expect(references(editor)).toEqual(['the North=north-korea', 'North Korean leader=kim-jong-un']);
  });

  it('links "Kim" to Kim Jong Un, but not the other Kims of the story', () => {
    type(editor, 'Kim Yong Chol and Kim Hyok Chol prepared the summit; Kim Jong Un came; Kim left.');
    expect(references(editor)).toEqual(['Kim Jong Un=kim-jong-un', 'Kim=kim-jong-un']);
  });

  it('links "President Moon Jae-in" as one reference, whether typed or arriving at once', () => {
    type(editor, 'President Moon Jae-in spoke.');
    expect(references(editor)).toEqual(['President Moon Jae-in=moon-jae-in']);
    editor.update(() => {
      $getRoot().clear().append($createParagraphNode().append($createTextNode('Then President Moon Jae-in left.')));
    }, { discrete: true });
    expect(references(editor)).toEqual(['President Moon Jae-in=moon-jae-in']);
  });

  it('respects word boundaries and case rules while typing', () => {
    type(editor, 'Kimberly told us the moon was up. Kim spoke to the UN.');
    expect(references(editor)).toEqual(['Kim=kim-jong-un', 'UN=united-nations']);
  });
});

describe('unlinking that sticks', () => {
  it('an unlinked mention stays unlinked after serialize/parse and re-linking', () => {
    const { editor } = setUp();
    type(editor, 'Hanoi hosted it; Hanoi again.');
    expect(references(editor)).toEqual(['Hanoi=hanoi', 'Hanoi=hanoi']);
    editor.update(() => {
      const first = $dfs().find(({ node }) => $isFactReferenceNode(node))!.node;
      editor.dispatchCommand(UNLINK_MENTION_COMMAND, first.getKey());
    }, { discrete: true });
    expect(references(editor)).toEqual(['Hanoi=hanoi']);
    const fresh = reload(editor);
    fresh.update(() => {
      for (const { node } of $dfs()) if ($isTextNode(node)) node.markDirty();
    }, { discrete: true });
    expect(references(fresh)).toEqual(['Hanoi=hanoi']);
    expect(fresh.getEditorState().read(() => $dfs().filter(({ node }) => $isUnlinkedMentionNode(node)).length)).toBe(1);
    expect(fresh.getEditorState().read(() => $getRoot().getTextContent())).toBe('Hanoi hosted it; Hanoi again.');
  });

  it('"unlink all mentions" keeps a fact unlinked in this brief, even in new text and after a reload; "link again" restores', () => {
    const { editor } = setUp();
    type(editor, 'Trump and Kim. ');
    editor.update(() => editor.dispatchCommand(UNLINK_FACT_COMMAND, 'donald-trump'), { discrete: true });
    type(editor, 'Trump again.');
    expect(references(editor)).toEqual(['Kim=kim-jong-un']);
    const fresh = reload(editor);
    type(fresh, ' Trump.');
    expect(references(fresh)).toEqual(['Kim=kim-jong-un']);
    fresh.update(() => fresh.dispatchCommand(RELINK_FACT_COMMAND, 'donald-trump'), { discrete: true });
    expect(references(fresh)).toEqual(['Trump=donald-trump', 'Kim=kim-jong-un', 'Trump=donald-trump', 'Trump=donald-trump']);
  });
});

describe('catalogue changes re-link open briefs', () => {
  it('links a new alias, and unlinks a deleted fact', () => {
    const { editor, tools } = setUp();
    type(editor, 'The DMZ lies south of Pyongyang. Hanoi hosted.');
    expect(references(editor)).toEqual(['Hanoi=hanoi']);
    const added = [
      ...catalogue.facts.filter((f) => f.id !== 'hanoi'),
      { id: 'pyongyang', kind: 'place' as const, label: 'Pyongyang', aliases: [], summary: 'The capital.', tags: [], anchors: [] },
    ];
    tools.setMatcher(compileMatcher(matcherEntriesFromFacts(added)));
    editor.update(() => undefined, { discrete: true });
    expect(references(editor)).toEqual(['Pyongyang=pyongyang']);
  });
});

describe('a paragraph arriving at once (paste, load)', () => {
  it('links every mention in one pass, respecting word boundaries between them', () => {
    const { editor } = setUp();
    editor.update(() => {
      $getRoot().clear().append($createParagraphNode().append($createTextNode('Hanoi, Hanoi and Kim; xHanoi Hanoi. Singapore summitx Singapore')));
    }, { discrete: true });
    expect(references(editor)).toEqual(['Hanoi=hanoi', 'Hanoi=hanoi', 'Kim=kim-jong-un', 'Hanoi=hanoi', 'Singapore=singapore', 'Singapore=singapore']);
  });
});

describe('mentions that are not claims', () => {
  it('skips text inside links and code-formatted text', () => {
    const { editor } = setUp();
    editor.update(() => {
      const paragraph = $createParagraphNode();
      const link = $createLinkNode('https://example.org').append($createTextNode('Hanoi report'));
      paragraph.append(link, $createTextNode(' and '), $createTextNode('Yongbyon').toggleFormat('code'), $createTextNode(' and Hanoi'));
      $getRoot().clear().append(paragraph);
    }, { discrete: true });
    expect(references(editor)).toEqual(['Hanoi=hanoi']);
  });
});
