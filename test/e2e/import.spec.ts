import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FactCatalogueSchema } from '../../shared/model/fact';
import { expect, test } from './support/fixtures';

/**
 * Import source… in browser mode, against the real host and its fact extractor: a small text file through the file
 * chooser, the review of the facts found in it, and the same file again.
 */

const TEXT = 'Berlin talks\n\nAngela Merkel met Donald Trump in Berlin on Friday, officials said. Merkel told reporters that the talks with Trump had been "useful and frank".\n';
const FILE = { name: 'berlin-talks.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) };

async function importFile(page: Page): Promise<void> {
  // The file chooser opens from the command: Playwright answers it as the analyst would.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+Alt+i');
  await (await chooser).setFiles(FILE);
}

test('a text file: its proposed facts reviewed, one accepted as new and one added to a known fact; the same file again is a duplicate', async ({ app, host, pageProblems }) => {
  await importFile(app);
  const review = app.getByRole('dialog', { name: 'Import review' });
  await expect(review).toBeVisible({ timeout: 60_000 });
  await expect(review).toContainText('“Berlin talks” was added.');
  await expect(review.getByRole('region', { name: 'Proposed people' })).toBeVisible();

  const merkel = review.getByRole('group', { name: 'Angela Merkel', exact: true });
  await expect(merkel.locator('blockquote mark')).toHaveText('Angela Merkel');
  await merkel.getByLabel('Aliases (comma-separated)').fill('Merkel');
  await merkel.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(merkel).toContainText('Added as a new fact.');

  const trump = review.getByRole('group', { name: 'Donald Trump', exact: true });
  await expect(trump).toContainText('Also mentioned here');
  await trump.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(trump).toContainText('Added to “Donald Trump”.');
  await review.getByRole('button', { name: 'Done' }).click();
  await expect(review).toBeHidden();

  await app.getByRole('button', { name: 'Facts', exact: true }).click();
  await app.getByLabel('Filter facts').fill('Angela Merkel');
  await expect(app.getByRole('list', { name: 'Fact list' }).getByRole('button', { name: /Angela Merkel/ })).toBeVisible();

  const catalogue = FactCatalogueSchema.parse(JSON.parse(await readFile(join(host.workspace, 'facts', 'hanoi-summit.facts.json'), 'utf8')));
  const anchorsIn = (id: string) => catalogue.facts.find((fact) => fact.id === id)?.anchors ?? [];
  const merkelFact = catalogue.facts.find((fact) => fact.label === 'Angela Merkel');
  expect(merkelFact?.aliases.map((alias) => alias.text)).toEqual(['Merkel']);
  expect(anchorsIn(merkelFact!.id)).toEqual([expect.objectContaining({ sourceId: 'berlin-talks', exact: 'Angela Merkel' })]);
  expect(anchorsIn('donald-trump').filter((anchor) => anchor.sourceId === 'berlin-talks')).toEqual([expect.objectContaining({ exact: 'Donald Trump' })]);

  await importFile(app);
  await expect(review).toBeVisible({ timeout: 60_000 });
  await expect(review).toContainText('“berlin-talks.txt” is already in the workspace as “Berlin talks”; nothing was added.');
  await expect(review.getByRole('group')).toHaveCount(0);
  expect(pageProblems).toEqual([]);
});
