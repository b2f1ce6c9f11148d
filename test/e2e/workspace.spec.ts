import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { blockTexts, briefFiles, readBrief, writeExternally } from './support/briefFiles';

const status = (page: Page) => page.locator('[data-status]');
const editor = (page: Page) => page.locator('.bd-editor[data-ready="true"]');

// Preferences are set before start; autosave off makes "unsaved edits" last as long as a test needs.
test.use({ bundledSamples: false, preferences: {} });
const AUTOSAVE_OFF = { preferences: { autosave: false } };

async function newBriefWithText(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New brief' }).first().click();
  await editor(page).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Control+s');
  await expect(status(page)).toHaveAttribute('data-status', 'saved');
}

test.describe('changes made outside Briefdesk', () => {
  test('while clean: a modified brief reloads; added and removed briefs appear in the sidebar within a second', async ({ app, workspace }) => {
    await newBriefWithText(app, 'Original text');
    const [name] = await briefFiles(workspace);
    await writeExternally(workspace, name!, 'Changed by a sync client');
    await expect(app.locator('.bd-editor p')).toHaveText('Changed by a sync client', { timeout: 2000 });
    await expect(app.getByText('changed outside Briefdesk')).toHaveCount(0);

    // Copy it in under a new name: a new brief appears.
    const copy = await readBrief(workspace, name!);
    await writeFile(join(workspace, 'briefs', 'copied-in.brief.json'), JSON.stringify({ ...copy, id: 'copied-in', title: 'Copied in', autoTitle: false }));
    await expect(app.getByRole('option', { name: /Copied in/ })).toBeVisible({ timeout: 1500 });
    await rm(join(workspace, 'briefs', 'copied-in.brief.json'));
    await expect(app.getByRole('option', { name: /Copied in/ })).toHaveCount(0, { timeout: 1500 });

    // Deleted while open and clean: the analyst is told, and may keep the text.
    await rm(join(workspace, 'briefs', name!));
    await expect(app.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 1500 });
    await app.getByRole('button', { name: 'Keep mine' }).click();
    // The status already read "saved" before the click, so wait for the file itself.
    await expect.poll(() => briefFiles(workspace), { timeout: 2000 }).toHaveLength(1);
    await expect(status(app)).toHaveAttribute('data-status', 'saved');
    const [kept] = await briefFiles(workspace);
    expect(blockTexts(await readBrief(workspace, kept!))).toEqual(['Changed by a sync client']);
  });

  test.describe(() => {
    test.use(AUTOSAVE_OFF);

    test('while dirty: a modified brief shows the conflict bar; keep mine, take theirs, save mine as a copy', async ({ app, workspace }) => {
      await newBriefWithText(app, 'Base');
      const [name] = await briefFiles(workspace);
      const conflictBar = app.getByText('changed outside Briefdesk while you had unsaved edits');

      // Keep mine
      await app.keyboard.type(' mine-1');
      await writeExternally(workspace, name!, 'theirs-1');
      await expect(conflictBar).toBeVisible({ timeout: 2000 });
      await expect(app.locator('.bd-editor p')).toHaveText('Base mine-1');
      await app.getByRole('button', { name: 'Keep mine' }).click();
      await expect(conflictBar).toHaveCount(0);
      await expect(status(app)).toHaveAttribute('data-status', 'saved');
      expect(blockTexts(await readBrief(workspace, name!))).toEqual(['Base mine-1']);

      // Take theirs
      await app.keyboard.type(' mine-2');
      await writeExternally(workspace, name!, 'theirs-2');
      await expect(conflictBar).toBeVisible({ timeout: 2000 });
      await app.getByRole('button', { name: 'Take theirs' }).click();
      await expect(app.locator('.bd-editor p')).toHaveText('theirs-2');
      expect(blockTexts(await readBrief(workspace, name!))).toEqual(['theirs-2']);

      // Save mine as a copy
      await editor(app).click();
      await app.keyboard.press('End');
      await app.keyboard.type(' mine-3');
      await writeExternally(workspace, name!, 'theirs-3');
      await expect(conflictBar).toBeVisible({ timeout: 2000 });
      await app.getByRole('button', { name: 'Save mine as a copy' }).click();
      await expect(conflictBar).toHaveCount(0);
      await expect(app.locator('.bd-editor p')).toHaveText('theirs-2 mine-3');
      const files = await briefFiles(workspace);
      expect(files).toHaveLength(2);
      const texts = await Promise.all(files.map(async (f) => blockTexts(await readBrief(workspace, f))[0]));
      expect(texts.sort()).toEqual(['theirs-2 mine-3', 'theirs-3']);
    });

    test('while dirty: a brief renamed on disk is offered back; the renamed file appears in the sidebar', async ({ app, workspace }) => {
      await newBriefWithText(app, 'Renamed outside');
      const [name] = await briefFiles(workspace);
      await app.keyboard.type(' plus unsaved words');
      await rename(join(workspace, 'briefs', name!), join(workspace, 'briefs', 'renamed-on-disk.brief.json'));
      await expect(app.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 2000 });
      // The sidebar now lists the file under its new name (the same title), and only that one.
      await expect(app.getByRole('listbox', { name: 'Briefs' }).getByRole('option', { name: /Renamed outside/ })).toHaveCount(1);
      await app.getByRole('button', { name: 'Keep mine' }).click();
      await expect(status(app)).toHaveAttribute('data-status', 'saved');
      const files = await briefFiles(workspace);
      expect(files).toContain('renamed-on-disk.brief.json');
      expect(files).toHaveLength(2);
      const mine = files.find((f) => f !== 'renamed-on-disk.brief.json')!;
      expect(blockTexts(await readBrief(workspace, mine))).toEqual(['Renamed outside plus unsaved words']);
      expect(blockTexts(await readBrief(workspace, 'renamed-on-disk.brief.json'))).toEqual(['Renamed outside']);
    });
  });
});

