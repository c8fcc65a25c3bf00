import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { invalid } from '../../errors';

/** A file's header and data rows as text, each row with the line (CSV) or row number (XLSX) it came from. */
export interface SheetData {
  format: 'csv' | 'xlsx';
  headers: string[];
  /** Line number of the header. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

export const MAX_IMPORT_ROWS = 200_000;

/** A CSV or XLSX file, decided by its first bytes (an XLSX is a zip: "PK\x03\x04"), else by its name. */
export async function readSheet(fileName: string, bytes: Buffer): Promise<SheetData> {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip || /\.xlsx$/i.test(fileName)) {
    if (!isZip) throw invalid(`${fileName} is named .xlsx but is not an Excel workbook.`);
    return readXlsx(fileName, bytes);
  }
  if (/\.xls$/i.test(fileName)) throw invalid(`${fileName} is an old-style .xls workbook; save it as .xlsx or CSV and import that.`);
  return readCsv(bytes);
}

function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Not valid UTF-8 (a Windows-1252 export): read it as Latin-1 rather than show replacement characters.
  if (text.includes('\ufffd')) text = bytes.toString('latin1');
  return text;
}

function readCsv(bytes: Buffer): SheetData {
  const text = decodeText(bytes);
  // Line numbers as an editor shows them: count the newlines before each record's first character.
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const records: { line: number; cells: string[] }[] = [];
  let start = 0;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
    step: (r, parser) => {
      const cells = r.data.map((c) => (c == null ? '' : String(c)));
      if (cells.some((c) => c.trim() !== '')) records.push({ line: lineAt(start), cells });
      start = r.meta.cursor;
      if (records.length > MAX_IMPORT_ROWS + 1) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  if (tooMany) throw invalid(`The file has more than ${MAX_IMPORT_ROWS} rows; split it into smaller files.`);
  const [header, ...rows] = records;
  if (!header) throw invalid('The file is empty: it needs a header row and at least one data row.');
  return { format: 'csv', headers: header.cells.map((h) => h.trim()), headerLine: header.line, rows };
}

/** A cell's value as the text a person sees (dates as YYYY-MM-DD, numbers as typed). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // Binary floating point: 0.1 + 0.2 is stored as 0.30000000000000004; show what Excel shows.
    if (!Number.isInteger(v) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6) return String(Math.round(v * 100) / 100);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null); // formula
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

async function readXlsx(fileName: string, bytes: Buffer): Promise<SheetData> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid(`${fileName} could not be read as an Excel workbook (.xlsx); it may be damaged or password-protected.`);
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible' && w.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw invalid(`${fileName} has no worksheet.`);
  const records: { line: number; cells: string[] }[] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c.trim() !== '')) {
      records.push({ line: rowNumber, cells });
      width = Math.max(width, cells.length);
    }
  });
  if (records.length > MAX_IMPORT_ROWS + 1) throw invalid(`The worksheet has more than ${MAX_IMPORT_ROWS} rows; split it into smaller files.`);
  const [header, ...rows] = records;
  if (!header) throw invalid(`The first worksheet of ${fileName} is empty: it needs a header row and at least one data row.`);
  return { format: 'xlsx', headers: header.cells.map((h) => h.trim()), headerLine: header.line, rows };
}
