import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { skipSeeding, startBrowserHost, type RunningHost } from './support/browserHost';
import { blockTexts, briefFiles, readBrief, writeExternally } from './support/briefFiles';
import { tempDir } from '../support/tempWorkspace';

const status = (page: Page) => page.locator('[data-status]');
const editor = (page: Page) => page.locator('.bd-editor[data-ready="true"]');

/** A workspace with preferences set before start (autosave off makes "unsaved edits" last as long as a test needs). */
async function setUp(preferences: Record<string, unknown> = {}) {
  const workspace = await tempDir('briefdesk-e2e-');
  await skipSeeding(workspace.path);
  const configDir = join(workspace.path, '.briefdesk', 'test-config');
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'preferences.json'), JSON.stringify(preferences));
  return { workspace, configDir };
}

async function newBriefWithText(page: Page, host: RunningHost, text: string): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New brief' }).first().click();
  await editor(page).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Control+s');
  await expect(status(page)).toHaveAttribute('data-status', 'saved');
}

test.describe('changes made outside Briefdesk', () => {
  test('while clean: a modified brief reloads; added and removed briefs appear in the sidebar within a second', async ({ page }) => {
    const { workspace, configDir } = await setUp();
    const host = await startBrowserHost(workspace.path, configDir);
    try {
      await newBriefWithText(page, host, 'Original text');
      const [name] = await briefFiles(workspace.path);
      await writeExternally(workspace.path, name!, 'Changed by a sync client');
      await expect(page.locator('.bd-editor p')).toHaveText('Changed by a sync client', { timeout: 2000 });
      await expect(page.getByText('changed outside Briefdesk')).toHaveCount(0);

      // Copy it in under a new name: a new brief appears.
      const copy = await readBrief(workspace.path, name!);
      await writeFile(join(workspace.path, 'briefs', 'copied-in.brief.json'), JSON.stringify({ ...copy, id: 'copied-in', title: 'Copied in', autoTitle: false }));
      await expect(page.getByRole('button', { name: /Copied in/ })).toBeVisible({ timeout: 1500 });
      await rm(join(workspace.path, 'briefs', 'copied-in.brief.json'));
      await expect(page.getByRole('button', { name: /Copied in/ })).toHaveCount(0, { timeout: 1500 });

      // Deleted while open and clean: the analyst is told, and may keep the text.
      await rm(join(workspace.path, 'briefs', name!));
      await expect(page.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 1500 });
      await page.getByRole('button', { name: 'Keep mine' }).click();
      // The status already read "saved" before the click, so wait for the file itself.
      await expect.poll(() => briefFiles(workspace.path), { timeout: 2000 }).toHaveLength(1);
      await expect(status(page)).toHaveAttribute('data-status', 'saved');
      const [kept] = await briefFiles(workspace.path);
      expect(blockTexts(await readBrief(workspace.path, kept!))).toEqual(['Changed by a sync client']);
    } finally {
      await host.stop();
      await workspace.dispose();
    }
  });

  test('while dirty: a modified brief shows the conflict bar; keep mine, take theirs, save mine as a copy', async ({ page }) => {
    const { workspace, configDir } = await setUp({ autosave: false });
    const host = await startBrowserHost(workspace.path, configDir);
    try {
      await newBriefWithText(page, host, 'Base');
      const [name] = await briefFiles(workspace.path);
      const conflictBar = page.getByText('changed outside Briefdesk while you had unsaved edits');

      // Keep mine
      await page.keyboard.type(' mine-1');
      await writeExternally(workspace.path, name!, 'theirs-1');
      await expect(conflictBar).toBeVisible({ timeout: 2000 });
      await expect(page.locator('.bd-editor p')).toHaveText('Base mine-1');
      await page.getByRole('button', { name: 'Keep mine' }).click();
      await expect(conflictBar).toHaveCount(0);
      await expect(status(page)).toHaveAttribute('data-status', 'saved');
      expect(blockTexts(await readBrief(workspace.path, name!))).toEqual(['Base mine-1']);

      // Take theirs
      await page.keyboard.type(' mine-2');
      await writeExternally(workspace.path, name!, 'theirs-2');
      await expect(conflictBar).toBeVisible({ timeout: 2000 });
      await page.getByRole('button', { name: 'Take theirs' }).click();
      await expect(page.locator('.bd-editor p')).toHaveText('theirs-2');
      expect(blockTexts(await readBrief(workspace.path, name!))).toEqual(['theirs-2']);

      // Save mine as a copy
      await editor(page).click();
      await page.keyboard.press('End');
      await page.keyboard.type(' mine-3');
      await writeExternally(workspace.path, name!, 'theirs-3');
      await expect(conflictBar).toBeVisible({ timeout: 2000 });
      await page.getByRole('button', { name: 'Save mine as a copy' }).click();
      await expect(conflictBar).toHaveCount(0);
      await expect(page.locator('.bd-editor p')).toHaveText('theirs-2 mine-3');
      const files = await briefFiles(workspace.path);
      expect(files).toHaveLength(2);
      const texts = await Promise.all(files.map(async (f) => blockTexts(await readBrief(workspace.path, f))[0]));
      expect(texts.sort()).toEqual(['theirs-2 mine-3', 'theirs-3']);
    } finally {
      await host.stop();
      await workspace.dispose();
    }
  });

  test('while dirty: a brief renamed on disk is offered back; the renamed file appears in the sidebar', async ({ page }) => {
    const { workspace, configDir } = await setUp({ autosave: false });
    const host = await startBrowserHost(workspace.path, configDir);
    try {
      await newBriefWithText(page, host, 'Renamed outside');
      const [name] = await briefFiles(workspace.path);
      await page.keyboard.type(' plus unsaved words');
      await rename(join(workspace.path, 'briefs', name!), join(workspace.path, 'briefs', 'renamed-on-disk.brief.json'));
      await expect(page.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 2000 });
      // The sidebar now lists the file under its new name (the same title), and only that one.
      await expect(page.getByRole('list', { name: 'Briefs' }).getByRole('button', { name: /Renamed outside/ })).toHaveCount(1);
      await page.getByRole('button', { name: 'Keep mine' }).click();
      await expect(status(page)).toHaveAttribute('data-status', 'saved');
      const files = await briefFiles(workspace.path);
      expect(files).toContain('renamed-on-disk.brief.json');
      expect(files).toHaveLength(2);
      const mine = files.find((f) => f !== 'renamed-on-disk.brief.json')!;
      expect(blockTexts(await readBrief(workspace.path, mine))).toEqual(['Renamed outside plus unsaved words']);
      expect(blockTexts(await readBrief(workspace.path, 'renamed-on-disk.brief.json'))).toEqual(['Renamed outside']);
    } finally {
      await host.stop();
      await workspace.dispose();
    }
  });
});

