/** Tour screenshots of the clerk's daily screens: accounts, ledger, invoice entry, payment posting, receipt. */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { screenshots } from './shot';
import { signIn } from '../../test/kit/page';
import { seedOffice } from '../fixtures/receivablesData';

const shot = async (page: Page, name: string, fullPage = false) => {
  // Toasts from earlier steps would cover the header.
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  if (fullPage) await page.setViewportSize({ width: 1360, height: 1000 });
  await screenshots(page, name);
  if (fullPage) await page.setViewportSize({ width: 1360, height: 860 });
};

test('tour: accounts, ledger, invoice entry, payment posting, receipt', async ({ app, page }) => {
  test.setTimeout(120_000);
  await seedOffice(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');

  await page.goto(`${app.url}#/accounts`);
  await expect(page.getByTestId('accounts-count')).toContainText('18 accounts');
  await expect(page.getByRole('grid', { name: 'Accounts' }).getByText('Lakeshore Family Practice')).toBeVisible();
  await shot(page, '10-accounts-list');

  // Find the account by typing part of its name; Enter opens the first hit.
  await page.getByRole('combobox', { name: 'Search accounts' }).fill('lakesh');
  await expect(page.getByTestId('account-hit-C-2004')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-name')).toHaveText('Lakeshore Family Practice');
  await expect(page.getByRole('grid', { name: 'Account ledger' })).toBeVisible();
  await shot(page, '11-account-ledger');

  await page.getByRole('button', { name: 'Post payment' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount received').fill('1,250.00');
  await dialog.getByLabel('Check number').fill('20417');
  await dialog.getByLabel('Reference').fill('Lockbox batch 0612');
  await expect(dialog.getByTestId('alloc-applied')).toHaveText('$1,250.00');
  await shot(page, '13-payment-posting');
  await dialog.getByRole('button', { name: /Post payment of/ }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await shot(page, '14-receipt');
  await page.getByRole('button', { name: 'Done' }).click();

  // A patient's visit: CPT codes from the price list, ICD-10 codes, a courtesy discount.
  await page.goto(`${app.url}#/accounts`);
  await page.getByRole('combobox', { name: 'Search accounts' }).fill('oyel');
  await page.getByTestId('account-hit-P-10231').click();
  await expect(page.getByTestId('account-name')).toHaveText('Margaret Oyelaran');
  await page.getByRole('button', { name: 'New invoice' }).click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  const line = (n: number, field: string) => page.getByRole(field === 'code' ? 'combobox' : 'textbox', { name: `Line ${n} ${field}`, exact: true });
  await line(1, 'code').fill('9921');
  await page.getByRole('option', { name: /99214/ }).click();
  await page.getByRole('combobox', { name: 'Line 1 ICD-10 codes' }).pressSequentially('E11.9,I10,');
  await page.getByRole('button', { name: 'Add line' }).click();
  await line(2, 'code').fill('3641');
  await page.getByRole('option', { name: /36415/ }).click();
  await page.getByRole('button', { name: 'Add line' }).click();
  await line(3, 'code').fill('8005');
  await page.getByRole('option', { name: /80053/ }).click();
  await page.getByRole('combobox', { name: 'Line 3 ICD-10 codes' }).pressSequentially('E11.9,');
  await line(3, 'discount').fill('15');
  await page.getByRole('button', { name: 'Add line' }).click();
  await line(4, 'code').fill('J1100');
  await page.getByRole('option', { name: /J1100/ }).click();
  await line(4, 'quantity').fill('4');
  await page.getByRole('textbox', { name: 'Invoice discount', exact: true }).fill('5');
  await page.getByLabel('Memo').fill('Thank you for visiting Riverside Family Medicine. Questions about this bill? Call (312) 555-0100.');
  await expect(page.getByTestId('total-total')).not.toHaveText('—');
  await shot(page, '12-invoice-entry', true);
  await page.getByRole('button', { name: 'Post invoice' }).click();
  await expect(page.getByTestId('invoice-number')).toHaveText(/INV-\d+/);

  // "?" anywhere outside a text field: every keyboard shortcut (src-shared/shortcuts.ts).
  await page.goto(`${app.url}#/accounts`);
  await expect(page.getByTestId('accounts-grid')).toBeVisible();
  // The search box takes the cursor on this page; "?" there is typed, so the cursor leaves it first.
  await page.getByRole('heading', { name: 'Accounts', exact: true }).click();
  await page.keyboard.press('Shift+Slash');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await shot(page, '15-shortcuts');
  await page.keyboard.press('Escape');

  // Not in the README tour: the new-account form, for review.
  await page.goto(`${app.url}#/accounts`);
  await page.getByRole('button', { name: 'New account' }).click();
  await page.getByRole('dialog').getByLabel('Account name').fill('Evelyn Strand');
  await page.screenshot({ path: test.info().outputPath('new-account.png') });
});
