/** Reverse payment (the account's drawer): a bad fee is refused on the form, a good one is posted with the reversal. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';

test.use({ viewport: { width: 1280, height: 800 } });

test('a clerk reverses a bounced check with a returned-payment fee: the invoice is open again and the fee posted', async ({ app, page }) => {
  const b = app.backend;
  const today = await officeWithStaff(b);
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-7101', name: 'Harbor Street Clinic', kind: 'commercial' });
  const draft = await must(b, SEED, 'invoices.createDraft', {
    accountId: acct.id,
    invoiceDate: addDays(today, -40),
    terms: 'Net 30',
    lines: [{ itemCode: 'BILL-SVC', description: 'Billing service', quantityMilli: 1000, unitPriceCents: 30_000 }],
  });
  await must(b, SEED, 'invoices.post', { invoiceId: draft.id });
  const pay = await must(b, SEED, 'payments.post', { accountId: acct.id, date: addDays(today, -3), method: 'check', checkNumber: '4410', amountCents: 30_000 });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}?document=${pay.documentId}`);
  await page.getByRole('button', { name: 'Reverse payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reverse payment' });
  await expect(dialog.getByLabel('Payment', { exact: true })).toHaveValue(new RegExp(pay.number));
  const fee = dialog.getByRole('textbox', { name: 'Returned-payment fee' });
  await fee.fill('ten');
  await dialog.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(dialog).toContainText('Not an amount');
  await fee.fill('30.00');
  await dialog.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`Payment ${pay.number} reversed by \\S+; fee \\S+ posted`))).toBeVisible();
  await expect(page.getByTestId('account-balance')).toHaveText('$330.00');

  const ledger = await must(b, SEED, 'ledger.get', { accountId: acct.id });
  expect(ledger.openItems.map((o) => [o.kind, o.openCents])).toEqual([
    ['invoice', 30_000],
    ['fee', 3_000],
  ]);
});
