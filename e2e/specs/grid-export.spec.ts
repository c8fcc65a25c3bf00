/**
 * Export what you see (docs/reports.md): on the demo company, the worklist and the aging summary,
 * filtered and sorted, exported to Excel and CSV; the files hold every row of the filtered list in the
 * grid's order (far more than the rows the virtualized grid draws), with amounts as numbers.
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect, test } from '../fixtures/bridge';
import { BASE_INSTANT, syncPageClock } from '../fixtures/collectionsData';
import { movingClock, must } from '../../test/kit';
import { signIn } from '../../test/kit/page';

test.use({ clock: movingClock(BASE_INSTANT), timezoneId: 'America/Chicago' });

const SUP = 'export-sup';
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;

/** The rows the virtualized grid has drawn. */
const drawnRows = (grid: Locator) => grid.locator('[role="row"][aria-rowindex]').count();

async function download(page: Page, grid: string, item: 'Excel workbook (.xlsx)' | 'CSV (.csv)') {
  await page.getByTestId(`export-${grid}`).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

async function sheetRows(bytes: Buffer, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

function csvRows(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

test('worklist and aging export every row of the filtered, sorted grid to Excel and CSV; accounts, ledger, open items and the fee preview export too', async ({
  app,
  page,
}) => {
  test.setTimeout(420_000);
  const b = app.backend;
  await must(b, 'export-admin', 'app.openDemo', undefined);
  await must(b, SUP, 'auth.signIn', { username: 'supervisor', password: 'riverside-supervisor' });
  await must(b, SUP, 'stages.evaluate', {});
  await syncPageClock(page);
  await app.open(page);
  await signIn(page, 'supervisor', 'riverside-supervisor');

  // Worklist, filtered to past due of at least $100: the backend's list in its order (score).
  const min = 10_000;
  const wl = await must(b, SUP, 'worklist.get', { assignee: 'all', minPastDueCents: min, limit: 5000 });
  await page.goto(`${app.url}#/worklist`);
  await page.getByLabel('Past due at least').fill('100.00');
  await expect(page.getByTestId('worklist-count')).toHaveText(wl.total.toLocaleString('en-US'));
  const grid = page.getByTestId('worklist');
  await expect(grid.getByRole('row').filter({ hasText: wl.items[0]!.accountNumber })).toBeVisible();
  const drawn = await drawnRows(grid);
  expect(wl.items.length).toBeGreaterThan(drawn);

  const xlsx = await download(page, 'worklist', 'Excel workbook (.xlsx)');
  expect(xlsx.name).toBe(`Worklist ${wl.asOf}.xlsx`);
  const sheet = await sheetRows(xlsx.bytes, 'Worklist');
  // The caller's columns first (docs/clerks-day.md): number, callable state, promise, last contact.
  expect(sheet[0]).toEqual([
    'Account number',
    'Name',
    'Past due',
    'Oldest (days past due)',
    'Phone',
    'Contact',
    'Callable',
    'Promise due',
    'Promised for',
    'Last contact',
    'Last outcome',
    'Why today',
    'Stage',
    'Score',
    'Assigned',
  ]);
  const body = sheet.slice(1, 1 + wl.items.length);
  expect(body.map((r) => r[0])).toEqual(wl.items.map((i) => i.accountNumber));
  expect(body.map((r) => cents(r[2]))).toEqual(wl.items.map((i) => i.pastDueCents));
  expect(body.map((r) => r[4] || null)).toEqual(wl.items.map((i) => i.calling.phone));
  expect(body.map((r) => r[13])).toEqual(wl.items.map((i) => i.score));
  // The About sheet states the filter, the order and the count; the export is in the audit log.
  const about = (await sheetRows(xlsx.bytes, 'About')).flat().map(String).join('\n');
  expect(about).toContain('Past due at least');
  expect(about).toContain('$100.00');
  expect(about).toContain('Score, highest first');
  expect(about).toContain(wl.items.length.toLocaleString('en-US'));

  // Sorted by Past due (largest first) on screen: the CSV follows the grid's sort.
  await grid.getByRole('columnheader', { name: 'Past due', exact: true }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'Past due', exact: true })).toHaveAttribute('aria-sort', 'descending');
  const csv = csvRows((await download(page, 'worklist', 'CSV (.csv)')).bytes);
  const byPastDue = [...wl.items].sort((a, c) => c.pastDueCents - a.pastDueCents);
  expect(csv[0]![2]).toBe('Past due');
  expect(csv.slice(1).map((r) => cents(r[2]))).toEqual(byPastDue.map((i) => i.pastDueCents));
  expect(new Set(csv.slice(1).map((r) => r[0]))).toEqual(new Set(wl.items.map((i) => i.accountNumber)));

  const audit = await must(b, 'export-admin', 'audit.list', { entity: 'export' });
  expect(audit.map((a) => a.after)).toEqual([
    expect.objectContaining({ grid: 'worklist', format: 'csv', rows: wl.items.length }),
    expect.objectContaining({ grid: 'worklist', format: 'xlsx', rows: wl.items.length }),
  ]);

  // Aging summary, past due only, in the grid's order (account name); then sorted by Total for the CSV.
  const aging = await must(b, SUP, 'aging.summary', {});
  const pastDue = aging.rows.filter((r) => r.buckets.slice(1).reduce((a, x) => a + x, 0) > 0);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Aging' }).click();
  await page.getByRole('checkbox', { name: 'Past due only' }).check();
  const summary = page.getByTestId('aging-summary');
  await expect(summary.getByRole('row', { name: 'Totals' })).toContainText(`${pastDue.length} accounts`);
  expect(pastDue.length).toBeGreaterThan(await drawnRows(summary));

  const agingXlsx = await download(page, 'agingSummary', 'Excel workbook (.xlsx)');
  expect(agingXlsx.name).toBe(`Aging summary ${aging.asOf}.xlsx`);
  const agingSheet = await sheetRows(agingXlsx.bytes, 'Aging summary');
  expect(agingSheet[0]).toEqual(['Account number', 'Name', ...aging.bucketLabels, 'Unapplied', 'Total']);
  const agingBody = agingSheet.slice(1, 1 + pastDue.length);
  expect(agingBody.map((r) => r[0])).toEqual(pastDue.map((r) => r.accountNumber));
  expect(agingBody.map((r) => cents(r[r.length - 1]))).toEqual(pastDue.map((r) => r.totalCents));
  // The totals row sums every exported row, to the cent.
  const totalsRow = agingSheet[1 + pastDue.length]!;
  expect(totalsRow[0]).toBe('Total');
  expect(cents((totalsRow[totalsRow.length - 1] as { result: number }).result)).toBe(pastDue.reduce((s, r) => s + r.totalCents, 0));

  await summary.getByRole('columnheader', { name: 'Total', exact: true }).getByRole('button').click();
  await expect(summary.getByRole('columnheader', { name: 'Total', exact: true })).toHaveAttribute('aria-sort', 'descending');
  const agingCsv = csvRows((await download(page, 'agingSummary', 'CSV (.csv)')).bytes);
  const totalCol = agingCsv[0]!.indexOf('Total');
  const got = agingCsv.slice(1).map((r) => cents(r[totalCol]));
  expect(got).toHaveLength(pastDue.length);
  expect(got).toEqual(pastDue.map((r) => r.totalCents).sort((a, c) => c - a));

  // Accounts (paged from the backend 200 at a time), active only, by name: every page of the same query.
  const active = await must(b, SUP, 'accounts.list', { status: 'active', sort: 'name', limit: 500 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('radiogroup', { name: 'Status' }).getByText('Active', { exact: true }).click();
  const accounts = page.getByTestId('accounts-grid');
  await expect(page.getByTestId('accounts-count')).toHaveText(`${active.total} accounts`);
  expect(active.total).toBeGreaterThan(await drawnRows(accounts));
  const accountsCsv = csvRows((await download(page, 'accounts', 'CSV (.csv)')).bytes);
  expect(accountsCsv[0]).toEqual(['Account number', 'Name', 'Status', 'Balance', 'Past due', 'Phone', 'Kind', 'Email']);
  expect(accountsCsv.slice(1).map((r) => r[0])).toEqual(active.rows.map((r) => r.accountNumber));
  expect(accountsCsv.slice(1).map((r) => cents(r[3]))).toEqual(active.rows.map((r) => r.balanceCents));

  // An account's ledger (dates as dates, running balance per row) and its open items.
  const busiest = pastDue.reduce((a, r) => (r.totalCents > a.totalCents ? r : a));
  const ledger = await must(b, SUP, 'ledger.get', { accountId: busiest.accountId });
  await page.goto(`${app.url}#/accounts/${busiest.accountId}`);
  const ledgerSheet = await sheetRows((await download(page, 'ledger', 'Excel workbook (.xlsx)')).bytes, 'Account ledger');
  expect(ledgerSheet[0]).toEqual(['Date', 'Type', 'Number', 'Description', 'Due', 'Charges', 'Credits', 'Open', 'Balance']);
  const ledgerBody = ledgerSheet.slice(1, 1 + ledger.entries.length);
  expect(ledgerBody.map((r) => (r[0] as Date).toISOString().slice(0, 10))).toEqual(ledger.entries.map((e) => e.date));
  expect(ledgerBody.map((r) => cents(r[8]))).toEqual(ledger.entries.map((e) => e.runningBalanceCents));
  await page.getByRole('tab', { name: /Open items/ }).click();
  const openCsv = csvRows((await download(page, 'openItems', 'CSV (.csv)')).bytes);
  expect(openCsv.slice(1).map((r) => r[0])).toEqual(ledger.openItems.map((o) => o.number ?? ''));
  expect(openCsv.slice(1).map((r) => cents(r[5]))).toEqual(ledger.openItems.map((o) => o.openCents));

  // The late fee preview: every invoice to charge, with whether it is chosen.
  const fees = await must(b, SUP, 'fees.preview', {});
  const toCharge = fees.rows.filter((r) => r.feeCents > 0 && !r.excludedReason);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Collections' }).click();
  await page.getByTestId('fee-preview-run').click();
  await expect(page.getByTestId('fee-chargeable')).toContainText(`${toCharge.length}`);
  const feeCsv = csvRows((await download(page, 'feePreview', 'CSV (.csv)')).bytes);
  expect(feeCsv[0]).toEqual(['To post', 'Account number', 'Name', 'Invoice', 'Due', 'Days past due', 'Basis', 'Fee', 'Note']);
  expect(feeCsv.slice(1).map((r) => [r[3], cents(r[7])])).toEqual(toCharge.map((r) => [r.invoiceNumber, r.feeCents]));
  expect(new Set(feeCsv.slice(1).map((r) => r[0]))).toEqual(new Set(['Yes']));

  const exports = await must(b, 'export-admin', 'audit.list', { entity: 'export' });
  expect(exports.map((a) => (a.after as { grid: string }).grid).slice(0, 4)).toEqual(['feePreview', 'openItems', 'ledger', 'accounts']);
});
