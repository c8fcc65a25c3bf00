import type { SortingState } from '@tanstack/react-table';

export type SortKey<T> = (row: T) => number | string | null;

/**
 * Sorts rows by the grid's first sort column with precomputed keys (text compared case-insensitively,
 * ties kept in their incoming order). For large grids sorted by the caller (DataGrid manualSorting):
 * 50,000 rows sort in tens of milliseconds, where the table library's generic sort takes most of a second.
 */
export function sortRows<T>(rows: readonly T[], sorting: SortingState, keys: Record<string, SortKey<T>>): readonly T[] {
  const s = sorting[0];
  const key = s ? keys[s.id] : undefined;
  if (!s || !key) return rows;
  const n = rows.length;
  const values = new Array<number | string | null>(n);
  for (let i = 0; i < n; i++) {
    const v = key(rows[i]!);
    values[i] = typeof v === 'string' ? v.toLowerCase() : v;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const dir = s.desc ? -1 : 1;
  order.sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    if (x === y) return a - b;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * dir;
  });
  return order.map((i) => rows[i]!);
}
