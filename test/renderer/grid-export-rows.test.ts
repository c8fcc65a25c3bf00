import { describe, expect, it } from 'vitest';
import { createTable, getCoreRowModel, getFilteredRowModel, getSortedRowModel, type ColumnDef, type TableState } from '@tanstack/react-table';
import { exportableColumns, exportCells, rowsToExport, sortWords, type GridHandle } from '../../src-renderer/components/grid-export-rows';

/** Grid rows as a screen holds them: cents, ISO dates, a bucket index shown as its label. */
interface Item {
  id: number;
  accountNumber: string;
  name: string;
  pastDueCents: number;
  dueDate: string | null;
  bucket: number;
}
const labels = ['Current', '1-30', '31-60'];
const items: Item[] = [
  { id: 1, accountNumber: 'A-1', name: 'Alder', pastDueCents: 5_000, dueDate: '2026-01-05', bucket: 1 },
  { id: 2, accountNumber: 'A-2', name: 'Zoë Ångström', pastDueCents: 12_345, dueDate: null, bucket: 2 },
  { id: 3, accountNumber: 'A-3', name: '=SUM(A1)', pastDueCents: 5_000, dueDate: '2026-02-01', bucket: 0 },
  { id: 4, accountNumber: 'B-4', name: 'Birch', pastDueCents: 700, dueDate: '2026-03-01', bucket: 2 },
];

// The grid's footer total (DataGrid's ColumnMeta.total, declared with the screen's types, not in this project).
const totalled = { exportAs: 'money' as const, total: '$223.45' };
const balanceMeta = { exportAs: 'money' as const, total: '$223.45', exportTotal: false };
const columns: ColumnDef<Item, unknown>[] = [
  { id: 'select', header: 'x', meta: {} },
  {
    id: 'account',
    header: 'Account',
    accessorFn: (r) => r.name,
    meta: {
      exportColumns: [
        { header: 'Account number', kind: 'text', value: (r) => r.accountNumber },
        { header: 'Name', kind: 'text', value: (r) => r.name },
      ],
    },
  },
  { id: 'pastDue', header: 'Past due', accessorFn: (r) => r.pastDueCents, sortDescFirst: true, meta: totalled },
  { id: 'due', header: 'Due', accessorFn: (r) => r.dueDate ?? '', meta: { exportAs: 'date', exportValue: (r) => r.dueDate } },
  { id: 'bucket', header: 'Bucket', accessorFn: (r) => r.bucket, meta: { exportAs: 'text', exportValue: (r) => labels[r.bucket] } },
  { id: 'balance', header: 'Balance', accessorFn: (r) => r.pastDueCents, meta: balanceMeta },
];

/** A table as the DataGrid makes it, with this sort and filter. */
function gridTable(data: Item[], state: Partial<TableState>) {
  const t = createTable<Item>({
    data,
    columns,
    state: {},
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  t.setOptions((o) => ({ ...o, state: { ...t.initialState, ...state } }));
  return t;
}

describe('export what you see: columns and rows of a grid', () => {
  it('exports the columns with an export kind, in order, a two-fact column as two, with the grid’s totals', () => {
    const cols = exportableColumns(gridTable(items, {}));
    expect(cols.map((c) => [c.header, c.kind, c.total])).toEqual([
      ['Account number', 'text', false],
      ['Name', 'text', false],
      ['Past due', 'money', true],
      ['Due', 'date', false],
      ['Bucket', 'text', false],
      ['Balance', 'money', false],
    ]);
  });

  it('leaves out hidden columns', () => {
    const t = gridTable(items, { columnVisibility: { due: false } });
    expect(exportableColumns(t).map((c) => c.header)).not.toContain('Due');
  });

  it('gives typed cells from the values, not the shown text', () => {
    const t = gridTable(items, {});
    expect(exportCells(exportableColumns(t), items.slice(0, 3))).toEqual([
      ['A-1', 'Alder', 5_000, '2026-01-05', '1-30', 5_000],
      ['A-2', 'Zoë Ångström', 12_345, null, '31-60', 12_345],
      ['A-3', '=SUM(A1)', 5_000, '2026-02-01', 'Current', 5_000],
    ]);
  });

  it('every row in the grid’s sort and filter, and fetched rows through the same sort and filter', () => {
    // The grid's find box: names with an r (Alder, Zoë Ångström, Birch; not =SUM(A1)).
    const state = { sorting: [{ id: 'pastDue', desc: true }], globalFilter: 'r' };
    const t = gridTable(items.slice(0, 2), state);
    const h: GridHandle<Item> = { table: t, callerOrdered: false, data: items.slice(0, 2) };
    expect(rowsToExport(h).map((r) => r.id)).toEqual([2, 1]);
    // Rows fetched anew (the backend capped the list): through the same filter and sort.
    expect(rowsToExport(h, items).map((r) => r.id)).toEqual([2, 1, 4]);
    expect(sortWords(t)).toBe('Past due, descending');
  });

  it('rows the caller ordered (windowed or server-sorted grids) go as given', () => {
    const t = gridTable([], { sorting: [{ id: 'due', desc: false }] });
    const h: GridHandle<Item> = { table: t, callerOrdered: true, data: [items[3]!, items[0]!] };
    expect(rowsToExport(h).map((r) => r.id)).toEqual([4, 1]);
    expect(rowsToExport(h, items).map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(sortWords(t)).toBe('Due, ascending');
  });
});
