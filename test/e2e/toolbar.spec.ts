import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { briefFiles, readBrief } from './support/briefFiles';

test.use({ bundledSamples: false });

interface SavedNode {
  type: string;
  text?: string;
  format?: number | string;
  indent?: number;
  url?: string;
  headerState?: number;
  children?: SavedNode[];
  [key: string]: unknown;
}

/** Lexical's text format bits, as saved in `format` on a text node. */
const STRIKETHROUGH = 4;
const CODE = 16;

/** Every node of the saved tree with its ancestors (nearest last). */
function walk(node: SavedNode, ancestors: SavedNode[] = []): Array<{ node: SavedNode; ancestors: SavedNode[] }> {
  return [{ node, ancestors }, ...(node.children ?? []).flatMap((child) => walk(child, [...ancestors, node]))];
}

function textNode(root: SavedNode, text: string): { node: SavedNode; ancestors: SavedNode[] } {
  const found = walk(root).filter(({ node }) => node.type === 'text' && node.text === text);
  expect(found, `one text node "${text}"`).toHaveLength(1);
  return found[0]!;
}

/** Starts the workspace's first brief and puts the caret in it. */
async function startFirstBrief(page: Page): Promise<void> {
  await expect(page.getByText('No briefs yet')).toBeVisible();
  await page.getByRole('button', { name: 'New brief' }).first().click();
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
  await page.locator('.bd-editor').click();
}

async function saveAndRead(page: Page, workspace: string): Promise<SavedNode> {
  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
  const files = await briefFiles(workspace);
  expect(files).toHaveLength(1);
  const brief = await readBrief(workspace, files[0]!);
  return brief.editorState.root as unknown as SavedNode;
}

/** Puts the caret in the line with this text and selects the whole line. */
async function selectLine(page: Page, text: string): Promise<void> {
  await page.locator('.bd-editor').getByText(text, { exact: true }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await settle(page, text);
}

/**
 * Waits until the page's selection is `selected` (empty: collapsed) and a frame has passed, so Lexical has taken
 * the selection over from its selectionchange event before the next key or click: Playwright sends keys far
 * faster than anyone types.
 */
async function settle(page: Page, selected = ''): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe(selected);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

function toolbarButton(page: Page, name: string) {
  return page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });
}

