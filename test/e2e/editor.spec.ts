import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { skipSeeding, startBrowserHost } from './support/browserHost';
import { blockTexts, briefFiles, readBrief } from './support/briefFiles';
import { tempDir } from '../support/tempWorkspace';

const repoRoot = join(import.meta.dirname, '..', '..');
const references = (page: Page) => page.locator('.bd-editor [data-fact-id]');

async function freshBrief(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'New brief' }).first().click();
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
  await page.locator('.bd-editor').click();
}

test('typing links facts; the hover card shows the source sentence; unlinking one survives a reload', async ({ page }) => {
  const workspace = await tempDir('briefdesk-e2e-');
  await skipSeeding(workspace.path);
  // The catalogue and its source, without the sample brief.
  await cp(join(repoRoot, 'resources', 'facts'), join(workspace.path, 'facts'), { recursive: true });
  await cp(join(repoRoot, 'resources', 'sources'), join(workspace.path, 'sources'), { recursive: true });
  const host = await startBrowserHost(workspace.path);
  try {
    await freshBrief(page, host.url);
    await page.keyboard.type('President Trump left Hanoi after Kim Jong Un asked for relief from United Nations sanctions over the Yongbyon facility.');
    await expect(references(page)).toHaveText(['President Trump', 'Hanoi', 'Kim Jong Un', 'United Nations sanctions', 'Yongbyon facility']);
    await expect(references(page)).toHaveCount(5);
    expect(await references(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-fact-id')))).toEqual([
      'donald-trump',
      'hanoi',
      'kim-jong-un',
      'un-sanctions',
      'yongbyon-facility',
    ]);

    await page.locator('.bd-editor [data-fact-id="yongbyon-facility"]').hover();
    const card = page.getByRole('dialog', { name: /Fact: Yongbyon/ });
    await expect(card).toBeVisible();
    await expect(card.locator('mark')).toContainText('Yongbyon Nuclear Scientific Research Facility');
    await expect(card.locator('blockquote')).toContainText('demanded a blanket lifting of United Nations sanctions');
    await card.getByRole('button', { name: 'Show in source' }).click();
    const source = page.getByLabel('Source text');
    await expect(source.locator('mark')).toContainText('Yongbyon Nuclear Scientific Research Facility');
    await page.keyboard.press('Escape');

    await page.locator('.bd-editor [data-fact-id="hanoi"]').hover();
    await page.getByRole('dialog', { name: /Fact: Hanoi/ }).getByRole('button', { name: 'Unlink', exact: true }).click();
    await expect(references(page)).toHaveCount(4);
    await page.keyboard.press('Control+s');
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');

    await page.reload();
    await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
    await expect(references(page)).toHaveCount(4);
    await expect(page.locator('.bd-editor [data-fact-id="hanoi"]')).toHaveCount(0);
    await expect(page.locator('.bd-editor p')).toContainText('left Hanoi after');
    const [name] = await briefFiles(workspace.path);
    const saved = JSON.stringify(await readBrief(workspace.path, name!));
    expect(saved).toContain('"type":"unlinked-mention"');
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});

test('the @ picker inserts a reference; a template brief has its sections; the status line counts', async ({ page }) => {
  const workspace = await tempDir('briefdesk-e2e-');
  const host = await startBrowserHost(workspace.path);
  try {
    await page.goto(host.url);
    await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
    await page.getByLabel('Template for new briefs').selectOption('bluf');
    await page.getByRole('button', { name: 'New brief' }).first().click();
    await expect(page.locator('.bd-editor h2')).toHaveText(['BLUF', 'Key Judgments', 'Background', 'Discussion', 'Outlook', 'Sources']);
    await page.locator('.bd-editor h1').click();
    await page.keyboard.type('Outlook for talks');
    await page.locator('.bd-editor p').first().click();
    await page.keyboard.type('Talks stalled over @yongb');
    const picker = page.getByRole('listbox', { name: 'Insert a fact reference' });
    await expect(picker.getByRole('option').first()).toContainText('Yongbyon');
    await page.keyboard.press('Enter');
    await expect(page.locator('.bd-editor p').first()).toHaveText('Talks stalled over Yongbyon Nuclear Scientific Research Facility ');
    await expect(page.locator('.bd-editor p [data-fact-id="yongbyon-facility"]')).toHaveCount(1);
    await expect(page.getByLabel('Brief statistics')).toContainText('1 references');

    // Facts in this brief: the referenced fact with its count, the rest as not used yet; clicking selects the mention.
    await page.getByRole('button', { name: 'In this brief', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Facts in this brief' });
    await expect(panel.getByRole('list', { name: 'Referenced facts' }).getByRole('button')).toHaveCount(1);
    await expect(panel.getByRole('list', { name: 'Referenced facts' })).toContainText('Yongbyon');
    await expect(panel.getByLabel('1 mentions')).toBeVisible();
    await expect(panel.getByRole('list', { name: 'Unused facts' }).getByRole('listitem').first()).toBeVisible();
    await panel.getByRole('list', { name: 'Referenced facts' }).getByRole('button').click();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('Yongbyon Nuclear Scientific Research Facility');
    await page.locator('.bd-editor p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+s');
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
    const files = await briefFiles(workspace.path);
    const mine = await Promise.all(files.map((f) => readBrief(workspace.path, f)));
    const outlook = mine.find((b) => b.title === 'Outlook for talks');
    expect(outlook).toBeDefined();
    expect(blockTexts(outlook!)).toContain('Talks stalled over Yongbyon Nuclear Scientific Research Facility ');
  } finally {
    await host.stop();
    await workspace.dispose();
  }
});
