/**
 * Money in (issue 15), one clerk's session at 1280x800: three payments ticked into a deposit, its slip
 * printed on a real CUPS queue and saved as a PDF (both archived); the bank's statement imported, the
 * deposit matched to the bank's credit by itself, the card settlement by hand, the one credit that matches nothing explained, the
 * reconciliation finished and its discrepancy report saved as a PDF and read back. The returned ACH that
 * reopens its invoices is e2e/specs/returns.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { must } from '../../test/kit';
import { pdfInfo, requireCupsQueue, waitForCupsPdf } from '../../test/kit/cups';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';
import type { Backend } from '../../src-main/backend';

test.use({ viewport: { width: 1280, height: 800 } });

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
/** A business date as the date fields take it (MM/DD/YYYY). */
const typed = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/** The office's bank account, two checks and a cash payment of yesterday, and a card payment (never deposited: it reaches the bank alone). */
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

test('a clerk deposits three payments and prints the slip, imports the statement, matches, explains a discrepancy and finishes', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  requireCupsQueue();
  const { today, bank, checkA, checkC, cash } = await seed(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.getByRole('link', { name: 'Deposits' }).click();
  await expect(page.getByRole('heading', { name: 'Deposits' })).toBeVisible();

  // ---- The deposit ----
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

  // ---- Its slip: previewed as it prints, printed on the CUPS queue, saved as a PDF ----
  const modal = page.getByTestId('slip-modal');
  const slip = modal.getByTitle('Deposit slip DEP-000001', { exact: true }).contentFrame();
  await expect(slip.getByText('DEPOSIT SLIP', { exact: true })).toBeVisible();
  await expect(slip.locator('body')).toContainText('Operating account ••••6789');
  await expect(slip.locator('body')).toContainText('Harbor Pediatrics');
  await expect(slip.locator('body')).toContainText('$465.00');
  await expect(modal.getByTestId('slip-sent')).toHaveText('Not printed or saved yet.');
  await page.screenshot({ path: testInfo.outputPath('deposit-slip-1280.png') });
  await modal.getByRole('button', { name: 'Print', exact: true }).click();
  const print = page.getByRole('dialog', { name: /^Print deposit slip DEP-000001/ });
  await print.getByRole('combobox', { name: 'Printer' }).click();
  await page.getByRole('option', { name: /Ledgerdesk.*Ready/ }).click();
  await print.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.getByText('Printed 1 document')).toBeVisible();
  expect(app.printJobs).toHaveLength(1);
  expect(pdfInfo(await waitForCupsPdf(app.printJobs[0]!))).toMatchObject({ pages: 1, width: 612, height: 792 });
  await modal.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.getByText('Saved 1 document as PDF')).toBeVisible();
  const slipText = pdfText(app.savedFiles.at(-1)!);
  expect(slipText).toContain('DEP-000001');
  expect(slipText).toMatch(/Harbor Pediatrics 877 \S+ \$300\.00/);
  expect(slipText).toMatch(/Total deposit \(3 items\) \$465\.00/);
  expect(slipText).not.toContain('000123456789');
  await expect(modal.getByTestId('slip-sent')).toContainText('Went out 2 times, last saved as');
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);

  // The backend holds the deposit; the payments left the undeposited list; both slips are archived.
  const deposits = await must(app.backend, SEED, 'deposits.list', {});
  expect(deposits).toHaveLength(1);
  expect(deposits[0]).toMatchObject({ number: 'DEP-000001', officeBankAccountId: bank.id, cashCents: 40_00, checkCents: 425_00, totalCents: 465_00, count: 3 });
  expect(await must(app.backend, SEED, 'deposits.undeposited', {})).toEqual([]);
  await expect(grid.getByRole('row')).toHaveCount(1);
  await expect(page.getByTestId('deposits-grid')).toContainText('DEP-000001');
  const slips = await must(app.backend, SEED, 'documents.archiveList', { kind: 'deposit_slip', number: 'DEP-000001' });
  expect(slips.map((s) => s.channel).sort()).toEqual(['pdf', 'print']);

  // ---- The bank's statement: the deposit the same day, the card payment, and interest nobody expected ----
  const statementCsv = [
    'Date,Description,Amount,Reference',
    `${today},BRANCH DEPOSIT,465.00,BK-1`,
    `${today},CARD SETTLEMENT,60.00,BK-2`,
    `${today},INTEREST,1.25,BK-3`,
  ].join('\n');
  await page.goto(`${app.url}#/import/bank-statement`);
  await page.locator('input[type=file]').setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(statementCsv) });
  await expect(page.getByTestId('statement-status')).toContainText('Ready to import');
  await expect(page.getByTestId('statement-bank-account')).toHaveValue('Operating account ••••6789');
  await page.getByTestId('statement-import').click();
  await expect(page.getByTestId('statement-status')).toContainText('Statement imported');

  // ---- The reconciliation ----
  await page.getByRole('link', { name: 'Bank reconciliation' }).click();
  await page.getByTestId('reconciliation-from').fill(typed(addDays(today, -7)));
  await page.getByTestId('reconciliation-to').fill(typed(today));
  await page.getByTestId('reconciliation-to').press('Tab');
  await page.getByTestId('reconciliation-start').click();
  await expect(page.getByRole('heading', { name: 'Bank reconciliation: Operating account' })).toBeVisible();
  // The deposit matched by itself (its amount, the same day); a payment needs its reference on the bank's line, so the card settlement is left.
  await expect(page.getByTestId('reconciliation-tab-matched')).toHaveText('Matched (1)');
  await expect(page.getByTestId('reconciliation-tab-unmatched')).toHaveText('Unmatched (2 | 1)');
  await page.screenshot({ path: testInfo.outputPath('reconciliation-unmatched-1280.png') });
  // The clerk matches it by hand: the bank's $60.00 credit and the card payment, then Match.
  await page.getByTestId('reconciliation-open-lines').getByRole('row').filter({ hasText: 'CARD SETTLEMENT' }).getByRole('radio').check();
  await page.getByTestId('reconciliation-open-items').getByRole('row').filter({ hasText: '$60.00' }).getByRole('radio').check();
  await page.getByTestId('reconciliation-match').click();
  await expect(page.getByTestId('reconciliation-tab-matched')).toHaveText('Matched (2)');
  await expect(page.getByTestId('reconciliation-tab-unmatched')).toHaveText('Unmatched (1 | 0)');
  await page.getByTestId('reconciliation-tab-matched').click();
  await expect(page.getByTestId('reconciliation-matched')).toContainText('Deposit DEP-000001');
  await expect(page.getByTestId('reconciliation-matched')).toContainText('By hand');

  await page.getByTestId('reconciliation-tab-discrepancies').click();
  const discrepancies = page.getByTestId('reconciliation-discrepancies');
  await expect(discrepancies).toContainText('Credit matches nothing');
  await discrepancies.getByRole('button', { name: 'Explain' }).click();
  await page.getByTestId('reconciliation-note').fill('Interest paid by the bank');
  await page.getByTestId('reconciliation-note-save').click();
  await expect(discrepancies).toContainText('Interest paid by the bank');
  await page.getByTestId('reconciliation-finish').click();
  await page.getByTestId('reconciliation-finish-confirm').click();
  await expect(page.getByTestId('reconciliation-status')).toHaveText('Finished, locked');

  // ---- The discrepancy report, as a PDF through the same pipeline ----
  await page.getByTestId('reconciliation-report-pdf').click();
  const report = page.getByTestId('reconciliation-report-modal');
  const frame = report.getByTitle('Discrepancy report', { exact: true }).contentFrame();
  await expect(frame.getByText('DISCREPANCIES', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('discrepancy-report-1280.png') });
  await report.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.getByText('Saved 1 document as PDF')).toBeVisible();
  const reportText = pdfText(app.savedFiles.at(-1)!);
  expect(reportText).toContain('DISCREPANCIES');
  expect(reportText).toMatch(/Credit matches .*\$1\.25 Interest paid by the bank/);
  expect(reportText).toMatch(/Matched \(2\) \$525\.00/);
  expect(reportText).toMatch(/State Finished/);
  const [done] = (await must(app.backend, SEED, 'reconciliations.list', {})).reconciliations;
  expect(done).toMatchObject({ status: 'finished', periodTo: today });
  expect(await must(app.backend, SEED, 'documents.archiveList', { kind: 'discrepancy_report' })).toHaveLength(1);
});
