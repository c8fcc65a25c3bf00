/**
 * Tour of "Money in, checked" (issue 15, docs/money-in.md) over the demo company: the discrepancy view
 * (28) with a payment entered twice among the demo's own payments.
 */
import type { Page } from '@playwright/test';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { screenshots } from './shot';

/** Both sizes, with no toast, focus ring or hover left from the last step. */
const shot = async (page: Page, name: string) => {
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await screenshots(page, name);
};

test('tour: money in: irregularities', async ({ app, page }) => {
  test.setTimeout(300_000);
  await must(app.backend, 'tour-admin', 'app.openDemo', undefined);
  await app.open(page);
  await signIn(page, 'supervisor', 'riverside-supervisor');
  // A check entered twice two days ago on the first account: the duplicate the view should catch.
  const accountId = await page.evaluate(async () => {
    const r = await window.api.accounts.list({ limit: 1 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows[0]!.id;
  });
  const today = await page.evaluate(async () => {
    const r = await window.api.irregularities.get({});
    if (!r.ok) throw new Error(r.error.message);
    return r.value.today;
  });
  const twice = {
    accountId,
    date: addDays(today, -2),
    method: 'check' as const,
    checkNumber: '4417',
    amountCents: 185_00,
    allocation: { mode: 'none' as const },
  };
  await page.evaluate(async (p) => {
    for (let i = 0; i < 2; i++) {
      const r = await window.api.payments.post(p);
      if (!r.ok) throw new Error(r.error.message);
    }
  }, twice);

  // 28: the discrepancy view, on the possible duplicates.
  await page.getByRole('link', { name: 'Irregularities' }).click();
  await expect(page.getByRole('heading', { name: 'Irregularities' })).toBeVisible();
  await page.getByTestId('irregularities-card-duplicates').click();
  await expect(page.getByTestId('irregularities-grid')).toContainText('$185.00');
  await shot(page, '28-irregularities');
});
