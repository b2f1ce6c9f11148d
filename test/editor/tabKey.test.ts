import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode, $isListItemNode, registerList } from '@lexical/list';
import { $createHeadingNode, registerRichText } from '@lexical/rich-text';
import { $dfs } from '@lexical/utils';
import { $createParagraphNode, $createTextNode, $getRoot, KEY_TAB_COMMAND, type LexicalEditor, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { registerTabKey } from '../../renderer/src/editor/plugins/TabKeyPlugin';

function setUp(): LexicalEditor {
  const editor = createHeadlessEditor({ namespace: 'test', nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
  registerRichText(editor);
  registerList(editor);
  registerTabKey(editor);
  return editor;
}

/** Presses Tab (or Shift+Tab) the way Lexical reports it; says whether the editor kept the key from the browser. */
function pressTab(editor: LexicalEditor, shiftKey = false): { handled: boolean; defaultPrevented: boolean } {
  let defaultPrevented = false;
  const event = { key: 'Tab', shiftKey, preventDefault: () => { defaultPrevented = true; } } as unknown as KeyboardEvent;
  let handled = false;
  editor.update(() => { handled = editor.dispatchCommand(KEY_TAB_COMMAND, event); }, { discrete: true });
  return { handled, defaultPrevented };
}

/** Each list item's text with its nesting depth ("  " per level). */
function outline(editor: LexicalEditor): string[] {
  return editor.getEditorState().read(() =>
    $dfs().flatMap(({ node }) => ($isListItemNode(node) && node.getChildren().some((c) => c.getType() === 'text')
      ? [`${'  '.repeat(node.getIndent())}${node.getTextContent()}`] : [])),
  );
}

function text(editor: LexicalEditor): string {
  return editor.getEditorState().read(() => $getRoot().getTextContent());
}

describe('Tab in the brief editor', () => {
  it('indents a list item with the caret in the middle of its text, and Shift+Tab outdents it again', () => {
    const editor = setUp();
    let second: TextNode | undefined;
    editor.update(() => {
      second = $createTextNode('Second item');
      $getRoot().clear().append($createListNode('bullet').append(
        $createListItemNode().append($createTextNode('First item')),
        $createListItemNode().append(second),
      ));
      second.select(3, 3);
    }, { discrete: true });
    expect(pressTab(editor)).toEqual({ handled: true, defaultPrevented: true });
    expect(outline(editor)).toEqual(['First item', '  Second item']);
    expect(text(editor)).not.toContain('\t');
    expect(pressTab(editor, true)).toEqual({ handled: true, defaultPrevented: true });
    expect(outline(editor)).toEqual(['First item', 'Second item']);
  });

  it('leaves Shift+Tab on a top-level item to the browser, which moves focus', () => {
    const editor = setUp();
    editor.update(() => {
      const item = $createTextNode('Only item');
      $getRoot().clear().append($createListNode('number').append($createListItemNode().append(item)));
      item.select(0, 0);
    }, { discrete: true });
    expect(pressTab(editor, true)).toEqual({ handled: false, defaultPrevented: false });
    expect(outline(editor)).toEqual(['Only item']);
  });

  it('leaves Tab and Shift+Tab in a paragraph or a heading to the browser: no tab character, no indent', () => {
    const editor = setUp();
    for (const make of [() => $createParagraphNode(), () => $createHeadingNode('h2')]) {
      editor.update(() => {
        const words = $createTextNode('Plain words');
        $getRoot().clear().append(make().append(words));
        words.select(5, 5);
      }, { discrete: true });
      expect(pressTab(editor)).toEqual({ handled: false, defaultPrevented: false });
      expect(pressTab(editor, true)).toEqual({ handled: false, defaultPrevented: false });
      expect(text(editor)).toBe('Plain words');
      expect(editor.getEditorState().read(() => $getRoot().getFirstChildOrThrow<ReturnType<typeof $createParagraphNode>>().getIndent())).toBe(0);
    }
  });
});
