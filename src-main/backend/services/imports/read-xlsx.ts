import { invalid } from '../../errors';
import { SheetBuilder, type SheetData } from './sheet';
import { WorkbookZip } from './xlsx-zip';

// Uncompressed sizes read, per part (docs/import.md, "Limits"). A worksheet is read as a stream and stops
// at the first row past the row limit, so its size limit only bounds the time spent on a padded file.
const MAX_SHEET_BYTES = 1024 * 2 ** 20;
/** Shared strings are kept in memory for the cells that point at them. */
const MAX_SHARED_STRINGS_BYTES = 64 * 2 ** 20;
/** workbook.xml, its relationships, styles.xml. */
const MAX_SMALL_PART_BYTES = 16 * 2 ** 20;
/** Excel's last column (XFD) and last row. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

interface Workbook {
  sheets: { name: string; hidden: boolean; path: string }[];
  date1904: boolean;
  sharedStrings: string;
  styles: string;
}

/** A part's path from a relationship target, which is relative to xl/ unless it starts with "/". */
function partPath(target: string): string {
  const parts: string[] = [];
  for (const p of (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

async function readWorkbook(zip: WorkbookZip, fileName: string): Promise<Workbook> {
  if (!zip.has('xl/workbook.xml')) throw invalid(`${fileName} is a zip file but not an Excel workbook (.xlsx): it has no xl/workbook.xml.`);
  const targets = new Map<string, { type: string; path: string }>();
  await zip.parse('xl/_rels/workbook.xml.rels', MAX_SMALL_PART_BYTES, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, { type: a.Type ?? '', path: partPath(a.Target) });
    },
  });
  const book: Workbook = { sheets: [], date1904: false, sharedStrings: 'xl/sharedStrings.xml', styles: 'xl/styles.xml' };
  for (const t of targets.values()) {
    if (t.type.endsWith('/sharedStrings')) book.sharedStrings = t.path;
    if (t.type.endsWith('/styles')) book.styles = t.path;
  }
  await zip.parse('xl/workbook.xml', MAX_SMALL_PART_BYTES, {
    open(name, a) {
      if (name === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
      const path = (id && targets.get(id)?.path) ?? '';
      if (path) book.sheets.push({ name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', path });
    },
  });
  return book;
}

/** Number formats that show a date or time: Excel's built-in ones, and any whose code has date letters. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const isDateFormatCode = (code: string) => /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell style (a cell's `s`), whether it shows a date: date cells are numbers in the file. */
async function readDateStyles(zip: WorkbookZip, path: string): Promise<boolean[]> {
  const customDates = new Set<number>();
  const styles: boolean[] = [];
  let inside: 'numFmts' | 'cellXfs' | null = null;
  await zip.parse(path, MAX_SMALL_PART_BYTES, {
    open(name, a) {
      if (name === 'numFmts' || name === 'cellXfs') inside = name;
      else if (name === 'numFmt' && inside === 'numFmts' && isDateFormatCode(a.formatCode ?? '')) customDates.add(Number(a.numFmtId));
      else if (name === 'xf' && inside === 'cellXfs') {
        const id = Number(a.numFmtId ?? 0);
        styles.push(BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id));
      }
    },
    close(name) {
      if (name === inside) inside = null;
    },
  });
  return styles;
}

/** The shared strings table, rich text runs joined, phonetic guides left out. */
async function readSharedStrings(zip: WorkbookZip, path: string): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inT = false;
  let inPhonetic = false;
  await zip.parse(path, MAX_SHARED_STRINGS_BYTES, {
    open(name) {
      if (name === 'si') text = '';
      else if (name === 't') inT = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(t) {
      if (inT) text += t;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(text);
    },
  });
  return strings;
}

/** A number as Excel shows it: 0.1 + 0.2 is stored as 0.30000000000000004. */
function numberText(v: number): string {
  if (!Number.isInteger(v) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6) return String(Math.round(v * 100) / 100);
  return String(v);
}

/** A date serial (days since 1899-12-30, or 1904-01-01) as YYYY-MM-DD; '' when out of range. */
function serialDate(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** The column index of a cell reference such as "AB12" (0 for "A"); -1 when it has no letters. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper case
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

interface CellContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  /** Date serials already converted: a file repeats few dates many times. */
  dates: Map<number, string>;
}

/** A cell's value as the text a person sees (dates as YYYY-MM-DD, numbers as typed). */
function cellText(type: string, style: number, raw: string, ctx: CellContext): string {
  switch (type) {
    case 's':
      return ctx.strings[Number(raw)] ?? '';
    case 'str':
    case 'inlineStr':
    case 'e':
      return raw;
    case 'b':
      return raw === '' ? '' : Number(raw) !== 0 ? 'TRUE' : 'FALSE';
    case 'd':
      return /^\d{4}-\d\d-\d\d/.test(raw) ? raw.slice(0, 10) : raw;
    default: {
      if (raw.trim() === '') return '';
      const v = Number(raw);
      if (!Number.isFinite(v)) return raw;
      if (!ctx.dateStyles[style]) return numberText(v);
      let date = ctx.dates.get(v);
      if (date === undefined) {
        date = serialDate(v, ctx.date1904);
        ctx.dates.set(v, date);
      }
      return date;
    }
  }
}

/** Streams one worksheet's rows into the builder, which throws at the first row or cell past a limit. */
async function readRows(zip: WorkbookZip, fileName: string, path: string, sheet: SheetBuilder, ctx: CellContext): Promise<void> {
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let cell = { type: 'n', style: 0, ref: '' };
  let raw = '';
  /** Collecting the text of a <v>, or of an inline string's <t> (not a phonetic guide's). */
  let collecting = false;
  let inPhonetic = false;
  await zip.parse(path, MAX_SHEET_BYTES, {
    open(name, a) {
      if (name === 'row') {
        rowNumber = Number(a.r) || rowNumber + 1;
        if (rowNumber > MAX_ROWS)
          throw invalid(`${fileName}: row ${rowNumber} is past Excel's last row (${MAX_ROWS.toLocaleString('en-US')}); the file is damaged.`);
        cells = [];
        column = -1;
      } else if (name === 'c') {
        const at = a.r ? columnOf(a.r) : -1;
        column = at >= 0 ? at : column + 1;
        if (column >= MAX_COLUMNS) throw invalid(`${fileName}, row ${rowNumber}: cell ${a.r ?? ''} is past Excel's last column (XFD); the file is damaged.`);
        cell = { type: a.t ?? 'n', style: a.s ? Number(a.s) : 0, ref: a.r ?? '' };
        raw = '';
      } else if (name === 'v') {
        collecting = true;
        raw = '';
      } else if (name === 't') collecting = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(t) {
      if (collecting) raw += t;
    },
    close(name) {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c') {
        const text = cellText(cell.type, cell.style, raw, ctx);
        if (text !== '') cells[column] = text;
      } else if (name === 'row') {
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        sheet.add(rowNumber, cells);
      }
    },
  });
}

/**
 * The first visible worksheet with a value in it, read as a stream: rows, cells and strings past the limits
 * are refused while reading, before the file is built in memory.
 */
export async function readXlsx(fileName: string, bytes: Buffer): Promise<SheetData> {
  const zip = await WorkbookZip.open(fileName, bytes);
  const book = await readWorkbook(zip, fileName);
  if (book.sheets.length === 0) throw invalid(`${fileName} has no worksheet.`);
  const ctx: CellContext = {
    strings: await readSharedStrings(zip, book.sharedStrings),
    dateStyles: await readDateStyles(zip, book.styles),
    date1904: book.date1904,
    dates: new Map(),
  };
  const visible = book.sheets.filter((s) => !s.hidden);
  for (const ws of visible.length ? visible : book.sheets.slice(0, 1)) {
    const sheet = new SheetBuilder(fileName);
    await readRows(zip, fileName, ws.path, sheet, ctx);
    if (sheet.headers) return sheet.done('xlsx', '');
  }
  throw invalid(`The first worksheet of ${fileName} is empty: it needs a header row and at least one data row.`);
}
