/**
 * Tour screenshots of statement runs (docs/documents.md, Statement runs): Letters › Statements with
 * the accounts a run covers and one statement previewed, then page 1 of an open-item and of a
 * balance-forward statement as the customer receives them (the run saved as one PDF through the bridge,
 * then pdftoppm), to be opened and judged like the screenshots.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { addDays } from '../../src-shared/dates';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { documentsOffice } from '../fixtures/documentsData';
import { invoice, SEED } from '../fixtures/receivablesData';
import { screenshots, shotPath } from './shot';

const shot = async (page: Page, name: string, height = 860) => {
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

/** Page `n` of a saved PDF as a PNG at 100 dpi, named like the tour's screenshots. */
const pagePng = (pdf: string, name: string, n = 1) =>
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', String(n), '-l', String(n), '-singlefile', pdf, shotPath(name).replace(/\.png$/, '')]);

test('tour: a statement run and the statements it sends', async ({ app, page }) => {
  test.setTimeout(240_000);
  const { today, ids } = await documentsOffice(app.backend);
  const practice = ids.get('C-2004')!;
  const pay = (accountId: number, daysAgo: number, amountCents: number, checkNumber: string) =>
    must(app.backend, SEED, 'payments.post', {
      accountId,
      date: addDays(today, -daysAgo),
      method: 'check',
      amountCents,
      checkNumber,
      allocation: { mode: 'auto' },
    });
  // The practice: older claims partly paid, and a busy last month (the balance-forward period).
  await invoice(app.backend, practice, addDays(today, -115), [{ code: 'BILL-SVC', qty: 48 }], { terms: 'Net 30' });
  await invoice(
    app.backend,
    practice,
    addDays(today, -80),
    [
      { code: 'BILL-SVC', qty: 52 },
      { code: 'STMT-PRT', qty: 40 },
    ],
    { terms: 'Net 30' },
  );
  await pay(practice, 70, 20_000, '10482');
  await invoice(app.backend, practice, addDays(today, -50), [{ code: 'BILL-SVC', qty: 61 }], { terms: 'Net 30' });
  await invoice(app.backend, practice, addDays(today, -28), [{ code: 'BILL-SVC', qty: 57 }], { terms: 'Net 30' });
  await pay(practice, 24, 25_000, '10517');
  await invoice(app.backend, practice, addDays(today, -21), [{ code: 'STMT-PRT', qty: 120 }], { terms: 'Net 30' });
  await invoice(app.backend, practice, addDays(today, -14), [{ code: 'BILL-SVC', qty: 44 }], { terms: 'Net 30' });
  await pay(practice, 10, 15_000, '10533');
  await invoice(app.backend, practice, addDays(today, -7), [{ code: 'SUPPLY-GL', qty: 6 }], { terms: 'Net 30' });
  await invoice(app.backend, practice, addDays(today, -3), [{ code: 'BILL-SVC', qty: 39 }], { terms: 'Net 30' });
  // Patients with a visit past due, one of them without an email address.
  for (const [n, days] of [
    ['P-10326', 75],
    ['P-10347', 45],
    ['C-2042', 40],
  ] as const)
    await invoice(app.backend, ids.get(n)!, addDays(today, -days), [{ code: '99213' }, { code: '80053' }], { terms: 'Net 30' });

  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/letters?tab=statements`);
  await page.getByRole('checkbox', { name: 'Past due only' }).check();
  await page.getByRole('button', { name: 'Find accounts' }).click();
  await expect(page.getByRole('table', { name: 'Accounts the run covers' }).getByRole('row')).toHaveCount(5);
  await expect(page.frameLocator('iframe[title="Statement preview for C-2004"]').getByText('C-2004').first()).toBeVisible();
  await shot(page, '70-statement-run', 1250);

  // Saved as one PDF: the practice's statement comes first (account-number order).
  await page.getByRole('button', { name: 'Save one PDF' }).click();
  await expect.poll(() => app.savedFiles.length).toBe(1);
  pagePng(app.savedFiles[0]!, '71-statement-open-item-page1');

  await page.locator('label', { hasText: 'Balance forward' }).first().click();
  await page.getByRole('checkbox', { name: 'Past due only' }).uncheck();
  await page.getByRole('button', { name: 'Find accounts' }).click();
  await expect(page.frameLocator('iframe[title="Statement preview for C-2004"]').getByText('C-2004').first()).toBeVisible();
  await page.getByRole('button', { name: 'Save one PDF' }).click();
  await expect.poll(() => app.savedFiles.length).toBe(2);
  pagePng(app.savedFiles[1]!, '72-statement-balance-forward-page1');
  await expect(page.getByRole('table', { name: 'Saved statement runs' }).getByRole('row')).toHaveCount(3);
});
