import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { tempDir } from '../support/store';
import { CSV_EVERY_SHEET, libreOfficeConvert, ooxmlFindings, packagePart, readWorkbook, writeTemp } from '../support/workbooks';

const INJECTION = '=HYPERLINK("http://evil.example","Click")';
const FROM = '2026-03-01';
const TO = '2026-03-05';

/**
 * Today is 2026-03-15. X (named like a formula) owes I1 100.00 and Y owes I2 50.00, both dated 03-01.
 *   P0 02-28 cash   9.99 Y  before the range, not listed
 *   P1 03-02 cash  40.00 X  40.00 to I1               applied 40.00, unapplied 0
 *   P2 03-02 check 60.00 Y  #1001, auto: 50.00 to I2  applied 50.00, unapplied 10.00
 *   P3 03-03 check 25.00 X  #1002 "Lockbox 7", 20.00  applied 20.00, unapplied 5.00
 *   P4 03-03 cash  12.34 Y  none                      applied 0, unapplied 12.34
 *   P2 reversed 03-04 (bounced): -60.00, applied -50.00 (I2 reopened), unapplied -10.00
 *   P5 03-06 cash   1.00 X  after the range, not listed
 * Totals: amount 77.34, applied 60.00, unapplied 17.34. By day: 03-02 cash 40.00 check 60.00;
 * 03-03 cash 12.34 check 25.00; 03-04 check -60.00; cash 52.34, check 25.00, total 77.34.
 */
async function scenario() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const x = await newAccount(b, s.clerk, { name: INJECTION, accountNumber: 'RX-1' });
  const y = await newAccount(b, s.clerk, { name: 'Bravo Ltd', accountNumber: 'RX-2' });
  const i1 = await postInvoice(b, s.clerk, x.id, 10_000, { date: '2026-03-01', terms: 'Net 30' });
  await postInvoice(b, s.clerk, y.id, 5_000, { date: '2026-03-01', terms: 'Net 30' });
  const pay = (input: Record<string, unknown>) => must(b, s.clerk, 'payments.post', input as never);
  await pay({ accountId: y.id, date: '2026-02-28', method: 'cash', amountCents: 999, allocation: { mode: 'none' } });
  const p1 = await pay({
    accountId: x.id,
    date: '2026-03-02',
    method: 'cash',
    amountCents: 4_000,
    allocation: { mode: 'manual', lines: [{ documentId: i1.id, amountCents: 4_000 }] },
  });
  const p2 = await pay({ accountId: y.id, date: '2026-03-02', method: 'check', checkNumber: '1001', amountCents: 6_000, allocation: { mode: 'auto' } });
  const p3 = await pay({
    accountId: x.id,
    date: '2026-03-03',
    method: 'check',
    checkNumber: '1002',
    reference: 'Lockbox 7',
    amountCents: 2_500,
    allocation: { mode: 'manual', lines: [{ documentId: i1.id, amountCents: 2_000 }] },
  });
  const p4 = await pay({ accountId: y.id, date: '2026-03-03', method: 'cash', amountCents: 1_234, allocation: { mode: 'none' } });
  const rev = await must(b, s.supervisor, 'payments.reverse', { paymentId: p2.documentId, date: '2026-03-04', reason: 'Bounced' });
  await pay({ accountId: x.id, date: '2026-03-06', method: 'cash', amountCents: 100, allocation: { mode: 'none' } });
  return { ...r, x, y, receipts: [p1.number, p2.number, p3.number, p4.number], reversal: rev.number };
}

