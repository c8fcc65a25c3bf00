/**
 * Payments imported "as in the file" (issue 14, item 1) through the Import screen against a real backend:
 * the clerk chooses the mode, the preview shows per row what each row applies and what stays unapplied,
 * and posting leaves exactly that in the ledger: applied where the file says, the rest unapplied credit.
 */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

test.use({ viewport: { width: 1280, height: 800 } });

test('a payments file as in the file: applied and unapplied per row in the preview, and in the ledger after posting', async ({ app, page }, testInfo) => {
  const { session, today } = await companyForSeeding(app.backend);
  const maria = await must(app.backend, session, 'accounts.create', { accountNumber: 'P-2001', name: 'Maria Gonzalez', kind: 'consumer' });
  const daniel = await must(app.backend, session, 'accounts.create', { accountNumber: 'P-2002', name: 'Daniel Hughes', kind: 'consumer' });
  const first = await postInvoice(app.backend, session, maria.id, 12000, daysFrom(today, -60));
  const second = await postInvoice(app.backend, session, maria.id, 20000, daysFrom(today, -30));
  await postInvoice(app.backend, session, daniel.id, 9000, daysFrom(today, -45));

  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/import`);
  await page.getByRole('radio', { name: /Payments/ }).click();
  await page.getByRole('radio', { name: /As in the file/ }).check();
  const file = [
    'payment_reference,account_number,payment_date,amount,check_number,invoice_number,applied_amount',
    // One check for two invoices: 100.00 and 150.00 applied, 50.00 stays unapplied.
    `CK-1,P-2001,${today},300.00,5001,${first.number},100.00`,
    `CK-1,P-2001,${today},300.00,5001,${second.number},150.00`,
    // No invoice named: a payment on account, although Daniel has an invoice open.
    `CK-2,P-2002,${today},40.00,5002,,`,
  ].join('\r\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'lockbox.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-file-name')).toHaveText('lockbox.csv');
  await expect(page.getByTestId('import-status')).toContainText('Ready to post');
  await expect(page.getByTestId('import-count-to-post')).toHaveText('2');

  await page.getByRole('tab', { name: 'Applied and unapplied' }).click();
  await expect(page.getByTestId('import-applied-totals')).toHaveText('$250.00 applied to invoices; $90.00 stays on the accounts as unapplied credit.');
  const rows = page.getByTestId('import-allocations').locator('[role=row][aria-rowindex]');
  await expect(rows).toHaveCount(3);
  const cells = async (i: number) => (await rows.nth(i).getByRole('gridcell').allInnerTexts()).map((t) => t.trim());
  expect(await cells(0)).toEqual(['2', 'CK-1', first.number, '$100.00', '']);
  expect(await cells(1)).toEqual(['3', 'CK-1', second.number, '$150.00', '$50.00']);
  expect(await cells(2)).toEqual(['4', 'CK-2', 'On account', '$0.00', '$40.00']);
  await page.screenshot({ path: testInfo.outputPath('import-allocation-1280.png') });

  await page.getByRole('button', { name: /^Post/ }).click();
  await expect(page.getByTestId('import-result')).toContainText('Posted 2 payments');
  expect((await must(app.backend, session, 'invoices.get', { invoiceId: first.id })).openCents).toBe(2000);
  expect((await must(app.backend, session, 'invoices.get', { invoiceId: second.id })).openCents).toBe(5000);
  const aging = await must(app.backend, session, 'aging.summary', {});
  const unapplied = Object.fromEntries(aging.rows.map((r) => [r.accountNumber, r.unappliedCents]));
  // Daniel's invoice stays open in full: his payment was on account, as the file says.
  expect(unapplied).toEqual({ 'P-2001': 5000, 'P-2002': 4000 });
  expect(aging.rows.find((r) => r.accountNumber === 'P-2002')?.totalCents).toBe(5000);

  // Opening balances ask for the cut-over date the open items are as of.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByRole('radio', { name: /Opening balances/ }).click();
  await expect(page.getByRole('textbox', { name: 'Cut-over date' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('import-open-items-1280.png') });
});
