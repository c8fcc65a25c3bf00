/**
 * Aging presentation at 1280x800: a supervisor sets how open credits show in Settings › Aging, the Aging
 * screen's columns follow, and its "Open credits" menu shows another presentation once without saving it.
 *
 * Seed (T = today): A-1 Dunmore Family Practice
 *   INV T-30 $120.00 Net 30 (due today: Current)
 *   INV T-70 $20.00 Net 30 (due T-40), $12.00 paid on T-50, then a credit note of $20.00 on T-45: $8.00 of it
 *     applied, $12.00 left as unapplied credit (45 days old: 31-60)
 *   a payment on account of $25.00 on T-10 (10 days old: 1-30)
 * Balance: $140.00 - $37.00 paid - $20.00 credited = $83.00.
 */
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

test.use({ viewport: { width: 1280, height: 800 } });

test('open credits in a column, aged, prepayments apart: settings, the columns and a one-off view', async ({ app, page }, testInfo) => {
  const { session, today } = await companyForSeeding(app.backend);
  const day = (n: number) => daysFrom(today, n);
  const a = await must(app.backend, session, 'accounts.create', { accountNumber: 'A-1', name: 'Dunmore Family Practice', kind: 'commercial' });
  await postInvoice(app.backend, session, a.id, 12000, day(-30));
  const small = await postInvoice(app.backend, session, a.id, 2000, day(-70));
  await must(app.backend, session, 'payments.post', {
    accountId: a.id,
    date: day(-50),
    method: 'cash',
    amountCents: 1200,
    allocation: { mode: 'manual', lines: [{ documentId: small.id, amountCents: 1200 }] },
  });
  await must(app.backend, session, 'invoices.postCreditNote', { invoiceId: small.id, date: day(-45), reason: 'Returned goods', amountCents: 2000 });
  await must(app.backend, session, 'payments.post', { accountId: a.id, date: day(-10), method: 'cash', amountCents: 2500, allocation: { mode: 'none' } });
  await app.open(page);
  await signIn(page);

  const grid = page.getByTestId('aging-summary');
  const row = grid.getByRole('row').filter({ hasText: 'A-1' });
  const headers = async () => (await grid.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const cells = async () => (await row.getByRole('gridcell').allTextContents()).map((t) => t.trim());
  const buckets = ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120'];

  await page.goto(`${app.url}#/aging`);
  await expect.poll(headers).toEqual(['Account', 'Name', ...buckets, 'Unapplied', 'Total']);
  await expect.poll(cells).toEqual(['A-1', 'Dunmore Family Practice', '$120.00', '—', '—', '—', '—', '—', '-$37.00', '$83.00']);

  // Settings › Aging: credits aged, payments apart; the preview says where each goes.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Aging' }).click();
  const preview = page.getByTestId('aging-credit-preview');
  await expect(preview).toContainText('under Unapplied');
  await page.getByText('Aged in the buckets').click();
  await expect(page.getByText('Age credits by')).toBeVisible();
  await expect(preview).toContainText('45 days ago shows as -$50.00 under 31-60');
  await page.getByRole('switch', { name: 'Keep prepayments apart' }).check();
  await expect(preview).toContainText('as -$100.00 under Prepayments');
  await page.screenshot({ path: testInfo.outputPath('aging-settings-credits-1280.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save aging settings' }).click();
  await expect(page.getByText('Aging settings saved')).toBeVisible();
  expect(await must(app.backend, session, 'aging.getSettings', undefined)).toMatchObject({
    creditPresentation: 'aged',
    creditAgingDate: 'document',
    prepaymentsApart: true,
  });

  // The Aging screen follows: the credit note aged in 31-60, the payment on account apart.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).click();
  await expect.poll(headers).toEqual(['Account', 'Name', ...buckets, 'Prepayments', 'Total']);
  await expect.poll(cells).toEqual(['A-1', 'Dunmore Family Practice', '$120.00', '—', '-$12.00', '—', '—', '—', '-$25.00', '$83.00']);
  await expect(page.getByTestId('aging-prepayments')).toHaveText('-$25.00');
  await page.screenshot({ path: testInfo.outputPath('aging-aged-apart-1280.png') });
  // Every column is on screen at 1280x800, or the grid scrolls sideways to it.
  const fits = await grid.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const scroller = [el, ...el.querySelectorAll('*')].find((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible');
    const last = [...el.querySelectorAll('[role="columnheader"]')].at(-1)!.getBoundingClientRect();
    return { lastInside: last.right <= box.right + 1 && last.right <= window.innerWidth, scrolls: scroller !== undefined };
  });
  expect(fits.lastInside || fits.scrolls).toBe(true);

  // A one-off view in the column presentation: the settings stay as saved.
  await page.getByTestId('aging-credits').click();
  await page.getByRole('option', { name: 'In the Unapplied column', exact: true }).click();
  await expect.poll(headers).toEqual(['Account', 'Name', ...buckets, 'Unapplied', 'Total']);
  await expect.poll(cells).toEqual(['A-1', 'Dunmore Family Practice', '$120.00', '—', '—', '—', '—', '—', '-$37.00', '$83.00']);
  expect(await must(app.backend, session, 'aging.getSettings', undefined)).toMatchObject({ creditPresentation: 'aged', prepaymentsApart: true });

  // Detail by invoice in the aged presentation: the credit note is a row with its negative open amount.
  await page.getByTestId('aging-credits').click();
  await page.getByRole('option', { name: 'Aged by their date', exact: true }).click();
  await page.getByText('Detail by invoice').click();
  const detail = page.getByTestId('aging-detail');
  await expect(detail.getByRole('row').filter({ hasText: '-$12.00' })).toHaveCount(1);
  await expect(detail.getByRole('row').filter({ hasText: '-$25.00' })).toHaveCount(1);
});
