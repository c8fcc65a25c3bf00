/** Deposits (issue 15, item 2): a clerk makes a deposit of three payments and prints its slip, at 1280x800. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';
import type { Backend } from '../../src-main/backend';

test.use({ viewport: { width: 1280, height: 800 } });

/** The office's bank account, two checks and a cash payment of yesterday, and a card payment (never deposited). */
async function seed(b: Backend) {
  const today = await officeWithStaff(b);
  const bank = await must(b, SEED, 'officeBankAccounts.save', { name: 'Operating account', routingNumber: '071000013', accountNumber: '000123456789' });
  const a = await must(b, SEED, 'accounts.create', { accountNumber: 'C-7101', name: 'Lakeside Family Dental', kind: 'commercial' });
  const c = await must(b, SEED, 'accounts.create', { accountNumber: 'C-7102', name: 'Harbor Pediatrics', kind: 'commercial' });
  const pay = (accountId: number, method: 'cash' | 'check' | 'card', amountCents: number, extra: { checkNumber?: string; cardLast4?: string } = {}) =>
    must(b, SEED, 'payments.post', { accountId, date: addDays(today, -1), method, amountCents, allocation: { mode: 'none' }, ...extra });
  const checkA = await pay(a.id, 'check', 125_00, { checkNumber: '1042' });
  const checkC = await pay(c.id, 'check', 300_00, { checkNumber: '877' });
  const cash = await pay(a.id, 'cash', 40_00);
  await pay(c.id, 'card', 60_00, { cardLast4: '4242' });
  return { today, bank, checkA, checkC, cash };
}

test('a clerk ticks three payments into a deposit, sees the totals by method, and prints the slip', async ({ app, page }, testInfo) => {
  const { bank, checkA, checkC, cash } = await seed(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.getByRole('link', { name: 'Deposits' }).click();
  await expect(page.getByRole('heading', { name: 'Deposits' })).toBeVisible();

  const grid = page.getByTestId('undeposited-grid');
  await expect(grid.getByRole('row')).toHaveCount(4); // header, two checks, the cash; never the card
  await expect(grid).toContainText('Lakeside Family Dental');
  await expect(grid).toContainText('1042');
  await expect(grid).not.toContainText('Card');

  // Tick by keyboard and by mouse: the totals follow.
  await page.getByTestId(`deposit-tick-${checkA.documentId}`).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('deposit-checks')).toHaveText('$125.00');
  await page.getByTestId(`deposit-tick-${checkC.documentId}`).click();
  await page.getByTestId(`deposit-tick-${cash.documentId}`).click();
  await expect(page.getByTestId('deposit-cash')).toHaveText('$40.00');
  await expect(page.getByTestId('deposit-checks')).toHaveText('$425.00');
  await expect(page.getByTestId('deposit-total')).toHaveText('$465.00');
  await expect(page.getByTestId('deposit-count')).toHaveText('3 of 3');
  await expect(page.getByTestId('deposit-bank')).toHaveValue('Operating account ••••6789');
  await page.screenshot({ path: testInfo.outputPath('deposits-1280.png') });

  await page.getByTestId('make-deposit').click();
  const slip = page.getByTestId('slip-modal').getByTitle('Deposit slip DEP-000001', { exact: true }).contentFrame();
  await expect(slip.getByText('DEPOSIT SLIP', { exact: true })).toBeVisible();
  await expect(slip.locator('body')).toContainText('Operating account ••••6789');
  await expect(slip.locator('body')).toContainText('Harbor Pediatrics');
  await expect(slip.locator('body')).toContainText('$465.00');
  await expect(page.getByTestId('slip-print')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('deposit-slip-1280.png') });
  await page.getByTestId('slip-print').click();
  await page.keyboard.press('Escape');

  // The backend holds the deposit, and the payments left the undeposited list.
  const deposits = await must(app.backend, SEED, 'deposits.list', {});
  expect(deposits).toHaveLength(1);
  expect(deposits[0]).toMatchObject({ number: 'DEP-000001', officeBankAccountId: bank.id, cashCents: 40_00, checkCents: 425_00, totalCents: 465_00, count: 3 });
  expect(await must(app.backend, SEED, 'deposits.undeposited', {})).toEqual([]);
  await expect(grid.getByRole('row')).toHaveCount(1);
  await expect(page.getByTestId('deposits-grid')).toContainText('DEP-000001');
});
