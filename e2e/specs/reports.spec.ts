/**
 * The Reports page (docs/reports.md, The Reports page) end to end: a supervisor exports the Aging as of
 * a past date, by due date and by invoice date, the monthly billing pack for a range of months and the
 * collections activity by quarter; the downloads are caught, read back with exceljs, and their file names
 * and key figures must equal what the backend's aging.summary, reports.periodFigures and
 * reports.teamPerformance give for the same dates. A clerk has no
 * Reports in the navigation, and /reports typed in shows no reports (the backend refusing the call is
 * in the Vitest of each workbook). An export cancelled while it runs saves nothing and says so.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from '@playwright/test';
import { must, signInSession } from '../../test/kit';
import { signIn } from '../../test/kit/page';
import { expect, test } from '../fixtures/bridge';
import { SEED, seedOffice } from '../fixtures/receivablesData';
import { addDays, addMonths, startOfMonth } from '../../src-shared/dates';
import { threadReportRunner, type ReportRunner } from '../../src-main/backend/services/reports/runner';

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  return wb;
}

/**
 * A cell's dollars as cents, a formula cell by its cached result. exceljs reads a cached <v>0</v> back
 * as no result at all (its reader tests the value's truth), so a formula without one reads as zero.
 */
function cents(cell: ExcelJS.Cell): number {
  const v = cell.value;
  const n = typeof v === 'object' && v !== null && 'formula' in v ? (v.result ?? 0) : v;
  return Math.round(Number(n) * 100) + 0;
}

/** The column whose header (row 1) is `name`. */
function column(sheet: ExcelJS.Worksheet, name: string): number {
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const i = headers.indexOf(name);
  if (i < 1) throw new Error(`no column "${name}" in ${sheet.name}: ${headers.join(', ')}`);
  return i;
}

/** Types a date into a report form's date input and leaves it (Tab closes the calendar it opened). */
async function typeDate(page: Page, testId: string, date: string) {
  await page.getByTestId(testId).fill(date);
  await page.getByTestId(testId).press('Tab');
}

async function exportWorkbook(page: Page): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  await expect(page.getByTestId('report-saved')).toContainText(download.suggestedFilename());
  return download;
}

