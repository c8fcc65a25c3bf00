/** The clerk's daily work end to end: find an account, post a payment, enter an invoice; role limits. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, seedPriceList, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';
import type { Backend } from '../../src-main/backend';

/** An account with three open invoices of known amounts and ages; returns its id and the invoice numbers. */
async function accountWithInvoices(b: Backend, today: string) {
  const acct = await must(b, SEED, 'accounts.create', {
    accountNumber: 'P-40017',
    name: 'Bartholomew Quincey-Ames',
    kind: 'consumer',
    contacts: [
      {
        name: 'Bartholomew Quincey-Ames',
        isPrimary: true,
        phones: [{ label: 'Mobile', number: '(312) 555-0199' }],
        emails: [{ label: 'Email', email: 'bqa@example.com' }],
      },
    ],
    billingAddress: { line1: '410 N Michigan Ave', city: 'Chicago', state: 'IL', postalCode: '60611' },
  });
  // Decoys that must not be found by the search.
  await must(b, SEED, 'accounts.create', { accountNumber: 'P-40018', name: 'Quinn Harper', kind: 'consumer' });
  await must(b, SEED, 'accounts.create', { accountNumber: 'C-9001', name: '<b>Bold</b> & Sons <script>x()</script>', kind: 'commercial' });
  const numbers: string[] = [];
  for (const [age, cents] of [
    [95, 12_000],
    [64, 8_050],
    [20, 20_000],
  ] as const) {
    const draft = await must(b, SEED, 'invoices.createDraft', {
      accountId: acct.id,
      invoiceDate: addDays(today, -age),
      terms: 'Net 30',
      lines: [{ itemCode: '99213', description: 'Office visit, established patient', quantityMilli: 1000, unitPriceCents: cents }],
    });
    numbers.push((await must(b, SEED, 'invoices.post', { invoiceId: draft.id })).number!);
  }
  return { accountId: acct.id, numbers };
}

