import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';

/** The workbench in browser mode: palette, quick open, panes and their layout, and the session fixes behind them. */

async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
}

async function newBriefWith(page: Page, title: string, body: string): Promise<void> {
  await page.getByRole('button', { name: 'New brief' }).first().click();
  await editorReady(page);
  await page.locator('.bd-editor').click();
  await page.keyboard.type(`# ${title}`);
  await page.keyboard.press('Enter');
  await page.keyboard.type(body);
  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
}

test.describe(() => {
  test.use({ bundledSamples: false });

  test('the palette runs a command by part of its name, with Ctrl+Shift+P and F1, and lists recent commands first', async ({ app, pageProblems }) => {
    const theme = async () => app.locator('.bd-app').getAttribute('data-theme');
    const before = await theme();
    await app.keyboard.press('Control+Shift+P');
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await app.keyboard.type('dark mode');
    await expect(palette.getByRole('option').first()).toContainText('Dark mode on or off');
    await expect(palette.getByRole('option').first()).toContainText('Ctrl');
    await app.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect.poll(theme).not.toBe(before);

    await app.keyboard.press('F1');
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('option').first()).toContainText('Dark mode on or off');
    await app.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    await app.keyboard.press('Control+Shift+P');
    await app.keyboard.type('zzqqxx');
    await expect(palette.getByText('No matching commands')).toBeVisible();
    await expect(palette.getByRole('option')).toHaveCount(0);
    await app.keyboard.press('Escape');
    expect(pageProblems).toEqual([]);
  });

  test('quick open finds a brief by part of its title, opens it with Enter, and creates one when nothing matches', async ({ app, workspace, pageProblems }) => {
    await newBriefWith(app, 'Hanoi summit ends without a deal', 'First brief.');
    await newBriefWith(app, 'Sanctions relief outlook', 'Second brief.');
    await expect(app.locator('.bd-brief-heading')).toHaveText('Sanctions relief outlook');

    await app.keyboard.press('Control+p');
    const quickOpen = app.getByRole('dialog', { name: /brief/i });
    await expect(quickOpen).toBeVisible();
    await app.keyboard.type('hnoi smt');
    const first = quickOpen.getByRole('option').first();
    await expect(first).toContainText('Hanoi summit ends without a deal');
    await expect(first.locator('mark').first()).toBeVisible();
    await app.keyboard.press('Enter');
    await expect(app.locator('.bd-brief-heading')).toHaveText('Hanoi summit ends without a deal');

    await app.keyboard.press('Control+p');
    await app.keyboard.type('Yongbyon inspections');
    await expect(quickOpen.getByRole('option').first()).toContainText('Yongbyon inspections');
    await app.keyboard.press('Enter');
    await expect(app.locator('.bd-brief-heading')).toHaveText('Yongbyon inspections');
    await expect.poll(async () => (await readdir(join(workspace, 'briefs'))).filter((n) => n.endsWith('.brief.json')).length).toBe(3);
    expect(pageProblems).toEqual([]);
  });

  test('panes open, resize from the keyboard and the mouse, close with Escape back to the editor, and the layout survives a restart', async ({ app, host, page, pageProblems }) => {
    await newBriefWith(app, 'Layout brief', 'Some text.');
    await app.keyboard.press('Control+Shift+F');
    const facts = app.getByRole('region', { name: 'Facts' });
    await expect(facts).toBeVisible();
    await expect(facts).toBeFocused();
    await app.keyboard.press('Control+Shift+B');
    await expect(app.getByRole('region', { name: 'In this brief' })).toBeVisible();

    const sidebarSplitter = app.getByRole('separator', { name: 'Resize the sidebar' });
    const before = Number(await sidebarSplitter.getAttribute('aria-valuenow'));
    await sidebarSplitter.focus();
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('Shift+ArrowRight');
    await expect(sidebarSplitter).toHaveAttribute('aria-valuenow', String(before + 16 + 64));

    const sideSplitter = app.getByRole('separator', { name: 'Resize the side panes' });
    const box = (await sideSplitter.boundingBox())!;
    const sideBefore = Number(await sideSplitter.getAttribute('aria-valuenow'));
    const grab = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await app.mouse.move(grab.x, grab.y);
    await app.mouse.down();
    await app.mouse.move(grab.x - 100, grab.y, { steps: 5 });
    await app.mouse.up();
    await expect.poll(async () => Number(await sideSplitter.getAttribute('aria-valuenow'))).toBe(sideBefore + 100);
    const sideWidth = Number(await sideSplitter.getAttribute('aria-valuenow'));

    // Escape in a pane closes it and puts the caret back in the brief.
    await app.getByRole('region', { name: 'In this brief' }).focus();
    await app.keyboard.press('Escape');
    await expect(app.getByRole('region', { name: 'In this brief' })).toBeHidden();
    await expect(app.locator('.bd-editor')).toBeFocused();

    // The layout is written after a pause (or when the page goes away); a restart of the host and a reload bring it back.
    expect(pageProblems).toEqual([]);
    await app.waitForTimeout(800);
    await page.goto('about:blank');
    await host.restart();
    await openApp(page, host.url);
    await expect(page.getByRole('region', { name: 'Facts' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'In this brief' })).toBeHidden();
    await expect(page.getByRole('separator', { name: 'Resize the sidebar' })).toHaveAttribute('aria-valuenow', String(before + 80));
    await expect(page.getByRole('separator', { name: 'Resize the side panes' })).toHaveAttribute('aria-valuenow', String(sideWidth));
  });

  test('deleting the open brief closes it (moves to the next), typing then causes no error, and Undo brings it back open', async ({ app, workspace, pageProblems }) => {
    await newBriefWith(app, 'Kept brief', 'This one stays.');
    await newBriefWith(app, 'Doomed brief', 'Text typed before the delete.');
    await app.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(app.getByText('“Doomed brief” was moved to the trash.')).toBeVisible();
    await expect(app.locator('.bd-brief-heading')).toHaveText('Kept brief');
    await editorReady(app);
    await app.locator('.bd-editor').click();
    await app.keyboard.type(' More.');
    await app.keyboard.press('Control+s');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
    await expect(app.getByRole('alert')).toHaveCount(0);
    await expect(app.getByText(/does not exist/)).toHaveCount(0);
    expect((await readdir(join(workspace, 'briefs'))).filter((n) => n.endsWith('.brief.json'))).toHaveLength(1);

    await app.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
    await expect(app.locator('.bd-brief-heading')).toHaveText('Doomed brief');
    await expect(app.locator('.bd-editor')).toContainText('Text typed before the delete.');
    await expect.poll(async () => (await readdir(join(workspace, 'briefs'))).filter((n) => n.endsWith('.brief.json')).length).toBe(2);
    expect(pageProblems).toEqual([]);
  });

  test('deleting the only brief leaves the empty state, and nothing typed goes anywhere', async ({ app, pageProblems }) => {
    await newBriefWith(app, 'Only brief', 'Alone.');
    await app.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'No brief open' })).toBeVisible();
    await expect(app.locator('.bd-editor')).toHaveCount(0);
    await app.keyboard.type('stray keys');
    await expect(app.getByRole('alert')).toHaveCount(0);
    expect(pageProblems).toEqual([]);
  });

  test('renaming keeps the editor: Ctrl+Z still undoes the edit made before the rename', async ({ app, workspace, pageProblems }) => {
    await newBriefWith(app, 'Before rename', 'Base text.');
    await app.locator('.bd-editor').click();
    await app.keyboard.press('Control+End');
    await app.keyboard.type(' Added before the rename.');
    await app.keyboard.press('F2');
    const dialog = app.getByRole('dialog', { name: 'Rename brief' });
    await expect(dialog.getByLabel('Title')).toBeFocused();
    await dialog.getByLabel('Title').fill('After rename');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(app.locator('.bd-brief-heading')).toHaveText('After rename');
    await expect(app.locator('.bd-editor')).toBeFocused();
    await expect(app.locator('.bd-editor')).toContainText('Added before the rename.');
    await app.keyboard.press('Control+z');
    await expect(app.locator('.bd-editor')).not.toContainText('Added before the rename.');
    await expect(app.locator('.bd-editor')).toContainText('Base text.');
    await app.keyboard.press('Control+s');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
    const files = (await readdir(join(workspace, 'briefs'))).filter((n) => n.endsWith('.brief.json'));
    expect(files).toHaveLength(1);
    expect(pageProblems).toEqual([]);
  });

  test('the shortcut sheet comes from the registry and lists the editor’s own keys', async ({ app }) => {
    await app.keyboard.press('Control+/');
    const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    for (const keys of ['Ctrl+Shift+P', 'Ctrl+P', '@', 'Alt+Enter', 'Ctrl+Shift+U', 'F8', 'Ctrl+S']) {
      await expect(sheet.locator('kbd', { hasText: new RegExp(`^${keys.replace(/[+]/g, '\\+')}$`) }).first()).toBeVisible();
    }
  });
});

