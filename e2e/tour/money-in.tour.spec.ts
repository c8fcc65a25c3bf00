/**
 * Tour of "Money in, checked" (issue 15, docs/money-in.md) over the demo company: a deposit being made
 * (26); two deposits of the demo's checks and cash into the office account, the bank's statement
 * showing only the first, the reconciliation of the period (27) and its discrepancy report as it prints
 * (58); the first deposit's slip (54); the discrepancy view (28) with the deposit the bank never saw and
 * a check entered twice; a customer's bank accounts (29).
 */
import type { Page } from '@playwright/test';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { screenshots } from './shot';
import { centsToDecimalString } from '../../src-shared/money';

/** Both sizes, with no toast, focus ring or hover left from the last step. */
const shot = async (page: Page, name: string) => {
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await screenshots(page, name);
};

test('tour: money in: a deposit and its slip, the reconciliation and its report, irregularities, bank accounts', async ({ app, page }) => {
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

  const officeId = await page.evaluate(async () => {
    const r = await window.api.officeBankAccounts.save({ name: 'Operating account', routingNumber: '011000015', accountNumber: '123456789' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  });

  // 26: a deposit being made: three payments ticked, the totals by method and the office account.
  await page.getByRole('link', { name: 'Deposits' }).click();
  await expect(page.getByRole('heading', { name: 'Deposits' })).toBeVisible();
  const ticks = page.getByTestId('undeposited-grid').locator('[data-testid^="deposit-tick-"]');
  for (let i = 0; i < 3; i++) await ticks.nth(i).click();
  await expect(page.getByTestId('deposit-count')).toContainText('3 of');
  await shot(page, '26-deposit');

  // Two deposits of the oldest payments waiting, and the bank's statement of the first only.
  const banked = await page.evaluate(
    async ({ first, second, officeId }) => {
      const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      const office = { id: officeId };
      const waiting = ok(await window.api.deposits.undeposited({})).filter((p) => p.date <= second);
      const d1 = ok(
        await window.api.deposits.create({ officeBankAccountId: office.id, depositDate: first, paymentIds: waiting.slice(0, 3).map((p) => p.paymentId) }),
      );
      const d2 = ok(
        await window.api.deposits.create({ officeBankAccountId: office.id, depositDate: second, paymentIds: waiting.slice(3, 5).map((p) => p.paymentId) }),
      );
      return { officeId: office.id, d1: { number: d1.number, cents: d1.totalCents }, d2: { number: d2.number, cents: d2.totalCents } };
    },
    { first: addDays(today, -9), second: addDays(today, -7), officeId },
  );
  const csv = [
    'Date,Description,Amount,Reference',
    `${addDays(today, -8)},BRANCH DEPOSIT,${centsToDecimalString(banked.d1.cents)},BK-1001`,
    `${addDays(today, -3)},INTEREST,1.25,BK-1002`,
  ].join('\n');
  await page.evaluate(
    async ({ text, officeId }) => {
      const r = await window.api.bankStatements.import({ fileName: 'operating-statement.csv', contentBase64: btoa(text), officeBankAccountId: officeId });
      if (!r.ok) throw new Error(r.error.message);
    },
    { text: csv, officeId: banked.officeId },
  );

  // 27: the reconciliation of the last ten days: the first deposit matched, the second and the interest open.
  await page.getByRole('link', { name: 'Bank reconciliation' }).click();
  await expect(page.getByRole('heading', { name: 'Bank reconciliation' })).toBeVisible();
  const us = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
  await page.getByTestId('reconciliation-from').fill(us(addDays(today, -10)));
  await page.getByTestId('reconciliation-to').fill(us(addDays(today, -1)));
  await page.getByTestId('reconciliation-to').press('Tab');
  await page.getByTestId('reconciliation-start').click();
  await expect(page.getByRole('heading', { name: 'Bank reconciliation: Operating account' })).toBeVisible();
  await expect(page.getByTestId('reconciliation-tab-matched')).toHaveText('Matched (1)');
  await page.getByTestId('reconciliation-tab-unmatched').click();
  await shot(page, '27-reconciliation');

  // 58: its discrepancy report as it prints, while the reconciliation is still open (notes to write).
  await page.getByTestId('reconciliation-report-pdf').click();
  const report = page.getByTestId('reconciliation-report-modal');
  await expect(report.getByTitle('Discrepancy report', { exact: true }).contentFrame().getByText('DISCREPANCIES', { exact: true })).toBeVisible();
  await shot(page, '58-discrepancy-report');
  await page.keyboard.press('Escape');
  await expect(report).toHaveCount(0);

  // 54: the first deposit's slip, opened from Deposits made, as it prints.
  await page.getByRole('link', { name: 'Deposits' }).click();
  await page.getByTestId('deposits-grid').getByRole('row').filter({ hasText: banked.d1.number }).click();
  const slip = page.getByTestId('slip-modal');
  await expect(slip.getByTitle(`Deposit slip ${banked.d1.number}`, { exact: true }).contentFrame().getByText('DEPOSIT SLIP', { exact: true })).toBeVisible();
  await shot(page, '54-deposit-slip');
  await page.keyboard.press('Escape');
  await expect(slip).toHaveCount(0);

  // 28: the discrepancy view, on the deposit the bank has not shown (the duplicates card counts the check entered twice).
  await page.getByRole('link', { name: 'Irregularities' }).click();
  await expect(page.getByRole('heading', { name: 'Irregularities' })).toBeVisible();
  await expect(page.getByTestId('irregularities-count-duplicates')).not.toHaveText('0');
  await page.getByTestId('irregularities-card-unmatched').click();
  await expect(page.getByTestId('irregularities-grid')).toContainText(banked.d2.number);
  await shot(page, '28-irregularities');

  // 29: a customer's bank accounts, masked, with the check a checksum makes (and what it cannot).
  await page.evaluate(async (id) => {
    const r = await window.api.bankAccounts.add({
      accountId: id,
      holderName: 'Alexander Alvarez',
      scheme: 'us_aba',
      routingNumber: '021000021',
      accountNumber: '000123456789',
      accountType: 'checking',
    });
    if (!r.ok) throw new Error(r.error.message);
  }, accountId);
  await page.goto(`${app.url}#/accounts/${accountId}?tab=bank`);
  await expect(page.getByTestId('bank-accounts-grid')).toContainText('••••6789');
  await shot(page, '29-bank-accounts');
});
