import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { EXPORT_MAX_ROWS, gridExportSchema, toExportCell, type ExportCell, type GridExportQuery } from '../../src-shared/domain/grid-export';
import { csvCell, gridCsv } from '../../src-main/backend/services/grid-export/grid-csv';
import { must, receivablesBackend } from '../support/receivables';
import { tempDir } from '../support/store';
import { CSV_EVERY_SHEET, libreOfficeConvert, ooxmlFindings, packagePart, readWorkbook, writeTemp } from '../support/workbooks';

const INJECTION = '=HYPERLINK("http://evil.example","Click")';
const MONEY_FORMAT = '"$"#,##0.00;[Red]-"$"#,##0.00;"-"';

/** A worklist as the screen would send it: a formula-like name, a Unicode name, a negative amount. */
const columns: GridExportQuery['columns'] = [
  { header: 'Account', kind: 'text' },
  { header: 'Name', kind: 'text' },
  { header: 'Past due', kind: 'money', total: true },
  { header: 'Oldest', kind: 'integer' },
  { header: 'Due date', kind: 'date' },
  { header: 'Called at', kind: 'datetime' },
];
const rows: ExportCell[][] = [
  ['A-1', INJECTION, 123_456, 95, '2026-01-05', '2026-03-10T15:30:00.000Z'],
  ['A-2', 'Zoë Ångström-李', -2_050, 3, '2026-02-28', null],
  ['A-3', '+1 (555) 0100', 0, 0, null, '2026-03-14T23:05:09.000Z'],
  ['-5', '@home, "quoted"\nsecond line', 99, 12, '2026-03-01', null],
];
const query = (over: Partial<GridExportQuery> = {}): GridExportQuery => ({
  grid: 'worklist',
  format: 'xlsx',
  filters: [['Reason', 'Promise due']],
  sort: 'Past due, largest first',
  columns,
  rows,
  ...over,
});
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;

describe('grid export: cells from column kinds', () => {
  it('keeps typed values and never parses shown text', () => {
    expect(toExportCell('money', 12_345)).toBe(12_345);
    expect(toExportCell('money', '$123.45')).toBeNull();
    expect(toExportCell('integer', undefined)).toBeNull();
    expect(toExportCell('date', '2026-03-01')).toBe('2026-03-01');
    expect(toExportCell('date', '')).toBeNull();
    expect(toExportCell('text', 42)).toBe('42');
    expect(toExportCell('text', { a: 1 })).toBeNull();
  });

  it('writes CSV cells: decimals for cents, ISO dates, office wall-clock times, neutralised formula-like text', () => {
    expect(csvCell('money', -2_050, 'America/Chicago')).toBe('-20.50');
    expect(csvCell('money', 5, 'America/Chicago')).toBe('0.05');
    expect(csvCell('datetime', '2026-03-10T15:30:00.000Z', 'America/Chicago')).toBe('2026-03-10 10:30:00');
    expect(csvCell('text', INJECTION, 'UTC')).toBe(`'${INJECTION}`);
    expect(csvCell('text', '-5', 'UTC')).toBe("'-5");
    expect(csvCell('integer', -3, 'UTC')).toBe('-3');
    expect(csvCell('date', null, 'UTC')).toBe('');
  });

  it('a CSV that starts with a byte order mark and reads back to the same cells', () => {
    const csv = gridCsv(columns, rows, 'America/Chicago');
    expect(csv.startsWith('\uFEFFAccount,Name,')).toBe(true);
    expect(csv).toContain('\r\n');
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(back).toEqual([
      ['Account', 'Name', 'Past due', 'Oldest', 'Due date', 'Called at'],
      ['A-1', `'${INJECTION}`, '1234.56', '95', '2026-01-05', '2026-03-10 10:30:00'],
      ['A-2', 'Zoë Ångström-李', '-20.50', '3', '2026-02-28', ''],
      ['A-3', "'+1 (555) 0100", '0.00', '0', '', '2026-03-14 18:05:09'],
      ["'-5", '\'@home, "quoted"\nsecond line', '0.99', '12', '2026-03-01', ''],
    ]);
  });
});

