import { useRef, useState, type MutableRefObject } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { createTable, type Column, type Table } from '@tanstack/react-table';
import {
  exportGridTitles,
  toExportCell,
  type ExportCell,
  type ExportColumn,
  type ExportFormat,
  type ExportGrid,
  type ExportKind,
} from '@shared/domain/grid-export';
import { unwrap } from '../api/client';
import { downloadBase64, XLSX_TYPE } from './download';

/**
 * Export what you see (docs/reports.md): every grid gets the same Export menu. The DataGrid hands its
 * table to a GridExporter (its `exporter` prop); the menu reads the grid's visible columns that have an
 * export kind (ColumnMeta.exportAs), in the grid's order, and every row its sort and filters give,
 * not only the rendered ones, and sends typed cells to grids.export, which writes the file and audits it.
 */

/** What the DataGrid gives its exporter: the table (columns, sort, filters) and whether the caller sorted its rows. */
export interface GridHandle<T> {
  table: Table<T>;
  /** The rows are the caller's, sorted and filtered by it (windowed or server-sorted grids): export them in their order. */
  callerOrdered: boolean;
  data: T[];
}
export type GridExporter<T> = MutableRefObject<GridHandle<T> | null>;
export const useGridExporter = <T,>(): GridExporter<T> => useRef<GridHandle<T> | null>(null);

interface ExportableColumn<T> {
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
    return [{ header, kind: meta.exportAs, total: meta.exportTotal ?? meta.total !== undefined, value }];
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

const TYPES: Record<ExportFormat, string> = { xlsx: XLSX_TYPE, csv: 'text/csv;charset=utf-8' };

export interface GridExportMenuProps<T> {
  exporter: GridExporter<T>;
  grid: ExportGrid;
  /** The screen's filters in words, as label and value: they go on the About sheet and into the audit record. */
  filters?: [string, string][];
  /** The date the grid's figures are for, when it has one (aging, fee preview, ledger). */
  asOf?: string | null;
  /** The order when the grid is unsorted, in words ("Score, highest first"). */
  order?: string;
  /** For grids the backend pages or caps: fetch every row the same query gives. */
  fetchAll?: () => Promise<T[]>;
  disabled?: boolean;
}

/** The Export menu: Excel workbook or CSV of the grid as shown, every row. */
export function GridExportMenu<T>(props: GridExportMenuProps<T>) {
  const [busy, setBusy] = useState(false);
  const run = async (format: ExportFormat) => {
    const h = props.exporter.current;
    if (!h) return;
    setBusy(true);
    try {
      const cols = exportableColumns(h.table);
      const rows = rowsToExport(h, props.fetchAll ? await props.fetchAll() : undefined);
      const columns: ExportColumn[] = cols.map((c) => ({ header: c.header, kind: c.kind, total: c.total }));
      const file = await unwrap(
        window.api.grids.export({
          grid: props.grid,
          format,
          asOf: props.asOf ?? undefined,
          filters: props.filters ?? [],
          sort: sortWords(h.table) || props.order || '',
          columns,
          rows: exportCells(cols, rows),
        }),
      );
      downloadBase64(file.fileName, file.base64, TYPES[format]);
      notifications.show({
        color: 'teal',
        message: `${file.fileName} saved: ${file.rows.toLocaleString('en-US')} ${file.rows === 1 ? 'row' : 'rows'}. The export is recorded in the audit log.`,
      });
    } catch (err) {
      notifications.show({ color: 'red', title: `${exportGridTitles[props.grid]} not exported`, message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          disabled={props.disabled}
          data-testid={`export-${props.grid}`}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Every row, as the grid shows them</Menu.Label>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          Excel workbook (.xlsx)
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void run('csv')}>
          CSV (.csv)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
