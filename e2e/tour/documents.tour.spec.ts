/**
 * Tour screenshots of documents (docs/documents.md): a posted invoice with its actions, the print
 * dialog, the account's Documents tab and Settings › Documents; and page 1 of an invoice, a receipt and
 * the calibration page as the customer and the office see them (PDFs saved through the bridge, then
 * pdftoppm), to be opened and judged like the screenshots.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { requireCupsQueue } from '../../test/kit/cups';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { documentsOffice } from '../fixtures/documentsData';
import { priceList, SEED } from '../fixtures/receivablesData';
import { screenshots, shotPath } from './shot';

const shot = async (page: Page, name: string, height = 860) => {
  // Toasts from earlier steps would cover the header. A toast still sliding in can miss its click
  // (seen once in CI), so close and check again until none is left.
  await expect(async () => {
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await page.mouse.move(0, 0);
  if (height !== 860) await page.setViewportSize({ width: 1360, height });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await screenshots(page, name);
  if (height !== 860) await page.setViewportSize({ width: 1360, height: 860 });
};

/** Page 1 of a saved PDF as a PNG at 100 dpi, named like the tour's screenshots. */
const pagePng = (pdf: string, name: string) =>
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, shotPath(name).replace(/\.png$/, '')]);

const line = (code: string, qty = 1, icd10: string[] = []) => {
  const it = priceList.find((p) => p.code === code)!;
  return {
    itemCode: it.code,
    description: it.description,
    quantityMilli: qty * 1000,
    unitPriceCents: it.unitPriceCents,
    taxRateBp: 'taxRateBp' in it ? it.taxRateBp : 0,
    icd10Codes: icd10,
  };
};

test('tour: documents on screen and on paper', async ({ app, page }) => {
  test.setTimeout(240_000);
  requireCupsQueue();
  const { today, ids } = await documentsOffice(app.backend);
  const accountId = ids.get('C-2004')!;
  // Last month's service for the practice, shipped statements to its second site.
  const draft = await must(app.backend, SEED, 'invoices.createDraft', {
    accountId,
    invoiceDate: addDays(today, -3),
    poNumber: 'LFP-2291',
    memo: 'Claims billed in October. Questions about this invoice? Call (312) 555-0100, Monday to Friday, 8 to 5.',
    shippingCents: 1_495,
    shipTo: { line1: '2750 S Kinnickinnic Ave', line2: 'Attn: Front desk', city: 'Milwaukee', state: 'WI', postalCode: '53207', country: 'US' },
    lines: [line('BILL-SVC', 64), line('STMT-PRT', 212), line('SUPPLY-GL', 6)],
  });
  const posted = await must(app.backend, SEED, 'invoices.post', { invoiceId: draft.id });
  const payment = await must(app.backend, SEED, 'payments.post', {
    accountId,
    date: today,
    method: 'check',
    checkNumber: '20417',
    amountCents: 50_000,
    reference: 'Lockbox batch 0612',
  });

  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/accounts/${accountId}/invoices/${posted.id}`);
  await expect(page.getByTestId('invoice-number')).toHaveText(posted.number!);
  await expect(page.getByTestId('posted-ship-to')).toBeVisible();
  await shot(page, '50-invoice-actions');

  // Saved as PDF, as the customer receives it.
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  await expect.poll(() => app.savedFiles.length).toBe(1);
  pagePng(app.savedFiles[0]!, '55-invoice-page1');

  // Ctrl+P: the print dialog, the office's printer chosen.
  await page.keyboard.press('Control+p');
  const dialog = page.getByRole('dialog', { name: /^Print invoice/ });
  await dialog.getByRole('combobox', { name: 'Printer' }).click();
  await page.getByRole('option', { name: /Ledgerdesk.*Ready/ }).click();
  await shot(page, '51-print-dialog');
  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.getByText('Printed 1 document')).toBeVisible();

  // The receipt, from its screen.
  await page.goto(`${app.url}#/accounts/${accountId}`);
  await page.getByRole('grid', { name: 'Account ledger' }).getByRole('row').filter({ hasText: payment.number }).click();
  // Not in the README tour: the ledger's document drawer with its actions, for review.
  await expect(page.getByTestId('document-drawer').getByRole('button', { name: 'Save as PDF' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('ledger-drawer.png') });
  await page.getByTestId('document-drawer').getByRole('button', { name: 'View receipt' }).click();
  const receipt = page.getByRole('dialog', { name: 'Receipt' });
  await receipt.getByRole('button', { name: 'Save as PDF' }).click();
  await expect.poll(() => app.savedFiles.length).toBe(2);
  pagePng(app.savedFiles[1]!, '56-receipt-page1');
  await page.keyboard.press('Escape');
  await expect(receipt).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('document-drawer')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByRole('table', { name: 'Documents that left' }).getByRole('row')).toHaveCount(4);
  await shot(page, '52-account-documents');

  await page.goto(`${app.url}#/settings?tab=documents`);
  await expect(page.getByRole('heading', { name: 'Letterhead' })).toBeVisible();
  await expect(page.getByTestId('logo-preview')).toBeVisible();
  await shot(page, '53-documents-settings', 2300);
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  await expect.poll(() => app.savedFiles.length).toBe(3);
  pagePng(app.savedFiles[2]!, '57-calibration-page');
});
