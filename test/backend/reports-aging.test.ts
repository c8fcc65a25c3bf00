import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { fixPackage } from '../../src-main/backend/services/reports/package-fixes';
import { createWorkbook, wrappedLines } from '../../src-main/backend/services/reports/workbook';
import { sheetName, shownLength } from '../../src-main/backend/services/reports/cells';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { tempDir } from '../support/store';
import { chartSeries, CSV_EVERY_SHEET, libreOfficeConvert, ooxmlFindings, packagePart, readWorkbook, writeTemp } from '../support/workbooks';

const INJECTION = '=HYPERLINK("http://evil.example","Click")';
const HTML_NAME = "<b>O'Brien & Sons</b>";
const AS_OF = '2026-03-01';

/**
 * Today is 2026-03-15; the workbook is as of 2026-03-01 (back-dated: a payment on 03-10 is added back).
 *   X "=HYPERLINK(...)"  I1 2026-01-01 Net 30 (due 01-31) 100.00, 40.00 paid 03-10 -> 100.00 open, 29 days: 1-30
 *                        I2 2026-02-20 Net 30 (due 03-22)  50.00 -> current
 *   Y "<b>O'Brien..."    I3 2026-02-01 on receipt 12.34, 28 days: 1-30; 5.00 paid 02-15 unapplied
 *                        I4 2026-03-05 9.99: after the date, not in the workbook
 * By due date: Current 50.00, 1-30 112.34, unapplied 5.00, total 157.34; detail open 162.34.
 */
async function scenario() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const x = await newAccount(b, s.clerk, { name: INJECTION, accountNumber: 'RX-1' });
  const y = await newAccount(b, s.clerk, { name: HTML_NAME, accountNumber: 'RX-2', kind: 'consumer' });
  const i1 = await postInvoice(b, s.clerk, x.id, 10_000, { date: '2026-01-01', terms: 'Net 30' });
  await postInvoice(b, s.clerk, x.id, 5_000, { date: '2026-02-20', terms: 'Net 30' });
  await postInvoice(b, s.clerk, y.id, 1_234, { date: '2026-02-01', terms: 'Due on receipt' });
  await postInvoice(b, s.clerk, y.id, 999, { date: '2026-03-05', terms: 'Due on receipt' });
  await must(b, s.clerk, 'payments.post', {
    accountId: x.id,
    date: '2026-03-10',
    method: 'cash',
    amountCents: 4_000,
    allocation: { mode: 'manual', lines: [{ documentId: i1.id, amountCents: 4_000 }] },
  });
  await must(b, s.clerk, 'payments.post', { accountId: y.id, date: '2026-02-15', method: 'cash', amountCents: 500, allocation: { mode: 'none' } });
  return { ...r, x, y };
}

/** A cell's dollars as cents; + 0 and 0 - x keep negative zero out of the comparisons. */
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;
const neg = (c: number) => 0 - c;

