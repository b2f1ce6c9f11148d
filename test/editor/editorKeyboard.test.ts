import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { $createTableNodeWithDimensions, $isTableCellNode, $isTableNode, type TableNode, type TableRowNode } from '@lexical/table';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { EDITOR_KEYS } from '../../renderer/src/editor/editorKeys';
import { registerFactTools } from '../../renderer/src/editor/plugins/FactLinkingPlugin/registerFactTools';
import { matchPickerQuery } from '../../renderer/src/editor/plugins/FactPickerPlugin';
import { $runTableAction, TABLE_ACTIONS, type TableActionId } from '../../renderer/src/editor/plugins/TableActionMenuPlugin';
import { $selectAdjacentFactReference } from '../../renderer/src/editor/plugins/factReferenceNavigation';
import { compileMatcher, matcherEntriesFromFacts } from '../../shared/lib/factMatcher';
import { FactCatalogueSchema } from '../../shared/model/fact';

const catalogue = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')));

function newEditor(): LexicalEditor {
  return createHeadlessEditor({ namespace: 'test', nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
}

describe('F8 / Shift+F8: from one fact reference to the next', () => {
  function briefWithReferences(): LexicalEditor {
    const editor = newEditor();
    registerFactTools(editor, compileMatcher(matcherEntriesFromFacts(catalogue.facts)));
    editor.update(() => {
      $getRoot().clear().append(
        $createParagraphNode().append($createTextNode('Chairman Kim met President Trump.')),
        $createParagraphNode().append($createTextNode('Nothing here.')),
        $createParagraphNode().append($createTextNode('They left Hanoi.')),
      );
      $getRoot().selectStart();
    }, { discrete: true });
    return editor;
  }
  const step = (editor: LexicalEditor, direction: 'next' | 'previous'): string | undefined => {
    let selected: string | undefined;
    editor.update(() => {
      $selectAdjacentFactReference(direction);
      const selection = $getSelection();
      selected = $isRangeSelection(selection) ? selection.getTextContent() : undefined;
    }, { discrete: true });
    return selected;
  };

  it('selects each reference in document order, across paragraphs, and wraps round at either end', () => {
    const editor = briefWithReferences();
    expect(step(editor, 'next')).toBe('Chairman Kim');
    expect(step(editor, 'next')).toBe('President Trump');
    expect(step(editor, 'next')).toBe('Hanoi');
    expect(step(editor, 'next')).toBe('Chairman Kim');
    expect(step(editor, 'previous')).toBe('Hanoi');
    expect(step(editor, 'previous')).toBe('President Trump');
  });

  it('goes from a caret between references to the nearest one either way, and finds nothing in a brief without any', () => {
    const editor = briefWithReferences();
    editor.update(() => {
      const middle = $getRoot().getChildAtIndex(1)!;
      middle.selectStart();
    }, { discrete: true });
    expect(step(editor, 'previous')).toBe('President Trump');
    editor.update(() => $getRoot().getChildAtIndex(1)!.selectEnd(), { discrete: true });
    expect(step(editor, 'next')).toBe('Hanoi');

    const empty = newEditor();
    empty.update(() => {
      $getRoot().clear().append($createParagraphNode().append($createTextNode('No facts at all.')));
      $getRoot().selectStart();
    }, { discrete: true });
    let found: unknown = 'not run';
    empty.update(() => { found = $selectAdjacentFactReference('next'); }, { discrete: true });
    expect(found).toBeUndefined();
  });
});

describe('the table actions menu', () => {
  function tableEditor(): LexicalEditor {
    const editor = newEditor();
    editor.update(() => {
      const table = $createTableNodeWithDimensions(3, 3, { rows: true, columns: false });
      $getRoot().clear().append($createParagraphNode().append($createTextNode('Before')), table);
      const cell = table.getChildAtIndex<TableRowNode>(1)!.getChildAtIndex(1);
      if (!$isTableCellNode(cell)) throw new Error('no cell');
      cell.selectStart();
    }, { discrete: true });
    return editor;
  }
  const shape = (editor: LexicalEditor): number[] | undefined =>
    editor.getEditorState().read(() => {
      const table = $getRoot().getChildren().find($isTableNode) as TableNode | undefined;
      return table?.getChildren<TableRowNode>().map((row) => row.getChildrenSize());
    });
  const run = (editor: LexicalEditor, id: TableActionId): boolean => {
    let ran = false;
    editor.update(() => { ran = $runTableAction(id); }, { discrete: true });
    return ran;
  };

  it('inserts and deletes rows and columns at the caret, and deletes the table, leaving the caret in the brief', () => {
    const editor = tableEditor();
    expect(shape(editor)).toEqual([3, 3, 3]);
    run(editor, 'row-above');
    run(editor, 'row-below');
    expect(shape(editor)).toEqual([3, 3, 3, 3, 3]);
    run(editor, 'column-left');
    run(editor, 'column-right');
    expect(shape(editor)).toEqual([5, 5, 5, 5, 5]);
    run(editor, 'delete-row');
    run(editor, 'delete-column');
    expect(shape(editor)).toEqual([4, 4, 4, 4]);
    expect(run(editor, 'delete-table')).toBe(true);
    expect(shape(editor)).toBeUndefined();
    const after = editor.getEditorState().read(() => {
      const selection = $getSelection();
      return { blocks: $getRoot().getChildren().map((block) => block.getType()), caretIn: $isRangeSelection(selection) ? selection.anchor.getNode().getTopLevelElement()?.getType() : undefined };
    });
    expect(after).toEqual({ blocks: ['paragraph', 'paragraph'], caretIn: 'paragraph' });
  });

  it('does nothing outside a table', () => {
    const editor = tableEditor();
    editor.update(() => $getRoot().getFirstChildOrThrow().selectEnd(), { discrete: true });
    for (const { id } of TABLE_ACTIONS) expect(run(editor, id)).toBe(false);
    expect(shape(editor)).toEqual([3, 3, 3]);
  });
});

describe('the @ picker query', () => {
  const open = (text: string) => matchPickerQuery(text, catalogue.facts);
  it('stays open across spaces while a fact matches, and closes once none does', () => {
    expect(open('Talks with @Kim Jong')).toEqual({ query: 'Kim Jong', length: 9 });
    expect(open('Talks with @Kim Jong Un')).toEqual({ query: 'Kim Jong Un', length: 12 });
    expect(open('(@Yongbyon fac')).toEqual({ query: 'Yongbyon fac', length: 13 });
    expect(open('@kim said no')).toBeNull();
    expect(open('@Kim Jong-un')).toEqual({ query: 'Kim Jong-un', length: 12 });
  });
  it('opens on @ at a word start only, and offers to create a fact for one unknown word', () => {
    expect(open('@')).toEqual({ query: '', length: 1 });
    expect(open('Mail desk@example')).toBeNull();
    expect(open('@ then a space')).toBeNull();
    expect(open('A new @Vietnam')).toEqual({ query: 'Vietnam', length: 8 });
  });
});

describe('the editor keys for the shortcut sheet', () => {
  it('have unique ids and keys, and none is a browser or system key', () => {
    expect(new Set(EDITOR_KEYS.map((key) => key.id)).size).toBe(EDITOR_KEYS.length);
    expect(new Set(EDITOR_KEYS.map((key) => key.keys)).size).toBe(EDITOR_KEYS.length);
    const reserved = ['Ctrl+T', 'Ctrl+W', 'Ctrl+N', 'Ctrl+L', 'F5', 'F11', 'F12', 'Alt+F4', 'Ctrl+Tab', 'Alt+Left', 'Alt+Right'];
    for (const { keys } of EDITOR_KEYS) expect(reserved).not.toContain(keys);
  });
});
