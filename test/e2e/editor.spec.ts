import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { blockTexts, briefFiles, readBrief } from './support/briefFiles';

const repoRoot = join(import.meta.dirname, '..', '..');
const references = (page: Page) => page.locator('.bd-editor [data-fact-id]');

async function freshBrief(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New brief' }).first().click();
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
  await page.locator('.bd-editor').click();
}

test.describe(() => {
  test.use({
    bundledSamples: false,
    // The catalogue and its source, without the sample brief.
    seedWorkspace: async ({ workspace }, use) => {
      await cp(join(repoRoot, 'resources', 'facts'), join(workspace, 'facts'), { recursive: true });
      await cp(join(repoRoot, 'resources', 'sources'), join(workspace, 'sources'), { recursive: true });
      await use();
    },
  });

  test('typing links facts; the hover card shows the source sentence; unlinking one survives a reload', async ({ app, workspace }) => {
    await freshBrief(app);
    await app.keyboard.type('President Trump left Hanoi after Kim Jong Un asked for relief from United Nations sanctions over the Yongbyon facility.');
    await expect(references(app)).toHaveText(['President Trump', 'Hanoi', 'Kim Jong Un', 'United Nations sanctions', 'Yongbyon facility']);
    await expect(references(app)).toHaveCount(5);
    expect(await references(app).evaluateAll((els) => els.map((e) => e.getAttribute('data-fact-id')))).toEqual([
      'donald-trump',
      'hanoi',
      'kim-jong-un',
      'un-sanctions',
      'yongbyon-facility',
    ]);

    await app.locator('.bd-editor [data-fact-id="yongbyon-facility"]').hover();
    const card = app.getByRole('dialog', { name: /Fact: Yongbyon/ });
    await expect(card).toBeVisible();
    await expect(card.locator('mark')).toContainText('Yongbyon Nuclear Scientific Research Facility');
    await expect(card.locator('blockquote')).toContainText('demanded a blanket lifting of United Nations sanctions');
    await card.getByRole('button', { name: 'Show in source' }).click();
    const source = app.getByLabel('Source text');
    await expect(source.locator('mark')).toContainText('Yongbyon Nuclear Scientific Research Facility');
    await app.keyboard.press('Escape');

    await app.locator('.bd-editor [data-fact-id="hanoi"]').hover();
    await app.getByRole('dialog', { name: /Fact: Hanoi/ }).getByRole('button', { name: 'Unlink', exact: true }).click();
    await expect(references(app)).toHaveCount(4);
    await app.keyboard.press('Control+s');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');

    await app.reload();
    await expect(app.locator('.bd-editor[data-ready="true"]')).toBeVisible();
    await expect(references(app)).toHaveCount(4);
    await expect(app.locator('.bd-editor [data-fact-id="hanoi"]')).toHaveCount(0);
    await expect(app.locator('.bd-editor p')).toContainText('left Hanoi after');
    const [name] = await briefFiles(workspace);
    const saved = JSON.stringify(await readBrief(workspace, name!));
    expect(saved).toContain('"type":"unlinked-mention"');
  });
});

test('the @ picker inserts a reference; a template brief has its sections; the status line counts', async ({ app, workspace }) => {
  await expect(app.locator('.bd-editor[data-ready="true"]')).toBeVisible();
  await app.getByLabel('Template for new briefs').selectOption('bluf');
  await app.getByRole('button', { name: 'New brief' }).first().click();
  await expect(app.locator('.bd-editor h2')).toHaveText(['BLUF', 'Key Judgments', 'Background', 'Discussion', 'Outlook', 'Sources']);
  await app.locator('.bd-editor h1').click();
  await app.keyboard.type('Outlook for talks');
  await app.locator('.bd-editor p').first().click();
  await app.keyboard.type('Talks stalled over @yongb');
  const picker = app.getByRole('listbox', { name: 'Insert a fact reference' });
  await expect(picker.getByRole('option').first()).toContainText('Yongbyon');
  await app.keyboard.press('Enter');
  await expect(app.locator('.bd-editor p').first()).toHaveText('Talks stalled over Yongbyon Nuclear Scientific Research Facility ');
  await expect(app.locator('.bd-editor p [data-fact-id="yongbyon-facility"]')).toHaveCount(1);
  await expect(app.getByLabel('Brief statistics')).toContainText('1 references');

  // Facts in this brief: the referenced fact with its count, the rest as not used yet; clicking selects the mention.
  await app.getByRole('button', { name: 'In this brief', exact: true }).click();
  const panel = app.getByRole('region', { name: 'In this brief' });
  await expect(panel.getByRole('list', { name: 'Referenced facts' }).getByRole('button')).toHaveCount(1);
  await expect(panel.getByRole('list', { name: 'Referenced facts' })).toContainText('Yongbyon');
  await expect(panel.getByLabel('1 mentions')).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Unused facts' }).getByRole('listitem').first()).toBeVisible();
  await panel.getByRole('list', { name: 'Referenced facts' }).getByRole('button').click();
  expect(await app.evaluate(() => window.getSelection()?.toString())).toBe('Yongbyon Nuclear Scientific Research Facility');
  await app.locator('.bd-editor p').first().click();
  await app.keyboard.press('End');
  await app.keyboard.press('Control+s');
  await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
  const files = await briefFiles(workspace);
  const mine = await Promise.all(files.map((f) => readBrief(workspace, f)));
  const outlook = mine.find((b) => b.title === 'Outlook for talks');
  expect(outlook).toBeDefined();
  expect(blockTexts(outlook!)).toContain('Talks stalled over Yongbyon Nuclear Scientific Research Facility ');
});
