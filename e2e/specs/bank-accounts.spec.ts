/** Bank accounts (issue 15, item 1): added and checked, listed masked, revealed by a supervisor only (audited), named by a check payment. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { officeWithStaff, SEED } from '../fixtures/receivablesData';

test.use({ viewport: { width: 1280, height: 800 } });

test('a clerk adds a US bank account and sees it masked; a supervisor reveals it; a check payment names it', async ({ app, page }, testInfo) => {
  const b = app.backend;
  await officeWithStaff(b);
  const acct = await must(b, SEED, 'accounts.create', { accountNumber: 'C-8101', name: 'Lakeview Dental Group', kind: 'commercial' });

  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}?tab=bank`);
  await page.getByRole('button', { name: 'Add bank account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add bank account' });
  await expect(dialog.getByRole('textbox', { name: 'Holder name' })).toHaveValue('Lakeview Dental Group');
  await expect(dialog).toContainText('only means the number is well formed');
  // One digit wrong: refused with the reason.
  await dialog.getByRole('textbox', { name: 'Routing number' }).fill('021000022');
  await dialog.getByRole('textbox', { name: 'Account number' }).fill('000123456789');
  await dialog.getByRole('button', { name: 'Add bank account' }).click();
  await expect(dialog.getByText('Routing number: the routing number fails its check digit')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Routing number' }).fill('021000021');
  await page.screenshot({ path: testInfo.outputPath('bank-account-add-1280.png') });
  await dialog.getByRole('button', { name: 'Add bank account' }).click();
  await expect(dialog).toBeHidden();
  const grid = page.getByTestId('bank-accounts-grid');
  await expect(grid).toContainText('••••6789');
  await expect(grid).toContainText('Active');
  await expect(grid).not.toContainText('000123456789');
  // A clerk has no Reveal, and the backend refuses one.
  await expect(grid.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
  const [bank] = await must(b, SEED, 'bankAccounts.list', { accountId: acct.id });

  // A check payment names the bank account.
  await page
    .getByRole('button', { name: /Post payment/ })
    .first()
    .click();
  const pay = page.getByRole('dialog', { name: /payment/i });
  await pay.getByRole('textbox', { name: 'Amount received' }).fill('120.00');
  await pay.getByRole('textbox', { name: 'Check number' }).fill('5512');
  await pay.getByRole('combobox', { name: 'From bank account' }).click();
  await page.getByRole('option', { name: 'Checking ••••6789 (Lakeview Dental Group)' }).click();
  await page.screenshot({ path: testInfo.outputPath('bank-account-payment-1280.png') });
  await pay.getByRole('button', { name: /^Post payment of/ }).click();
  // Nothing is owed yet: the dialog asks before leaving it all as unapplied credit.
  await page.getByRole('button', { name: 'Post anyway' }).click();
  await expect.poll(async () => (await must(b, SEED, 'ledger.get', { accountId: acct.id })).entries.filter((e) => e.kind === 'payment').length).toBe(1);
  const payment = (await must(b, SEED, 'ledger.get', { accountId: acct.id })).entries.find((e) => e.kind === 'payment')!;
  const stored = b.ctx.store.sqlite.prepare('SELECT bank_account_id FROM document WHERE id = ?').get(payment.documentId) as { bank_account_id: number };
  expect(stored.bank_account_id).toBe(bank!.id);

  // The supervisor reveals the number; the reveal is in the audit log.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/accounts/${acct.id}?tab=bank`);
  await page.getByTestId('bank-accounts-grid').getByRole('button', { name: 'Reveal' }).click();
  await expect(page.getByTestId(`revealed-${bank!.id}`)).toHaveText('000123456789');
  await page.screenshot({ path: testInfo.outputPath('bank-account-revealed-1280.png') });
  const audit = await b.services.audit.list({ limit: 50 });
  expect(audit.filter((r) => r.action === 'bankAccount.reveal').map((r) => r.username)).toEqual(['sam']);

  // Marked unusable with the reason: listed so, and no longer offered for payments.
  await page.getByTestId('bank-accounts-grid').getByRole('button', { name: 'Mark unusable…' }).click();
  const mark = page.getByRole('dialog', { name: 'Mark bank account unusable' });
  await mark.getByRole('textbox', { name: 'Reason' }).fill('Customer closed the account');
  await mark.getByRole('button', { name: 'Mark unusable' }).click();
  await expect(mark).toBeHidden();
  await expect(page.getByTestId('bank-accounts-grid')).toContainText('Unusable');
  await expect(page.getByTestId('bank-accounts-grid')).toContainText('Customer closed the account');
  await page.screenshot({ path: testInfo.outputPath('bank-account-unusable-1280.png') });
  expect(await must(b, SEED, 'bankAccounts.list', { accountId: acct.id, activeOnly: true })).toEqual([]);
});
