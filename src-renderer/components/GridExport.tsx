import { useRef, useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { exportGridTitles, type ExportColumn, type ExportFormat, type ExportGrid } from '@shared/domain/grid-export';
import { unwrap } from '../api/client';
import { downloadBase64, XLSX_TYPE } from './download';
import { exportableColumns, exportCells, rowsToExport, sortWords, type GridExporter, type GridHandle } from './grid-export-rows';

export type { GridExporter } from './grid-export-rows';
export const useGridExporter = <T,>(): GridExporter<T> => useRef<GridHandle<T> | null>(null);

/**
 * Export what you see (docs/reports.md): every grid gets the same Export menu. The DataGrid hands its
 * table to a GridExporter (its `exporter` prop); the menu reads the grid's visible columns that have an
 * export kind (ColumnMeta.exportAs), in the grid's order, and every row its sort and filters give,
 * not only the rendered ones, and sends typed cells to grids.export, which writes the file and audits it.
 */

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
        // Electron asks where to save it: say what was exported, not where it went.
        message: `Exported ${file.fileName}: ${file.rows.toLocaleString('en-US')} ${file.rows === 1 ? 'row' : 'rows'}. The export is recorded in the audit log.`,
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
