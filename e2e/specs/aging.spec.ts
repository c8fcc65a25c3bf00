/**
 * The aging screen against a real backend: hand-computed buckets as of today and as of a past date,
 * the invoice-date basis, and drill-down from a summary cell to the invoices behind it.
 *
 * Seed (T = the company's business date today; every invoice Net 30, so due = invoice date + 30):
 *   A-1001 Alder Clinic           INV1 T-10 $1,000.00 (due T+20)   INV2 T-45 $250.00 (due T-15)   INV3 T-100 $400.00 (due T-70)
 *   A-1002 Birch Family (consumer)  INV4 T-80 $600.00 (due T-50), paid $200.00 on T-5   INV5 T-200 $90.00 (due T-170)
 *   A-1003 Cedar Street Pharmacy  INV6 T-130 $1,500.00 (due T-100); an unapplied payment of $300.00 on T-3
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/bridge';
import { must } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { companyForSeeding, daysFrom, postInvoice } from '../support/receivables';

const D = '—'; // a zero cell

async function seed(b: Parameters<typeof companyForSeeding>[0]) {
  const { session, today } = await companyForSeeding(b);
  const day = (n: number) => daysFrom(today, n);
  const acct = async (accountNumber: string, name: string, kind: 'consumer' | 'commercial' = 'commercial') =>
    (await must(b, session, 'accounts.create', { accountNumber, name, kind })).id;
  const a1 = await acct('A-1001', 'Alder Clinic');
  const a2 = await acct('A-1002', 'Birch Family', 'consumer');
  const a3 = await acct('A-1003', 'Cedar Street Pharmacy');
  const inv1 = await postInvoice(b, session, a1, 100000, day(-10));
  const inv2 = await postInvoice(b, session, a1, 25000, day(-45));
  const inv3 = await postInvoice(b, session, a1, 40000, day(-100));
  const inv4 = await postInvoice(b, session, a2, 60000, day(-80));
  const inv5 = await postInvoice(b, session, a2, 9000, day(-200));
  const inv6 = await postInvoice(b, session, a3, 150000, day(-130));
  await must(b, session, 'payments.post', {
    accountId: a2,
    date: day(-5),
    method: 'check',
    checkNumber: '4411',
    amountCents: 20000,
    allocation: { mode: 'manual', lines: [{ documentId: inv4.id, amountCents: 20000 }] },
  });
  await must(b, session, 'payments.post', { accountId: a3, date: day(-3), method: 'ach', amountCents: 30000, allocation: { mode: 'none' } });
  return { today, day, ids: { a1, a2, a3 }, inv: { inv1, inv2, inv3, inv4, inv5, inv6 } };
}

const summaryRow = (page: Page, accountNumber: string) => page.getByTestId('aging-summary').getByRole('row').filter({ hasText: accountNumber });
const cells = async (page: Page, accountNumber: string) => (await summaryRow(page, accountNumber).getByRole('gridcell').allTextContents()).map((t) => t.trim());
const totals = async (page: Page) =>
  (await page.getByTestId('aging-summary').getByRole('row', { name: 'Totals' }).getByRole('gridcell').allTextContents()).map((t) => t.trim());

async function expectSummary(page: Page, expected: Record<string, string[]>, expectedTotals: string[]) {
  for (const [acct, values] of Object.entries(expected)) await expect.poll(() => cells(page, acct)).toEqual(values);
  await expect.poll(() => totals(page)).toEqual(expectedTotals);
}

test('aging summary: buckets, totals, past as-of date, basis, filters and drill-down', async ({ app, page }) => {
  const { day, inv } = await seed(app.backend);
  await app.open(page);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).click();
  await expect(page.getByRole('heading', { name: 'Aging' })).toBeVisible();

  // The bucket columns come with the first answer: wait for them rather than read the header once.
  await expect(page.getByTestId('aging-summary').getByRole('columnheader')).toHaveText([
    'Account',
    'Name',
    'Current',
    '1-30',
    '31-60',
    '61-90',
    '91-120',
    'Over 120',
    'Unapplied',
    'Total',
  ]);

  // As of today, due-date basis (the default).
  await expectSummary(
    page,
    {
      'A-1001': ['A-1001', 'Alder Clinic', '$1,000.00', '$250.00', D, '$400.00', D, D, D, '$1,650.00'],
      'A-1002': ['A-1002', 'Birch Family', D, D, '$400.00', D, D, '$90.00', D, '$490.00'],
      'A-1003': ['A-1003', 'Cedar Street Pharmacy', D, D, D, D, '$1,500.00', D, '-$300.00', '$1,200.00'],
    },
    ['Total', '3 accounts', '$1,000.00', '$250.00', '$400.00', '$400.00', '$1,500.00', '$90.00', '-$300.00', '$3,340.00'],
  );
  await expect(page.getByTestId('aging-total')).toHaveText('$3,340.00');
  await expect(page.getByTestId('aging-past-due')).toHaveText('$2,640.00');

  // Drill-down: the invoices behind A-1002's 31-60 cell (the partly paid invoice, open $400 of $600).
  await summaryRow(page, 'A-1002')
    .getByRole('button', { name: /^31-60: \$400\.00/ })
    .click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Birch Family');
  const drillRows = drawer.getByRole('table', { name: 'Invoices in the bucket' }).locator('tbody tr');
  await expect(drillRows).toHaveCount(1);
  await expect(drillRows.first()).toContainText(inv.inv4.number!);
  expect((await drillRows.first().locator('td').allTextContents()).slice(3)).toEqual(['50', '$600.00', '$400.00']);
  await expect(drawer.getByRole('button', { name: 'Open account' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // A-1001's 1-30 cell holds exactly INV2.
  await summaryRow(page, 'A-1001')
    .getByRole('button', { name: /^1-30:/ })
    .click();
  await expect(drillRows).toHaveCount(1);
  await expect(drillRows.first()).toContainText(inv.inv2.number!);
  await expect(drawer.getByTestId('drill-open-total')).toHaveText('$250.00');
  await page.keyboard.press('Escape');
  // Zero cells are not buttons.
  await expect(summaryRow(page, 'A-1001').getByRole('button', { name: /^31-60:/ })).toHaveCount(0);

  // As of T-20: INV1 (dated T-10) does not exist yet, the $200 payment (T-5) and the unapplied $300 (T-3) do not count.
  await page.getByTestId('aging-as-of').fill(day(-20));
  await page.getByTestId('aging-as-of').press('Enter');
  await expectSummary(
    page,
    {
      'A-1001': ['A-1001', 'Alder Clinic', '$250.00', D, '$400.00', D, D, D, D, '$650.00'],
      'A-1002': ['A-1002', 'Birch Family', D, '$600.00', D, D, D, '$90.00', D, '$690.00'],
      'A-1003': ['A-1003', 'Cedar Street Pharmacy', D, D, D, '$1,500.00', D, D, D, '$1,500.00'],
    },
    ['Total', '3 accounts', '$250.00', '$600.00', '$400.00', '$1,500.00', '$0.00', '$90.00', '$0.00', '$2,840.00'],
  );
  // The drill follows the as-of date: A-1002's 1-30 cell is INV4 with all $600 open.
  await summaryRow(page, 'A-1002')
    .getByRole('button', { name: /^1-30: \$600\.00/ })
    .click();
  await expect(drillRows).toHaveCount(1);
  expect((await drillRows.first().locator('td').allTextContents()).slice(3)).toEqual(['30', '$600.00', '$600.00']);
  await page.keyboard.press('Escape');

  // Back to today, then the invoice-date basis.
  await page.getByTestId('aging-as-of').fill(day(0));
  await page.getByTestId('aging-as-of').press('Enter');
  await expect.poll(() => cells(page, 'A-1001')).toEqual(['A-1001', 'Alder Clinic', '$1,000.00', '$250.00', D, '$400.00', D, D, D, '$1,650.00']);
  await page.getByRole('radiogroup', { name: 'Age by' }).getByText('Invoice date').click();
  await expectSummary(
    page,
    {
      'A-1001': ['A-1001', 'Alder Clinic', D, '$1,000.00', '$250.00', D, '$400.00', D, D, '$1,650.00'],
      'A-1002': ['A-1002', 'Birch Family', D, D, D, '$400.00', D, '$90.00', D, '$490.00'],
      'A-1003': ['A-1003', 'Cedar Street Pharmacy', D, D, D, D, D, '$1,500.00', '-$300.00', '$1,200.00'],
    },
    ['Total', '3 accounts', '$0.00', '$1,000.00', '$250.00', '$400.00', '$400.00', '$1,590.00', '-$300.00', '$3,340.00'],
  );
  // Drill on the invoice basis: A-1003's Over 120 is INV6, 130 days old.
  await summaryRow(page, 'A-1003')
    .getByRole('button', { name: /^Over 120:/ })
    .click();
  await expect(drillRows).toHaveCount(1);
  await expect(drillRows.first()).toContainText(inv.inv6.number!);
  expect((await drillRows.first().locator('td').allTextContents()).slice(3)).toEqual(['130', '$1,500.00', '$1,500.00']);
  await page.keyboard.press('Escape');
  await page.getByRole('radiogroup', { name: 'Age by' }).getByText('Due date').click();

  // Filters: text, minimum total, past due only; totals follow the rows shown.
  await page.getByLabel('Find').fill('birch');
  await expect.poll(() => totals(page)).toEqual(['Total', '1 account', '$0.00', '$0.00', '$400.00', '$0.00', '$0.00', '$90.00', '$0.00', '$490.00']);
  await page.getByLabel('Find').fill('');
  await page.getByLabel('Total at least').fill('1,000');
  await expect(page.getByTestId('aging-summary').getByRole('row')).toHaveCount(4); // header, A-1001, A-1003, totals
  await expect(summaryRow(page, 'A-1002')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(summaryRow(page, 'A-1002')).toHaveCount(1);
  // Consumer accounts only, then commercial only.
  await page.getByTestId('aging-account-kind').click();
  await page.getByRole('option', { name: 'Consumer' }).click();
  await expect.poll(() => totals(page)).toEqual(['Total', '1 account', '$0.00', '$0.00', '$400.00', '$0.00', '$0.00', '$90.00', '$0.00', '$490.00']);
  await page.getByTestId('aging-account-kind').click();
  await page.getByRole('option', { name: 'Commercial' }).click();
  await expect(summaryRow(page, 'A-1002')).toHaveCount(0);
  await expect(summaryRow(page, 'A-1001')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(summaryRow(page, 'A-1002')).toHaveCount(1);

  // Sort by total, largest first.
  await page.getByTestId('aging-summary').getByRole('columnheader', { name: 'Total' }).getByRole('button').click();
  const firstColumn = async () =>
    (await page.getByTestId('aging-summary').locator('[role=row][aria-rowindex] [role=gridcell]:first-child').allTextContents()).map((t) => t.trim());
  await expect.poll(firstColumn).toEqual(['A-1001', 'A-1003', 'A-1002']);
});

test('aging detail: one row per open invoice', async ({ app, page }) => {
  const { day, inv } = await seed(app.backend);
  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/aging?view=detail`);
  const grid = page.getByTestId('aging-detail');
  await expect(grid.getByRole('row', { name: 'Totals' })).toBeVisible();
  await expect(grid.locator('[role=row][aria-rowindex]')).toHaveCount(6);
  const row4 = grid.getByRole('row').filter({ hasText: inv.inv4.number! });
  expect((await row4.getByRole('gridcell').allTextContents()).map((t) => t.trim())).toEqual([
    'A-1002',
    'Birch Family',
    inv.inv4.number!,
    fmt(day(-80)),
    fmt(day(-50)),
    '50',
    '31-60',
    '$600.00',
    '$400.00',
  ]);
  const tot = (await grid.getByRole('row', { name: 'Totals' }).getByRole('gridcell').allTextContents()).map((t) => t.trim());
  expect(tot).toEqual(['Total', '6 invoices', '', '', '', '', '', '$3,840.00', '$3,640.00']); // original, open (invoices only; no credit)
  // Not-yet-due invoice reads "in 20".
  await expect(grid.getByRole('row').filter({ hasText: inv.inv1.number! })).toContainText('in 20');
  await page.getByRole('checkbox', { name: 'Past due only' }).check();
  await expect(grid.locator('[role=row][aria-rowindex]')).toHaveCount(5);
});

function fmt(iso: string) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

test('aging summary with 50,000 accounts: DOM rows stay bounded while sorting, filtering and scrolling', async ({ app, page }) => {
  await companyForSeeding(app.backend);
  await app.open(page);
  await signIn(page);
  // The renderer alone: aging.summary answers 50,000 synthetic rows (the backend's speed is the bench's job).
  await page.evaluate(() => {
    const labels = ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120'];
    const rows = Array.from({ length: 50_000 }, (_, i) => {
      const buckets = labels.map((_, b) => ((i * 7919 + b * 104729) % 5 === 0 ? ((i * 31 + b * 17) % 90_000) + 100 : 0));
      const unappliedCents = i % 97 === 0 ? 2_500 : 0;
      const total = buckets.reduce((s, x) => s + x, 0) - unappliedCents;
      return {
        accountId: i + 1,
        accountNumber: `P${String(100000 + i)}`,
        accountName: `Patient ${String(i).padStart(5, '0')}`,
        buckets,
        unappliedCents,
        totalCents: total,
      };
    });
    const totals = {
      buckets: labels.map((_, b) => rows.reduce((s, r) => s + r.buckets[b]!, 0)),
      unappliedCents: rows.reduce((s, r) => s + r.unappliedCents, 0),
      totalCents: rows.reduce((s, r) => s + r.totalCents, 0),
    };
    (window.api.aging as Record<string, unknown>).summary = async () => ({
      ok: true,
      value: { asOf: '2026-03-31', basis: 'due', bucketLabels: labels, rows, rowCount: rows.length, totals },
    });
  });
  await page.goto(`${app.url}#/aging?asOf=2026-03-31`);
  const grid = page.getByTestId('aging-summary');
  await expect(grid.getByRole('row', { name: 'Totals' })).toContainText('50,000 accounts');
  const domRows = () => grid.locator('[role=row][aria-rowindex]').count();
  expect(await domRows()).toBeLessThan(60);

  let t = Date.now();
  await grid.getByRole('columnheader', { name: 'Total' }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'descending');
  console.log(`sort 50,000 rows: ${Date.now() - t} ms`);
  expect(await domRows()).toBeLessThan(60);

  await grid.getByRole('grid').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[role=row][aria-rowindex="50001"]')).toBeVisible();
  expect(await domRows()).toBeLessThan(60);

  t = Date.now();
  await page.getByLabel('Find').fill('Patient 4999');
  await expect(grid.getByRole('row', { name: 'Totals' })).toContainText('10 accounts'); // Patient 49990 to 49999
  console.log(`filter 50,000 rows: ${Date.now() - t} ms`);
});
