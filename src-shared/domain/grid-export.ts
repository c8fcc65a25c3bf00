import { z } from 'zod';
import { isIsoDate } from '../dates';
import { MAX_CENTS } from '../money';
import type { Role } from './users';
import { isoDateSchema, textField, textProblem } from './text';

/**
 * "Export what you see" (docs/reports.md): a grid's columns, in its order, with its filters and sort,
 * and every row those give, sent as typed cells to grids.export, which writes an .xlsx (the workbook
 * conventions) or a CSV and records the export in the audit log.
 */

/** The grids that export, by code; the words are exportGridTitles. */
export const exportGrids = [
  'accounts',
  'agingSummary',
  'agingDetail',
  'worklist',
  'openItems',
  'ledger',
  'feePreview',
  'feeExcluded',
  'complianceOverrides',
] as const;
export type ExportGrid = (typeof exportGrids)[number];

export const exportGridTitles: Record<ExportGrid, string> = {
  accounts: 'Accounts',
  agingSummary: 'Aging summary',
  agingDetail: 'Aging detail',
  worklist: 'Worklist',
  openItems: 'Open items',
  ledger: 'Account ledger',
  feePreview: 'Fees to charge',
  feeExcluded: 'Invoices not charged',
  complianceOverrides: 'Compliance overrides',
};

/** Who sees each grid, so who may export it: the late fee preview and the overrides report are supervisors' screens. */
export const exportGridRoles: Record<ExportGrid, readonly Role[]> = {
  accounts: ['clerk', 'supervisor', 'administrator'],
  agingSummary: ['clerk', 'supervisor', 'administrator'],
  agingDetail: ['clerk', 'supervisor', 'administrator'],
  worklist: ['clerk', 'supervisor', 'administrator'],
  openItems: ['clerk', 'supervisor', 'administrator'],
  ledger: ['clerk', 'supervisor', 'administrator'],
  feePreview: ['supervisor', 'administrator'],
  feeExcluded: ['supervisor', 'administrator'],
  complianceOverrides: ['supervisor', 'administrator'],
};

/**
 * How a column's values are exported, the same kinds the report workbooks use: money as integer cents
 * (a currency cell, a decimal in CSV), dates as ISO dates (date cells), instants as ISO date-times
 * (shown in the office's time zone), counts as whole numbers, text as text.
 */
export const exportKinds = ['text', 'money', 'date', 'datetime', 'integer', 'decimal', 'percent'] as const;
export type ExportKind = (typeof exportKinds)[number];
export type ExportCell = string | number | null;
export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Limits: the largest grid (aging detail at 100,000 open items) fits; anything far beyond is refused whole. */
export const EXPORT_MAX_ROWS = 250_000;
export const EXPORT_MAX_COLUMNS = 40;
export const EXPORT_MAX_CELLS = 4_000_000;
/** Excel's limit for the text of one cell. */
export const EXPORT_MAX_TEXT = 32_767;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why a value cannot be a cell of this kind, or null. */
export function exportCellProblem(kind: ExportKind, v: ExportCell): string | null {
  if (v === null) return null;
  switch (kind) {
    case 'text':
      return typeof v === 'string' ? textProblem(v) : 'is not text';
    case 'money':
      return Number.isSafeInteger(v) && Math.abs(v as number) <= MAX_CENTS ? null : 'is not an amount in whole cents';
    case 'integer':
      return Number.isSafeInteger(v) ? null : 'is not a whole number';
    case 'decimal':
    case 'percent':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'is not a number';
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? null : 'is not a date (YYYY-MM-DD, 1900 to 2199)';
    case 'datetime':
      return typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && isIsoDate(v.slice(0, 10)) ? null : 'is not a date and time (ISO 8601)';
  }
}

const shown = (v: ExportCell) => (typeof v === 'string' ? `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”` : String(v));

const exportColumnSchema = z.object({
  header: textField('Column header', 100).pipe(z.string().min(1, 'Column header is required')),
  kind: z.enum(exportKinds),
  /** The grid shows a total for this column: the workbook adds a SUBTOTAL (money and counts only). */
  total: z.boolean().default(false),
});
export type ExportColumn = z.input<typeof exportColumnSchema>;

export const gridExportSchema = z
  .object({
    grid: z.enum(exportGrids),
    format: z.enum(exportFormats),
    /** The date the grid shows figures for (aging, fee preview, ledger); the business date when absent. */
    asOf: isoDateSchema.optional(),
    /** The grid's filters as the screen names them, e.g. ["Reason", "Promise due"]. */
    filters: z
      .array(z.tuple([textField('Filter name', 100), textField('Filter value', 500)]))
      .max(30)
      .default([]),
    /** The grid's sort in words ("Past due, largest first"); empty: the order the screen lists them in. */
    sort: textField('Sort', 300).default(''),
    columns: z.array(exportColumnSchema).min(1, 'Choose at least one column').max(EXPORT_MAX_COLUMNS),
    rows: z
      .array(z.array(z.union([z.string().max(EXPORT_MAX_TEXT, `A text cell is longer than ${EXPORT_MAX_TEXT} characters`), z.number(), z.null()])))
      .max(EXPORT_MAX_ROWS, `At most ${EXPORT_MAX_ROWS.toLocaleString('en-US')} rows can be exported at once`),
  })
  .superRefine((q, ctx) => {
    const width = q.columns.length;
    if (q.rows.length * width > EXPORT_MAX_CELLS) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: `At most ${EXPORT_MAX_CELLS.toLocaleString('en-US')} cells can be exported at once` });
      return;
    }
    let issues = 0;
    for (let r = 0; r < q.rows.length && issues < 10; r++) {
      const row = q.rows[r]!;
      if (row.length !== width) {
        ctx.addIssue({ code: 'custom', path: ['rows', r], message: `Row ${r + 1} has ${row.length} cells; the grid has ${width} columns` });
        issues++;
        continue;
      }
      for (let c = 0; c < width; c++) {
        const col = q.columns[c]!;
        const problem = exportCellProblem(col.kind, row[c]!);
        if (problem) {
          ctx.addIssue({ code: 'custom', path: ['rows', r, c], message: `Row ${r + 1}, column ${col.header}: ${shown(row[c]!)} ${problem}` });
          if (++issues >= 10) break;
        }
      }
    }
  });
export type GridExportQuery = z.input<typeof gridExportSchema>;
export type GridExportInput = z.output<typeof gridExportSchema>;

/**
 * A grid column's value (what its accessor returns) as the cell of its export kind: numbers stay
 * numbers, dates stay ISO strings, text is text; nothing is parsed back from shown text. Blank
 * values (undefined, null, "" in a figure column) are empty cells.
 */
export function toExportCell(kind: ExportKind, v: unknown): ExportCell {
  if (v === null || v === undefined) return null;
  if (kind === 'text') return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
  if (kind === 'date' || kind === 'datetime') return typeof v === 'string' && v !== '' ? v : null;
  return typeof v === 'number' ? v : null;
}