test('toolbar: every formatting action lands in the saved brief', async ({ app, workspace, pageProblems }) => {
  await startFirstBrief(app);
  const lines = ['Struck text', 'Code text', 'Indented paragraph', 'Quoted line', 'Good link', 'Bad link', 'Formatted then cleared'];
  await app.keyboard.type('# Toolbar check');
  for (const line of lines) {
    await app.keyboard.press('Enter');
    await app.keyboard.type(line);
  }
  await app.keyboard.press('Enter');
  await app.keyboard.type('- Parent item');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Child item');
  await app.keyboard.press('Enter');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Before the rule');

  // Every button names itself and its shortcut.
  await expect(toolbarButton(app, 'Strikethrough')).toHaveAttribute('title', 'Strikethrough (Ctrl+Shift+X)');
  await expect(toolbarButton(app, 'Inline code')).toHaveAttribute('title', 'Inline code (Ctrl+Shift+E)');
  await expect(toolbarButton(app, 'Insert link')).toHaveAttribute('title', /Ctrl\+K/);

  await selectLine(app, 'Struck text');
  await toolbarButton(app, 'Strikethrough').click();
  await expect(toolbarButton(app, 'Strikethrough')).toHaveAttribute('aria-pressed', 'true');

  await selectLine(app, 'Code text');
  await toolbarButton(app, 'Inline code').click();
  await expect(toolbarButton(app, 'Inline code')).toHaveAttribute('aria-pressed', 'true');
  await expect(toolbarButton(app, 'Strikethrough')).toHaveAttribute('aria-pressed', 'false');

  await selectLine(app, 'Indented paragraph');
  await expect(toolbarButton(app, 'Outdent')).toBeDisabled();
  await toolbarButton(app, 'Indent').click();
  await expect(toolbarButton(app, 'Outdent')).toBeEnabled();

  await selectLine(app, 'Quoted line');
  await app.getByLabel('Block type').selectOption('quote');
  await expect(app.locator('.bd-editor blockquote')).toHaveText('Quoted line');

  await selectLine(app, 'Good link');
  await toolbarButton(app, 'Insert link').click();
  let dialog = app.getByRole('dialog', { name: 'Insert link' });
  await dialog.getByRole('textbox').fill('example.org/report');
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.locator('.bd-editor a')).toHaveText('Good link');
  await expect(toolbarButton(app, 'Edit link')).toHaveAttribute('aria-pressed', 'true');

  await selectLine(app, 'Bad link');
  await toolbarButton(app, 'Insert link').click();
  dialog = app.getByRole('dialog', { name: 'Insert link' });
  await dialog.getByRole('textbox').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/not added.*Only http:, https: and mailto: links are allowed/);
  await dialog.getByRole('textbox').fill('java\tscript:alert(1)');
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/not added/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.locator('.bd-editor a')).toHaveCount(1);

  // Bold, italic and a link on one line, then Clear formatting takes them all off again.
  await selectLine(app, 'Formatted then cleared');
  await toolbarButton(app, 'Bold').click();
  await toolbarButton(app, 'Italic').click();
  await app.keyboard.press('Control+k');
  dialog = app.getByRole('dialog', { name: 'Insert link' });
  await dialog.getByRole('textbox').fill('https://example.com/x');
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(app.locator('.bd-editor a')).toHaveCount(2);
  await selectLine(app, 'Formatted then cleared');
  await toolbarButton(app, 'Clear formatting').click();
  await expect(app.locator('.bd-editor a')).toHaveCount(1);
  await expect(toolbarButton(app, 'Bold')).toHaveAttribute('aria-pressed', 'false');

  await app.locator('.bd-editor').getByText('Child item', { exact: true }).click();
  await toolbarButton(app, 'Indent').click();
  await expect(app.locator('.bd-editor ul ul')).toHaveText('Child item');

  await app.locator('.bd-editor').getByText('Before the rule', { exact: true }).click();
  await app.keyboard.press('End');
  await settle(app);
  await toolbarButton(app, 'Insert horizontal rule').click();
  await expect(app.locator('.bd-editor hr')).toHaveCount(1);
  await app.keyboard.type('After the rule');
  await toolbarButton(app, 'Insert table').click();
  await expect(app.locator('.bd-editor table')).toHaveCount(1);
  await app.keyboard.type('Header A');

  // A plain click on a link never navigates; Ctrl+click opens it through window.open, checked again.
  await app.evaluate(() => {
    const opened: unknown[][] = [];
    (window as unknown as { opened: unknown[][] }).opened = opened;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
  });
  const url = app.url();
  await app.locator('.bd-editor a').click();
  await app.locator('.bd-editor a').click({ button: 'middle' });
  expect(await app.evaluate(() => (window as unknown as { opened: unknown[][] }).opened)).toEqual([]);
  await app.locator('.bd-editor a').click({ modifiers: ['Control'] });
  expect(await app.evaluate(() => (window as unknown as { opened: unknown[][] }).opened)).toEqual([
    ['https://example.org/report', '_blank', 'noopener'],
  ]);
  expect(app.url()).toBe(url);
  expect(app.context().pages()).toHaveLength(1);

  const root = await saveAndRead(app, workspace);
  const blocks = root.children!;
  expect(JSON.stringify(root)).not.toContain('javascript');

  expect(textNode(root, 'Struck text').node.format).toBe(STRIKETHROUGH);
  expect(textNode(root, 'Code text').node.format).toBe(CODE);
  expect(textNode(root, 'Indented paragraph').ancestors.at(-1)).toMatchObject({ type: 'paragraph', indent: 1 });
  expect(textNode(root, 'Quoted line').ancestors.at(-1)!.type).toBe('quote');

  const good = textNode(root, 'Good link');
  expect(good.ancestors.at(-1)).toMatchObject({ type: 'link', url: 'https://example.org/report' });
  expect(textNode(root, 'Bad link').ancestors.at(-1)!.type).toBe('paragraph');
  const cleared = textNode(root, 'Formatted then cleared');
  expect(cleared.node).toMatchObject({ format: 0, style: '' });
  expect(cleared.ancestors.at(-1)!.type).toBe('paragraph');
  expect(walk(root).filter(({ node }) => node.type === 'link')).toHaveLength(1);

  const child = textNode(root, 'Child item');
  expect(child.ancestors.map((a) => a.type)).toEqual(['root', 'list', 'listitem', 'list', 'listitem']);

  expect(blocks.filter((b) => b.type === 'horizontalrule')).toHaveLength(1);
  const types = blocks.map((b) => b.type);
  expect(types.indexOf('horizontalrule')).toBe(types.indexOf('table') - 2);
  const tables = blocks.filter((b) => b.type === 'table');
  expect(tables).toHaveLength(1);
  const rows = tables[0]!.children!;
  expect(rows.map((r) => r.type)).toEqual(['tablerow', 'tablerow', 'tablerow']);
  expect(rows.map((r) => r.children!.map((c) => [c.type, c.headerState]))).toEqual([
    [['tablecell', 1], ['tablecell', 1], ['tablecell', 1]],
    [['tablecell', 0], ['tablecell', 0], ['tablecell', 0]],
    [['tablecell', 0], ['tablecell', 0], ['tablecell', 0]],
  ]);
  expect(textNode(root, 'Header A').ancestors.at(-2)).toBe(rows[0]!.children![0]);
  expect(pageProblems).toEqual([]);
});