describe('grid export: validation', () => {
  const issues = (q: GridExportQuery) => {
    const r = gridExportSchema.safeParse(q);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('accepts the grid as sent', () => expect(issues(query())).toEqual([]));
  it('says which row and column hold a value of the wrong kind', () => {
    expect(issues(query({ rows: [['A-1', 'X', 12.5, 1, '2026-01-01', null]] }))).toEqual([
      'rows.0.2: Row 1, column Past due: 12.5 is not an amount in whole cents',
    ]);
    expect(issues(query({ rows: [['A-1', 'X', 1, 1, '01/02/2026', null]] }))).toEqual([
      'rows.0.4: Row 1, column Due date: “01/02/2026” is not a date (YYYY-MM-DD, 1900 to 2199)',
    ]);
    expect(issues(query({ rows: [['A-1', 'X', 1, 1, '0099-12-31', null]] }))[0]).toContain('is not a date');
    expect(issues(query({ rows: [['A-1', 5, 1, 1, null, null]] }))).toEqual(['rows.0.1: Row 1, column Name: 5 is not text']);
    expect(issues(query({ rows: [['A-1', 'bell\u0007', 1, 1, null, null]] }))).toEqual([
      'rows.0.1: Row 1, column Name: “bell\u0007” contains control characters',
    ]);
    expect(issues(query({ rows: [['A-1', 'X', 1, 1, null, 'yesterday']] }))[0]).toContain('is not a date and time');
    expect(issues(query({ rows: [['A-1', 'X', 1]] }))).toEqual(['rows.0: Row 1 has 3 cells; the grid has 6 columns']);
  });
  it('caps the size: rows, columns, cells and the text of one cell', () => {
    const one: ExportCell[] = ['A', 'B', 1, 1, null, null];
    expect(issues(query({ rows: new Array(EXPORT_MAX_ROWS + 1).fill(one) }))[0]).toContain('At most 250,000 rows');
    expect(issues(query({ columns: new Array(41).fill({ header: 'X', kind: 'text' }), rows: [] }))).toHaveLength(1);
    expect(issues(query({ rows: [['A', 'x'.repeat(32_768), 1, 1, null, null]] }))[0]).toContain('longer than 32767');
    expect(issues(query({ columns: [], rows: [] }))).toEqual(['columns: Choose at least one column']);
    expect(issues(query({ columns: new Array(40).fill({ header: 'N', kind: 'integer' }), rows: new Array(100_001).fill(new Array(40).fill(1)) }))[0]).toContain(
      'At most 4,000,000 cells',
    );
  });
});

describe('grids.export', () => {
  it('writes the workbook as the grid showed it: About with filters, sort and rows; typed cells; totals; audited', async () => {
    const { b, s } = await receivablesBackend();
    const file = await must(b, s.clerk, 'grids.export', query());
    expect(file.fileName).toBe('Worklist 2026-03-15.xlsx');
    expect(file.rows).toBe(4);
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Worklist']);
    expect(wb.creator).toBe('clara');
    const about = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
    for (const text of [
      'Worklist (exported from the screen)',
      'Promise due',
      'Past due, largest first',
      'recorded in the audit log',
      'not only the rows that were on screen',
    ])
      expect(about).toContain(text);
    const ws = wb.getWorksheet('Worklist')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.header));
    const r2 = ws.getRow(2);
    expect(r2.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(r2.getCell(2).value).toBe(INJECTION);
    expect(r2.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(cents(r2.getCell(3).value)).toBe(123_456);
    expect(r2.getCell(3).numFmt).toBe(MONEY_FORMAT);
    expect(r2.getCell(4).value).toBe(95);
    expect(r2.getCell(5).value).toEqual(new Date('2026-01-05T00:00:00Z'));
    expect(r2.getCell(5).numFmt).toBe('yyyy-mm-dd');
    // The office's wall clock (Chicago), as the screens show times.
    expect(r2.getCell(6).value).toEqual(new Date('2026-03-10T10:30:00Z'));
    expect(ws.getRow(3).getCell(2).value).toBe('Zoë Ångström-李');
    expect(cents(ws.getRow(3).getCell(3).value)).toBe(-2_050);
    expect(ws.getRow(5).getCell(1).value).toBe('-5');
    const totals = ws.getRow(6);
    expect(totals.getCell(3).formula).toBe('SUBTOTAL(109,C2:C5)');
    expect(cents(totals.getCell(3).result)).toBe(123_456 - 2_050 + 99);
    // The grid gave no total for Oldest: none written.
    expect(totals.getCell(4).value).toBeNull();
    expect(ws.autoFilter).toBe('A1:F5');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, printTitlesRow: '1:1' });
    expect(await packagePart(bytes, 'xl/workbook.xml')).toContain('_xlnm._FilterDatabase');
    expect((await packagePart(bytes, 'xl/worksheets/sheet2.xml')).match(/<f>/g)).toHaveLength(1);

    const audit = await must(b, s.admin, 'audit.list', { entity: 'export', entityId: file.fileName });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'grid.export', username: 'clara' });
    expect(audit[0]!.after).toMatchObject({ grid: 'worklist', format: 'xlsx', rows: 4, filters: [['Reason', 'Promise due']] });

    // LibreOffice reads the same figures; the schema validator finds nothing.
    const dir = tempDir();
    const src = writeTemp(bytes, 'grid.xlsx');
    libreOfficeConvert([src], CSV_EVERY_SHEET, dir);
    const csv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'grid-Worklist.csv'), 'utf8').trim()).data;
    expect(csv.slice(1, 5).map((l) => [l[0], l[1], cents(l[2])])).toEqual(rows.map((r) => [r[0], r[1], r[2]]));
    expect(ooxmlFindings(src)).toEqual([]);
  }, 180_000);

  it('writes the CSV, audited with its format and row count', async () => {
    const { b, s } = await receivablesBackend();
    const file = await must(b, s.supervisor, 'grids.export', query({ format: 'csv', grid: 'agingDetail', asOf: '2026-02-28' }));
    expect(file.fileName).toBe('Aging detail 2026-02-28.csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text).toBe(gridCsv(columns, rows, 'America/Chicago'));
    const audit = await must(b, s.admin, 'audit.list', { entity: 'export', entityId: file.fileName });
    expect(audit[0]!.after).toMatchObject({ grid: 'agingDetail', format: 'csv', rows: 4 });
  });

  it('refuses a clerk the supervisors’ grids and bad cells, writing no audit record', async () => {
    const { b, s } = await receivablesBackend();
    const denied = await b.call(s.clerk, 'grids.export', query({ grid: 'complianceOverrides' }));
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await b.call(s.clerk, 'grids.export', query({ rows: [['A-1', 'X', '12.50', 1, null, null]] }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.message).toContain('Row 1, column Past due');
    expect(await must(b, s.admin, 'audit.list', { entity: 'export' })).toEqual([]);
    expect((await must(b, s.supervisor, 'grids.export', query({ grid: 'complianceOverrides' }))).rows).toBe(4);
  });
});
