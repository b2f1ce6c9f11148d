import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, openApp, test } from './support/fixtures';
import { selectSourceText } from './support/sourceText';

const SOURCE_TITLE = 'Trump and Kim leave Hanoi summit without a deal';

test('the Source pane reads the bundled source and annotates a passage: highlight, comment, tags, list, reload, delete and undo', async ({ app, host }) => {
  await app.getByRole('button', { name: 'Source', exact: true }).click();
  const pane = app.getByRole('region', { name: 'Source' });
  await pane.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SOURCE_TITLE) }).click();
  await expect(pane.getByRole('heading', { name: SOURCE_TITLE })).toBeVisible();
  const text = pane.getByLabel('Source text');
  // The Admiralty grades are edited through sources.update and listed with the source.
  await pane.getByRole('button', { name: 'Edit details' }).click();
  const details = pane.getByRole('form', { name: 'Source details' });
  await details.getByLabel('Reliability').selectOption('B');
  await details.getByLabel('Credibility').selectOption('2');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toBeHidden();
  await expect(pane).toContainText('Reliability B (Usually reliable), credibility 2 (Probably true)');
  // The fact anchors of the bundled catalogue are underlined by kind, and can be hidden.
  await expect(text.locator('.bd-anchor-underline[data-kind="place"]').first()).toBeVisible();
  await pane.getByLabel('Fact anchors').uncheck();
  await expect(text.locator('.bd-anchor-underline')).toHaveCount(0);

  await selectSourceText(text, 'without reaching a deal');
  const toolbar = app.getByRole('dialog', { name: 'Annotate the selection' });
  await expect(toolbar).toBeVisible();
  await toolbar.getByRole('button', { name: 'Highlight Green' }).click();
  const highlight = text.locator('.bd-highlight[data-color="green"]');
  await expect(highlight).toHaveText('without reaching a deal');

  const editing = app.getByRole('dialog', { name: 'Annotation' });
  await editing.getByRole('button', { name: 'Comment' }).click();
  await editing.getByLabel('Comment').fill('The summit ended early');
  await editing.getByRole('button', { name: 'Save comment' }).click();
  await editing.getByRole('button', { name: 'Tags' }).click();
  await editing.getByLabel('Add a tag').fill('outcome');
  await editing.getByLabel('Add a tag').press('Enter');
  await expect(editing.getByRole('list', { name: 'Tags' })).toHaveText(/outcome/);
  await app.keyboard.press('Escape');
  await expect(editing.getByLabel('Add a tag')).toBeHidden();
  await app.keyboard.press('Escape');
  await expect(editing).toBeHidden();
  await expect(pane).toBeVisible();

  // Tagging from the keyboard: a new passage, the shortcut, a tag, Enter.
  await selectSourceText(text, 'Chairman Kim Jong Un');
  await expect(app.getByRole('dialog', { name: 'Annotate the selection' })).toBeVisible();
  await app.keyboard.press('Control+Alt+g');
  await expect(app.getByRole('dialog', { name: 'Annotate the selection' }).getByLabel('Add a tag')).toBeFocused();
  await app.keyboard.type('people');
  await app.keyboard.press('Enter');
  // A new highlight takes the colour used last.
  await expect(text.locator('.bd-highlight[data-color="green"]').filter({ hasText: 'Chairman' })).toHaveText('Chairman Kim Jong Un');
  await expect(pane.getByRole('navigation', { name: 'Where the annotations are' }).getByRole('button')).toHaveCount(2);

  await pane.getByRole('button', { name: 'Annotations (2)' }).click();
  const list = pane.getByRole('list', { name: 'Annotation list' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await pane.getByLabel('Tag', { exact: true }).fill('outcome');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('without reaching a deal');
  await expect(list).toContainText('The summit ended early');

  const stored = JSON.parse(await readFile(join(host.workspace, 'annotations', 'hanoi-summit-2019.annotations.json'), 'utf8')) as {
    annotations: Array<{ id: string; comment: string; tags: string[]; target: { selectors: [{ exact: string; prefix: string }, { start: number; end: number }] } }>;
  };
  const source = JSON.parse(await readFile(join(host.workspace, 'sources', 'hanoi-summit-2019.source.json'), 'utf8')) as { text: string };
  const saved = stored.annotations.find((a) => a.comment === 'The summit ended early')!;
  expect(saved.tags).toEqual(['outcome']);
  const [quote, position] = saved.target.selectors;
  expect(source.text.slice(position.start, position.end)).toBe('without reaching a deal');
  expect(quote.prefix).toBe(source.text.slice(position.start - 32, position.start));

  await app.reload();
  await openApp(app, host.url);
  await expect(app.getByRole('region', { name: 'Source' }).getByRole('list', { name: 'Sources' })).toContainText('graded B2');
  await app.getByRole('region', { name: 'Source' }).getByRole('button', { name: new RegExp(SOURCE_TITLE) }).click();
  const again = app.getByRole('region', { name: 'Source' }).getByLabel('Source text');
  const highlighted = (): ReturnType<typeof again.locator> => again.locator('.bd-highlight[data-color="green"]').filter({ hasText: 'without reaching' });
  const found = highlighted();
  await expect(found).toHaveText('without reaching a deal');
  const id = await found.getAttribute('data-annotation');

  await found.click();
  await app.getByRole('dialog', { name: 'Annotation' }).getByRole('button', { name: 'Delete' }).click();
  await expect(highlighted()).toHaveCount(0);
  await app.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(highlighted()).toHaveAttribute('data-annotation', id!);
  await expect(highlighted()).toHaveAttribute('title', /The summit ended early/);
});

