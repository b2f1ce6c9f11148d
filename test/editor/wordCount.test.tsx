// @vitest-environment happy-dom
import { createHeadlessEditor } from '@lexical/headless';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createTableCellNode, $createTableNode, $createTableRowNode } from '@lexical/table';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/host/dispatcher';
import { BRIEF_EDITOR_NODES, briefEditorConfig } from '../../renderer/src/editor/editorConfig';
import { prepareBriefState } from '../../renderer/src/editor/load/prepareBriefState';
import { $createFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { BriefStatsPlugin, type BriefStats } from '../../renderer/src/editor/plugins/BriefStatsPlugin';
import type { BriefSummary, EditorStateJSON } from '../../shared/model/brief';
import { testContainer } from '../support/testContainer';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A brief with a heading, references, a line break, a link, a quote, a nested list and a table: 32 words. */
function briefWithEveryBlock(): EditorStateJSON {
  const editor = createHeadlessEditor({ nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
  editor.update(
    () => {
      const cell = (text: string) => $createTableCellNode().append($createParagraphNode().append($createTextNode(text)));
      $getRoot()
        .clear()
        .append(
          $createHeadingNode('h1').append($createTextNode('Hanoi summit ends')),
          $createParagraphNode().append(
            $createTextNode('President '),
            $createFactReferenceNode('donald-trump', 'Trump'),
            $createTextNode('’s offer met '),
            $createFactReferenceNode('kim-jong-un', 'Kim Jong Un'),
            $createTextNode('.'),
            $createLineBreakNode(),
            $createTextNode('No deal.'),
          ),
          $createParagraphNode().append($createTextNode('See '), $createLinkNode('https://example.org').append($createTextNode('the source')), $createTextNode(' today.')),
          $createQuoteNode().append($createTextNode('You have to be prepared to walk away')),
          $createListNode('bullet').append(
            $createListItemNode().append($createTextNode('first point')),
            $createListItemNode().append($createListNode('bullet').append($createListItemNode().append($createTextNode('nested point')))),
          ),
          $createTableNode().append(
            $createTableRowNode().append(cell('Site'), cell('Status')),
            $createTableRowNode().append(cell('Yongbyon'), cell('open')),
          ),
        );
    },
    { discrete: true },
  );
  return editor.getEditorState().toJSON() as unknown as EditorStateJSON;
}

const BRIEF_WORDS = 32;

async function call<T>(dispatcher: Dispatcher, method: string, arg?: unknown): Promise<T> {
  const result = await dispatcher.dispatch(method, arg);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The status line's figures for a brief, from the stats plugin in a real editor as BriefEditor mounts it. */
async function statusLineStats(state: EditorStateJSON): Promise<BriefStats> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  let stats: BriefStats | undefined;
  const config = briefEditorConfig(prepareBriefState(state).editorState, (error) => { throw error; });
  await act(async () => {
    root.render(
      <LexicalComposer initialConfig={config}>
        <BriefStatsPlugin onStats={(next) => (stats = next)} />
      </LexicalComposer>,
    );
  });
  // The plugin reports off the typing path, a quarter of a second after the last change.
  await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
  act(() => root.unmount());
  host.remove();
  if (!stats) throw new Error('the stats plugin reported nothing');
  return stats;
}

describe('one word count for the sidebar and the status line', () => {
  let env: Awaited<ReturnType<typeof testContainer>>;
  beforeEach(async () => {
    env = await testContainer();
  });
  afterEach(() => env.dispose());

  it('counts a brief with a table, a nested list, a quote, a link and references the same in the host summary and the editor', async () => {
    const state = briefWithEveryBlock();
    const brief = await call<{ id: string }>(env.container.dispatcher, 'briefs.create', { editorState: state });
    const listed = await call<BriefSummary[]>(env.container.dispatcher, 'briefs.list');
    const sidebar = listed.find((summary) => summary.id === brief.id)?.wordCount;
    const statusLine = (await statusLineStats(state)).words;
    expect({ sidebar, statusLine }).toEqual({ sidebar: BRIEF_WORDS, statusLine: BRIEF_WORDS });
  });
});
