import { createHeadlessEditor } from '@lexical/headless';
import { $isQuoteNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { $isFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { $insertSourceQuote, QuotedPassageSchema } from '../../renderer/src/editor/plugins/SourceQuotePlugin';

function editorWith(...paragraphs: string[]) {
  const editor = createHeadlessEditor({ nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
  editor.update(() => $getRoot().append(...paragraphs.map((text) => $createParagraphNode().append($createTextNode(text)))), { discrete: true });
  return editor;
}

describe('quoting a source passage in the brief', () => {
  const passage = { text: 'The abrupt ending of talks without definite progress', factId: 'hanoi-summit-2019', referenceText: 'Hanoi summit' };

  it('inserts a block quote of the passage ending with a reference to its fact, after the block with the caret', () => {
    const editor = editorWith('First paragraph.', 'Second paragraph.');
    editor.update(() => {
      $getRoot().getFirstChildOrThrow().selectEnd();
      $insertSourceQuote(passage, undefined);
    }, { discrete: true });
    editor.getEditorState().read(() => {
      const blocks = $getRoot().getChildren();
      expect(blocks.map((block) => block.getType())).toEqual(['paragraph', 'quote', 'paragraph']);
      const quote = blocks[1]!;
      if (!$isQuoteNode(quote)) throw new Error('the second block is not a quote');
      expect(quote.getTextContent()).toBe('“The abrupt ending of talks without definite progress” — Hanoi summit');
      const reference = quote.getChildren().find($isFactReferenceNode);
      expect(reference?.getFactId()).toBe('hanoi-summit-2019');
      expect(reference?.getTextContent()).toBe('Hanoi summit');
    });
  });

  it('appends at the end when there is no caret, and refuses a dropped passage that is not one', () => {
    const editor = editorWith('Only paragraph.');
    editor.update(() => $insertSourceQuote(passage, undefined), { discrete: true });
    editor.getEditorState().read(() => expect($getRoot().getLastChildOrThrow().getType()).toBe('quote'));
    expect(QuotedPassageSchema.safeParse({ ...passage, factId: '../../etc' }).success).toBe(false);
    expect(QuotedPassageSchema.safeParse({ ...passage, text: '   ' }).success).toBe(false);
  });
});
