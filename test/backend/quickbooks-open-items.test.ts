import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportError, ImportInput } from '@shared/ipc/contract/imports';
import { DomainError } from '../../src-main/backend/errors';
import { must } from '../kit';
import { fixedClock, testBackend, withCompany } from '../support/store';

/**
 * QuickBooks Desktop's Open Invoices report (Reports › Customers & Receivables › Open Invoices), saved as
 * CSV or Excel, imported as open items (docs/quickbooks.md): report titles above the table, a row naming
 * each customer, its documents, a "Total <customer>" row, blank separator rows and a "TOTAL" row.
 */
const admin = { userId: 1, username: 'admin' };
const CUT_OVER = '2025-06-15';

async function setup() {
  const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
  await withCompany(b);
  await must(b, 'admin-session', 'accounts.create', { accountNumber: 'HDG-001', name: 'Hartley Dental Group', kind: 'commercial' });
  await must(b, 'admin-session', 'accounts.create', { accountNumber: 'G-9', name: 'Gonzalez, Maria', kind: 'consumer' });
  return b;
}

const qb = (fileName: string, content: string | Buffer): ImportInput => ({
  kind: 'open_items',
  fileName,
  contentBase64: Buffer.from(content).toString('base64'),
  source: 'quickbooks',
  cutOverDate: CUT_OVER,
});

const HEAD = ['', 'Type', 'Date', 'Num', 'P. O. #', 'Terms', 'Due Date', 'Aging', 'Open Balance'];
const blank = ['', '', '', '', '', '', '', '', ''];
const REPORT = [
  ['Riverside Billing Co'],
  ['Open Invoices'],
  ['As of June 15, 2025'],
  HEAD,
  ['Gonzalez, Maria', '', '', '', '', '', '', '', ''],
  ['', 'Invoice', '05/15/2025', '1002', '', '2% 10 Net 30', '06/14/2025', '1', '250.00'],
  ['', 'Credit Memo', '05/20/2025', 'CM-7', '', '', '05/20/2025', '', '(12.00)'],
  ['Total Gonzalez, Maria', '', '', '', '', '', '', '', '238.00'],
  blank,
  ['Hartley Dental Group', '', '', '', '', '', '', '', ''],
  ['', 'Invoice', '03/01/2025', '990', 'PO-70', 'Net 30', '03/31/2025', '76', '1,234.56'],
  ['', 'Invoice', '05/01/2025', '1001', 'PO-77', 'Net 30', '05/31/2025', '15', '82.50'],
  ['', 'Payment', '06/01/2025', '', '', '', '', '', '100.00-'],
  ['Total Hartley Dental Group', '', '', '', '', '', '', '', '1,217.06'],
  blank,
  ['TOTAL', '', '', '', '', '', '', '', '1,455.06'],
];
const csv = (rows: string[][]) => `${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`;

async function refused(b: Awaited<ReturnType<typeof setup>>, input: ImportInput): Promise<ImportError[]> {
  const err = await b.services.imports.post(admin, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect(b.ctx.store.sqlite.prepare('SELECT count(*) n FROM document').get()).toEqual({ n: 0 });
  return ((err as DomainError).details as { errors: ImportError[] }).errors;
}

describe('QuickBooks Open Invoices import (open items)', () => {
  it('brings each customer to the balance of its Total row, invoices and credits as open items', async () => {
    const b = await setup();
    const preview = await b.services.imports.preview(qb('open-invoices.csv', csv(REPORT)));
    expect(preview.errors).toEqual([]);
    expect(preview.sample.map((s) => [s.line, s.values.document_number, s.values.account_number, s.values.kind, s.values.open_amount])).toEqual([
      [6, '1002', 'G-9', 'invoice', '250.00'],
      [7, 'CM-7', 'G-9', 'credit', '12.00'],
      [11, '990', 'HDG-001', 'invoice', '1234.56'],
      [12, '1001', 'HDG-001', 'invoice', '82.50'],
      [13, 'PMT-20250601-L13', 'HDG-001', 'payment', '100.00'],
    ]);
    const s = await b.services.imports.post(admin, qb('open-invoices.csv', csv(REPORT)));
    expect(s).toMatchObject({ posted: 5 });
    const balances = b.ctx.store.sqlite.prepare('SELECT account_number, balance_cents FROM account ORDER BY account_number').all();
    expect(balances).toEqual([
      { account_number: 'G-9', balance_cents: 238_00 },
      { account_number: 'HDG-001', balance_cents: 1217_06 },
    ]);
    // QuickBooks' unapplied payment comes over as a payment on account, its credit memo as a credit note.
    expect(b.ctx.store.sqlite.prepare("SELECT kind, open_cents FROM document WHERE side = 'credit' AND open_cents > 0 ORDER BY id").all()).toEqual([
      { kind: 'credit_note', open_cents: 12_00 },
      { kind: 'payment', open_cents: 100_00 },
    ]);
    const again = await b.services.imports.post(admin, qb('open-invoices.csv', csv(REPORT)));
    expect(again).toMatchObject({ posted: 0, skippedAsDuplicates: 5 });
  });

  it('reads the Excel export the same way', async () => {
    const b = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (const r of REPORT) ws.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await b.services.imports.post(admin, qb('open-invoices.xlsx', file))).toMatchObject({ posted: 5 });
  });

  it('names the line and report column of a subtotal that does not match its rows, a row with no customer, an unknown type and a date after the cut-over', async () => {
    const b = await setup();
    const bad = REPORT.map((r) => [...r]);
    bad[7]![8] = '240.00'; // Total Gonzalez, Maria
    bad[12]![1] = 'Estimate';
    bad[10]![2] = '06/20/2025'; // after the cut-over: the open items' own row check, named by the report's column
    bad.splice(4, 0, ['', 'Invoice', '05/10/2025', '1000', '', '', '06/09/2025', '', '5.00']);
    const errors = await refused(b, qb('open-invoices.csv', csv(bad)));
    expect(errors).toEqual(
      expect.arrayContaining([
        { line: 5, column: 'Type', reason: expect.stringContaining('comes before any customer name row') },
        { line: 9, column: 'Open Balance', reason: expect.stringContaining('The total of Gonzalez, Maria is 240.00 but the rows above it add up to 238.00') },
        { line: 14, column: 'Type', reason: expect.stringContaining('(Estimate)') },
        { line: 12, column: 'Date', reason: expect.stringContaining('after the cut-over date') },
      ]),
    );
  });

  it('refuses a file that is not the Open Invoices report', async () => {
    const b = await setup();
    await expect(b.services.imports.preview(qb('x.csv', 'Invoice,Date,Amount\n1,05/01/2025,5.00\n'))).rejects.toThrow(
      /not a QuickBooks Open Invoices report: .*Type, Date, Num, Open Balance/,
    );
  });
});
