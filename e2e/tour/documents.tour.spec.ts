/**
 * Tour screenshots of documents (docs/documents.md): a posted invoice with its actions, the print
 * dialog, the account's Documents tab and Settings › Documents; and page 1 of an invoice, a receipt and
 * the calibration page as the customer and the office see them (PDFs saved through the bridge, then
 * pdftoppm), to be opened and judged like the screenshots.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { documentsOffice } from '../fixtures/documentsData';
import { invoice } from '../fixtures/receivablesData';
import { signIn } from '../../test/kit/page';
import { addDays } from '../../src-shared/dates';
import { shotPath } from './shot';

const shot = async (page: Page, name: string, height = 860) => {
  // Toasts from earlier steps would cover the header.
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  await page.mouse.move(0, 0);
  if (height !== 860) await page.setViewportSize({ width: 1360, height });
  await page.screenshot({ path: shotPath(name) });
  if (height !== 860) await page.setViewportSize({ width: 1360, height: 860 });
};

test('tour: documents on screen', async ({ app, page }) => {
  test.setTimeout(120_000);
  const { today, ids } = await documentsOffice(app.backend);
  const accountId = ids.get('C-2004')!;
  const posted = await invoice(
    app.backend,
    accountId,
    addDays(today, -3),
    [
      { code: 'BILL-SVC', qty: 64 },
      { code: 'STMT-PRT', qty: 212 },
    ],
    {
      shippingCents: 1_495,
    },
  );
  await app.open(page);
  await signIn(page);

  await page.goto(`${app.url}#/accounts/${accountId}/invoices/${posted.id}`);
  await expect(page.getByTestId('invoice-number')).toHaveText(posted.number!);
  await expect(page.getByRole('button', { name: 'Save as PDF' })).toBeVisible();
  await shot(page, '50-invoice-actions');

  await page.keyboard.press('Control+p');
  await expect(page.getByRole('dialog')).toContainText('Print invoice');
  await shot(page, '51-print-dialog');
  await page.keyboard.press('Escape');

  await page.goto(`${app.url}#/settings?tab=documents`);
  await expect(page.getByRole('heading', { name: 'Letterhead' })).toBeVisible();
  await expect(page.getByTestId('logo-preview')).toBeVisible();
  await shot(page, '53-documents-settings', 2300);
});
