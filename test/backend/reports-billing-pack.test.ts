import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { paymentMethods } from '../../src-shared/domain/payments';
import type { PeriodFiguresRow } from '../../src-shared/domain/period-figures';
import { runCli } from '../../src-main/cli';
import { postInvoice } from '../kit';
import { collectionsBackend, failure, value } from '../support/collections';
import { tempDir } from '../support/store';
import { chartSeries, CSV_EVERY_SHEET, libreOfficeConvert, ooxmlFindings, readWorkbook, writeTemp } from '../support/workbooks';

const MONEY_FORMAT = '"$"#,##0.00;[Red]-"$"#,##0.00;"-"';
/** A cell's dollars as cents; + 0 keeps negative zero out of the comparisons. */
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;

/**
 * Today is 2026-03-10 (Chicago). January: invoices 1,000.00 and 500.00, a check of 300.00, a credit note of
 * 50.00. February: an invoice of 2,000.00, card 800.00, ACH 400.00 returned with a 15.00 fee, 450.00
 * written off, two outgoing calls (one right-party contact, its promise broken). March: nothing yet, so its credit sales are zero and its DSO, CEI and bad-debt ratio are n/a.
 */
async function scenario() {
  const env = await collectionsBackend('2026-02-02T16:00:00Z');
  const { b, clerk, supervisor, account, travel } = env;
  const a = await account({ state: 'NY', name: 'Alma Able' });
  const c = await account({ state: 'NY', name: 'Bert Baker' });
  // February's calls: two outgoing attempts, one reaching the debtor with a promise that is broken.
  const call = (outcome: 'no_answer' | 'promise_to_pay', promise?: { amountCents: number; dueDate: string }) =>
    b.call(clerk, 'calls.log', {
      accountId: a.accountId,
      contactId: a.contactId,
      phone: a.phone,
      direction: 'outgoing',
      startedAt: env.clock.now().toISOString(),
      outcome,
      ...(promise ? { promise } : {}),
    });
  value(await call('no_answer'));
  value(await call('promise_to_pay', { amountCents: 10000, dueDate: '2026-02-10' }));
  travel('2026-03-10T15:00:00Z');
  await postInvoice(b, clerk, a.accountId, 100000, { date: '2026-01-05', terms: 'Net 30' });
  const i2 = await postInvoice(b, clerk, a.accountId, 50000, { date: '2026-01-20', terms: 'Net 30' });
  value(await b.call(clerk, 'payments.post', { accountId: a.accountId, date: '2026-01-25', method: 'check', checkNumber: '1001', amountCents: 30000 }));
  value(await b.call(clerk, 'invoices.postCreditNote', { invoiceId: i2.id, date: '2026-01-28', amountCents: 5000, reason: 'Returned goods' }));
  await postInvoice(b, clerk, c.accountId, 200000, { date: '2026-02-03', terms: 'Net 30' });
  value(await b.call(clerk, 'payments.post', { accountId: c.accountId, date: '2026-02-10', method: 'card', cardLast4: '4242', amountCents: 80000 }));
  const ach = value(await b.call(clerk, 'payments.post', { accountId: c.accountId, date: '2026-02-12', method: 'ach', amountCents: 40000 }));
  value(await b.call(clerk, 'payments.reverse', { paymentId: ach.documentId, date: '2026-02-20', reason: 'Returned ACH', feeCents: 1500 }));
  value(await b.call(supervisor, 'ledger.postWriteOff', { invoiceId: i2.id, date: '2026-02-25', reason: 'Uncollectable' }));
  return env;
}

/** The Figures sheet's money columns, in order, from a row of reports.periodFigures. */
const figureCents = (r: PeriodFiguresRow) => [
  r.beginningCents,
  r.invoicedCents,
  r.creditNotesCents,
  r.creditSalesCents,
  r.discountsTakenCents,
  ...paymentMethods.map((m) => r.paymentsByMethod[m]),
  r.paymentsCents,
  r.reversalsCents,
  r.refundsCents,
  r.lateFeesCents,
  r.writeOffsCents,
  r.adjustmentsCents,
  r.endingCents,
  r.endingCurrentCents,
];
/** Whether the j-th of those n columns is totalled: the flows are, receivables at a date (first, last two) are not. */
const isTotalled = (j: number, n: number) => j !== 0 && j < n - 2;

