/** A standalone credit note (issue 14, item 2): a clerk credits an account without an invoice, sees it unapplied, applies it. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';
import { addDays } from '../../src-shared/dates';

test.use({ viewport: { width: 1280, height: 800 } });

test('a clerk posts a goodwill credit on an account, sees it unapplied, and applies it to an invoice', async ({ app, page }, testInfo) => {
  const b = app.backend;
  const today = await officeWithStaff(b);
  const acct = await must(b, SEED, 'accounts.create', {
    accountNumber: 'C-5150',
    name: 'Harbor Point Pediatrics',
    kind: 'commercial',
    billingAddress: { line1: '12 Dock Street', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
  });
  const draft = await must(b, SEED, 'invoices.createDraft', {
    accountId: acct.id,
    invoiceDate: addDays(today, -40),
    terms: 'Net 30',
    lines: [{ itemCode: 'BILL-SVC', description: 'Billing service, per claim', quantityMilli: 20_000, unitPriceCents: 650 }],
  });
  const inv = await must(b, SEED, 'invoices.post', { invoiceId: draft.id });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}`);
  await expect(page.getByTestId('account-balance')).toHaveText('$130.00');

  await page.getByRole('button', { name: 'More' }).click();
  await expect(page.getByRole('menuitem', { name: 'Credit note on an invoice…' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('more-menu-1280.png') });
  await page.getByRole('menuitem', { name: 'New credit note…' }).click();
  const dialog = page.getByRole('dialog', { name: /New credit note/ });
  // Keyboard first: the reason has focus; Enter asks before posting, and Enter again posts.
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await page.keyboard.type('Goodwill for the delayed statements');
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('25.00');
  await expect(dialog.getByTestId('credit-note-total')).toContainText('$25.00');
  await expect(dialog.getByTestId('credit-note-total')).toContainText('unapplied credit on the account');
  await page.screenshot({ path: testInfo.outputPath('new-credit-note-1280.png') });
  await dialog.getByRole('textbox', { name: 'Amount' }).press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Post this credit note?' });
  await expect(confirm).toContainText('A credit of $25.00 to Harbor Point Pediatrics, left as unapplied credit');
  await expect(confirm.getByRole('button', { name: 'Post credit note' })).toBeFocused();
  await page.keyboard.press('Enter');

  const posted = page.getByTestId('credit-note-posted');
  await expect(posted.getByTestId('credit-note-number')).toHaveText('CN-000001');
  await expect(posted).toContainText('$25.00 of it is unapplied credit');
  await expect(posted.getByRole('button', { name: 'Save as PDF' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('credit-note-posted-1280.png') });

  // The backend holds it as unapplied credit, nothing applied yet.
  const ledger = await must(b, SEED, 'ledger.get', { accountId: acct.id });
  expect(ledger.unappliedCredits.map((c) => [c.number, c.unappliedCents])).toEqual([['CN-000001', 2_500]]);
  expect(ledger.openItems.map((o) => [o.number, o.openCents])).toEqual([[inv.number, 13_000]]);
  const cn = await must(b, SEED, 'ledger.document', { documentId: ledger.unappliedCredits[0]!.documentId });
  expect(cn).toMatchObject({ reason: 'Goodwill for the delayed statements', relatedDocument: null, postedBy: 'casey' });

  await posted.getByRole('button', { name: 'Apply to invoices' }).click();
  const apply = page.getByRole('dialog', { name: 'Apply unapplied credit' });
  await expect(apply.getByRole('table', { name: 'Credit to apply' })).toContainText(inv.number!);
  await apply.getByRole('button', { name: 'Apply $25.00' }).click();
  await expect(page.getByTestId('account-balance')).toHaveText('$105.00');

  const after = await must(b, SEED, 'ledger.get', { accountId: acct.id });
  expect(after.unappliedCredits).toEqual([]);
  expect(after.openItems.map((o) => [o.number, o.openCents])).toEqual([[inv.number, 10_500]]);
  expect(after.totals.balanceCents).toBe(10_500);
});

test('a credit note by lines for an invoice: taxed lines totalled as posted, applied to the invoice named', async ({ app, page }, testInfo) => {
  const b = app.backend;
  const today = await officeWithStaff(b);
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-5151', name: 'Lakeshore Supply Co', kind: 'commercial' });
  const draft = await must(b, SEED, 'invoices.createDraft', {
    accountId: acct.id,
    invoiceDate: addDays(today, -10),
    lines: [{ itemCode: 'SUPPLY-GL', description: 'Nitrile exam gloves, box of 100', quantityMilli: 10_000, unitPriceCents: 1_299, taxRateBp: 825 }],
  });
  const inv = await must(b, SEED, 'invoices.post', { invoiceId: draft.id });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}`);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'New credit note…' }).click();
  const dialog = page.getByRole('dialog', { name: /New credit note/ });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Two boxes returned unopened');
  await dialog.getByRole('combobox', { name: 'For invoice' }).click();
  await page.getByRole('option', { name: new RegExp(inv.number!) }).click();
  await dialog.getByText('Lines', { exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Line 1 code' }).fill('SUPPLY-GL');
  await dialog.getByRole('textbox', { name: 'Line 1 description' }).fill('Nitrile exam gloves, returned');
  await dialog.getByRole('textbox', { name: 'Line 1 quantity' }).fill('2');
  await dialog.getByRole('textbox', { name: 'Line 1 unit price' }).fill('12.99');
  await dialog.getByRole('textbox', { name: 'Line 1 tax rate' }).fill('8.25');
  // 2 x 12.99 = 25.98 + 8.25% tax 2.14 = 28.12
  await expect(dialog.getByTestId('credit-note-total')).toContainText('$28.12');
  await expect(dialog.getByTestId('credit-note-total')).toContainText(`applied to ${inv.number}`);
  await page.screenshot({ path: testInfo.outputPath('credit-note-lines-1280.png') });
  await dialog.getByRole('button', { name: 'Post credit note' }).click();
  await page.getByRole('dialog', { name: 'Post this credit note?' }).getByRole('button', { name: 'Post credit note' }).click();
  const posted = page.getByTestId('credit-note-posted');
  await expect(posted).toContainText('All of it was applied to the invoice it names.');
  await expect(posted.getByRole('button', { name: 'Apply to invoices' })).toHaveCount(0);

  const ledger = await must(b, SEED, 'ledger.get', { accountId: acct.id });
  expect(ledger.unappliedCredits).toEqual([]);
  expect(ledger.openItems.map((o) => [o.number, o.openCents])).toEqual([[inv.number, inv.totalCents - 2_812]]);
});
