import { sql } from 'kysely';
import type { Trx } from '../../context';

/** "INV-000123": the series, a dash, the sequence padded to 6 digits (more digits once past 999999). */
export function formatNumber(series: string, seq: number): string {
  return `${series}-${String(seq).padStart(6, '0')}`;
}

/**
 * Take the next number of a series. Must run inside the posting transaction: if the posting fails
 * and rolls back, so does the counter, so the series stays gap-free.
 */
export async function nextNumber(trx: Trx, series: string): Promise<{ seq: number; number: string }> {
  const row = await trx
    .insertInto('number_series')
    .values({ series, next_value: 2 })
    .onConflict((oc) => oc.column('series').doUpdateSet({ next_value: sql<number>`number_series.next_value + 1` }))
    .returning('next_value')
    .executeTakeFirstOrThrow();
  const seq = row.next_value - 1;
  return { seq, number: formatNumber(series, seq) };
}