describe('Aging workbook', () => {
  it('holds aging.summary and aging.detail to the cent as numbers, dates and money, with frozen headers, autofilters, SUBTOTAL totals with cached results and the About sheet', async () => {
    const { b, s } = await scenario();
    const file = await must(b, s.supervisor, 'reports.aging', { asOf: AS_OF, basis: 'due' });
    expect(file.fileName).toBe('Aging 2026-03-01 by due date.xlsx');
    const bytes = Buffer.from(file.base64, 'base64');
    const summary = await must(b, s.supervisor, 'aging.summary', { asOf: AS_OF, basis: 'due' });
    const detail = await must(b, s.supervisor, 'aging.detail', { asOf: AS_OF, basis: 'due' });
    // The hand-computed figures, so the comparison below is not only the service against itself.
    expect(summary.totals).toEqual({ buckets: [5_000, 11_234, 0, 0, 0, 0], unappliedCents: 500, totalCents: 15_734 });
    expect(detail.totals.openCents).toBe(16_234);

    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Summary', 'Detail', 'Chart']);
    expect(wb.creator).toBe('sam');
    expect(wb.company).toBe('Test Billing Co');
    expect(wb.keywords).toBe(`as-of ${AS_OF}`);

    const about = wb.getWorksheet('About')!;
    const aboutText = about.getSheetValues().flat().map(String).join('\n');
    expect(aboutText).toContain('Days past the due date');
    expect(aboutText).toContain('Unapplied credit');
    expect(about.getCell('B3').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    // Made at the backend clock's instant (2026-03-15 15:00 UTC), in the company's time zone (Chicago).
    expect(aboutText).toContain('Mar 15, 2026, 10:00 AM CDT');

    const sum = wb.getWorksheet('Summary')!;
    const headers = ['Account number', 'Account name', 'Kind', ...summary.bucketLabels, 'Unapplied credit', 'Total'];
    expect((sum.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sum.autoFilter).toBe(`A1:K${summary.rows.length + 1}`);
    expect(sum.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sum.headerFooter.oddFooter).toContain('Page &P of &N');
    summary.rows.forEach((row, i) => {
      const r = sum.getRow(i + 2);
      expect(r.getCell(1).value).toBe(row.accountNumber);
      expect(r.getCell(2).value).toBe(row.accountName);
      const money = [...row.buckets, neg(row.unappliedCents), row.totalCents];
      money.forEach((c, j) => {
        const cell = r.getCell(4 + j);
        expect(cell.type).toBe(ExcelJS.ValueType.Number);
        expect(cell.value).toBe(c / 100);
        expect(cell.numFmt).toBe('"$"#,##0.00;[Red]-"$"#,##0.00;"-"');
      });
    });
    const totalRow = sum.getRow(summary.rows.length + 2);
    expect(totalRow.getCell(1).value).toBe('Total');
    const wantTotals = [...summary.totals.buckets, neg(summary.totals.unappliedCents), summary.totals.totalCents];
    wantTotals.forEach((want, j) => {
      const col = 4 + j;
      const cell = totalRow.getCell(col);
      const letter = sum.getColumn(col).letter;
      expect(cell.type).toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBe(`SUBTOTAL(109,${letter}2:${letter}${summary.rows.length + 1})`);
      let recomputed = 0;
      for (let r = 2; r <= summary.rows.length + 1; r++) recomputed += cents(sum.getRow(r).getCell(col).value);
      expect(cents(cell.result)).toBe(recomputed);
      expect(cents(cell.result)).toBe(want);
    });

    const det = wb.getWorksheet('Detail')!;
    expect(det.autoFilter).toBe(`A1:J${detail.rows.length + 1}`);
    expect(det.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    detail.rows.forEach((row, i) => {
      const r = det.getRow(i + 2);
      expect(r.getCell(5).value).toEqual(new Date(`${row.docDate}T00:00:00Z`));
      expect(r.getCell(5).numFmt).toBe('yyyy-mm-dd');
      expect(r.getCell(6).value).toEqual(new Date(`${row.dueDate}T00:00:00Z`));
      expect(r.getCell(7).value).toBe(row.daysPastDue);
      expect(r.getCell(8).value).toBe(summary.bucketLabels[row.bucket]);
      expect(r.getCell(10).value).toBe(row.openCents / 100);
    });
    expect(det.getRow(detail.rows.length + 2).getCell(10).result).toBe(162.34);
    // No item dated after the as-of date.
    expect(detail.rows.every((r) => r.docDate <= AS_OF)).toBe(true);

    // Column widths fit the longest shown value (the injected name is 41 characters).
    expect(sum.getColumn(2).width).toBeGreaterThanOrEqual(INJECTION.length);

    // The hidden _FilterDatabase names LibreOffice needs, per sheet, quoted.
    const workbookXml = await packagePart(bytes, 'xl/workbook.xml');
    expect(workbookXml).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'Summary'!$A$1:$K$${summary.rows.length + 1}</definedName>`,
    );
    expect(workbookXml).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">'Detail'!$A$1:$J$${detail.rows.length + 1}</definedName>`,
    );

    // LibreOffice: the numbers it reads (CSV of every sheet), and the autofilter kept through its own .xlsx.
    const dir = tempDir();
    const src = writeTemp(bytes, 'aging.xlsx');
    libreOfficeConvert([src], CSV_EVERY_SHEET, dir);
    const csv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'aging-Summary.csv'), 'utf8').trim()).data;
    expect(csv[0]).toEqual(headers);
    summary.rows.forEach((row, i) => {
      const line = csv[i + 1]!;
      expect(line[1]).toBe(row.accountName);
      expect(line.slice(3).map(cents)).toEqual([...row.buckets, neg(row.unappliedCents), row.totalCents]);
    });
    expect(csv[summary.rows.length + 1]!.slice(3).map(cents)).toEqual(wantTotals);
    const detailCsv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'aging-Detail.csv'), 'utf8').trim()).data;
    expect(detailCsv.slice(1, -1).map((l) => [l[4], l[5], Number(l[6]), cents(l[9])])).toEqual(
      detail.rows.map((r) => [r.docDate, r.dueDate, r.daysPastDue, r.openCents]),
    );

    const outDir = tempDir();
    libreOfficeConvert([src], 'xlsx', outDir);
    const round = fs.readFileSync(path.join(outDir, 'aging.xlsx'));
    expect(await packagePart(round, 'xl/worksheets/sheet2.xml')).toContain(`<autoFilter ref="A1:K${summary.rows.length + 1}"`);
    expect(await packagePart(round, 'xl/worksheets/sheet3.xml')).toContain(`<autoFilter ref="A1:J${detail.rows.length + 1}"`);
    expect(await packagePart(round, 'xl/workbook.xml')).toMatch(/<definedName[^>]*localSheetId="1"[^>]*name="_xlnm._FilterDatabase"/);

    // The chart: a native column chart over the Summary's bucket headers and totals row, its cached
    // values the bucket totals; LibreOffice keeps it, still bound to the same cells, in its own .xlsx.
    const totalsRowNo = summary.rows.length + 2;
    const [bucketSeries] = await chartSeries(bytes, 'xl/charts/chart1.xml');
    expect(bucketSeries).toEqual({
      title: `Open receivables by age, as of ${AS_OF}`,
      categories: "'Summary'!$D$1:$I$1",
      values: `'Summary'!$D$${totalsRowNo}:$I$${totalsRowNo}`,
      cached: summary.totals.buckets.map((c) => c / 100),
    });
    expect(await packagePart(bytes, 'xl/worksheets/sheet4.xml')).toContain('<drawing r:id=');
    const roundCharts = await chartSeries(round, 'xl/charts/chart1.xml');
    // (LibreOffice leaves a sheet name that needs no quotes unquoted.)
    expect(roundCharts.map((c) => [c.categories, c.values])).toEqual([['Summary!$D$1:$I$1', `Summary!$D$${totalsRowNo}:$I$${totalsRowNo}`]]);

    expect(ooxmlFindings(src)).toEqual([]);
  }, 180_000);

  it('stores a customer named like a formula, or like HTML, as text: no formula runs, in exceljs or LibreOffice', async () => {
    const { b, s, x } = await scenario();
    const file = await must(b, s.supervisor, 'reports.aging', { asOf: AS_OF, basis: 'due', sort: 'accountNumber' });
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = await readWorkbook(bytes);
    const sum = wb.getWorksheet('Summary')!;
    expect(sum.getCell('A2').value).toBe('RX-1');
    expect(sum.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(sum.getCell('B2').value).toBe(INJECTION);
    expect(sum.getCell('B3').value).toBe(HTML_NAME);
    // The only formulas in the sheet are the totals row's (eight money columns).
    const xml = await packagePart(bytes, 'xl/worksheets/sheet2.xml');
    expect(xml.match(/<f>/g)).toHaveLength(8);
    expect(xml).not.toContain('HYPERLINK');
    const strings = await packagePart(bytes, 'xl/sharedStrings.xml');
    expect(strings).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;)');
    expect(strings).toContain('&lt;b&gt;O&apos;Brien &amp; Sons&lt;/b&gt;');

    // One account only: the About sheet names it, and only its rows are there.
    const one = await readWorkbook(Buffer.from((await must(b, s.supervisor, 'reports.aging', { asOf: AS_OF, accountId: x.id })).base64, 'base64'));
    expect(one.getWorksheet('Summary')!.rowCount).toBe(3);
    expect(one.getWorksheet('About')!.getSheetValues().flat().map(String)).toContain(`RX-1 ${INJECTION}`);
  });

  it('is for supervisors and administrators: a clerk is refused; an unknown account is not found', async () => {
    const { b, s } = await scenario();
    const refused = await b.call(s.clerk, 'reports.aging', { asOf: AS_OF });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect((await b.call(s.admin, 'reports.aging', { asOf: AS_OF })).ok).toBe(true);
    const missing = await b.call(s.supervisor, 'reports.aging', { asOf: AS_OF, accountId: 99_999 });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'NOT_FOUND', message: 'Account 99999 was not found.' });
    const bad = await b.call(s.supervisor, 'reports.aging', { asOf: '2026-02-30' });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
  });

  it('writes the same workbook from the command line by invoice date, and says what is wrong with bad options', async () => {
    const { b } = await scenario();
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const store = ['--store', b.storePath, '--key-file', keyFile];
    const out = path.join(dir, 'aging.xlsx');
    const lines: string[] = [];
    const code = await runCli(['report', 'aging', '--as-of', AS_OF, '--basis', 'invoice', '--out', out, ...store], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`Aging as of ${AS_OF} by invoice date: ${out}`);
    const wb = await readWorkbook(fs.readFileSync(out));
    const sum = wb.getWorksheet('Summary')!;
    // By invoice date: I1 (01-01) is 59 days old (31-60), I2 (02-20) 9 days and I3 (02-01) 28 days (1-30).
    const total = sum.getRow(4);
    expect([4, 5, 6, 7, 8, 9, 10, 11].map((c) => cents(total.getCell(c).result))).toEqual([0, 6_234, 10_000, 0, 0, 0, -500, 15_734]);
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
    expect(await run('report', 'aging', '--out', out)).not.toBe(0);
    expect(await run('report', 'aging', '--as-of', AS_OF, '--out', path.join(dir, 'aging.csv'))).not.toBe(0);
    expect(await run('report', 'pack', '--as-of', AS_OF, '--out', out)).not.toBe(0);
    expect(await run('report', 'aging', '--as-of', AS_OF, '--basis', 'posted', '--out', out)).not.toBe(0);
    expect(await run('report', 'aging', '--as-of', AS_OF, '--as', 'nobody', '--out', out)).not.toBe(0);
    expect(await runCli(['report', 'aging', '--as-of', AS_OF, '--as', 'sam', '--out', out, ...store], () => undefined)).toBe(0);
    expect((await readWorkbook(fs.readFileSync(out))).creator).toBe('sam');
    expect(errors.join('\n')).toMatch(
      /--as-of YYYY-MM-DD is required[\s\S]*must end in \.xlsx[\s\S]*name one of aging, billing-pack, cash-receipts, audit-trail, collections-activity; it is "pack"[\s\S]*--basis must be one of due, invoice[\s\S]*no active user "nobody"/,
    );
  });
});

