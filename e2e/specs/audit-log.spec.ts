/**
 * The audit log for an auditor (docs/clerks-day.md, The audit log), at 1280x800: filtered by person and
 * action and searched, a record's description and its before/after fields read on screen, the filtered
 * records exported to CSV and Excel and read back equal to what the log selects, the chain verified.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect, test } from '../fixtures/bridge';
import { addStaff, createCompany, must, postInvoice, riverside } from '../../test/kit';
import { signIn } from '../../test/kit/page';

test.use({ viewport: { width: 1280, height: 800 }, timezoneId: 'America/Chicago' });

const ADMIN = 'audit-admin';
const CLERK = 'audit-clerk';
const SUP = 'audit-sup';

/** Clara (clerk) and Sam (supervisor) work two accounts: invoices by Sam, payments by both. */
async function seed(b: Parameters<typeof createCompany>[0]) {
  await createCompany(b, riverside, ADMIN);
  await addStaff(b, ADMIN, [
    { username: 'clara', displayName: 'Clara Ortiz', role: 'clerk', password: 'clerk-pass-1', session: CLERK },
    { username: 'sam', displayName: 'Sam Lee', role: 'supervisor', password: 'super-pass-1', session: SUP },
  ]);
  const harbor = await must(b, CLERK, 'accounts.create', { accountNumber: 'C-2004', name: 'Harbor Dental', kind: 'commercial' });
  const lake = await must(b, CLERK, 'accounts.create', { accountNumber: 'C-2005', name: 'Lakeside Clinic', kind: 'commercial' });
  await postInvoice(b, SUP, harbor.id, 250_000);
  await postInvoice(b, SUP, lake.id, 40_000);
  const pay = (session: string, accountId: number, amountCents: number) =>
    must(b, session, 'payments.post', { accountId, method: 'cash', amountCents, allocation: { mode: 'none' } });
  await pay(CLERK, harbor.id, 123_349);
  await pay(CLERK, lake.id, 5_000);
  await pay(SUP, harbor.id, 1_000);
  await must(b, CLERK, 'accounts.update', { accountId: harbor.id, name: 'Harbor Dental Group' });
}

async function download(page: Page, item: 'Excel workbook (.xlsx)' | 'CSV (.csv)') {
  await page.getByTestId('export-audit').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

test('the audit log filtered by person and action and searched, read in words, exported, and its chain verified', async ({ app, page }, testInfo) => {
  test.setTimeout(240_000);
  const b = app.backend;
  await seed(b);
  const clara = (await must(b, ADMIN, 'audit.page', {})).users.find((u) => u.name === 'Clara Ortiz')!;
  const filter = { userId: clara.id, action: 'payment.post', search: 'C-2004' } as const;
  const want = await must(b, ADMIN, 'audit.page', filter);
  expect(want.rows.map((r) => r.description)).toEqual(['Payment RCT-000001 posted on account C-2004, $1,233.49']);

  await app.open(page);
  await signIn(page);
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('tab', { name: 'Audit log' }).click();
  const grid = page.getByTestId('audit-log');
  const count = page.getByTestId('audit-count');
  const all = await must(b, ADMIN, 'audit.page', {});
  await expect(count).toHaveText(`Records 1–${all.total} of ${all.total}, newest first`);

  // Who, then the action (picked from its group, in words), then a search by the account number.
  await page.getByRole('combobox', { name: 'Who' }).click();
  await page.getByRole('option', { name: 'Clara Ortiz' }).click();
  await page.getByRole('combobox', { name: 'Action' }).fill('Posted pay');
  await page.getByRole('option', { name: 'Posted payment' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('C-2004');
  await expect(count).toHaveText('Records 1–1 of 1, newest first');
  const row = grid.getByRole('row').filter({ hasText: 'Payment RCT-000001 posted on account C-2004, $1,233.49' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Clara Ortiz');
  await expect(row).toContainText('Posted payment');
  // No internal ids or usernames in the words.
  await expect(grid).not.toContainText(/account \d|document \d|clara\b/);

  // The record's fields: label, value; money by the money codec.
  await row.click();
  const changes = page.getByRole('table', { name: 'Changes' });
  await expect(changes.getByRole('row').filter({ hasText: 'Amount' })).toContainText('$1,233.49');
  await expect(changes.getByRole('row').filter({ hasText: 'Account' }).first()).toContainText('C-2004');
  await expect(changes).not.toContainText('{');
  await page.screenshot({ path: testInfo.outputPath('audit-log-changes-1280.png') });
  await page.keyboard.press('Escape');
  await expect(changes).toHaveCount(0);

  // Exports: every record the filters select, as the log selects them.
  const csv = await download(page, 'CSV (.csv)');
  expect(csv.name).toBe('Audit trail all dates.csv');
  const text = csv.bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
  expect(lines.map((l) => [Number(l.Sequence), l.Description])).toEqual(want.rows.map((r) => [r.seq, r.description]));
  const xlsx = await download(page, 'Excel workbook (.xlsx)');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Audit trail')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const seqCol = header.indexOf('Sequence') + 1;
  const descCol = header.indexOf('Description') + 1;
  const body: [number, string][] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const seq = ws.getRow(i).getCell(seqCol).value;
    if (typeof seq === 'number') body.push([seq, String(ws.getRow(i).getCell(descCol).value)]);
  }
  expect(body).toEqual(want.rows.map((r) => [r.seq, r.description]));
  const about = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
  expect(about).toContain('Clara Ortiz');
  expect(about).toContain('C-2004');

  // An unknown record number is refused in words, beside the field.
  await page.getByRole('textbox', { name: 'Number' }).fill('C-9999');
  await expect(page.getByText('No account is numbered C-9999.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Number' }).fill('');

  // The chain, verified on the page.
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('audit-chain')).toContainText(/Chain intact: \d+ records verified at \d{1,2}:\d{2}/);
  await page.screenshot({ path: testInfo.outputPath('audit-log-1280.png') });
});
