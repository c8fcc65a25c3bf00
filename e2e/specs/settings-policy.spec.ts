/** Settings tabs for aging, invoicing and the price list, against a real backend. */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

test('aging buckets: due today counted past due, fewer buckets; the aging report follows', async ({ app, page }) => {
  const { session, today } = await companyForSeeding(app.backend);
  const a = await must(app.backend, session, 'accounts.create', { accountNumber: 'A-1', name: 'Dunmore Family Practice', kind: 'commercial' });
  await postInvoice(app.backend, session, a.id, 12000, daysFrom(today, -30)); // due today
  await postInvoice(app.backend, session, a.id, 5000, daysFrom(today, -130)); // 100 days past due
  await app.open(page);
  await signIn(page);

  await page.goto(`${app.url}#/aging`);
  const row = page.getByTestId('aging-summary').getByRole('row').filter({ hasText: 'A-1' });
  await expect
    .poll(async () => (await row.getByRole('gridcell').allTextContents()).map((t) => t.trim()))
    .toEqual(['A-1', 'Dunmore Family Practice', '$120.00', '—', '—', '—', '$50.00', '—', '—', '$170.00']);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Aging' }).click();
  await page.getByText('Due today is past due').click();
  await page.getByRole('button', { name: 'Remove bucket 4' }).click();
  await expect(page.getByTestId('aging-bucket-preview')).toHaveText(/Current0-3031-6061-90Over 90/);
  await page.getByRole('button', { name: 'Save aging settings' }).click();
  await expect(page.getByText('Aging settings saved')).toBeVisible();
  expect(await must(app.backend, session, 'aging.getSettings', undefined)).toEqual({
    currentThroughDays: -1,
    edges: [30, 60, 90],
    defaultBasis: 'due',
    creditPresentation: 'column',
    creditAgingDate: 'document',
    prepaymentsApart: false,
  });

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).click();
  const header = page.getByTestId('aging-summary').getByRole('columnheader');
  await expect
    .poll(async () => (await header.allTextContents()).map((t) => t.trim()))
    .toEqual(['Account', 'Name', 'Current', '0-30', '31-60', '61-90', 'Over 90', 'Unapplied', 'Total']);
  await expect
    .poll(async () => (await row.getByRole('gridcell').allTextContents()).map((t) => t.trim()))
    .toEqual(['A-1', 'Dunmore Family Practice', '—', '$120.00', '—', '—', '$50.00', '—', '$170.00']);
});

test('price list and invoicing defaults; a clerk can read but not change them', async ({ app, page }) => {
  const { session } = await companyForSeeding(app.backend);
  await must(app.backend, session, 'users.create', { username: 'casey', displayName: 'Casey Morgan', role: 'clerk', password: 'clerk-pass-1' });
  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/settings?tab=prices`);
  await expect(page.getByText('The price list is empty')).toBeVisible();
  await page.getByRole('button', { name: 'Add item' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a price list item' });
  await dialog.getByRole('combobox', { name: 'Code system' }).click();
  await page.getByRole('option', { name: 'CPT (procedure code)' }).click();
  await dialog.getByLabel('Code', { exact: true }).fill('9921');
  await dialog.getByLabel('Description').fill('Office visit, established patient, 20-29 minutes');
  await dialog.getByLabel('Default price').fill('12.5.0');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog.getByText('A CPT code is 5 characters')).toBeVisible();
  await expect(dialog.getByText('Enter a price such as 125.00')).toBeVisible();
  await dialog.getByLabel('Code', { exact: true }).fill('99213');
  await dialog.getByLabel('Default price').fill('125.00');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog).toBeHidden();
  const itemRow = page.getByTestId('price-list').getByRole('row').filter({ hasText: '99213' });
  await expect(itemRow).toContainText('CPT');
  await expect(itemRow).toContainText('$125.00');
  const items = await must(app.backend, session, 'items.list', { includeInactive: true });
  expect(items).toMatchObject([{ code: '99213', codeSystem: 'cpt', unitPriceCents: 12500, taxRateBp: 0, active: true }]);

  await page.getByRole('tab', { name: 'Invoicing' }).click();
  await expect(page.getByRole('combobox', { name: 'Default payment terms' })).toHaveValue('Net 30');
  await page.getByRole('combobox', { name: 'Default payment terms' }).fill('net 15');
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Default payment terms' }).blur();
  await expect(page.getByRole('combobox', { name: 'Default payment terms' })).toHaveValue('Net 15');
  await page.getByLabel('Charge tax on shipping').check();
  await page.getByLabel('Shipping tax rate').fill('6.25');
  await page.getByRole('button', { name: 'Save invoicing settings' }).click();
  await expect(page.getByText('Invoicing settings saved')).toBeVisible();
  expect(await must(app.backend, session, 'invoices.getSettings', undefined)).toEqual({ defaultTerms: 'Net 15', shippingTaxRateBp: 625 });

  // The clerk sees the settings, read-only.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'casey', 'clerk-pass-1');
  await page.goto(`${app.url}#/settings?tab=aging`);
  await expect(page.getByText('Only a collections supervisor or an administrator can change the aging buckets.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save aging settings' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Price list' }).click();
  await expect(page.getByTestId('price-list').getByRole('row').filter({ hasText: '99213' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add item' })).toHaveCount(0);
});