test('a supervisor exports the aging as of a past date by due and invoice date, the monthly billing pack and the collections activity; the workbooks hold the backend’s figures', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const { today, ids } = await seedOffice(app.backend);
  await signInSession(app.backend, 'check', 'sam', 'super-pass-1');
  // Casey's calls two months ago, for the collections activity workbook: no answer, then the debtor.
  await signInSession(app.backend, 'casey-calls', 'casey', 'clerk-pass-1');
  const accountId = ids.get('P-10231')!;
  const contact = (await must(app.backend, 'check', 'accounts.get', { accountId })).contacts[0]!;
  const callDay = addMonths(startOfMonth(today), -2).slice(0, 8);
  for (const [day, outcome] of [
    ['10', 'no_answer'],
    ['12', 'spoke_with_debtor'],
  ] as const)
    await must(app.backend, 'casey-calls', 'calls.log', {
      accountId,
      contactId: contact.id,
      phone: contact.phones[0]!.number,
      direction: 'outgoing',
      startedAt: `${callDay}${day}T16:00:00.000Z`,
      outcome,
    });
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 2 })).toBeVisible();
  const workbooks = page.getByRole('tablist', { name: 'Workbooks' });
  await expect(workbooks.getByRole('tab')).toHaveText([
    /^Aging/,
    /^Billing pack/,
    /^Collections activity/,
    /^Cash receipts journal/,
    /^Audit trail/,
    /^QuickBooks journal/,
  ]);
  await expect(workbooks.getByRole('tab', { name: /^Aging/ })).toHaveAttribute('aria-selected', 'true');

  // The Aging as of 40 days ago, by due date, then by invoice date.
  const asOf = addDays(today, -40);
  await typeDate(page, 'report-as-of', asOf);
  const agingBy = async (basis: 'due' | 'invoice') => {
    const download = await exportWorkbook(page);
    expect(download.suggestedFilename()).toBe(`Aging ${asOf} by ${basis === 'due' ? 'due date' : 'invoice date'}.xlsx`);
    const summary = await must(app.backend, 'check', 'aging.summary', { asOf, basis });
    const sheet = (await workbookOf(download)).getWorksheet('Summary')!;
    // Every account of the backend's summary, in its order (by name), then the totals row.
    const numbers: string[] = [];
    for (let r = 2; r <= summary.rows.length + 1; r++) numbers.push(String(sheet.getRow(r).getCell(1).value));
    expect(numbers).toEqual(summary.rows.map((x) => x.accountNumber));
    const totals = sheet.getRow(summary.rows.length + 2);
    expect(totals.getCell(1).value).toBe('Total');
    const got = summary.bucketLabels.map((label) => cents(totals.getCell(column(sheet, label))));
    expect(got).toEqual(summary.totals.buckets);
    expect(cents(totals.getCell(column(sheet, 'Total')))).toBe(summary.totals.totalCents);
    expect(summary.totals.totalCents).toBeGreaterThan(0);
    return summary.totals.buckets;
  };
  const byDue = await agingBy('due');
  await page.getByRole('radiogroup', { name: 'Age by' }).getByText('Invoice date').click();
  const byInvoice = await agingBy('invoice');
  // The two bases age the same invoices differently (the seeded invoices are Net 30).
  expect(byInvoice).not.toEqual(byDue);
  await expect(page.getByTestId('report-recent')).toContainText(`Aging ${asOf} by due date.xlsx`);

  // The monthly billing pack for the five whole months before this one.
  await workbooks.getByRole('tab', { name: /^Billing pack/ }).click();
  const from = addMonths(startOfMonth(today), -5);
  const to = addDays(startOfMonth(today), -1);
  // A range that does not end a month is refused in words before anything is sent.
  await typeDate(page, 'report-from', from);
  await typeDate(page, 'report-to', addDays(to, -3));
  await expect(page.getByTestId('report-panel')).toContainText(`To (${addDays(to, -3)}) must be the last day of a month.`);
  await expect(page.getByTestId('report-export')).toBeDisabled();
  await typeDate(page, 'report-to', to);
  await expect(page.getByTestId('report-covers')).toHaveText(/^5 months: /);
  const download = await exportWorkbook(page);
  expect(download.suggestedFilename()).toBe(`Billing pack ${from} to ${to} by month.xlsx`);
  const figures = await must(app.backend, 'check', 'reports.periodFigures', { from, to, period: 'month' });
  expect(figures.rows).toHaveLength(5);
  const sheet = (await workbookOf(download)).getWorksheet('Figures')!;
  const [invoiced, payments, ending] = ['Invoiced', 'Payments', 'Ending receivables'].map((h) => column(sheet, h)) as [number, number, number];
  figures.rows.forEach((row, i) => {
    const r = sheet.getRow(i + 2);
    expect(r.getCell(1).value).toBe(row.label);
    expect([cents(r.getCell(invoiced)), cents(r.getCell(payments)), cents(r.getCell(ending))]).toEqual([row.invoicedCents, row.paymentsCents, row.endingCents]);
  });
  expect(figures.rows.reduce((s, r) => s + r.invoicedCents, 0)).toBeGreaterThan(0);
  expect(cents(sheet.getRow(7).getCell(invoiced))).toBe(figures.rows.reduce((s, r) => s + r.invoicedCents, 0));

  // Collections activity over the same months by quarter: the range cuts its first and last quarter.
  await workbooks.getByRole('tab', { name: /^Collections activity/ }).click();
  await page.getByRole('radiogroup', { name: 'One row per clerk and' }).getByText('Quarter').click();
  await typeDate(page, 'report-from', from);
  await typeDate(page, 'report-to', to);
  const team = await must(app.backend, 'check', 'reports.teamPerformance', { from, to, period: 'quarter' });
  await expect(page.getByTestId('report-covers')).toHaveText(new RegExp(`^${team.periods.length} quarters: `));
  const activity = await exportWorkbook(page);
  expect(activity.suggestedFilename()).toBe(`Collections activity ${from} to ${to} by quarter.xlsx`);
  const activityBook = await workbookOf(activity);
  expect(activityBook.worksheets.map((w) => w.name)).toEqual(['About', 'By clerk', 'By stage', 'Roll rates']);
  const byClerk = activityBook.getWorksheet('By clerk')!;
  const clerkCol = column(byClerk, 'Clerk');
  const callsCol = column(byClerk, 'Call attempts');
  const rows = team.clerks.map((_, i) => byClerk.getRow(i + 2));
  expect(rows.map((r) => [String(r.getCell(clerkCol).value), r.getCell(callsCol).value])).toEqual(team.clerks.map((c) => [c.clerk.name, c.callAttempts]));
  // One row per clerk and quarter: Casey's two calls are in the range.
  expect(team.clerks.filter((c) => c.clerk.username === 'casey').reduce((n, c) => n + c.callAttempts, 0)).toBe(2);
});