test('find an account by name, post a payment that pays the two oldest invoices; ledger, balance and aging follow', async ({ app, page }) => {
  const today = await officeWithStaff(app.backend);
  const { accountId, numbers } = await accountWithInvoices(app.backend, today);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');

  const agingRow = () =>
    page.evaluate(async (id) => {
      const r = await window.api.aging.summary({});
      if (!r.ok) throw new Error(r.error.message);
      return r.value.rows.find((x) => x.accountId === id) ?? null;
    }, accountId);
  const before = await agingRow();
  expect(before?.totalCents).toBe(40_050);

  // Hostile text renders as text in the list.
  await expect(page.getByRole('grid', { name: 'Accounts' }).getByText('<b>Bold</b> & Sons <script>x()</script>')).toBeVisible();

  await page.getByRole('combobox', { name: 'Search accounts' }).fill('quince');
  await expect(page.getByTestId('account-hit-P-40017')).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-name')).toHaveText('Bartholomew Quincey-Ames');
  await expect(page.getByTestId('account-balance')).toHaveText('$400.50');

  await page.getByRole('button', { name: 'Post payment' }).click();
  const dialog = page.getByRole('dialog');
  // A full card number is refused outright; only the last 4 digits are taken.
  await dialog
    .getByRole('radiogroup', { name: 'Method' })
    .locator('label', { hasText: /^Card$/ })
    .click();
  await dialog.getByLabel('Card: last 4 digits').fill('4111 1111 1111 1111');
  await expect(dialog.getByText('looks like a full card number')).toBeVisible();
  await expect(dialog.getByLabel('Card: last 4 digits')).toHaveValue('');
  await dialog
    .getByRole('radiogroup', { name: 'Method' })
    .locator('label', { hasText: /^Check$/ })
    .click();

  await dialog.getByLabel('Amount received').fill('200.50');
  await dialog.getByLabel('Check number').fill('1043');
  // The preview pays the two oldest invoices in full and leaves the newest alone.
  await expect(dialog.getByRole('textbox', { name: `Apply to ${numbers[0]}` })).toHaveValue('120.00');
  await expect(dialog.getByRole('textbox', { name: `Apply to ${numbers[1]}` })).toHaveValue('80.50');
  await expect(dialog.getByRole('textbox', { name: `Apply to ${numbers[2]}` })).toHaveValue('');
  await expect(dialog.getByTestId('alloc-unapplied')).toHaveText('$0.00');
  // Over-allocating by hand is stopped with a clear message; resetting restores the preview.
  await dialog.getByRole('textbox', { name: `Apply to ${numbers[2]}` }).fill('50');
  await expect(dialog.getByTestId('over-allocation')).toContainText('$50.00 more than the $200.50 received');
  await expect(dialog.getByRole('button', { name: /Post payment of/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Reset to oldest due first' }).click();
  await expect(dialog.getByTestId('over-allocation')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Post payment of $200.50' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible();
  await expect(page.getByTestId('receipt-number')).toHaveText(/RCT-\d{6}/);
  await expect(page.getByTestId('receipt-amount')).toHaveText('$200.50');
  await expect(page.getByTestId('receipt-method')).toHaveText('Check #1043');
  await expect(receipt.getByRole('table', { name: 'Applied to' })).toContainText(numbers[0]!);
  await expect(receipt.getByRole('table', { name: 'Applied to' })).toContainText(numbers[1]!);
  await expect(receipt).toContainText('Received by Casey Morgan');
  const receiptNumber = await page.getByTestId('receipt-number').textContent();
  await page.getByRole('button', { name: 'Done' }).click();

  // The ledger shows the payment and the balance dropped by the amount.
  await expect(page.getByTestId('account-balance')).toHaveText('$200.00');
  const ledger = page.getByRole('grid', { name: 'Account ledger' });
  const row = ledger.getByRole('row').filter({ hasText: receiptNumber! });
  await expect(row).toContainText('Payment');
  await expect(row).toContainText('$200.50');
  await expect(row).toContainText('$200.00');
  await page.getByRole('tab', { name: /Open items/ }).click();
  await expect(page.getByRole('grid', { name: 'Open items' }).getByRole('row').filter({ hasText: 'INV-' })).toHaveCount(1);

  // The aging summary: the two paid invoices left their buckets; only the newest remains.
  const after = await agingRow();
  expect(after?.totalCents).toBe(20_000);
  expect(before!.totalCents - after!.totalCents).toBe(20_050);
  expect(after!.buckets.reduce((s, x) => s + x, 0)).toBe(20_000);
  expect(after!.buckets[0]).toBe(20_000); // due in 10 days: current

  // Clicking the payment opens it with its allocations and audit trail.
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await row.click();
  const drawer = page.getByTestId('document-drawer');
  await expect(drawer.getByRole('table', { name: 'Allocations' })).toContainText(numbers[0]!);
  await expect(drawer).toContainText('Payment posted');
});

test('a payment within 2/10 Net 30 takes the early-payment discount; the receipt and the ledger show it', async ({ app, page }) => {
  const today = await officeWithStaff(app.backend);
  const acct = await must(app.backend, SEED, 'accounts.create', { accountNumber: 'C-7100', name: 'Harbor Orthopedics', kind: 'commercial' });
  const draft = await must(app.backend, SEED, 'invoices.createDraft', {
    accountId: acct.id,
    invoiceDate: addDays(today, -4),
    terms: '2/10 Net 30',
    lines: [{ itemCode: '20610', description: 'Joint injection', quantityMilli: 1000, unitPriceCents: 125_000 }],
  });
  const inv = await must(app.backend, SEED, 'invoices.post', { invoiceId: draft.id });
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}`);
  await expect(page.getByTestId('account-balance')).toHaveText('$1,250.00');

  await page.getByRole('button', { name: 'Post payment' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount received').fill('1,225.00');
  await dialog.getByLabel('Check number').fill('5521');
  const take = dialog.getByRole('checkbox', { name: `Take the early-payment discount on ${inv.number}` });
  await expect(dialog.getByTestId(`alloc-${inv.number}`)).toContainText(`Take 2% discount, $25.00 (until`);
  // Without the discount the payment leaves $25.00 open; with it the invoice is paid in full.
  await expect(dialog.getByRole('textbox', { name: `Apply to ${inv.number}` })).toHaveValue('1225.00');
  await take.check();
  await expect(dialog.getByTestId(`alloc-${inv.number}`)).toContainText('after $25.00 off');
  await expect(dialog.getByTestId(`alloc-${inv.number}`)).toContainText('$1,225.00');
  await expect(dialog.getByTestId('alloc-unapplied')).toHaveText('$0.00');
  await dialog.getByRole('button', { name: 'Post payment of $1,225.00' }).click();

  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-discount')).toContainText(`Early-payment discount on ${inv.number}`);
  await expect(receipt.getByTestId('receipt-discount')).toContainText('$25.00');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('account-balance')).toHaveText('$0.00');
  const ledger = page.getByRole('grid', { name: 'Account ledger' });
  await expect(ledger.getByRole('row').filter({ hasText: 'Credit note' })).toContainText('$25.00');
});

test('enter and post an invoice with a line discount, an invoice discount and shipping', async ({ app, page }) => {
  const today = await officeWithStaff(app.backend);
  await seedPriceList(app.backend);
  const acct = await must(app.backend, SEED, 'accounts.create', {
    accountNumber: 'C-7100',
    name: 'Lakeview Dental Group',
    kind: 'commercial',
    terms: '2/10 Net 30',
    billingAddress: { state: 'WI' },
  });
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}`);
  await expect(page.getByTestId('account-balance')).toHaveText('$0.00');
  await page.getByRole('button', { name: 'New invoice' }).click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  // 2/10 Net 30 sets the due date and shows the discount date.
  await expect(page.getByTestId('invoice-due-date')).toHaveText(
    new Date(`${addDays(today, 30)}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }),
  );
  await expect(page.getByTestId('invoice-discount-date')).toContainText('2% off if paid by');

  // Line 1 from the price list (CPT 99213, $145.00) less 10%.
  await page.getByRole('combobox', { name: 'Line 1 code' }).fill('99213');
  await page.getByRole('option', { name: /99213/ }).click();
  await expect(page.getByRole('textbox', { name: 'Line 1 unit price' })).toHaveValue('145.00');
  await page.getByRole('textbox', { name: 'Line 1 discount', exact: true }).fill('10');
  // Line 2 typed by hand: a code not in the price list, fractional quantity, taxed 8.25%.
  await page.getByRole('button', { name: 'Add line' }).click();
  await page.getByRole('combobox', { name: 'Line 2 code' }).fill('D1110');
  await page.getByRole('textbox', { name: 'Line 2 description' }).fill('Prophylaxis, adult');
  await page.getByRole('textbox', { name: 'Line 2 quantity' }).fill('1.5');
  await page.getByRole('textbox', { name: 'Line 2 unit price' }).fill('24.00');
  await page.getByRole('textbox', { name: 'Line 2 tax rate' }).fill('8.25');
  // $5.00 off the invoice, $7.50 shipping.
  await page.getByRole('radiogroup', { name: 'Invoice discount kind' }).locator('label', { hasText: '$' }).click();
  await page.getByRole('textbox', { name: 'Invoice discount', exact: true }).fill('5.00');
  await page.getByRole('textbox', { name: 'Shipping' }).fill('7.50');

  // By hand: line 1 14500 - 1450 = 13050; line 2 1.5 x 2400 = 3600; invoice discount 500 spread
  // pro rata 13050:3600 = 391.89 / 108.11 -> 392 / 108 (largest remainder); nets 12658 and 3492;
  // tax 8.25% of 3492 = 288.09 -> 288; total 12658 + 3492 + 288 + 750 = 17188.
  await expect(page.getByTestId('total-subtotal')).toHaveText('$181.00');
  await expect(page.getByTestId('total-line-discounts')).toHaveText('-$14.50');
  await expect(page.getByTestId('total-invoice-discount')).toHaveText('-$5.00');
  await expect(page.getByTestId('total-tax')).toHaveText('$2.88');
  await expect(page.getByTestId('total-shipping')).toHaveText('$7.50');
  await expect(page.getByTestId('total-total')).toHaveText('$171.88');

  await page.getByRole('button', { name: 'Post invoice' }).click();
  await expect(page.getByTestId('invoice-number')).toHaveText(/^INV-\d{6}$/);
  const number = (await page.getByTestId('invoice-number').textContent())!;
  await expect(page.getByTestId('posted-total')).toHaveText('$171.88');
  await expect(page.getByTestId('posted-open')).toHaveText('$171.88');
  await expect(page.getByRole('button', { name: 'Issue credit note' })).toBeVisible();
  // Posted invoices are read-only: no inputs for lines.
  await expect(page.getByRole('combobox', { name: 'Line 1 code' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to account' }).click();
  await expect(page.getByTestId('account-balance')).toHaveText('$171.88');
  const row = page.getByRole('grid', { name: 'Account ledger' }).getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('$171.88');
  // The backend stored the same totals the screen showed.
  const stored = await must(app.backend, SEED, 'ledger.get', { accountId: acct.id });
  expect(stored.totals.balanceCents).toBe(17_188);
});

test('a clerk sees Write-off disabled and main refuses a direct write-off call', async ({ app, page }) => {
  const today = await officeWithStaff(app.backend);
  const { accountId } = await accountWithInvoices(app.backend, today);
  const inv = (await must(app.backend, SEED, 'ledger.get', { accountId })).openItems[0]!;
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await page.getByRole('button', { name: 'More' }).click();
  const writeOff = page.getByRole('menuitem', { name: 'Write-off…', exact: true });
  await expect(writeOff).toBeDisabled();
  await writeOff.hover({ force: true });
  await expect(page.getByRole('tooltip')).toHaveText('Write-offs need a collections supervisor');
  await page.keyboard.press('Escape');

  const refused = await page.evaluate((invoiceId) => window.api.ledger.postWriteOff({ invoiceId, reason: 'Trying anyway' }), inv.documentId);
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await expect(page.getByTestId('account-balance')).toHaveText('$400.50');

  // A supervisor has it enabled.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await page.getByRole('button', { name: 'More' }).click();
  await expect(page.getByRole('menuitem', { name: 'Write-off…', exact: true })).toBeEnabled();
});
