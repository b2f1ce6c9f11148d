import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

const repoRoot = join(import.meta.dirname, '..', '..');

test('the Facts panel lists the bundled catalogue and shows a fact with its anchor text in the source', async ({ app }) => {
  const bundled = JSON.parse(await readFile(join(repoRoot, 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')) as {
    facts: Array<{ id: string; label: string; kind: string; anchors: Array<{ exact: string }> }>;
  };
  await app.getByRole('button', { name: 'Facts', exact: true }).click();
  const list = app.getByRole('list', { name: 'Fact list' });
  await expect(list.locator('.bd-fact-item')).toHaveCount(bundled.facts.length);

  await app.getByLabel('Filter by kind').selectOption('person');
  await expect(list.locator('.bd-fact-item')).toHaveCount(bundled.facts.filter((f) => f.kind === 'person').length);
  await app.getByLabel('Filter by kind').selectOption('');

  const yongbyon = bundled.facts.find((f) => f.id === 'yongbyon-facility')!;
  await app.getByLabel('Filter facts').fill('Yongbyon');
  await list.getByRole('button', { name: new RegExp(yongbyon.label) }).click();
  const detail = app.getByRole('region', { name: `Fact: ${yongbyon.label}` });
  await expect(detail.locator('.bd-anchor-quote mark').first()).toHaveText(yongbyon.anchors[0]!.exact);
  await expect(detail.locator('.bd-anchor-quote').first()).toContainText('in return for the closure of the');

  // The source opens in its pane beside the Facts pane (one source viewer, no modal), marked at the anchor.
  await detail.getByRole('button', { name: 'Show in source' }).first().click();
  const sourcePane = app.getByRole('region', { name: 'Source' });
  const source = sourcePane.getByLabel('Source text');
  await expect(source.locator('mark')).toHaveText(yongbyon.anchors[0]!.exact);
  await expect(source.locator('mark')).toBeInViewport();
  await expect(source).toContainText('President Trump walked away from the Hanoi summit');
  await expect(app.locator('dialog[open]')).toHaveCount(0);
  await sourcePane.getByRole('button', { name: 'Close Source' }).click();
  await expect(sourcePane).toBeHidden();

  await app.getByLabel('Filter facts').fill('North Korea');
  await list.getByRole('button', { name: /^North Korea\b/ }).first().click();
  const aliases = app.getByRole('region', { name: 'Fact: North Korea' }).getByRole('list', { name: 'Aliases' });
  await expect(aliases.getByRole('listitem').filter({ hasText: 'the North' })).toContainText('not before Korean, Koreans');
});

test('the Facts panel creates a fact, edits it, adds an alias to it and deletes it', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'Facts', exact: true }).click();
  await app.getByRole('button', { name: 'New fact' }).click();
  await app.getByLabel('Label', { exact: true }).fill('Vietnam');
  await app.getByRole('dialog').getByRole('combobox').selectOption('place');
  await app.getByLabel('Summary (one sentence, in your own words)').fill('The country that hosted the 2019 summit.');
  await app.getByRole('dialog').getByLabel(/^Aliases/).fill('Socialist Republic of Vietnam');
  await app.getByRole('button', { name: 'Save fact' }).click();
  await expect(app.getByRole('region', { name: 'Fact: Vietnam' })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Fact: Vietnam' }).getByRole('list', { name: 'Aliases' })).toContainText('Socialist Republic of Vietnam');
  await app.getByRole('region', { name: 'Fact: Vietnam' }).getByRole('button', { name: 'Edit' }).click();
  const editDialog = app.getByRole('dialog', { name: 'Edit Vietnam' });
  await editDialog.getByLabel('Label', { exact: true }).fill('Viet Nam (host country)');
  await editDialog.getByLabel('Date (YYYY, YYYY-MM or YYYY-MM-DD, optional)').fill('2019-02');
  await editDialog.getByRole('button', { name: 'Save fact' }).click();
  await expect(editDialog).toBeHidden();
  const detail = app.getByRole('region', { name: 'Fact: Viet Nam (host country)' });
  await expect(detail).toContainText('2019-02');
  await expect(detail.getByRole('list', { name: 'Aliases' })).toContainText('Socialist Republic of Vietnam');
  await detail.getByLabel('New alias').fill('Viet Nam');
  await detail.getByLabel('Not before').fill('War!');
  await detail.getByRole('button', { name: 'Add' }).click();
  await expect(detail.getByRole('alert')).toContainText('“War!” cannot be a “not before” word');
  await detail.getByLabel('Not before').fill('War, Wars');
  await detail.getByRole('button', { name: 'Add' }).click();
  await expect(detail.getByRole('list', { name: 'Aliases' }).getByRole('listitem')).toContainText(['Viet Namnot before War, Wars']);
  await expect(detail.getByLabel('Not before')).toHaveValue('');
  const onDisk = JSON.parse(await readFile(join(workspace, 'facts', 'hanoi-summit.facts.json'), 'utf8')) as {
    facts: Array<{ id: string; label: string; date?: string; aliases: Array<{ text: string }> }>;
  };
  // Editing keeps the fact's id, so references to it stay valid.
  expect(onDisk.facts.find((f) => f.id === 'vietnam')).toMatchObject({
    label: 'Viet Nam (host country)',
    date: '2019-02',
    // The alias given when the fact was created survived the edit, beside the one added later.
    aliases: [{ text: 'Socialist Republic of Vietnam' }, { text: 'Viet Nam', unlessFollowedBy: ['War', 'Wars'] }],
  });
  await detail.getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByText('“Viet Nam (host country)” was deleted.')).toBeVisible();
});

test('a new workspace opens the bundled sample brief, with its facts linked in the editor', async ({ app }) => {
  await expect(app.locator('.bd-editor h1')).toHaveText('Hanoi summit ends without a deal');
  await expect(app.locator('.bd-editor [data-fact-id="yongbyon-facility"]')).toHaveText('Yongbyon facility');
  expect(await app.locator('.bd-editor [data-fact-id]').count()).toBeGreaterThanOrEqual(20);
  await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
});