test.describe('changes made outside Briefdesk, the rest of the matrix', () => {
  test('while clean: a brief renamed on disk moves in the sidebar, and the open copy is offered back', async ({ page }) => {
    const { workspace, configDir } = await setUp();
    const host = await startBrowserHost(workspace.path, configDir);
    try {
      await newBriefWithText(page, host, 'Clean and renamed');
      const [name] = await briefFiles(workspace.path);
      await rename(join(workspace.path, 'briefs', name!), join(workspace.path, 'briefs', 'moved-away.brief.json'));
      await expect(page.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 2000 });
      await expect(page.getByRole('list', { name: 'Briefs' }).getByRole('button', { name: /Clean and renamed/ })).toHaveCount(1);
      await page.getByRole('button', { name: 'Close it' }).click();
      await expect(page.getByRole('heading', { name: 'No brief open' })).toBeVisible();
      expect(await briefFiles(workspace.path)).toEqual(['moved-away.brief.json']);
    } finally {
      await host.stop();
      await workspace.dispose();
    }
  });

  test('while dirty: a brief deleted on disk keeps the unsaved text, which Keep mine saves', async ({ page }) => {
    const { workspace, configDir } = await setUp({ autosave: false });
    const host = await startBrowserHost(workspace.path, configDir);
    try {
      await newBriefWithText(page, host, 'Deleted underneath');
      const [name] = await briefFiles(workspace.path);
      await page.keyboard.type(' with unsaved words');
      await rm(join(workspace.path, 'briefs', name!));
      await expect(page.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 2000 });
      await expect(page.locator('.bd-editor p')).toHaveText('Deleted underneath with unsaved words');
      await page.getByRole('button', { name: 'Keep mine' }).click();
      await expect(status(page)).toHaveAttribute('data-status', 'saved');
      const [kept] = await briefFiles(workspace.path);
      expect(blockTexts(await readBrief(workspace.path, kept!))).toEqual(['Deleted underneath with unsaved words']);
    } finally {
      await host.stop();
      await workspace.dispose();
    }
  });
});

