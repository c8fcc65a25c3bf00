/**
 * The import screen against a real backend: an explicit column mapping, a malformed row shown with its
 * line, column and reason (and Post off), the fixed file posted all at once, and a re-import posting nothing.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding } from '../support/receivables';

// "Patient Ref" is no alias of account_number: the clerk maps it by hand.
const header = 'Patient Ref,Customer Name,Type,Phone,E-mail,ST';
const good1 = 'P-2001,Maria Gonzalez,patient,(217) 555-0142,maria.gonzalez@example.com,IL';
const bad2 = 'P-2002,"Hughes, Daniel",patient,(217) 555-0199,daniel.hughes at example.com,IL';
const good2 = 'P-2002,"Hughes, Daniel",patient,(217) 555-0199,daniel.hughes@example.com,IL';
const good3 = 'C-3001,Prairie Orthopedics LLC,business,(309) 555-0110,billing@prairieortho.example,IL';
const csv = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

async function choose(page: Page, name: string, body: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  await expect(page.getByTestId('import-file-name')).toHaveText(name);
}
const errorRows = (page: Page) => page.getByTestId('import-errors').locator('[role=row][aria-rowindex]');
const postButton = (page: Page) => page.getByRole('button', { name: /^Post/ });

test('import accounts: mapping, row errors, post, re-import', async ({ app, page }) => {
  await companyForSeeding(app.backend);
  await app.open(page);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Accounts/ })).toHaveAttribute('aria-checked', 'true');

  // A file whose key column is not recognized, with a malformed email on line 3.
  await choose(page, 'patients.csv', csv(header, good1, bad2, good3));
  await expect(page.getByRole('combobox', { name: 'File column for name' })).toHaveValue('Customer Name');
  await expect(page.getByRole('combobox', { name: 'File column for email' })).toHaveValue('E-mail');
  await expect(page.getByRole('combobox', { name: 'File column for account_number' })).toHaveValue('— not in the file —');
  await expect(errorRows(page)).toHaveCount(1);
  await expect(errorRows(page).first()).toContainText('account_number');
  await expect(errorRows(page).first()).toContainText('required column is missing');
  await expect(postButton(page)).toBeDisabled();

  // Map it by hand: now the malformed row is the only problem.
  await page.getByRole('combobox', { name: 'File column for account_number' }).click();
  await page.getByRole('option', { name: 'Patient Ref' }).click();
  await expect(page.getByRole('combobox', { name: 'File column for account_number' })).toHaveValue('Patient Ref');
  await expect(errorRows(page)).toHaveCount(1);
  const cells = errorRows(page).first().getByRole('gridcell');
  await expect(cells.nth(0)).toHaveText('3');
  await expect(cells.nth(1)).toHaveText('E-mail');
  await expect(cells.nth(2)).toContainText(/email/i);
  await expect(page.getByTestId('import-count-rows')).toHaveText('3');
  await expect(page.getByTestId('import-count-errors')).toHaveText('1');
  await expect(page.getByTestId('import-status')).toContainText('1 problem to fix');
  await expect(postButton(page)).toBeDisabled();

  // Fix the file and choose it again: the column mapped by hand stays mapped.
  await choose(page, 'patients.csv', csv(header, good1, good2, good3));
  await expect(page.getByRole('combobox', { name: 'File column for account_number' })).toHaveValue('Patient Ref');
  await expect(page.getByTestId('import-status')).toContainText('Ready to post');
  await expect(page.getByTestId('import-count-to-post')).toHaveText('3');
  await expect(postButton(page)).toBeEnabled();
  await expect(postButton(page)).toHaveText('Post 3 accounts');
  await postButton(page).click();
  await expect(page.getByTestId('import-result')).toContainText('Posted 3 accounts');

  // The accounts exist, with their kind and contact.
  const list = await must(app.backend, 'seed', 'accounts.list', { limit: 50 });
  expect(list.rows.map((r) => [r.accountNumber, r.name, r.kind]).sort()).toEqual([
    ['C-3001', 'Prairie Orthopedics LLC', 'commercial'],
    ['P-2001', 'Maria Gonzalez', 'consumer'],
    ['P-2002', 'Hughes, Daniel', 'consumer'],
  ]);
  expect(list.rows.find((r) => r.accountNumber === 'P-2002')?.primaryEmail).toBe('daniel.hughes@example.com');

  // Re-import the same file: nothing new.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await choose(page, 'patients.csv', csv(header, good1, good2, good3));
  await expect(page.getByRole('combobox', { name: 'File column for account_number' })).toHaveValue('Patient Ref');
  await expect(page.getByTestId('import-status')).toContainText('Nothing new to post');
  await expect(page.getByTestId('import-count-duplicates')).toHaveText('3');
  await expect(page.getByTestId('import-count-to-post')).toHaveText('0');
  await expect(postButton(page)).toBeDisabled();
  expect((await must(app.backend, 'seed', 'accounts.list', { limit: 50 })).total).toBe(3);
});

test('import payments: an unknown account is a row error; the fixed file posts and applies', async ({ app, page }) => {
  const { session, today } = await companyForSeeding(app.backend);
  const acct = await must(app.backend, session, 'accounts.create', { accountNumber: 'P-2001', name: 'Maria Gonzalez', kind: 'consumer' });
  const draft = await must(app.backend, session, 'invoices.createDraft', {
    accountId: acct.id,
    lines: [{ itemCode: '99213', description: 'Office visit', quantityMilli: 1000, unitPriceCents: 12500 }],
  });
  const invoice = await must(app.backend, session, 'invoices.post', { invoiceId: draft.id });
  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/import`);
  await page.getByRole('radio', { name: /Payments/ }).click();
  const head = 'Reference,Acct #,Date Paid,Amount,Check #';
  await choose(page, 'lockbox.csv', csv(head, `LB-1,P-2001,${today},80.00,1041`, `LB-2,P-9999,${today},20.00,1042`));
  await expect(errorRows(page)).toHaveCount(1);
  await expect(errorRows(page).first().getByRole('gridcell').nth(0)).toHaveText('3');
  await expect(errorRows(page).first().getByRole('gridcell').nth(1)).toHaveText('Acct #');
  await expect(postButton(page)).toBeDisabled();
  await choose(page, 'lockbox.csv', csv(head, `LB-1,P-2001,${today},80.00,1041`));
  await expect(page.getByTestId('import-amount')).toHaveText('$80.00');
  await postButton(page).click();
  await expect(page.getByTestId('import-result')).toContainText('Posted 1 payment');
  const after = await must(app.backend, session, 'invoices.get', { invoiceId: invoice.id });
  expect(after.openCents).toBe(4500);
});