test('a clerk has no Reports in the navigation, and /reports typed in shows no reports', async ({ app, page }) => {
  await seedOffice(app.backend);
  await app.open(page);
  await signIn(page, 'casey', 'clerk-pass-1');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'Aging' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Reports' })).toHaveCount(0);
  await page.goto(`${app.url}#/reports?workbook=aging`);
  await expect(page).not.toHaveURL(/#\/reports/);
  await expect(page.getByRole('heading', { name: 'Accounts', level: 2 })).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Workbooks' })).toHaveCount(0);
  await expect(page.getByTestId('report-export')).toHaveCount(0);
});

test('a supervisor whose role is changed to clerk while on Reports is refused in words, and nothing downloads', async ({ app, page }) => {
  await seedOffice(app.backend);
  const sam = (await must(app.backend, SEED, 'users.list', undefined)).find((u) => u.username === 'sam')!;
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await app.open(page);
  await signIn(page, 'sam', 'super-pass-1');
  await page.goto(`${app.url}#/reports?workbook=auditTrail`);
  await expect(page.getByRole('tab', { name: /^Audit trail/ })).toHaveAttribute('aria-selected', 'true');
  await must(app.backend, SEED, 'users.update', { userId: sam.id, role: 'clerk' });
  await page.getByTestId('report-export').click();
  const error = page.getByTestId('report-error');
  await expect(error).toContainText('Your role may not export reports');
  await expect(error).toContainText('Reports are for supervisors and administrators.');
  await expect(error).not.toContainText('reports.auditTrail');
  expect(downloads).toHaveLength(0);
});

/**
 * The app's runner (each report in a thread of its own), held after its first progress event until the
 * test lets it go or the run is cancelled, so that Cancel is pressed while the run is surely going.
 */
const held = (() => {
  let release = () => {};
  let released = new Promise<void>((r) => {
    release = r;
  });
  const runner: ReportRunner = async (job, progress, signal) => {
    progress('Opening the store', 0, 1);
    await Promise.race([released, new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))]);
    return threadReportRunner(job, progress, signal);
  };
  return {
    runner,
    release: () => release(),
    hold: () => {
      released = new Promise<void>((r) => {
        release = r;
      });
    },
  };
})();

test.describe('with reports in their own thread', () => {
  // A fixture function, since Playwright would take a function given as the value for one.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring pattern.
  test.use({ reportRunner: async ({}, use) => use(held.runner) });
  // A failed step must not leave the run held: the store closes only once every call has answered.
  test.afterEach(() => held.release());

  test('a cancelled export shows its progress, then saves nothing and says so; the next one downloads', async ({ app, page }) => {
    test.setTimeout(120_000);
    held.hold();
    const { today } = await seedOffice(app.backend);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await app.open(page);
    await signIn(page, 'sam', 'super-pass-1');
    await page.goto(`${app.url}#/reports?workbook=cashReceipts`);
    await expect(page.getByRole('tab', { name: /^Cash receipts journal/ })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('group', { name: 'Date range presets' }).getByText('Last month').click();

    await page.getByTestId('report-export').click();
    const progress = page.getByTestId('report-progress');
    await expect(progress).toContainText('Opening the store');
    await expect(progress.getByRole('progressbar', { name: 'Report progress' })).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('report-cancelled')).toHaveText('Cancelled, nothing was saved.');
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('report-recent')).toHaveCount(0);
    expect(downloads).toHaveLength(0);

    // Let the next run go: the thread builds it and the page downloads it.
    held.release();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    const from = addMonths(startOfMonth(today), -1);
    expect(download.suggestedFilename()).toBe(`Cash receipts ${from} to ${addDays(startOfMonth(today), -1)}.xlsx`);
    await expect(page.getByTestId('report-saved')).toContainText(download.suggestedFilename());
    await expect(page.getByTestId('report-cancelled')).toHaveCount(0);
    expect((await workbookOf(download)).worksheets.map((w) => w.name)).toEqual(['About', 'Receipts', 'By day and method']);
  });
});