test.describe('changes made outside Briefdesk, the rest of the matrix', () => {
  test('while clean: a brief renamed on disk moves in the sidebar, and the open copy is offered back', async ({ app, workspace }) => {
    await newBriefWithText(app, 'Clean and renamed');
    const [name] = await briefFiles(workspace);
    await rename(join(workspace, 'briefs', name!), join(workspace, 'briefs', 'moved-away.brief.json'));
    await expect(app.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 2000 });
    await expect(app.getByRole('listbox', { name: 'Briefs' }).getByRole('option', { name: /Clean and renamed/ })).toHaveCount(1);
    await app.getByRole('button', { name: 'Close it' }).click();
    await expect(app.getByRole('heading', { name: 'No brief open' })).toBeVisible();
    expect(await briefFiles(workspace)).toEqual(['moved-away.brief.json']);
  });

  test.describe(() => {
    test.use(AUTOSAVE_OFF);

    test('while dirty: a brief deleted on disk keeps the unsaved text, which Keep mine saves', async ({ app, workspace }) => {
      await newBriefWithText(app, 'Deleted underneath');
      const [name] = await briefFiles(workspace);
      await app.keyboard.type(' with unsaved words');
      await rm(join(workspace, 'briefs', name!));
      await expect(app.getByText('deleted or moved outside Briefdesk')).toBeVisible({ timeout: 2000 });
      await expect(app.locator('.bd-editor p')).toHaveText('Deleted underneath with unsaved words');
      await app.getByRole('button', { name: 'Keep mine' }).click();
      await expect(status(app)).toHaveAttribute('data-status', 'saved');
      const [kept] = await briefFiles(workspace);
      expect(blockTexts(await readBrief(workspace, kept!))).toEqual(['Deleted underneath with unsaved words']);
    });
  });
});

