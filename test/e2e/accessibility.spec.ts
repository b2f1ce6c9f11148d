import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { selectSourceText } from './support/sourceText';

/**
 * axe-core (a rule engine no one here wrote) over the main states of the window, in both themes: any serious or
 * critical WCAG 2.1 A/AA violation fails the test, with each rule, its impact and the elements it found.
 */

async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
  expect(report, `axe found serious or critical violations in: ${state}`).toEqual([]);
}

async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
}

/** Opens a dialog with a command key, checks it, and closes it with Escape. */
async function checkDialog(page: Page, keys: string, name: string | RegExp): Promise<void> {
  await page.keyboard.press(keys);
  await expect(page.getByRole('dialog', { name })).toBeVisible();
  await expectAccessible(page, `dialog ${String(name)}`);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name })).toBeHidden();
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.use({ preferences: { theme } });

    test('first screen, hover card, @ picker, side panes, palette, quick open and dialogs', async ({ app, workspace }) => {
      test.setTimeout(300_000);
      await expect(app.locator('.bd-app')).toHaveAttribute('data-theme', theme);
      await editorReady(app);
      // A short brief of its own keeps each axe run quick; the sample brief's thousands of spans take it 15 s a state.
      await app.getByRole('button', { name: 'New brief' }).first().click();
      await editorReady(app);
      await app.locator('.bd-editor').click();
      await app.keyboard.type('# Summit outlook');
      await app.keyboard.press('Enter');
      await app.keyboard.type('Kim Jong Un met Donald Trump in Hanoi. ');
      await expect(app.locator('.bd-editor [data-fact-id]').first()).toBeVisible();
      await expectAccessible(app, 'first screen');

      await app.locator('.bd-editor [data-fact-id]').first().hover();
      await expect(app.locator('.bd-fact-card')).toBeVisible();
      await expectAccessible(app, 'hover card');
      await app.mouse.move(0, 0);

      await app.locator('.bd-editor').click();
      await app.keyboard.press('Control+End');
      await app.keyboard.press('Enter');
      await app.keyboard.type('@Kim');
      await expect(app.getByRole('listbox', { name: 'Insert a fact reference' })).toBeVisible();
      await expectAccessible(app, '@ picker');
      await app.keyboard.press('Escape');

      await app.keyboard.press('Control+Shift+F');
      const facts = app.getByRole('region', { name: 'Facts' });
      await facts.getByRole('list', { name: 'Fact list' }).getByRole('button').first().click();
      await expect(facts.locator('.bd-fact-detail')).toBeVisible();
      await expectAccessible(app, 'Facts pane with a fact selected');

      await app.keyboard.press('Control+Shift+B');
      await expect(app.getByRole('region', { name: 'In this brief' })).toBeVisible();
      await expectAccessible(app, 'In this brief');

      await checkDialog(app, 'Control+Shift+P', 'Command palette');
      await checkDialog(app, 'Control+p', /brief/i);
      await checkDialog(app, 'Control+/', 'Keyboard shortcuts');
      await checkDialog(app, 'F2', 'Rename brief');
      await checkDialog(app, 'Control+Shift+H', /history/i);
      await checkDialog(app, 'Control+,', 'Preferences');
      await checkDialog(app, 'Control+Alt+O', 'Open workspace');
      await checkDialog(app, 'Control+e', 'Export brief');

      for (const [button, name] of [
        ['Trash', 'Trash'],
        ['Messages', 'Recent messages'],
      ] as const) {
        await app.getByRole('button', { name: button, exact: true }).click();
        await expect(app.getByRole('dialog', { name })).toBeVisible();
        await expectAccessible(app, `dialog ${name}`);
        await app.keyboard.press('Escape');
      }

      await facts.getByRole('button', { name: 'New fact' }).click();
      await expect(app.getByRole('dialog', { name: 'New fact' })).toBeVisible();
      await expectAccessible(app, 'dialog New fact');
      await app.keyboard.press('Escape');

      // A source whose name sorts after the bundled one, which stays first in the Source pane's list.
      const chooser = app.waitForEvent('filechooser');
      await app.keyboard.press('Control+Alt+i');
      await (await chooser).setFiles({ name: 'zurich-talks.txt', mimeType: 'text/plain', buffer: Buffer.from('Zurich talks\n\nAngela Merkel met Donald Trump in Zurich on Friday.\n') });
      await expect(app.getByRole('dialog', { name: 'Import review' }).getByRole('group').first()).toBeVisible({ timeout: 60_000 });
      await expectAccessible(app, 'dialog Import review');
      await app.keyboard.press('Escape');

      // A damaged file arriving from a sync client.
      await writeFile(join(workspace, 'briefs', 'broken.brief.json'), '{ "id": "broken", "title": ');
      await app.getByRole('listbox', { name: 'Briefs' }).getByRole('option', { name: /broken/ }).click();
      await expect(app.getByText('Briefdesk will not change or delete this file.')).toBeVisible();
      await expectAccessible(app, 'damaged-brief view');

      await app.getByRole('button', { name: 'Source', exact: true }).click();
      const source = app.getByRole('region', { name: 'Source' });
      await source.getByRole('list', { name: 'Sources' }).getByRole('button').first().click();
      await selectSourceText(source.getByLabel('Source text'), 'without reaching a deal');
      await expect(app.getByRole('dialog', { name: 'Annotate the selection' })).toBeVisible();
      await app.screenshot({ path: test.info().outputPath(`source-${theme}.png`) });
      await expectAccessible(app, 'Source pane with a selection toolbar');
    });
  });
}
