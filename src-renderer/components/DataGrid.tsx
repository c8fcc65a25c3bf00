// biome-ignore-all lint/a11y/useSemanticElements: an ARIA grid of divs on purpose: virtualized rows are absolutely positioned CSS-grid boxes inside a spacer of the full height, which table elements cannot hold without overriding every table display (WebKit then drops their table semantics); the roles carry the same meaning.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { Box, Center, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type Row,
  type SortingState,
  type ColumnFiltersState,
  type RowData,
  type TableOptions,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import classes from './DataGrid.module.css';
import type { GridExporter } from './grid-export-rows';

declare module '@tanstack/react-table' {
  // TValue is unused here, but a merged interface must repeat the library's type parameters.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures (money, counts). */
    numeric?: boolean;
    /** The footer total for this column, already formatted. */
    total?: ReactNode;
    width?: number;
    /** Without a fixed width: the smallest width in px (default 90) and the share of the free space (default 1). */
    minWidth?: number;
    grow?: number;
    /** Makes the cell a button (e.g. drill-down); `cellClickable` can leave some cells plain (zero amounts). */
    onCellClick?: (row: TData) => void;
    cellClickable?: (row: TData) => boolean;
    /** Long text wraps onto two lines (give the grid a taller rowHeight) instead of ending in an ellipsis. */
    wrap?: boolean;
    /** Accessible name of the cell button. */
    cellLabel?: (row: TData) => string;
    // How a column exports (exportAs, exportValue...): grid-export-rows.ts.
  }
}

const noFilters: ColumnFiltersState = [];

/**
 * A grid's columns: the table library's own type for them. Accessor columns of different value types
 * (text, cents) share one list, which only the library's type (its value type left open) can hold.
 */
export type GridColumns<T> = TableOptions<T>['columns'];

export interface DataGridProps<T> {
  data: T[];
  columns: GridColumns<T>;
  /** Accessible name of the grid. */
  label: string;
  loading?: boolean;
  empty?: ReactNode;
  onRowClick?: (row: T) => void;
  getRowId?: (row: T) => string;
  initialSorting?: SortingState;
  /** Free-text filter across every column (client side). */
  globalFilter?: string;
  columnFilters?: ColumnFiltersState;
  /** Show the totals row from each column's meta.total. */
  showTotals?: boolean;
  height?: CSSProperties['height'];
  rowHeight?: number;
  testId?: string;
  /** Sorting done by the caller (server side): the grid only reports clicks. */
  manualSorting?: boolean;
  sorting?: SortingState;
  onSortingChange?: (s: SortingState) => void;
  /**
   * For very large grids whose rows the caller already sorted and filtered (implies manualSorting; the
   * grid's own filters are off): the table library is given only the rows around the visible ones, so
   * re-sorting or re-filtering 50,000 rows does not rebuild 50,000 row objects. Fixed for the grid's life.
   */
  windowed?: boolean;
  /** Lets a GridExportMenu read this grid's columns, sort, filters and every row (docs/reports.md, Export what you see). */
  exporter?: GridExporter<T>;
}

/** Rows handed to the table library around the visible ones in windowed mode. */
const WINDOW_SLACK = 40;

/**
 * The one grid: @tanstack/react-table for columns, sorting and filtering; @tanstack/react-virtual so
 * only the visible rows are in the DOM whatever the row count.
 */