test.describe(() => {
  test.use(AUTOSAVE_OFF);

  test('hot exit: unsaved edits survive a killed host and a closed page, and are offered on return', async ({ app, browser, host, workspace }) => {
    await newBriefWithText(app, 'Saved part.');
    await app.keyboard.type(' Unsaved part.');
    await expect(status(app)).toHaveAttribute('data-status', 'unsaved');
    // The backup is written after a second without typing.
    await expect.poll(() => readdir(join(workspace, '.briefdesk', 'backups')).catch(() => []), { timeout: 4000 }).toHaveLength(1);
    await host.stop('SIGKILL');
    await app.close({ runBeforeUnload: false });

    await host.restart();
    const again = await browser.newPage();
    await again.goto(host.url);
    await expect(editor(again)).toBeVisible();
    await expect(again.locator('.bd-editor p')).toHaveText('Saved part.');
    await expect(again.getByText('Unsaved edits to this brief')).toBeVisible();
    await again.getByRole('button', { name: 'Restore' }).click();
    await expect(again.locator('.bd-editor p')).toHaveText('Saved part. Unsaved part.');
    await again.keyboard.press('Control+s');
    await expect(status(again)).toHaveAttribute('data-status', 'saved');
    const [name] = await briefFiles(workspace);
    expect(blockTexts(await readBrief(workspace, name!))).toEqual(['Saved part. Unsaved part.']);
  });
});

test.describe(() => {
  const HALF_WRITTEN = '{"schemaVersion": 1, "id": "broken", "title": "Half a fi';
  test.use({
    seedWorkspace: async ({ workspace }, use) => {
      await mkdir(join(workspace, 'briefs'), { recursive: true });
      await writeFile(join(workspace, 'briefs', 'broken.brief.json'), HALF_WRITTEN);
      await use();
    },
  });

  test('history, rename, trash and damaged briefs from the UI', async ({ app, workspace }) => {
    await newBriefWithText(app, 'First version');
    await app.keyboard.press('Control+a');
    await app.keyboard.type('Second version');
    await app.keyboard.press('Control+s');
    await expect(status(app)).toHaveAttribute('data-status', 'saved');

    // History: the first version differs from the current text; restoring it makes a new revision.
    await app.getByRole('button', { name: 'History' }).click();
    const versions = app.getByRole('list', { name: 'Versions' }).getByRole('button');
    await expect(versions).toHaveCount(2);
    await versions.nth(1).click();
    await expect(app.getByLabel('Differences').locator('del')).toHaveText('Second version');
    await expect(app.getByLabel('Differences').locator('ins')).toHaveText('First version');
    await app.getByRole('button', { name: 'Restore this version' }).click();
    await expect(app.locator('.bd-editor p')).toHaveText('First version');
    const [name] = (await briefFiles(workspace)).filter((f) => f !== 'broken.brief.json');
    expect(blockTexts(await readBrief(workspace, name!))).toEqual(['First version']);

    // Rename: a title with a path separator is refused with the reason; a good one sticks.
    await app.keyboard.press('F2');
    await app.getByLabel('Title').fill('Q1/Q2 outlook');
    await app.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(app.getByRole('alert')).toContainText('cannot contain /');
    await app.getByLabel('Title').fill('Hanoi outlook');
    await app.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(app.locator('.bd-brief-heading')).toHaveText('Hanoi outlook');
    expect((await readBrief(workspace, name!)).title).toBe('Hanoi outlook');

    // Delete goes to the trash, and Undo brings it back.
    await app.getByRole('button', { name: 'Delete' }).click();
    await expect(app.getByText('was moved to the trash')).toBeVisible();
    expect(await briefFiles(workspace)).toEqual(['broken.brief.json']);
    await app.locator('.bd-banner').getByRole('button', { name: 'Undo' }).click();
    await expect(app.locator('.bd-brief-heading')).toHaveText('Hanoi outlook');
    // The heading can show before the restore's answer arrives: wait for the file itself to come back.
    await expect.poll(async () => (await briefFiles(workspace)).sort()).toEqual(['broken.brief.json', name!].sort());

    // The damaged file is listed, explained, readable as text, and never changed.
    const damaged = app.getByRole('listbox', { name: 'Briefs' }).getByRole('option', { name: /Damaged/ });
    await damaged.click();
    await expect(app.getByRole('alert')).toContainText('not valid JSON');
    await app.getByRole('button', { name: 'Show the file as text' }).click();
    await expect(app.getByLabel('File contents (read-only)')).toContainText('"title": "Half a fi');
    expect(await readFile(join(workspace, 'briefs', 'broken.brief.json'), 'utf8')).toBe(HALF_WRITTEN);
  });
});