describe('workbook package', () => {
  it('gives valid, unique sheet names', () => {
    expect(sheetName('Q1: [North]/South*?', [])).toBe('Q1 North South');
    expect(sheetName('A very long sheet name that goes past thirty-one', [])).toHaveLength(31);
    expect(sheetName('summary', ['Summary'])).toBe('summary (2)');
    expect(sheetName("'quoted'", [])).toBe('quoted');
    expect(sheetName('History', [])).toBe('History sheet');
  });

  it('sizes columns by the shown text: "-$1,234,567.89" is 14 characters, "1,234" is 5', () => {
    expect(shownLength('money', -123_456_789)).toBe(14);
    expect(shownLength('money', 5)).toBe('$0.05'.length + 1);
    expect(shownLength('integer', 1234)).toBe(5);
    expect(shownLength('integer', -12)).toBe(3);
    expect(shownLength('date', '2026-03-01')).toBe(10);
  });

  it('wraps text longer than the widest column (60) in a row tall enough for it, so it never spills past the page', async () => {
    const wb = createWorkbook({ title: 'Wrap', company: 'Co', currency: 'USD', asOf: '2026-03-01', creator: 'sam', created: new Date(), timeZone: 'UTC' });
    const long = 'x'.repeat(58 * 3 + 1);
    wb.table({
      name: 'Rows',
      columns: [
        { header: 'Amount', kind: 'money', value: (r: { t: string }) => r.t.length },
        { header: 'Text', kind: 'text', value: (r: { t: string }) => r.t },
      ],
      rows: [{ t: 'short' }, { t: long }, { t: 'y'.repeat(2000) }],
    });
    const ws = (await readWorkbook(await wb.toBuffer())).getWorksheet('Rows')!;
    expect(ws.getColumn(2).width).toBe(60 + 1);
    expect([ws.getRow(2).height, ws.getRow(2).getCell(2).alignment?.wrapText]).toEqual([undefined, undefined]);
    // 175 characters at about 70 a line: 3 lines; 2,000: capped at 8 (the text is all in the cell).
    expect([ws.getRow(3).height, ws.getRow(3).getCell(2).alignment?.wrapText, ws.getRow(3).getCell(1).alignment?.vertical]).toEqual([45, true, 'top']);
    expect([ws.getRow(4).height, ws.getRow(4).getCell(2).value]).toEqual([120, 'y'.repeat(2000)]);
    expect(ws.getRow(3).getCell(1).numFmt).toContain('#,##0.00');
  });

  it('wraps a long header over short figures instead of widening the column, in a header row tall enough', async () => {
    expect([wrappedLines('Right-party contact rate', 12), wrappedLines('Promises kept', 12), wrappedLines('Total', 12)]).toEqual([2, 2, 1]);
    const wb = createWorkbook({ title: 'Headers', company: 'Co', currency: 'USD', asOf: '2026-03-01', creator: 'sam', created: new Date(), timeZone: 'UTC' });
    wb.table({
      name: 'Rows',
      columns: [
        { header: 'Right-party contact rate', kind: 'percent', value: (r: { n: number }) => r.n },
        { header: 'Collected on promises', kind: 'money', value: () => 123_456_789 },
        { header: 'Total', kind: 'integer', value: (r: { n: number }) => r.n },
      ],
      rows: [{ n: 0.5 }],
    });
    const ws = (await readWorkbook(await wb.toBuffer())).getWorksheet('Rows')!;
    // 13 wide, not 27; the money column grows to its figure ($1,234,567.89 and 2); Total stays 8.
    expect([1, 2, 3].map((c) => ws.getColumn(c).width)).toEqual([13, 16, 8]);
    expect([ws.getRow(1).getCell(1).alignment?.wrapText, ws.getRow(1).height]).toEqual([true, 33]);
  });

  it('adds _FilterDatabase once per filtered sheet, quoting names with apostrophes, and doubles them in exceljs print titles', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plain').addRow(['no filter']);
    const ws = wb.addWorksheet("O'Brien & Co", { pageSetup: { printTitlesRow: '1:1' } });
    ws.addRows([['a'], [1], [2]]);
    ws.autoFilter = 'A1:A3';
    const fixed = await fixPackage(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const xml = await packagePart(fixed, 'xl/workbook.xml');
    expect(xml.match(/_xlnm._FilterDatabase/g)).toHaveLength(1);
    expect(xml).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'O''Brien &amp; Co'!$A$1:$A$3</definedName>`);
    expect(xml).toContain(`localSheetId="1">'O''Brien &amp; Co'!$1:$1</definedName>`);
    // Fixing twice changes nothing more.
    expect((await packagePart(await fixPackage(fixed), 'xl/workbook.xml')).match(/_xlnm._FilterDatabase/g)).toHaveLength(1);
    expect(await packagePart(fixed, 'xl/styles.xml')).toContain(
      '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    );
  });
});
