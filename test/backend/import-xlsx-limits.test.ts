import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../src-main/backend/services/imports/read';
import { fixedClock, testBackend, withCompany } from '../support/store';
import { longStringWorkbook, paymentsWorkbook, sheetWorkbook, wideWorkbook, writeFile, zipParts } from '../support/xlsx-files';

// Workbooks past a limit are refused while they are read (hole 8 of issue 8): each is read in a child
// process whose heap is capped at 256 MB, where building the file in memory would crash it.
const HEAP_MB = 256;
const CHILD = path.join(__dirname, '../support/read-sheet-child.ts');
let dir = '';
const files: Record<string, string> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-xlsx-limits-'));
  files.million = writeFile(path.join(dir, 'million.xlsx'), paymentsWorkbook(1_000_000));
  files.hugeString = writeFile(path.join(dir, 'huge-string.xlsx'), longStringWorkbook(200 * 2 ** 20));
  files.lyingSize = writeFile(path.join(dir, 'lying-size.xlsx'), longStringWorkbook(200 * 2 ** 20, 4096));
  files.longText = writeFile(path.join(dir, 'long-text.xlsx'), longStringWorkbook(2 ** 20));
  files.wide = writeFile(path.join(dir, 'wide.xlsx'), wideWorkbook(300));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface ChildResult {
  outcome: 'read' | 'refused' | 'error';
  message?: string;
  rows?: number;
  peakRssMb: number;
}

/** Reads a file with readSheet in a child process under a small heap; an out-of-memory crash fails here. */
async function readInChild(file: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', CHILD, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

describe('XLSX imports: limits enforced while reading', () => {
  it('a million-row workbook is refused at the first row past the limit, in a 256 MB heap', async () => {
    const r = await readInChild(files.million!);
    expect(r).toMatchObject({
      outcome: 'refused',
      message: 'million.xlsx has more than 200,000 rows (line 200002 is one too many); split it into smaller files.',
    });
    expect(r.peakRssMb).toBeLessThan(400);
  });

  it('a 200 MB shared string is refused from the size its zip entry declares, before it is inflated', async () => {
    const r = await readInChild(files.hugeString!);
    expect(r).toMatchObject({
      outcome: 'refused',
      message: expect.stringMatching(
        /^huge-string.xlsx is too large to import: its part xl\/sharedStrings.xml is 201 MB uncompressed, and the most Ledgerdesk reads is 64 MB/,
      ),
    });
    expect(r.peakRssMb).toBeLessThan(200);
  });

  it('a zip entry that holds more than it declares is refused while it is inflated', async () => {
    const r = await readInChild(files.lyingSize!);
    expect(r).toMatchObject({
      outcome: 'refused',
      message: 'lying-size.xlsx is damaged: its part xl/sharedStrings.xml inflates to more than the 4096 bytes its zip entry declares.',
    });
    expect(r.peakRssMb).toBeLessThan(200);
  });

  it('a text longer than a cell can hold is refused before the XML parser holds it', async () => {
    const r = await readInChild(files.longText!);
    expect(r).toMatchObject({
      outcome: 'refused',
      message: 'long-text.xlsx holds a value longer than 32,767 characters (in its part xl/sharedStrings.xml); a cell holds at most that many.',
    });
  });

  it('rows reaching out to the last column count every cell: refused at the cell limit', async () => {
    const r = await readInChild(files.wide!);
    expect(r).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/^wide.xlsx has more than 4,000,000 cells \(line 245\)/) });
    expect(r.peakRssMb).toBeLessThan(300);
  });

  it('a cell a little over the limit is a row error on its line and column, through the import service', async () => {
    const b = testBackend({ clock: fixedClock('2025-06-16T15:00:00Z') });
    await withCompany(b);
    const file = longStringWorkbook(40_000);
    const preview = await b.services.imports.preview({ kind: 'payments', fileName: 'long-memo.xlsx', contentBase64: file.toString('base64') });
    expect(preview.errors).toEqual([{ line: 2, column: 'memo', reason: 'holds 40,000 characters; a cell holds at most 32,767' }]);
    expect(preview.totals.toPost).toBe(0);
  });
});

describe('XLSX imports: damaged workbooks', () => {
  const refusal = (name: string, bytes: Buffer) =>
    readSheet(name, bytes).then(
      () => 'read',
      (e: Error) => e.message,
    );

  it('are refused with what is wrong, not read in part', async () => {
    const good = zipParts([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    expect(await refusal('notes.xlsx', zipParts([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]))).toBe(
      'notes.xlsx is a zip file but not an Excel workbook (.xlsx): it has no xl/workbook.xml.',
    );
    expect(await refusal('cut.xlsx', good.subarray(0, good.length - 30))).toMatch(/^cut.xlsx could not be read as an Excel workbook/);
    expect(await refusal('named.xlsx', Buffer.from('a,b\n1,2\n'))).toBe('named.xlsx is named .xlsx but is not an Excel workbook.');
    expect(await refusal('deep.xlsx', sheetWorkbook('<row r="1"><c r="A1"><v>1</v></c></row><row r="2000000"><c r="A2000000"><v>2</v></c></row>'))).toBe(
      "deep.xlsx: row 2000000 is past Excel's last row (1,048,576); the file is damaged.",
    );
    expect(await refusal('far.xlsx', sheetWorkbook('<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>'))).toBe(
      "far.xlsx, row 1: cell XFE1 is past Excel's last column (XFD); the file is damaged.",
    );
    expect(await refusal('bad-xml.xlsx', sheetWorkbook('<row r="1"><c r="A1"><v>1</v></row>'))).toMatch(
      /^bad-xml.xlsx is damaged: its part xl\/worksheets\/sheet1.xml could not be read/,
    );
    expect(await refusal('empty.xlsx', sheetWorkbook(''))).toBe('The first worksheet of empty.xlsx is empty: it needs a header row and at least one data row.');
  });
});

describe('XLSX imports: values read as a person sees them', () => {
  it('reads shared and inline strings, rich text, numbers, dates, booleans, formulas and errors; skips hidden sheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hidden', { state: 'hidden' }).addRow(['not', 'this']);
    wb.addWorksheet('Empty');
    const ws = wb.addWorksheet('Payments');
    ws.addRow(['Reference', 'Date', 'Amount', 'Memo', 'Flag', 'Total']);
    ws.addRow([
      'R-1',
      new Date(Date.UTC(2025, 4, 2)),
      0.1 + 0.2,
      { richText: [{ text: 'bold ', font: { bold: true } }, { text: '& plain <tag>' }] },
      true,
      { formula: 'C2*2', result: 0.6 },
    ]);
    ws.addRow([]);
    ws.addRow(['R-2', '2025-05-03', 1250.5, { text: 'a link', hyperlink: 'https://example.com' }, false, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    ws.getCell('G4').value = 'ünïcødé ✓';
    const sheet = await readSheet('values.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheet).toEqual({
      format: 'xlsx',
      headers: ['Reference', 'Date', 'Amount', 'Memo', 'Flag', 'Total'],
      headerLine: 1,
      rows: [
        { line: 2, cells: ['R-1', '2025-05-02', '0.3', 'bold & plain <tag>', 'TRUE', '0.6'] },
        { line: 4, cells: ['R-2', '2025-05-03', '1250.5', 'a link', 'FALSE', '#DIV/0!', 'ünïcødé ✓'] },
      ],
      problems: [],
    });
  });
});
