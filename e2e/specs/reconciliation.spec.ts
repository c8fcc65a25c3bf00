/**
 * Bank reconciliation (issue 15, item 3): a clerk imports the bank's statement (Import › Bank statement), starts the month's
 * reconciliation, matches a late deposit by hand, explains the credit that matches nothing and
 * finishes: the reconciliation is locked.
 */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import type { Backend } from '../../src-main/backend';

test.use({ viewport: { width: 1280, height: 800 } });

/** The office account, three checks in one deposit, a second deposit the bank books late, and an ACH payment with its reference. */
async function seed(b: Backend) {
  await officeWithStaff(b);
  const office = await must(b, SEED, 'officeBankAccounts.save', { name: 'Operating account', routingNumber: '011000015', accountNumber: '123456789' });
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-8001', name: 'Harbor Family Clinic', kind: 'commercial' });
  const check = (n: string, cents: number) =>
    must(b, SEED, 'payments.post', {
      accountId: acct.id,
      date: '2026-03-02',
      method: 'check',
      checkNumber: n,
      amountCents: cents,
      allocation: { mode: 'none' },
    });
  const checks = [await check('1001', 100_00), await check('1002', 50_00), await check('1003', 25_00)];
  const first = await must(b, SEED, 'deposits.create', {
    officeBankAccountId: office.id,
    depositDate: '2026-03-02',
    paymentIds: checks.map((c) => c.documentId),
  });
  const late = await check('1004', 60_00);
  const second = await must(b, SEED, 'deposits.create', { officeBankAccountId: office.id, depositDate: '2026-03-05', paymentIds: [late.documentId] });
  await must(b, SEED, 'payments.post', {
    accountId: acct.id,
    date: '2026-03-10',
    method: 'ach',
    reference: 'ACH-55123',
    amountCents: 80_00,
    allocation: { mode: 'none' },
  });
  return { office, first, second };
}

// The bank: the first deposit the next day, the ACH with its reference, the second deposit nine
// business days late (outside the five-day window: matched by hand), and interest nobody expected.
const statementCsv = [
  'Date,Description,Amount,Reference',
  '2026-03-03,BRANCH DEPOSIT,175.00,BK-1',
  '2026-03-11,ACH CREDIT ACH-55123 HARBOR,80.00,BK-2',
  '2026-03-18,DEPOSIT,60.00,BK-3',
  '2026-03-31,INTEREST,1.25,BK-4',
  '2026-03-31,SERVICE FEE,-4.95,BK-5',
].join('\n');

test('a clerk imports the statement, matches, explains a discrepancy and finishes the reconciliation', async ({ app, page }, testInfo) => {
  await seed(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  // The statement goes in through Import › Bank statement, as a clerk brings it in.
  await page.goto(`${app.url}#/import/bank-statement`);
  await page.locator('input[type=file]').setInputFiles({ name: 'march.csv', mimeType: 'text/csv', buffer: Buffer.from(statementCsv) });
  await expect(page.getByTestId('statement-status')).toContainText('Ready to import');
  // The office's one bank account is named by itself; the statement is filed under it.
  await expect(page.getByTestId('statement-bank-account')).toHaveValue('Operating account ••••6789');
  await page.getByTestId('statement-import').click();
  await expect(page.getByTestId('statement-status')).toContainText('Statement imported');
  const office = (await must(app.backend, SEED, 'officeBankAccounts.list', undefined))[0]!;
  expect(await must(app.backend, SEED, 'bankStatements.list', { officeBankAccountId: office.id })).toHaveLength(1);

  await page.getByRole('link', { name: 'Bank reconciliation' }).click();
  await expect(page.getByRole('heading', { name: 'Bank reconciliation' })).toBeVisible();
  await page.getByTestId('reconciliation-from').fill('03/01/2026');
  await page.getByTestId('reconciliation-to').fill('03/31/2026');
  await page.getByTestId('reconciliation-to').press('Tab');
  await page.getByTestId('reconciliation-start').click();

  await expect(page.getByRole('heading', { name: 'Bank reconciliation: Operating account' })).toBeVisible();
  await expect(page.getByTestId('reconciliation-tab-matched')).toHaveText('Matched (2)');
  await expect(page.getByTestId('reconciliation-tab-unmatched')).toHaveText('Unmatched (2 | 1)');
  await page.screenshot({ path: testInfo.outputPath('reconciliation-unmatched-1280.png') });

  // The late deposit: choose the bank's $60.00 credit and the deposit, then Match.
  const lines = page.getByTestId('reconciliation-open-lines');
  const items = page.getByTestId('reconciliation-open-items');
  await lines.getByRole('row').filter({ hasText: '$60.00' }).getByRole('radio').check();
  await items.getByRole('row').filter({ hasText: '$60.00' }).getByRole('radio').check();
  await page.getByTestId('reconciliation-match').click();
  await expect(page.getByTestId('reconciliation-tab-matched')).toHaveText('Matched (3)');
  await expect(page.getByTestId('reconciliation-tab-unmatched')).toHaveText('Unmatched (1 | 0)');

  // Finishing with the interest unexplained is refused, naming it.
  await page.getByTestId('reconciliation-finish').click();
  await page.getByTestId('reconciliation-finish-confirm').click();
  await expect(page.getByTestId('reconciliation-finish-error')).toContainText('the bank credit of Mar 31, 2026 ($1.25) has no note');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByTestId('reconciliation-tab-discrepancies').click();
  const discrepancies = page.getByTestId('reconciliation-discrepancies');
  await expect(discrepancies).toContainText('Credit matches nothing');
  await expect(discrepancies).toContainText('Not explained');
  await discrepancies.getByRole('button', { name: 'Explain' }).click();
  await page.getByTestId('reconciliation-note').fill('Interest paid by the bank for March');
  await page.getByTestId('reconciliation-note-save').click();
  await expect(discrepancies).toContainText('Interest paid by the bank for March');
  await page.screenshot({ path: testInfo.outputPath('reconciliation-discrepancies-1280.png') });

  await page.getByTestId('reconciliation-finish').click();
  await page.getByTestId('reconciliation-finish-confirm').click();
  await expect(page.getByTestId('reconciliation-status')).toHaveText('Finished, locked');
  await expect(page.getByTestId('reconciliation-finish')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Explain' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('reconciliation-finished-1280.png') });

  const [done] = (await must(app.backend, SEED, 'reconciliations.list', {})).reconciliations;
  expect(done).toMatchObject({ status: 'finished', periodFrom: '2026-03-01', periodTo: '2026-03-31' });
  const audit = app.backend.ctx.store.sqlite.prepare(`SELECT username FROM audit WHERE action = 'reconciliation.finish'`).all();
  expect(audit).toEqual([{ username: 'casey' }]);
});