test('Show in source opens the source beside the brief at the passage, flashed', async ({ app, pageProblems }) => {
  await editorReady(app);
  const reference = app.locator('.bd-editor [data-fact-id]').first();
  await reference.hover();
  await app.locator('.bd-fact-card').getByRole('button', { name: 'Show in source' }).click();
  const source = app.getByRole('region', { name: 'Source' });
  await expect(source).toBeVisible();
  const mark = source.locator('mark');
  await expect(mark).toBeInViewport();
  await expect(mark).toHaveClass(/is-flashing/);
  // One source viewer: the pane, not a modal over the brief.
  await expect(app.locator('dialog[open]')).toHaveCount(0);
  expect(pageProblems).toEqual([]);
});

test('a catalogue reset runs as a job: its progress and its end in the notification area, and in Messages', async ({ app, pageProblems }) => {
  await editorReady(app);
  await app.keyboard.press('Control+Shift+F');
  await app.getByRole('region', { name: 'Facts' }).getByRole('button', { name: 'Reset catalogue to the bundled version' }).click();
  const notices = app.getByRole('region', { name: 'Notifications' });
  await expect(notices.getByText(/was reset to the bundled one/)).toBeVisible();
  await app.getByRole('button', { name: 'Messages', exact: true }).click();
  const history = app.getByRole('dialog', { name: 'Recent messages' });
  await expect(history.getByText('Resetting the catalogue to the bundled version…')).toBeVisible();
  await expect(history.getByText(/was reset to the bundled one/)).toBeVisible();
  expect(pageProblems).toEqual([]);
});
