import type { MutableRefObject } from 'react';
import { createTable, type Column, type RowData, type Table } from '@tanstack/react-table';
import { toExportCell, type ExportCell, type ExportKind } from '@shared/domain/grid-export';

/**
 * Export what you see (docs/reports.md), the part without a screen: which columns of a grid export and
 * how (each column's ColumnMeta export fields, declared here), the sort in words, and the rows in the
 * grid's order with their typed cells. GridExport.tsx is the menu that sends them.
 */

declare module '@tanstack/react-table' {
  // The grid's other ColumnMeta fields are in DataGrid.tsx; a merged interface repeats the type parameters.
  interface ColumnMeta<TData extends RowData, TValue> {
    /**
     * How the column exports: cents as money, ISO dates, whole numbers, text (the workbook's column
     * kinds). Columns without it (selection boxes, buttons) are left out of exports.
     */
    exportAs?: ExportKind;
    /** The exported value when the accessor's is not it (a bucket index whose label is shown), or the column has no accessor. */
    exportValue?: (row: TData) => unknown;
    /** The exported column name when the header is not plain text (a checkbox, an empty header). */
    exportHeader?: string;
    /** Whether the workbook totals the column (default: when the grid shows a total for it). */
    exportTotal?: boolean;
    /** A column that shows several facts (a name over its account number) exports as these columns instead. */
    exportColumns?: { header: string; kind: ExportKind; value: (row: TData) => unknown }[];
  }
}

/** What the DataGrid gives its exporter: the table (columns, sort, filters) and whether the caller sorted its rows. */
export interface GridHandle<T> {
  table: Table<T>;
  /** The rows are the caller's, sorted and filtered by it (windowed or server-sorted grids): export them in their order. */
  callerOrdered: boolean;
  data: T[];
}
export type GridExporter<T> = MutableRefObject<GridHandle<T> | null>;

export interface ExportableColumn<T> {
  header: string;
  kind: ExportKind;
  total: boolean;
  value: (row: T, index: number) => unknown;
}

/** The visible columns that export, in the grid's order (selection boxes and buttons have no export kind). */
export function exportableColumns<T>(table: Table<T>): ExportableColumn<T>[] {
  return table.getVisibleLeafColumns().flatMap((c: Column<T, unknown>) => {
    const meta = c.columnDef.meta;
    if (meta?.exportColumns) return meta.exportColumns.map((x) => ({ ...x, total: false }));
    if (!meta?.exportAs) return [];
    const header = meta.exportHeader ?? (typeof c.columnDef.header === 'string' && c.columnDef.header ? c.columnDef.header : c.id);
    const value = meta.exportValue ?? ((row: T, index: number) => c.accessorFn?.(row, index));
    return [{ header, kind: meta.exportAs, total: meta.exportTotal ?? ('total' in meta && meta.total !== undefined), value }];
  });
}

/** The grid's sort in words: "Past due, descending; Account, ascending"; empty when unsorted. */
export function sortWords<T>(table: Table<T>): string {
  return table
    .getState()
    .sorting.map((s) => {
      const c = table.getColumn(s.id);
      const h = c?.columnDef.meta?.exportHeader ?? (typeof c?.columnDef.header === 'string' ? c.columnDef.header : s.id);
      return `${h}, ${s.desc ? 'descending' : 'ascending'}`;
    })
    .join('; ');
}

/**
 * The rows to export. Rows fetched anew (`all`, for grids paged or capped by the backend) go through
 * the same sort and filters as the grid's own rows, on a table of their own, unless the caller orders
 * them; otherwise the grid's whole row model (sorted and filtered), or the caller's rows as given.
 */
export function rowsToExport<T>(h: GridHandle<T>, all?: T[]): T[] {
  if (all) {
    if (h.callerOrdered) return all;
    const t = createTable<T>({ ...h.table.options, data: all, state: h.table.getState(), onStateChange: () => {}, renderFallbackValue: null });
    return t.getRowModel().rows.map((r) => r.original);
  }
  return h.callerOrdered ? h.data : h.table.getRowModel().rows.map((r) => r.original);
}

/** The cells of each row, by each column's kind (toExportCell: values as the accessors give them, never the shown text). */
export function exportCells<T>(columns: readonly ExportableColumn<T>[], rows: readonly T[]): ExportCell[][] {
  return rows.map((r, i) => columns.map((c) => toExportCell(c.kind, c.value(r, i))));
}