test('Show in source still opens the reader at the passage and flashes it', async ({ app }) => {
  await app.getByRole('button', { name: 'Facts', exact: true }).click();
  await app.getByLabel('Filter facts').fill('Yongbyon');
  await app.getByRole('list', { name: 'Fact list' }).getByRole('button', { name: /Yongbyon/ }).first().click();
  await app.getByRole('button', { name: 'Show in source' }).first().click();
  const text = app.getByRole('region', { name: 'Source' }).getByLabel('Source text');
  await expect(text.locator('mark.bd-source-target')).toBeInViewport();
  await expect(text.locator('mark.bd-source-target')).toHaveClass(/is-flashing/);
});

test('annotations leave the app as Markdown and as Web Annotations, and the JSON-LD comes back in', async ({ app, host }) => {
  await app.getByRole('button', { name: 'Source', exact: true }).click();
  const pane = app.getByRole('region', { name: 'Source' });
  await pane.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SOURCE_TITLE) }).click();
  const text = pane.getByLabel('Source text');
  await selectSourceText(text, 'without reaching a deal');
  await app.getByRole('dialog', { name: 'Annotate the selection' }).getByRole('button', { name: 'Highlight Green' }).click();
  await expect(text.locator('.bd-highlight[data-color="green"]')).toHaveText('without reaching a deal');
  await app.keyboard.press('Escape');

  const runCommand = async (title: string): Promise<void> => {
    await app.keyboard.press('Control+Shift+P');
    await app.keyboard.type(title);
    await expect(app.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toContainText(title);
    await app.keyboard.press('Enter');
  };
  const downloaded = async (title: string): Promise<string> => {
    const download = app.waitForEvent('download');
    await runCommand(title);
    const path = join(host.workspace, '..', (await download).suggestedFilename());
    await (await download).saveAs(path);
    return readFile(path, 'utf8');
  };
  const markdown = await downloaded('Export annotations as Markdown');
  expect(markdown).toContain(SOURCE_TITLE);
  expect(markdown).toContain('> without reaching a deal');
  const jsonld = JSON.parse(await downloaded('Export annotations as Web Annotations')) as unknown;
  expect(JSON.stringify(jsonld)).toContain('TextQuoteSelector');

  // Deleted here, then brought back from the exported JSON-LD through the file input.
  const file = join(host.workspace, 'annotations', 'hanoi-summit-2019.annotations.json');
  const stored = JSON.parse(await readFile(file, 'utf8')) as { annotations: unknown[] };
  expect(stored.annotations).toHaveLength(1);
  await writeFile(file, JSON.stringify({ ...stored, annotations: [] }));
  await app.locator('input[aria-label="Annotations to import"]').setInputFiles({ name: 'exported.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(jsonld)) });
  await expect(app.getByRole('region', { name: 'Notifications' })).toContainText('Imported 1 annotation from exported.jsonld.');
  expect((JSON.parse(await readFile(file, 'utf8')) as { annotations: unknown[] }).annotations).toHaveLength(1);
});