/** A cell's dollars as cents; + 0 keeps negative zero out of the comparisons. */
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;
const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('Cash receipts workbook', () => {
  it('lists each payment and the reversal as a negative line, sums by day and method, with SUBTOTAL totals whose cached results are the cents posted', async () => {
    const { b, s, receipts, reversal } = await scenario();
    const [p1, p2, p3, p4] = receipts;
    const file = await must(b, s.supervisor, 'reports.cashReceipts', { from: FROM, to: TO });
    expect(file.fileName).toBe(`Cash receipts ${FROM} to ${TO}.xlsx`);
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Receipts', 'By day and method']);
    expect(wb.creator).toBe('sam');
    const aboutText = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
    expect(aboutText).toContain('All methods');
    expect(aboutText).toContain('negative line on the date of the reversal');

    const rec = wb.getWorksheet('Receipts')!;
    const headers = ['Date', 'Receipt number', 'Entry', 'Account number', 'Account name', 'Method', 'Check / reference', 'Amount', 'Applied', 'Unapplied'];
    expect((rec.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    const want = [
      ['2026-03-02', p1, 'Payment', 'RX-1', INJECTION, 'Cash', '', 4_000, 4_000, 0],
      ['2026-03-02', p2, 'Payment', 'RX-2', 'Bravo Ltd', 'Check', 'Check 1001', 6_000, 5_000, 1_000],
      ['2026-03-03', p3, 'Payment', 'RX-1', INJECTION, 'Check', 'Check 1002 / Lockbox 7', 2_500, 2_000, 500],
      ['2026-03-03', p4, 'Payment', 'RX-2', 'Bravo Ltd', 'Cash', '', 1_234, 0, 1_234],
      ['2026-03-04', p2, `Reversal ${reversal}`, 'RX-2', 'Bravo Ltd', 'Check', 'Check 1001', -6_000, -5_000, -1_000],
    ];
    const got = want.map((_, i) => {
      const row = rec.getRow(i + 2);
      const text = (c: number) => (row.getCell(c).value ?? '') as string;
      expect(row.getCell(1).value).toEqual(day(want[i]![0] as string));
      expect(row.getCell(1).numFmt).toBe('yyyy-mm-dd');
      [8, 9, 10].forEach((c) => {
        expect(row.getCell(c).type).toBe(ExcelJS.ValueType.Number);
        expect(row.getCell(c).numFmt).toBe('"$"#,##0.00;[Red]-"$"#,##0.00;"-"');
      });
      return [
        want[i]![0],
        text(2),
        text(3),
        text(4),
        text(5),
        text(6),
        text(7),
        cents(row.getCell(8).value),
        cents(row.getCell(9).value),
        cents(row.getCell(10).value),
      ];
    });
    expect(got).toEqual(want);
    // The formula-like account name is a string cell, not a formula.
    expect(rec.getCell('E2').type).toBe(ExcelJS.ValueType.String);
    const totals = rec.getRow(7);
    expect(totals.getCell(1).value).toBe('Total');
    expect([8, 9, 10].map((c) => totals.getCell(c).formula)).toEqual(['SUBTOTAL(109,H2:H6)', 'SUBTOTAL(109,I2:I6)', 'SUBTOTAL(109,J2:J6)']);
    expect([8, 9, 10].map((c) => cents(totals.getCell(c).result))).toEqual([7_734, 6_000, 1_734]);
    expect(rec.autoFilter).toBe('A1:J6');
    expect(rec.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const grid = wb.getWorksheet('By day and method')!;
    expect((grid.getRow(1).values as unknown[]).slice(1)).toEqual(['Date', 'Cash', 'Check', 'Card', 'ACH', 'Bank transfer', 'Total']);
    const gridRows = [2, 3, 4, 5].map((r) => {
      const row = grid.getRow(r);
      const first = row.getCell(1).value;
      return [
        first instanceof Date ? first.toISOString().slice(0, 10) : first,
        ...[2, 3, 4, 5, 6, 7].map((c) => cents(row.getCell(c).result ?? row.getCell(c).value)),
      ];
    });
    expect(gridRows).toEqual([
      ['2026-03-02', 4_000, 6_000, 0, 0, 0, 10_000],
      ['2026-03-03', 1_234, 2_500, 0, 0, 0, 3_734],
      ['2026-03-04', 0, -6_000, 0, 0, 0, -6_000],
      ['Total', 5_234, 2_500, 0, 0, 0, 7_734],
    ]);
    expect(grid.getCell('G5').formula).toBe('SUBTOTAL(109,G2:G4)');
    // The grid's total is the Receipts sheet's, to the cent.
    expect(cents(grid.getCell('G5').result)).toBe(cents(totals.getCell(8).result));

    // Only the totals rows hold formulas; the injected name is a shared string.
    expect((await packagePart(bytes, 'xl/worksheets/sheet2.xml')).match(/<f>/g)).toHaveLength(3);
    expect(await packagePart(bytes, 'xl/worksheets/sheet2.xml')).not.toContain('HYPERLINK');
    expect(await packagePart(bytes, 'xl/sharedStrings.xml')).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;)');

    // LibreOffice reads the same figures, and recomputes the totals to the cached results; the schema validator finds nothing.
    const dir = tempDir();
    const src = writeTemp(bytes, 'receipts.xlsx');
    libreOfficeConvert([src], CSV_EVERY_SHEET, dir);
    const csv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'receipts-Receipts.csv'), 'utf8').trim()).data;
    expect(csv[0]).toEqual(headers);
    expect(csv.slice(1, 6).map((l) => [l[0], ...l.slice(1, 7), ...l.slice(7).map(cents)])).toEqual(want);
    expect(csv[6]!.slice(7).map(cents)).toEqual([7_734, 6_000, 1_734]);
    const gridCsv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'receipts-By day and method.csv'), 'utf8').trim()).data;
    expect(gridCsv.slice(1).map((l) => [l[0], ...l.slice(1).map(cents)])).toEqual(gridRows);
    expect(ooxmlFindings(src)).toEqual([]);
  }, 180_000);

  it('takes one method: only its lines, one method column', async () => {
    const { b, s } = await scenario();
    const file = await must(b, s.supervisor, 'reports.cashReceipts', { from: FROM, to: TO, method: 'check' });
    expect(file.fileName).toBe(`Cash receipts Check ${FROM} to ${TO}.xlsx`);
    const wb = await readWorkbook(Buffer.from(file.base64, 'base64'));
    const rec = wb.getWorksheet('Receipts')!;
    expect(rec.rowCount).toBe(5);
    expect([8, 9, 10].map((c) => cents(rec.getRow(5).getCell(c).result))).toEqual([2_500, 2_000, 500]);
    const grid = wb.getWorksheet('By day and method')!;
    expect((grid.getRow(1).values as unknown[]).slice(1)).toEqual(['Date', 'Check', 'Total']);
    expect(cents(grid.getCell('C5').result)).toBe(2_500);
  });

  it('is for supervisors and administrators: a clerk is refused; a range ending before it starts is a validation error', async () => {
    const { b, s } = await scenario();
    const refused = await b.call(s.clerk, 'reports.cashReceipts', { from: FROM, to: TO });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect((await b.call(s.admin, 'reports.cashReceipts', { from: FROM, to: TO })).ok).toBe(true);
    const backwards = await b.call(s.supervisor, 'reports.cashReceipts', { from: TO, to: FROM });
    expect(backwards.ok ? null : backwards.error.code).toBe('VALIDATION');
    const method = await b.call(s.supervisor, 'reports.cashReceipts', { from: FROM, to: TO, method: 'barter' as never });
    expect(method.ok ? null : method.error.code).toBe('VALIDATION');
  });

  it('writes the workbook from the command line, and says what is wrong with bad options', async () => {
    const { b } = await scenario();
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const store = ['--store', b.storePath, '--key-file', keyFile];
    const out = path.join(dir, 'receipts.xlsx');
    const lines: string[] = [];
    const code = await runCli(['report', 'cash-receipts', '--from', FROM, '--to', TO, '--method', 'cash', '--out', out, ...store], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`Cash receipts ${FROM} to ${TO} (Cash): ${out}`);
    const wb = await readWorkbook(fs.readFileSync(out));
    expect(cents(wb.getWorksheet('Receipts')!.getRow(4).getCell(8).result)).toBe(5_234);
    expect(wb.creator).toMatch(/\(command line\)$/);
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
    expect(await run('report', 'cash-receipts', '--to', TO, '--out', out)).not.toBe(0);
    expect(await run('report', 'cash-receipts', '--from', TO, '--to', FROM, '--out', out)).not.toBe(0);
    expect(await run('report', 'cash-receipts', '--from', FROM, '--to', TO, '--method', 'barter', '--out', out)).not.toBe(0);
    expect(errors.join('\n')).toMatch(
      /--from YYYY-MM-DD is required[\s\S]*--to 2026-03-01 is before --from 2026-03-05[\s\S]*--method must be one of cash, check/,
    );
  });
});
