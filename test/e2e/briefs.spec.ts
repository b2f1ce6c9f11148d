import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { skipSeeding, startBrowserHost, collectPageProblems } from './support/browserHost';
import { tempDir } from '../support/tempWorkspace';

async function openEditor(page: Page): Promise<void> {
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
}

test('browser mode: write a brief, save it, restart the host, and find it again', async ({ page }) => {
  const workspace = await tempDir('briefdesk-e2e-');
  await skipSeeding(workspace.path);
  const problems = collectPageProblems(page);
  let host = await startBrowserHost(workspace.path);
  try {
    await page.goto(host.url);
    await expect(page.getByText('No briefs yet')).toBeVisible();
    await page.getByRole('button', { name: 'New brief' }).first().click();
    await openEditor(page);
    await page.locator('.bd-editor').click();
    await page.keyboard.type('# Hanoi summit ends without a deal');
    await page.keyboard.press('Enter');
    await page.keyboard.type('President Trump walked away from talks with Kim Jong Un.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Lower-level talks are likely to continue.');
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'unsaved');
    await page.keyboard.press('Control+s');
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
    await expect(page.getByRole('list', { name: 'Briefs' }).getByRole('button', { name: /Hanoi summit ends without a deal/ })).toBeVisible();

    const files = await readdir(join(workspace.path, 'briefs'));
    expect(files).toHaveLength(1);
    const saved = JSON.parse(await readFile(join(workspace.path, 'briefs', files[0]!), 'utf8'));
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

    expect(problems).toEqual([]);
    await host.stop();
    host = await startBrowserHost(workspace.path);
    await page.goto(host.url);
    // The old page's event stream retrying the stopped host logs refused connections; only the new page counts.
    problems.length = 0;
    await openEditor(page);
    await expect(page.locator('.bd-editor h1')).toHaveText('Hanoi summit ends without a deal');
    await expect(page.locator('.bd-editor p')).toHaveText([
      'President Trump walked away from talks with Kim Jong Un.',
      'Lower-level talks are likely to continue.',
    ]);
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});

test('browser mode: edits autosave after a second of idle time', async ({ page }) => {
  const workspace = await tempDir('briefdesk-e2e-');
  await skipSeeding(workspace.path);
  const host = await startBrowserHost(workspace.path);
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'New brief' }).first().click();
    await openEditor(page);
    await page.locator('.bd-editor').click();
    await page.keyboard.type('Autosaved line');
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved', { timeout: 5000 });
    const [file] = await readdir(join(workspace.path, 'briefs'));
    const saved = JSON.parse(await readFile(join(workspace.path, 'briefs', file!), 'utf8'));
    expect(saved.title).toBe('Autosaved line');
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});

test('browser mode: a page opened without the token says how to connect', async ({ page }) => {
  const workspace = await tempDir('briefdesk-e2e-');
  const host = await startBrowserHost(workspace.path);
  try {
    await page.goto(host.url.replace(/#.*$/, ''));
    await expect(page.getByRole('heading', { name: 'Briefdesk is not connected' })).toBeVisible();
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});