test('toolbar: shortcuts and markdown for the new actions, listed in Keyboard shortcuts', async ({ app, workspace, pageProblems }) => {
  await startFirstBrief(app);
  await app.keyboard.type('Shortcut check');
  for (const line of ['Struck by key', 'Code by key', 'Mail desk']) {
    await app.keyboard.press('Enter');
    await app.keyboard.type(line);
  }
  await app.keyboard.press('Enter');
  await app.keyboard.type('--- ');
  await expect(app.locator('.bd-editor hr')).toHaveCount(1);
  await app.keyboard.type('See [the site](example.com) and [bad](javascript:alert(1)) here');
  await expect(app.locator('.bd-editor a')).toHaveText('the site');

  await selectLine(app, 'Struck by key');
  await app.keyboard.press('Control+Shift+X');
  await expect(app.locator('.bd-editor .bd-strike')).toHaveText('Struck by key');
  await selectLine(app, 'Code by key');
  await app.keyboard.press('Control+Shift+E');
  await expect(app.locator('.bd-editor .bd-code')).toHaveText('Code by key');
  await selectLine(app, 'Mail desk');
  await app.keyboard.press('Control+k');
  const dialog = app.getByRole('dialog', { name: 'Insert link' });
  await dialog.getByRole('textbox').fill('desk@example.org');
  await dialog.getByRole('textbox').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.locator('.bd-editor a')).toHaveCount(2);

  await app.keyboard.press('Control+/');
  const shortcuts = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const keys of ['Ctrl+Shift+X', 'Ctrl+Shift+E', 'Ctrl+K', '--- then space']) {
    await expect(shortcuts.getByRole('rowheader', { name: keys, exact: true })).toBeVisible();
  }
  await shortcuts.getByRole('button', { name: 'Close' }).click();
  await app.locator('.bd-editor').getByText('Shortcut check', { exact: true }).click();

  const root = await saveAndRead(app, workspace);
  expect(textNode(root, 'Struck by key').node.format).toBe(STRIKETHROUGH);
  expect(textNode(root, 'Code by key').node.format).toBe(CODE);
  expect(textNode(root, 'Mail desk').ancestors.at(-1)).toMatchObject({ type: 'link', url: 'mailto:desk@example.org' });
  expect(root.children!.filter((b) => b.type === 'horizontalrule')).toHaveLength(1);
  expect(textNode(root, 'the site').ancestors.at(-1)).toMatchObject({ type: 'link', url: 'https://example.com/' });
  expect(walk(root).filter(({ node }) => node.type === 'link')).toHaveLength(2);
  const last = root.children!.at(-1)!;
  expect(last.children!.map((c) => c.text ?? '').join('')).toContain('[bad](javascript:alert(1)) here');
  expect(pageProblems).toEqual([]);
});