test('hot exit: unsaved edits survive a killed host and a closed page, and are offered on return', async ({ browser }) => {
  const { workspace, configDir } = await setUp({ autosave: false });
  let host = await startBrowserHost(workspace.path, configDir);
  try {
    const page = await browser.newPage();
    await newBriefWithText(page, host, 'Saved part.');
    await page.keyboard.type(' Unsaved part.');
    await expect(status(page)).toHaveAttribute('data-status', 'unsaved');
    // The backup is written after a second without typing.
    await expect.poll(() => readdir(join(workspace.path, '.briefdesk', 'backups')).catch(() => []), { timeout: 4000 }).toHaveLength(1);
    await host.stop('SIGKILL');
    await page.close({ runBeforeUnload: false });

    host = await startBrowserHost(workspace.path, configDir);
    const again = await browser.newPage();
    await again.goto(host.url);
    await expect(editor(again)).toBeVisible();
    await expect(again.locator('.bd-editor p')).toHaveText('Saved part.');
    await expect(again.getByText('Unsaved edits to this brief')).toBeVisible();
    await again.getByRole('button', { name: 'Restore' }).click();
    await expect(again.locator('.bd-editor p')).toHaveText('Saved part. Unsaved part.');
    await again.keyboard.press('Control+s');
    await expect(status(again)).toHaveAttribute('data-status', 'saved');
    const [name] = await briefFiles(workspace.path);
    expect(blockTexts(await readBrief(workspace.path, name!))).toEqual(['Saved part. Unsaved part.']);
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});

test('history, rename, trash and damaged briefs from the UI', async ({ page }) => {
  const { workspace, configDir } = await setUp();
  await mkdir(join(workspace.path, 'briefs'), { recursive: true });
  await writeFile(join(workspace.path, 'briefs', 'broken.brief.json'), '{"schemaVersion": 1, "id": "broken", "title": "Half a fi');
  const host = await startBrowserHost(workspace.path, configDir);
  try {
    await newBriefWithText(page, host, 'First version');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Second version');
    await page.keyboard.press('Control+s');
    await expect(status(page)).toHaveAttribute('data-status', 'saved');

    // History: the first version differs from the current text; restoring it makes a new revision.
    await page.getByRole('button', { name: 'History' }).click();
    const versions = page.getByRole('list', { name: 'Versions' }).getByRole('button');
    await expect(versions).toHaveCount(2);
    await versions.nth(1).click();
    await expect(page.getByLabel('Differences').locator('del')).toHaveText('Second version');
    await expect(page.getByLabel('Differences').locator('ins')).toHaveText('First version');
    await page.getByRole('button', { name: 'Restore this version' }).click();
    await expect(page.locator('.bd-editor p')).toHaveText('First version');
    const [name] = (await briefFiles(workspace.path)).filter((f) => f !== 'broken.brief.json');
    expect(blockTexts(await readBrief(workspace.path, name!))).toEqual(['First version']);

    // Rename: a title with a path separator is refused with the reason; a good one sticks.
    await page.keyboard.press('F2');
    await page.getByLabel('Title').fill('Q1/Q2 outlook');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('cannot contain /');
    await page.getByLabel('Title').fill('Hanoi outlook');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(page.locator('.bd-brief-heading')).toHaveText('Hanoi outlook');
    expect((await readBrief(workspace.path, name!)).title).toBe('Hanoi outlook');

    // Delete goes to the trash, and Undo brings it back.
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('was moved to the trash')).toBeVisible();
    expect(await briefFiles(workspace.path)).toEqual(['broken.brief.json']);
    await page.locator('.bd-banner').getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('.bd-brief-heading')).toHaveText('Hanoi outlook');
    // The heading can show before the restore's answer arrives: wait for the file itself to come back.
    await expect.poll(async () => (await briefFiles(workspace.path)).sort()).toEqual(['broken.brief.json', name!].sort());

    // The damaged file is listed, explained, readable as text, and never changed.
    const damaged = page.getByRole('list', { name: 'Briefs' }).getByRole('button', { name: /Damaged/ });
    await damaged.click();
    await expect(page.getByRole('alert')).toContainText('not valid JSON');
    await page.getByRole('button', { name: 'Show the file as text' }).click();
    await expect(page.getByLabel('File contents (read-only)')).toContainText('"title": "Half a fi');
    expect(await readFile(join(workspace.path, 'briefs', 'broken.brief.json'), 'utf8')).toBe(
      '{"schemaVersion": 1, "id": "broken", "title": "Half a fi',
    );
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});
