import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const SOURCE = 'hanoi-summit-2019';
const DEMAND = "North Korea's demand";

/**
 * Calls the host the way the page does: the contract's method over the HTTP bridge, with the page's own token. Runs
 * in the page, so nothing here knows the token or the port.
 */
async function call<T>(page: Page, method: string, arg: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ({ method, arg }) => {
      const token = sessionStorage.getItem('briefdesk.token') ?? '';
      const res = await fetch(`/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-briefdesk-token': token },
        body: JSON.stringify({ arg }),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    { method, arg },
  );
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.value as T;
}

test('a source changed under a brief: the fact and its reference are flagged with the old and new words until accepted', async ({ app }) => {
  const briefs = app.getByRole('listbox', { name: 'Briefs' });
  await briefs.getByRole('option', { name: /Hanoi summit ends without a deal/ }).click();
  await expect(app.locator('.bd-editor[data-ready="true"]')).toBeVisible();
  const reference = app.locator('.bd-editor [data-fact-id="north-korea-sanctions-demand"]');
  await expect(reference).toHaveText('blanket lifting');
  await expect(reference).not.toHaveClass(/bd-fact-ref--stale/);

  await app.getByRole('button', { name: 'Facts', exact: true }).click();
  const list = app.getByRole('list', { name: 'Fact list' });
  await expect(list.getByRole('button', { name: new RegExp(`^${DEMAND}`) })).toBeVisible();
  await expect(list.getByText('Source changed')).toHaveCount(0);

  // A new version of the source, imported over the bundled one: one word of the demand's quote changed.
  const source = await call<{ text: string }>(app, 'sources.get', { id: SOURCE });
  const changed = source.text.replace('demanded a blanket lifting', 'demanded a sweeping lifting');
  expect(changed).not.toBe(source.text);
  const base64 = Buffer.from(changed).toString('base64');
  const { jobId } = await call<{ jobId: string }>(app, 'sources.import', { file: { name: 'hanoi-summit.txt', base64 }, replace: SOURCE });
  await expect.poll(() => call<{ outcome: string }>(app, 'sources.importResult', { jobId }).then((r) => r.outcome, () => 'running')).toBe('replaced');

  // The Facts pane flags the fact, and the filter finds it.
  const demand = list.getByRole('button', { name: new RegExp(`^${DEMAND}`) });
  await expect(demand).toContainText('Source changed');
  await app.getByLabel(/Needs review/).check();
  await expect(list.locator('.bd-fact-item')).not.toHaveCount(0);
  for (const item of await list.locator('.bd-fact-item').all()) await expect(item).toContainText('Source changed');

  // The reference in the brief is flagged too, live, and its card says what changed.
  await expect(reference).toHaveClass(/bd-fact-ref--stale/);
  await expect(reference).toHaveAttribute('aria-description', /^Source changed\./);
  await reference.hover();
  const card = app.getByRole('dialog', { name: `Fact: ${DEMAND}` });
  const changes = card.getByRole('region', { name: 'Source changed' });
  await expect(changes.locator('del')).toContainText('demanded a blanket lifting');
  await expect(changes.locator('ins')).toContainText('demanded a sweeping lifting');
  // Focus is in the Facts pane (the filter), where Escape would close the pane: the pointer leaves instead.
  await app.mouse.move(0, 0);
  await expect(card).toBeHidden();

  // The fact's detail: the old and new words, and where the fact is used (the sample brief cites it).
  await demand.click();
  const detail = app.getByRole('region', { name: `Fact: ${DEMAND}` });
  await expect(detail.locator('.bd-anchor-review del')).toContainText('demanded a blanket lifting');
  await expect(detail.locator('.bd-anchor-review ins')).toContainText('demanded a sweeping lifting');
  await expect(detail.getByRole('list', { name: 'Briefs citing this fact' })).toContainText(/Hanoi summit ends without a deal \d+ references?/);

  // Accepting the new words takes the flag away everywhere; the fact leaves the list of those to review.
  await detail.getByRole('button', { name: 'Accept the new words' }).click();
  await expect(reference).not.toHaveClass(/bd-fact-ref--stale/);
  await expect(reference).toHaveAttribute('aria-description', /^Fact reference\./);
  await expect(list.getByRole('button', { name: new RegExp(`^${DEMAND}`) })).toHaveCount(0);
  await app.getByLabel(/Needs review/).uncheck();
  await expect(list.getByRole('button', { name: new RegExp(`^${DEMAND}`) })).not.toContainText('Source changed');
});
