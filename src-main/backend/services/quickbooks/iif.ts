import { readDate, type IsoDate } from '@shared/dates';
import { readMoney, type Cents } from '@shared/money';
import type { Read } from '@shared/read';
import type { ImportError } from '@shared/ipc/contract/imports';
import { invalid } from '../../errors';
import { decodeText } from '../imports/read-csv';

/**
 * QuickBooks Desktop's IIF (Intuit Interchange Format): tab-separated lines; a line whose first cell is
 * `!NAME` declares the columns of the records of type NAME that follow (`!CUST`, `!TRNS`, `!SPL`,
 * `!ENDTRNS`); a transaction is one TRNS line, its SPL lines and an ENDTRNS line (docs/quickbooks.md).
 */
export interface IifRecord {
  line: number;
  type: string;
  /** The value of a column of this record's header (upper case name), '' when absent. */
  get(column: string): string;
}

export interface IifTransaction {
  trns: IifRecord;
  spls: IifRecord[];
}

export interface IifFile {
  /** Records that are not part of a transaction (CUST, ACCNT, ...), in file order. */
  lists: IifRecord[];
  transactions: IifTransaction[];
  /** Structural problems, each on its line: the transactions they touch are left out. */
  problems: ImportError[];
}

/** A cell as QuickBooks writes it: bare, or in double quotes with "" for a quote inside. */
function unquote(cell: string): string {
  const t = cell.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  return t;
}

/** Reads the lines and groups TRNS/SPL/ENDTRNS; never throws for a bad line, only for a file that is not IIF. */
export function parseIif(fileName: string, bytes: Buffer): IifFile {
  const text = decodeText(bytes);
  const lines = text.split(/\r\n|\n|\r/);
  const headers = new Map<string, Map<string, number>>();
  const out: IifFile = { lists: [], transactions: [], problems: [] };
  let open: (IifTransaction & { broken: boolean }) | null = null;
  const problem = (line: number, column: string, reason: string) => out.problems.push({ line, column, reason });
  const close = (tx: IifTransaction & { broken: boolean }) => {
    if (!tx.broken) out.transactions.push({ trns: tx.trns, spls: tx.spls });
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = raw.split('\t').map(unquote);
    const first = cells[0]!.toUpperCase();
    if (first.startsWith('!')) {
      const cols = new Map<string, number>();
      cells.forEach((c, k) => {
        if (k > 0 && c) cols.set(c.toUpperCase(), k);
      });
      headers.set(first.slice(1), cols);
      return;
    }
    const cols = headers.get(first);
    if (!cols) {
      problem(line, first || 'column 1', `is a ${first || 'blank'} record before any !${first} header line that names its columns`);
      return;
    }
    const rec: IifRecord = { line, type: first, get: (c) => (cols.has(c) ? (cells[cols.get(c)!] ?? '') : '') };
    if (first === 'TRNS') {
      if (open) {
        problem(open.trns.line, 'TRNS', `starts a transaction that has no ENDTRNS line before the next TRNS on line ${line}`);
        open.broken = true;
      }
      open = { trns: rec, spls: [], broken: false };
    } else if (first === 'SPL') {
      if (!open) problem(line, 'SPL', 'is a split line (SPL) outside a transaction: it must follow a TRNS line');
      else open.spls.push(rec);
    } else if (first === 'ENDTRNS') {
      if (!open) problem(line, 'ENDTRNS', 'ends a transaction that was never started (no TRNS line before it)');
      else close(open);
      open = null;
    } else if (open) {
      problem(open.trns.line, 'TRNS', `starts a transaction that has no ENDTRNS line before the ${first} record on line ${line}`);
      open = null;
    } else out.lists.push(rec);
  });
  if (open) problem((open as IifTransaction).trns.line, 'TRNS', 'starts a transaction that has no ENDTRNS line before the end of the file');
  if (headers.size === 0) throw invalid(`${fileName} is not an IIF file: no line starts with a !header such as !CUST or !TRNS.`);
  return out;
}

/** An IIF amount: "1234.56", "-1,234.56", "(12.00)"; positive = debit. */
export const readIifAmount = (text: string): Read<Cents> => readMoney(text, { negative: true });

/**
 * Dates as QuickBooks writes them: MM/DD/YYYY, also M/D/YY. A two-digit year is read the way Windows
 * reads it by default (QuickBooks follows the Windows setting): 00-49 are 2000-2049, 50-99 are 1950-1999.
 */
export function readQuickBooksDate(text: string): Read<IsoDate> {
  const t = text.trim();
  const short = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(t);
  if (short) {
    const yy = Number(short[3]);
    const year = yy < 50 ? 2000 + yy : 1900 + yy;
    const r = readDate(`${short[1]}/${short[2]}/${year}`);
    return r.ok ? r : { ok: false, reason: `is not a calendar date (${t})` };
  }
  const r = readDate(t);
  return r.ok ? r : { ok: false, reason: `is not a date QuickBooks writes (${t}); use MM/DD/YYYY` };
}

/** A name or memo as IIF can carry it: no tab, line break or other control character; trimmed. */
export function iifText(text: string): string {
  return text.replace(CONTROL_RUNS, ' ').replace(/\s+/g, ' ').trim();
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: the class names the characters IIF cannot carry (tab and line breaks included)
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** An IIF line from its cells. Quotes are kept out of cells: QuickBooks reads a leading quote as a quoted value. */
export const iifLine = (cells: string[]) => cells.map((c) => iifText(c).replace(/"/g, "'")).join('\t');
