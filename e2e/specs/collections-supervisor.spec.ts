/**
 * Collections policy screens against a real backend: a supervisor sets up a payment plan (the schedule's
 * cents add up to the total), runs a late fee assessment (the preview when asked for, post; the fee is on the account's
 * ledger and balance; a second run for the month has nothing to post), and approves a clerk's write-off request.
 *
 * Seed (T = the company's business date; every invoice Net 30; default fee rules: 10 grace days, 1.5% a month):
 *   A-2001 Alder Orthopedics   $1,200.00 due T-40, $337.45 due T-70       -> the payment plan (then no fees: plan current)
 *   B-2002 Birch Pediatrics     $2,000.00 due T-45                         -> late fee $30.00
 *   C-2003 Cedar Dental Group   $500.00 due T-20                           -> late fee $7.50; clerk asks to write off $100.00
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

async function seed(b: Parameters<typeof companyForSeeding>[0]) {
  const { session, today } = await companyForSeeding(b);
  const day = (n: number) => daysFrom(today, n);
  await must(b, session, 'users.create', { username: 'sam', displayName: 'Sam Patel', role: 'supervisor', password: 'super-pass-1' });
  await must(b, session, 'users.create', { username: 'casey', displayName: 'Casey Morgan', role: 'clerk', password: 'clerk-pass-1' });
  const acct = async (accountNumber: string, name: string) => (await must(b, session, 'accounts.create', { accountNumber, name, kind: 'commercial' })).id;
  const a = await acct('A-2001', 'Alder Orthopedics');
  const bId = await acct('B-2002', 'Birch Pediatrics');
  const c = await acct('C-2003', 'Cedar Dental Group');
  await postInvoice(b, session, a, 120000, day(-70));
  await postInvoice(b, session, a, 33745, day(-100));
  const invB = await postInvoice(b, session, bId, 200000, day(-75));
  const invC = await postInvoice(b, session, c, 50000, day(-50));
  return { today, ids: { a, b: bId, c }, invB, invC };
}

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const cents = (text: string) => Math.round(Number(text.replace(/[$,\s]/g, '')) * 100);

async function openAccount(page: Page, url: string, id: number) {
  await page.goto(`${url}#/accounts/${id}`);
  await expect(page.getByTestId('account-name')).toBeVisible();
}

test('supervisor: payment plan schedule, fee assessment posted once, write-off approval', async ({ app, page, context }) => {
  const { ids, invB } = await seed(app.backend);
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');

  // ---- Payment plan on A-2001: $1,537.45, $100.00 down, 6 monthly installments.
  await openAccount(page, app.url, ids.a);
  await expect(page.getByTestId('account-balance')).toHaveText('$1,537.45');
  await page.getByRole('tab', { name: 'Payment plan' }).click();
  await page.getByTestId('plan-tab').getByRole('button', { name: 'Set up plan' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Plan total')).toHaveValue('1537.45');
  await dialog.getByLabel('Down payment').fill('100.00');
  await dialog.getByLabel('Number of installments').fill('6');
  // The live preview: the down payment, then 6 installments (143,745 cents: 3 x 23,958 + 3 x 23,957).
  const preview = dialog.getByTestId('plan-preview');
  await expect(preview.locator('tbody tr')).toHaveCount(7);
  await expect(dialog.getByTestId('plan-preview-total')).toHaveText('$1,537.45');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();

  const schedule = page.getByTestId('plan-schedule');
  await expect(page.getByTestId('plan-view').getByTestId('plan-status')).toHaveText('Current');
  const rows = schedule.locator('[role=row][aria-rowindex]');
  await expect(rows).toHaveCount(7);
  const amounts: number[] = [];
  for (let i = 0; i < 7; i++) amounts.push(cents((await rows.nth(i).getByRole('gridcell').nth(2).textContent()) ?? ''));
  expect(amounts).toEqual([10000, 23958, 23958, 23958, 23957, 23957, 23957]);
  expect(amounts.reduce((s, x) => s + x, 0)).toBe(153745);
  await expect(schedule.getByRole('row', { name: 'Totals' })).toContainText('$1,537.45');
  await expect(rows.first()).toContainText('Down payment');
  await expect(rows.nth(1)).toContainText('Installment 1 of 6');

  // ---- Late fee assessment: B-2002 $30.00 and C-2003 $7.50; A-2001 is on a current plan.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Collections' }).click();
  await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
  const feeGrid = page.getByTestId('fee-preview');
  // Nothing is computed until the supervisor asks for the preview (it reads every past-due invoice).
  await expect(feeGrid).toContainText('Nothing is computed yet');
  await expect(page.getByTestId('fee-post')).toBeDisabled();
  await page.getByTestId('fee-preview-run').click();
  await expect(feeGrid.locator('[role=row][aria-rowindex]')).toHaveCount(2);
  await expect(feeGrid.getByRole('row').filter({ hasText: 'B-2002' })).toContainText('$30.00');
  await expect(feeGrid.getByRole('row').filter({ hasText: 'C-2003' })).toContainText('$7.50');
  await expect(page.getByTestId('fee-selected-total')).toHaveText('$37.50');
  await page
    .getByRole('radiogroup', { name: 'Rows' })
    .getByText(/Not charged/)
    .click();
  await expect(page.getByTestId('fee-excluded').getByRole('row').filter({ hasText: 'A-2001' }).first()).toContainText(/plan/i);
  await page
    .getByRole('radiogroup', { name: 'Rows' })
    .getByText(/To charge/)
    .click();
  // Deselect C-2003, then select it again: the total follows.
  await feeGrid
    .getByRole('checkbox', { name: /Charge INV/ })
    .nth(1)
    .uncheck();
  await expect(page.getByTestId('fee-selected-total')).not.toHaveText('$37.50');
  await feeGrid
    .getByRole('checkbox', { name: /Charge INV/ })
    .nth(1)
    .check();
  await expect(page.getByTestId('fee-selected-total')).toHaveText('$37.50');
  await page.getByTestId('fee-post').click();
  await expect(page.getByTestId('fee-post')).toHaveText('Post 2 fees');
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: 'Post $37.50' }).click();
  await expect(page.getByTestId('fee-result')).toContainText('Posted 2 late fees');
  // A second preview for the same month has nothing new to post.
  await expect(feeGrid).toContainText('Nothing new to post');
  await expect(page.getByTestId('fee-post')).toBeDisabled();
  await page.reload();
  await page.getByTestId('fee-preview-run').click();
  await expect(page.getByTestId('fee-preview')).toContainText('Nothing new to post');

  // The fee is on B-2002's ledger and in its balance.
  await openAccount(page, app.url, ids.b);
  await expect(page.getByTestId('account-balance')).toHaveText(money(200000 + 3000));
  const ledgerGrid = page.getByRole('grid', { name: 'Account ledger' });
  const feeRow = ledgerGrid
    .getByRole('row')
    .filter({ hasText: 'Late fee' })
    .or(ledgerGrid.getByRole('row').filter({ hasText: /FEE-/ }))
    .first();
  await expect(feeRow).toContainText('$30.00');
  await expect(feeRow).toContainText(invB.number!);

  // ---- A clerk asks to write off $100.00 of C-2003; the supervisor approves.
  const clerkPage = await context.newPage();
  await app.open(clerkPage);
  await signIn(clerkPage, 'casey', 'clerk-pass-1');
  await openAccount(clerkPage, app.url, ids.c);
  await expect(clerkPage.getByTestId('account-balance')).toHaveText('$507.50');
  await clerkPage.getByRole('button', { name: 'More' }).click();
  await clerkPage.getByRole('menuitem', { name: 'Request write-off…' }).click();
  const req = clerkPage.getByRole('dialog');
  await req.getByLabel('Amount').fill('100.00');
  await req.getByLabel('Reason').fill('Billing error on the March visit; practice agreed to absorb it');
  await req.getByRole('button', { name: 'Send request' }).click();
  await expect(req).toBeHidden();
  await clerkPage.getByRole('button', { name: 'More' }).click();
  await expect(clerkPage.getByRole('menuitem', { name: /Write-off request #\d+ pending/ })).toBeDisabled();
  await clerkPage.keyboard.press('Escape');

  await page.goto(`${app.url}#/collections?tab=writeoffs`);
  const queue = page.getByTestId('writeoff-requests');
  const reqRow = queue.getByRole('row').filter({ hasText: 'C-2003' });
  await expect(reqRow).toContainText('$100.00');
  await expect(reqRow).toContainText('Casey Morgan');
  await reqRow.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve and post $100.00' }).click();
  await expect(queue).toContainText('No write-off requests are waiting.');
  await page.getByRole('radiogroup', { name: 'Request status' }).getByText('Approved').click();
  await expect(queue.getByRole('row').filter({ hasText: 'C-2003' })).toContainText(/WO-/);

  await openAccount(page, app.url, ids.c);
  await expect(page.getByTestId('account-balance')).toHaveText('$407.50');
});
