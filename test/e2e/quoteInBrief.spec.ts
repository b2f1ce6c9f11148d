import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { selectSourceText } from './support/sourceText';

const SOURCE_TITLE = 'Trump and Kim leave Hanoi summit without a deal';
const PASSAGE = 'without reaching a deal to resolve the Korean conflict';

test('a highlight linked to a fact is quoted in the open brief as a block quote ending with a reference to the fact, and saved', async ({ app, host }) => {
  await expect(app.locator('.bd-editor[data-ready="true"]')).toBeVisible();
  await app.getByRole('button', { name: 'Source', exact: true }).click();
  const pane = app.getByRole('region', { name: 'Source' });
  await pane.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SOURCE_TITLE) }).click();
  const text = pane.getByLabel('Source text');
  await selectSourceText(text, PASSAGE);
  const toolbar = app.getByRole('dialog', { name: 'Annotate the selection' });
  await toolbar.getByRole('button', { name: 'Highlight Yellow' }).click();
  const editing = app.getByRole('dialog', { name: 'Annotation' });
  // Without a fact there is nothing to cite: the button appears once the highlight names one.
  await expect(editing.getByRole('button', { name: 'Quote in brief' })).toHaveCount(0);
  await editing.getByRole('button', { name: 'Link fact' }).click();
  await editing.getByLabel('Linked fact').selectOption({ label: 'Hanoi summit' });
  await editing.getByRole('button', { name: 'Quote in brief' }).click();

  const quote = app.locator('.bd-editor blockquote').last();
  await expect(quote).toHaveText(`“${PASSAGE}” — Hanoi summit`);
  await expect(quote.locator('[data-fact-id="hanoi-summit-2019"]')).toHaveText('Hanoi summit');
  await app.keyboard.press('Control+s');
  await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
  interface SavedNode {
    type: string;
    text?: string;
    factId?: string;
    children?: SavedNode[];
  }
  const saved = JSON.parse(await readFile(join(host.workspace, 'briefs', 'hanoi-summit-sample.brief.json'), 'utf8')) as { editorState: { root: SavedNode } };
  const textOf = (node: SavedNode): string => node.text ?? (node.children ?? []).map(textOf).join('');
  const quotes = saved.editorState.root.children!.filter((node) => node.type === 'quote');
  const savedQuote = quotes.find((node) => textOf(node) === `“${PASSAGE}” — Hanoi summit`);
  expect(savedQuote?.children?.at(-1)).toMatchObject({ type: 'fact-reference', factId: 'hanoi-summit-2019', text: 'Hanoi summit' });
});
