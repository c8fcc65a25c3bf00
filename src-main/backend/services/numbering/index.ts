import type { Trx } from '../../context';
import { sqlFirst } from '../ledger/raw';

/** "INV-000123": the series, a dash, the sequence padded to 6 digits (more digits once past 999999). */
export function formatNumber(series: string, seq: number): string {
  return `${series}-${String(seq).padStart(6, '0')}`;
}

/**
 * Take the next number of a series. Must run inside the posting transaction: if the posting fails
 * and rolls back, so does the counter, so the series stays gap-free.
 */
export async function nextNumber(trx: Trx, series: string): Promise<{ seq: number; number: string }> {
  const row = await sqlFirst<{ next_value: number }>(
    trx,
    'INSERT INTO number_series (series, next_value) VALUES (?, 2) ON CONFLICT (series) DO UPDATE SET next_value = number_series.next_value + 1 RETURNING next_value',
    [series],
  );
  const seq = row!.next_value - 1;
  return { seq, number: formatNumber(series, seq) };
}