describe('Billing pack workbook', () => {
  it('holds reports.periodFigures to the cent by month, with SUBTOTAL totals of the flows, KPIs as numbers or n/a, and reads the same in LibreOffice', async () => {
    const { b, supervisor } = await scenario();
    const query = { from: '2026-01-01', to: '2026-03-31', period: 'month' } as const;
    const file = value(await b.call(supervisor, 'reports.billingPack', query));
    expect(file.fileName).toBe('Billing pack 2026-01-01 to 2026-03-31 by month.xlsx');
    const bytes = Buffer.from(file.base64, 'base64');
    const figures = value(await b.call(supervisor, 'reports.periodFigures', query));
    const [jan, feb, mar] = figures.rows as [PeriodFiguresRow, PeriodFiguresRow, PeriodFiguresRow];
    // Hand-computed, so the comparison is not only the service against itself.
    expect([jan.invoicedCents, jan.creditNotesCents, jan.paymentsByMethod.check, feb.paymentsByMethod.card, feb.paymentsByMethod.ach]).toEqual([
      150000, 5000, 30000, 80000, 40000,
    ]);
    expect([feb.reversalsCents, feb.lateFeesCents, feb.writeOffsCents, mar.creditSalesCents, mar.dso]).toEqual([40000, 1500, 45000, 0, null]);
    expect(feb.endingCents).toBe(150000 - 5000 - 30000 - 45000 + 200000 - 80000 + 1500);

    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Figures', 'KPIs', 'Charts']);
    expect(wb.creator).toBe('sam');
    const aboutText = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
    expect(aboutText).toContain('Months');
    expect(aboutText).toContain('ending receivables / credit sales x days (Credit Research Foundation)');
    expect(aboutText).toContain('Kept / (kept + broken)');

    const fig = wb.getWorksheet('Figures')!;
    expect(fig.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const moneyCols = figureCents(jan).length;
    const lastCol = fig.getColumn(3 + moneyCols).letter;
    expect(fig.autoFilter).toBe(`A1:${lastCol}4`);
    figures.rows.forEach((row, i) => {
      const r = fig.getRow(i + 2);
      expect(r.getCell(1).value).toBe(row.label);
      expect(r.getCell(2).value).toEqual(new Date(`${row.from}T00:00:00Z`));
      expect(r.getCell(3).numFmt).toBe('yyyy-mm-dd');
      figureCents(row).forEach((c, j) => {
        const cell = r.getCell(4 + j);
        expect(cell.type).toBe(ExcelJS.ValueType.Number);
        expect(cents(cell.value)).toBe(c);
        expect(cell.numFmt).toBe(MONEY_FORMAT);
      });
    });
    const totals = fig.getRow(5);
    expect(totals.getCell(1).value).toBe('Total');
    figureCents(jan).forEach((_, j) => {
      const col = 4 + j;
      const cell = totals.getCell(col);
      if (!isTotalled(j, moneyCols)) {
        expect(cell.value).toBeNull();
        return;
      }
      const letter = fig.getColumn(col).letter;
      expect(cell.formula).toBe(`SUBTOTAL(109,${letter}2:${letter}4)`);
      expect(cents(cell.result)).toBe(figures.rows.reduce((s, r) => s + figureCents(r)[j]!, 0));
    });
    // Payments by method add up to the payments column, and its total to the sum of every payment.
    expect(cents(totals.getCell(4 + 5 + paymentMethods.length).result)).toBe(30000 + 80000 + 40000);

    const kpis = wb.getWorksheet('KPIs')!;
    const kpiRow = (i: number) => kpis.getRow(i + 2);
    const pick = (r: PeriodFiguresRow) => [r.days, r.dso, r.bestPossibleDso, r.averageDaysDelinquent, r.cei === null ? null : r.cei / 100, r.badDebtRatio];
    figures.rows.forEach((row, i) => {
      pick(row).forEach((want, j) => {
        const cell = kpiRow(i).getCell(4 + j);
        if (want === null) {
          expect(cell.value).toBe('n/a');
          expect(cell.type).toBe(ExcelJS.ValueType.String);
        } else {
          expect(cell.type).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBeCloseTo(want, 12);
        }
      });
      expect(kpiRow(i).getCell(12).value).toBe(row.promiseKeptRate ?? 'n/a');
      expect(kpiRow(i).getCell(15).value).toBe(row.rightPartyContactRate ?? 'n/a');
    });
    expect(kpiRow(0).getCell(5).numFmt).toBe('#,##0.0');
    expect(kpiRow(0).getCell(8).numFmt).toBe('0.0%');
    expect(kpiRow(1).getCell(9).numFmt).toBe('0.0%');
    expect(kpiRow(1).getCell(9).value).toBeCloseTo(45000 / 200000, 12);
    expect(kpiRow(2).getCell(5).value).toBe('n/a');
    // February: 0 of 1 promise kept, 1 of 2 attempts reached the debtor; January had neither.
    expect([feb.promiseKeptRate, feb.rightPartyContactRate, jan.promiseKeptRate]).toEqual([0, 0.5, null]);
    expect([kpiRow(1).getCell(12).value, kpiRow(1).getCell(15).value, kpiRow(1).getCell(15).numFmt]).toEqual([0, 0.5, '0.0%']);
    expect([kpiRow(1).getCell(11).value, kpiRow(1).getCell(13).value]).toEqual([1, 2]);
    expect(kpis.getRow(5).getCell(13).result).toBe(2);

    const dir = tempDir();
    const src = writeTemp(bytes, 'pack.xlsx');
    libreOfficeConvert([src], CSV_EVERY_SHEET, dir);
    const csv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'pack-Figures.csv'), 'utf8').trim()).data;
    figures.rows.forEach((row, i) => {
      expect(csv[i + 1]!.slice(3).map(cents)).toEqual(figureCents(row));
    });
    expect(csv[4]![0]).toBe('Total');
    expect(cents(csv[4]![4])).toBe(350000);
    const kpiCsv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'pack-KPIs.csv'), 'utf8').trim()).data;
    expect(kpiCsv[3]![4]).toBe('n/a');

    // Charts: native charts bound to the Figures and KPIs columns, the cached values those cells' (a
    // gap for n/a); LibreOffice keeps all three, bound to the same cells, through its own .xlsx.
    const receivables = await chartSeries(bytes, 'xl/charts/chart1.xml');
    expect(receivables.map((c) => [c.title, c.categories, c.values])).toEqual([
      ['Receivables at period end', "'Figures'!$A$2:$A$4", "'Figures'!$T$2:$T$4"],
      ['Receivables at period end', "'Figures'!$A$2:$A$4", "'Figures'!$U$2:$U$4"],
    ]);
    expect(receivables[0]!.cached).toEqual(figures.rows.map((r) => r.endingCents / 100));
    expect(receivables[1]!.cached).toEqual(figures.rows.map((r) => r.endingCurrentCents / 100));
    const dso = await chartSeries(bytes, 'xl/charts/chart2.xml');
    expect(dso.map((c) => c.cached)).toEqual([figures.rows.map((r) => r.dso), figures.rows.map((r) => r.bestPossibleDso)]);
    const cei = await chartSeries(bytes, 'xl/charts/chart3.xml');
    expect(cei[0]!.cached).toEqual(figures.rows.map((r) => (r.cei === null ? null : r.cei / 100)));
    const outDir = tempDir();
    libreOfficeConvert([src], 'xlsx', outDir);
    const round = fs.readFileSync(path.join(outDir, 'pack.xlsx'));
    const kept = await Promise.all([1, 2, 3].map((n) => chartSeries(round, `xl/charts/chart${n}.xml`)));
    // (LibreOffice leaves a sheet name that needs no quotes unquoted.)
    expect(
      kept
        .flat()
        .map((c) => c.values)
        .sort(),
    ).toEqual(['Figures!$T$2:$T$4', 'Figures!$U$2:$U$4', 'KPIs!$E$2:$E$4', 'KPIs!$F$2:$F$4', 'KPIs!$H$2:$H$4']);
    expect(ooxmlFindings(src)).toEqual([]);
  }, 180_000);

  it('by quarter: one row with the months summed, the first month beginning and the last month ending', async () => {
    const { b, supervisor } = await scenario();
    const months = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-03-31', period: 'month' })).rows;
    const file = value(await b.call(supervisor, 'reports.billingPack', { from: '2026-01-01', to: '2026-03-31', period: 'quarter' }));
    const fig = (await readWorkbook(Buffer.from(file.base64, 'base64'))).getWorksheet('Figures')!;
    expect(fig.getRow(2).getCell(1).value).toBe('2026-Q1');
    expect(cents(fig.getRow(2).getCell(4).value)).toBe(months[0]!.beginningCents);
    expect(cents(fig.getRow(2).getCell(5).value)).toBe(months.reduce((s, r) => s + r.invoicedCents, 0));
    expect(cents(fig.getRow(2).getCell(3 + figureCents(months[0]!).length - 1).value)).toBe(months[2]!.endingCents);
  });

  it('is for supervisors and administrators: a clerk is refused; a period not starting a month is invalid', async () => {
    const { b, clerk, admin, supervisor } = await scenario();
    failure(await b.call(clerk, 'reports.billingPack', { from: '2026-01-01', to: '2026-01-31', period: 'month' }), 'FORBIDDEN');
    value(await b.call(admin, 'reports.billingPack', { from: '2026-01-01', to: '2026-01-31', period: 'month' }));
    expect(failure(await b.call(supervisor, 'reports.billingPack', { from: '2026-01-02', to: '2026-01-31', period: 'month' }), 'VALIDATION').message).toMatch(
      /first day of a month/,
    );
  });

  it('writes the workbook from the command line, and says what is wrong with bad options', async () => {
    const { b } = await scenario();
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const store = ['--store', b.storePath, '--key-file', keyFile];
    const out = path.join(dir, 'pack.xlsx');
    const lines: string[] = [];
    const args = ['report', 'billing-pack', '--from', '2026-01-01', '--to', '2026-03-31', '--period', 'quarter', '--as', 'sam', '--out', out];
    expect(await runCli([...args, ...store], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain(`Billing pack 2026-01-01 to 2026-03-31 by quarter: ${out}`);
    const wb = await readWorkbook(fs.readFileSync(out));
    expect(wb.creator).toBe('sam');
    expect(cents(wb.getWorksheet('Figures')!.getRow(2).getCell(5).value)).toBe(350000);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const errors: string[] = [];
    const run = async (...argv: string[]) => {
      const error = console.error;
      console.error = (...a: unknown[]) => errors.push(a.join(' '));
      try {
        return await runCli([...argv, ...store], () => undefined);
      } finally {
        console.error = error;
      }
    };
    expect(await run('report', 'billing-pack', '--to', '2026-03-31', '--out', out)).not.toBe(0);
    expect(await run('report', 'billing-pack', '--from', '2026-01-01', '--to', '2026-03-31', '--period', 'year', '--out', out)).not.toBe(0);
    expect(await run('report', 'billing-pack', '--from', '2026-02-01', '--to', '2026-03-31', '--period', 'quarter', '--out', out)).not.toBe(0);
    expect(errors.join('\n')).toMatch(/--from YYYY-MM-DD is required[\s\S]*--period must be one of month, quarter[\s\S]*first day of a quarter/);
  });
});
