import Papa from 'papaparse';
import { csvText } from '@shared/csv-text';
import type { ExportCell, ExportColumn } from '@shared/domain/grid-export';
import { centsToDecimalString } from '@shared/money';
import { instantToCell } from '../reports/cells';

/**
 * A byte order mark first: Excel opens a CSV as UTF-8 only when it starts with one (without it, "Zoë"
 * shows as "ZoÃ«"); LibreOffice and Papa Parse skip it.
 */
export const CSV_BOM = '\uFEFF';

/**
 * One exported cell as CSV text: amounts as decimals ("-12.50", a number to a spreadsheet), dates as
 * ISO dates, instants as the office's wall-clock time ("2026-03-10 10:00:00", which spreadsheets read
 * as a date and time), text with a leading = + - @ neutralised (csvText: CSV injection).
 */
export function csvCell(kind: ExportColumn['kind'], v: ExportCell, timeZone: string): string {
  if (v === null) return '';
  if (kind === 'text') return csvText(String(v));
  if (kind === 'money') return centsToDecimalString(Number(v));
  if (kind === 'datetime') return instantToCell(String(v), timeZone).toISOString().slice(0, 19).replace('T', ' ');
  return String(v);
}

/** The grid as CSV: a header row, then one line per row, CRLF line ends, quoted where needed. */
export function gridCsv(columns: readonly ExportColumn[], rows: readonly (readonly ExportCell[])[], timeZone: string): string {
  const fields = columns.map((c) => csvText(c.header));
  const data = rows.map((r) => columns.map((c, i) => csvCell(c.kind, r[i] ?? null, timeZone)));
  return CSV_BOM + Papa.unparse({ fields, data }, { newline: '\r\n' });
}
