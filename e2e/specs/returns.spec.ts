/** Returned payments (issue 15, item 4): a returned ACH recorded from the payment reopens its invoices; a bank return file is previewed and posted. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';

test.use({ viewport: { width: 1280, height: 800 } });

test('a clerk records a returned ACH from the payment: the invoices are open again, the fee posted, the reason kept', async ({ app, page }, testInfo) => {
  const b = app.backend;
  const today = await officeWithStaff(b);
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-7001', name: 'Lakeview Dental Group', kind: 'commercial' });
  const invoices = [];
  for (const [days, cents] of [
    [-50, 40_000],
    [-35, 25_000],
  ] as const) {
    const draft = await must(b, SEED, 'invoices.createDraft', {
      accountId: acct.id,
      invoiceDate: addDays(today, days),
      terms: 'Net 30',
      lines: [{ itemCode: 'BILL-SVC', description: 'Billing service', quantityMilli: 1000, unitPriceCents: cents }],
    });
    invoices.push(await must(b, SEED, 'invoices.post', { invoiceId: draft.id }));
  }
  const pay = await must(b, SEED, 'payments.post', { accountId: acct.id, date: addDays(today, -5), method: 'ach', amountCents: 65_000 });
  expect((await must(b, SEED, 'ledger.get', { accountId: acct.id })).openItems).toEqual([]);

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}?document=${pay.documentId}`);
  await page.getByRole('button', { name: 'Record returned payment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record returned payment' });
  await expect(dialog.getByLabel('Payment', { exact: true })).toHaveValue(new RegExp(pay.number));
  await dialog.getByLabel('Reason', { exact: true }).fill('account closed');
  await page.getByRole('option', { name: 'Account closed (R02)' }).click();
  await expect(dialog).toContainText('marked unusable');
  await dialog.getByRole('textbox', { name: 'Returned-payment fee' }).fill('25.00');
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Bank notice 8812');
  await page.screenshot({ path: testInfo.outputPath('record-returned-payment-1280.png') });
  await dialog.getByRole('button', { name: 'Record returned payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Payment ${pay.number} recorded as returned`)).toBeVisible();
  await expect(page.getByTestId('account-balance')).toHaveText('$675.00');

  // The backend: both invoices open again, the fee an open item, the return recorded with its reason.
  const ledger = await must(b, SEED, 'ledger.get', { accountId: acct.id });
  expect(ledger.openItems.map((o) => [o.kind, o.openCents])).toEqual([
    ['invoice', 40_000],
    ['invoice', 25_000],
    ['fee', 2_500],
  ]);
  const [ret] = await must(b, SEED, 'returns.list', { accountId: acct.id });
  expect(ret).toMatchObject({ paymentId: pay.documentId, returnCode: 'R02', returnDate: today, source: 'manual', createdBy: 'casey' });
  const reversal = await must(b, SEED, 'ledger.document', { documentId: ret!.reversalId });
  expect(reversal.reason).toBe('Returned: Account closed (R02). Bank notice 8812');
  // Returned once: the drawer no longer offers it.
  await page.goto(`${app.url}#/accounts`);
  await page.goto(`${app.url}#/accounts/${acct.id}?document=${pay.documentId}`);
  await expect(page.getByRole('button', { name: 'View receipt' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record returned payment…' })).toHaveCount(0);
});

test('a clerk imports the bank return file: preview, post, and a second import posts nothing', async ({ app, page }, testInfo) => {
  const b = app.backend;
  await officeWithStaff(b);
  // The sample file's returns settled on 2026-03-13; its payments are a few days before.
  const file = fs.readFileSync(path.join(__dirname, '../../test/fixtures/nacha/returns-valid.ach'));
  const a1 = await must(b, SEED, 'accounts.create', { accountNumber: 'C-2001', name: 'Ada Customer', kind: 'commercial' });
  const a2 = await must(b, SEED, 'accounts.create', { accountNumber: 'C-2002', name: 'Grace Customer', kind: 'commercial' });
  await must(b, SEED, 'payments.post', { accountId: a1.id, date: '2026-03-02', method: 'ach', amountCents: 12_000 });
  await must(b, SEED, 'payments.post', { accountId: a2.id, date: '2026-03-03', method: 'ach', amountCents: 5_000, reference: '09100001/0000102' });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/import`);
  await page.getByTestId('import-returns').click();
  await expect(page.getByRole('heading', { name: 'Returned payments' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: 'returns-valid.ach', mimeType: 'text/plain', buffer: file });
  await expect(page.getByTestId('returns-status')).toContainText('2 returned payments of $170.00');
  await expect(page.getByTestId('returns-entries')).toContainText('Insufficient funds (R01)');
  await expect(page.getByTestId('returns-entries')).toContainText('Grace Customer');
  await page.screenshot({ path: testInfo.outputPath('returns-import-preview-1280.png') });
  await page.getByTestId('returns-post').click();
  await expect(page.getByTestId('returns-status')).toContainText('2 payments were recorded as returned');
  await expect(page.getByTestId('returns-list')).toContainText('Ada Customer');
  expect((await must(b, SEED, 'returns.list', {})).map((r) => r.source)).toEqual(['nacha', 'nacha']);

  await page.locator('input[type=file]').setInputFiles({ name: 'again.ach', mimeType: 'text/plain', buffer: file });
  await expect(page.getByTestId('returns-status')).toContainText('Every return in this file was recorded before');
  await expect(page.getByTestId('returns-post')).toBeDisabled();
});