export function DataGrid<T>(props: DataGridProps<T>) {
  const [sortingState, setSortingState] = useState<SortingState>(props.initialSorting ?? []);
  const sorting = props.sorting ?? sortingState;
  const windowed = props.windowed ?? false;
  const [range, setRange] = useState({ start: 0, end: 2 * WINDOW_SLACK });
  const tableData = useMemo(() => (windowed ? props.data.slice(range.start, range.end) : props.data), [windowed, props.data, range.start, range.end]);
  const table = useReactTable({
    data: tableData,
    columns: props.columns,
    // A stable empty array: a new [] on every render re-runs the filter model, whose page-index reset
    // sets state and renders again, forever (the grid never paginates, so that reset is off too).
    state: { sorting, globalFilter: windowed ? undefined : props.globalFilter, columnFilters: windowed ? noFilters : (props.columnFilters ?? noFilters) },
    autoResetPageIndex: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      setSortingState(next);
      props.onSortingChange?.(next);
    },
    manualSorting: windowed || props.manualSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: props.getRowId ? (r) => props.getRowId!(r) : undefined,
  });
  const rows = table.getRowModel().rows;
  const exporter = props.exporter;
  useLayoutEffect(() => {
    if (exporter) exporter.current = { table, callerOrdered: windowed || props.manualSorting === true, data: props.data };
  });
  const parentRef = useRef<HTMLDivElement>(null);
  const rowHeight = props.rowHeight ?? 34;
  const rowCount = windowed ? props.data.length : rows.length;
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => parentRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.length ? items[items.length - 1]!.index + 1 : 0;
  // Windowed: move the window before the browser paints when the visible rows leave it.
  useLayoutEffect(() => {
    if (!windowed) return;
    if (first < range.start || last > range.end || range.end - range.start > 4 * WINDOW_SLACK + last - first) {
      setRange({ start: Math.max(0, first - WINDOW_SLACK), end: last + WINDOW_SLACK });
    }
  }, [windowed, first, last, range.start, range.end]);
  const rowAt = (index: number): Row<T> | undefined => (windowed ? rows[index - range.start] : rows[index]);
  const template = table
    .getVisibleLeafColumns()
    .map((c) => {
      const m = c.columnDef.meta;
      return m?.width ? `${m.width}px` : `minmax(${m?.minWidth ?? 90}px, ${m?.grow ?? 1}fr)`;
    })
    .join(' ');
  const gridStyle = { gridTemplateColumns: template };

  // Keyboard: the grid is one tab stop, the active row (a roving tabindex). Arrows, PageUp/PageDown and
  // Home/End move between rows; Enter or Space does what a click on the row does.
  const [activeIndex, setActiveIndex] = useState(0);
  const tabStop = activeIndex >= first && activeIndex < last ? activeIndex : first;
  const pendingFocus = useRef<number | null>(null);
  const rowElement = (index: number) => parentRef.current?.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${index + 2}"]`) ?? null;
  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(rowCount - 1, index));
    setActiveIndex(next);
    virtualizer.scrollToIndex(next);
    const el = rowElement(next);
    if (el) el.focus();
    else pendingFocus.current = next;
  };
  // A row beyond the rendered ones gets its focus once the virtualizer has rendered it (unless focus went elsewhere meanwhile).
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body && !parentRef.current?.contains(focused)) pendingFocus.current = null;
    const el = pendingFocus.current === null ? null : rowElement(pendingFocus.current);
    if (!el) return;
    pendingFocus.current = null;
    el.focus();
  });
  const onRowKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number, row: Row<T>) => {
    // Keys pressed on a control inside a cell (a button, a checkbox) belong to that control.
    const target = e.target as HTMLElement;
    if (target !== e.currentTarget && target.getAttribute('role') !== 'gridcell') return;
    const page = Math.max(1, Math.floor((parentRef.current?.clientHeight ?? 0) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rowCount - 1,
    };
    const to: number | undefined = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      focusRow(to);
    } else if ((e.key === 'Enter' || e.key === ' ') && props.onRowClick) {
      e.preventDefault();
      props.onRowClick(row.original);
    }
  };
  const hasTotals = props.showTotals && table.getVisibleLeafColumns().some((c) => c.columnDef.meta?.total !== undefined);

  return (
    <Box className={classes.frame} style={{ height: props.height ?? '100%' }} data-testid={props.testId}>
      <div ref={parentRef} className={classes.scroller} role="grid" aria-label={props.label} aria-rowcount={rowCount + 1}>
        <div className={classes.header} role="row" tabIndex={-1} style={gridStyle}>
          {table.getFlatHeaders().map((h) => {
            const numeric = h.column.columnDef.meta?.numeric;
            const sorted = h.column.getIsSorted();
            return (
              <div
                key={h.id}
                role="columnheader"
                tabIndex={-1}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className={classes.cell}
                data-numeric={numeric || undefined}
              >
                {h.column.getCanSort() ? (
                  <UnstyledButton className={classes.sortButton} onClick={h.column.getToggleSortingHandler()} data-numeric={numeric || undefined}>
                    <span className={classes.sortLabel}>{flexRender(h.column.columnDef.header, h.getContext())}</span>
                    {sorted === 'asc' ? (
                      <IconArrowUp size={13} />
                    ) : sorted === 'desc' ? (
                      <IconArrowDown size={13} />
                    ) : (
                      <IconArrowsSort size={13} className={classes.sortIdle} />
                    )}
                  </UnstyledButton>
                ) : (
                  flexRender(h.column.columnDef.header, h.getContext())
                )}
              </div>
            );
          })}
        </div>
        {props.loading && rowCount === 0 ? (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        ) : rowCount === 0 ? (
          <Center p="xl">
            <Text c="dimmed" size="sm">
              {props.empty ?? 'Nothing to show.'}
            </Text>
          </Center>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const row = rowAt(v.index);
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  role="row"
                  tabIndex={v.index === tabStop ? 0 : -1}
                  aria-rowindex={v.index + 2}
                  className={classes.row}
                  data-clickable={props.onRowClick ? true : undefined}
                  data-odd={v.index % 2 === 1 || undefined}
                  style={{ ...gridStyle, height: rowHeight, transform: `translateY(${v.start}px)` }}
                  onClick={props.onRowClick ? () => props.onRowClick!(row.original) : undefined}
                  onKeyDown={(e) => onRowKeyDown(e, v.index, row)}
                  onFocus={() => setActiveIndex(v.index)}
                >
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    const clickable = meta?.onCellClick && (meta.cellClickable?.(row.original) ?? true);
                    return (
                      <div
                        key={cell.id}
                        role="gridcell"
                        tabIndex={-1}
                        className={classes.cell}
                        data-numeric={meta?.numeric || undefined}
                        data-wrap={meta?.wrap || undefined}
                      >
                        {clickable ? (
                          <UnstyledButton
                            className={classes.cellButton}
                            data-numeric={meta?.numeric || undefined}
                            aria-label={meta?.cellLabel?.(row.original)}
                            onClick={(e) => {
                              e.stopPropagation();
                              meta!.onCellClick!(row.original);
                            }}
                          >
                            {content}
                          </UnstyledButton>
                        ) : (
                          content
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        )}
        {hasTotals && rowCount > 0 && (
          <div className={classes.totals} role="row" tabIndex={-1} aria-label="Totals" style={gridStyle}>
            {table.getVisibleLeafColumns().map((c, i) => (
              <div key={c.id} className={classes.cell} role="gridcell" tabIndex={-1} data-numeric={c.columnDef.meta?.numeric || undefined}>
                {c.columnDef.meta?.total ?? (i === 0 ? 'Total' : '')}
              </div>
            ))}
          </div>
        )}
      </div>
    </Box>
  );
}
