import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

async function openEditor(page: Page): Promise<void> {
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
}

test.describe(() => {
  test.use({ bundledSamples: false });

  test('browser mode: write a brief, save it, restart the host, and find it again', async ({ app, host, workspace, pageProblems }) => {
    await expect(app.getByText('No briefs yet')).toBeVisible();
    await app.getByRole('button', { name: 'New brief' }).first().click();
    await openEditor(app);
    await app.locator('.bd-editor').click();
    await app.keyboard.type('# Hanoi summit ends without a deal');
    await app.keyboard.press('Enter');
    await app.keyboard.type('President Trump walked away from talks with Kim Jong Un.');
    await app.keyboard.press('Enter');
    await app.keyboard.type('Lower-level talks are likely to continue.');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'unsaved');
    await app.keyboard.press('Control+s');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
    await expect(app.getByRole('listbox', { name: 'Briefs' }).getByRole('option', { name: /Hanoi summit ends without a deal/ })).toBeVisible();

    const files = await readdir(join(workspace, 'briefs'));
    expect(files).toHaveLength(1);
    const saved = JSON.parse(await readFile(join(workspace, 'briefs', files[0]!), 'utf8'));
    expect(saved.schemaVersion).toBe(1);
    expect(saved.title).toBe('Hanoi summit ends without a deal');
    const blocks = saved.editorState.root.children.map((b: { type: string; children: Array<{ text: string }> }) => [
      b.type,
      b.children.map((c) => c.text).join(''),
    ]);
    expect(blocks).toEqual([
      ['heading', 'Hanoi summit ends without a deal'],
      ['paragraph', 'President Trump walked away from talks with Kim Jong Un.'],
      ['paragraph', 'Lower-level talks are likely to continue.'],
    ]);

    expect(pageProblems).toEqual([]);
    await host.restart();
    await app.goto(host.url);
    // The old page's event stream retrying the stopped host logs refused connections; only the new page counts.
    pageProblems.length = 0;
    await openEditor(app);
    await expect(app.locator('.bd-editor h1')).toHaveText('Hanoi summit ends without a deal');
    await expect(app.locator('.bd-editor p')).toHaveText([
      'President Trump walked away from talks with Kim Jong Un.',
      'Lower-level talks are likely to continue.',
    ]);
    expect(pageProblems).toEqual([]);
  });

  test('browser mode: edits autosave after a second of idle time', async ({ app, workspace }) => {
    await app.getByRole('button', { name: 'New brief' }).first().click();
    await openEditor(app);
    await app.locator('.bd-editor').click();
    await app.keyboard.type('Autosaved line');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved', { timeout: 5000 });
    const [file] = await readdir(join(workspace, 'briefs'));
    const saved = JSON.parse(await readFile(join(workspace, 'briefs', file!), 'utf8'));
    expect(saved.title).toBe('Autosaved line');
  });
});

test('browser mode: a page opened without the token says how to connect', async ({ page, host }) => {
  await page.goto(host.url.replace(/#.*$/, ''));
  await expect(page.getByRole('heading', { name: 'Briefdesk is not connected' })).toBeVisible();
});
