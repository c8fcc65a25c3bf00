import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { addDays, type IsoDate } from '@shared/dates';
import type { AgingBasis, AgingSettings } from '@shared/domain/aging';

/**
 * The bench's yardstick: the best hand-written SQL for "aging summary as of a date on or after every
 * allocation" (as of today), over the same tables and indexes, with bound parameters. The service
 * must stay within 1.5x of it. It reads the open-item and unapplied-credit partial indexes once each,
 * aggregating per account in SQL, and returns raw rows (account_id, b0..bn, u) without names.
 */
export function referenceAgingSummarySql(settings: AgingSettings, basis: AgingBasis = 'due'): string {
  const col = basis === 'due' ? 'due_date' : 'doc_date';
  const n = settings.edges.length;
  const cases = [`SUM(CASE WHEN ${col} >= @t0 THEN open_cents ELSE 0 END) AS b0`];
  for (let k = 1; k <= n; k++) cases.push(`SUM(CASE WHEN ${col} < @t${k - 1} AND ${col} >= @t${k} THEN open_cents ELSE 0 END) AS b${k}`);
  cases.push(`SUM(CASE WHEN ${col} < @t${n} THEN open_cents ELSE 0 END) AS b${n + 1}`);
  const asOfParam = '@asOf';
  return `SELECT account_id, ${cases.join(', ')}, 0 AS u
      FROM document WHERE side = 'debit' AND open_cents > 0 AND doc_date <= ${asOfParam} GROUP BY account_id
    UNION ALL
    SELECT account_id, ${Array.from({ length: n + 2 }, () => '0').join(', ')}, SUM(open_cents)
      FROM document WHERE side = 'credit' AND open_cents > 0 AND doc_date <= ${asOfParam} GROUP BY account_id`;
}

/** Named parameters: t0 (edge of Current), t1..tn (one per bucket edge), asOf. */
export function referenceAgingSummaryParams(asOf: IsoDate, settings: AgingSettings): Record<string, string> {
  const params: Record<string, string> = { asOf, t0: addDays(asOf, -settings.currentThroughDays) };
  settings.edges.forEach((e, i) => (params[`t${i + 1}`] = addDays(asOf, -e)));
  return params;
}

/** Run the reference query; rows are per account per side (an account with both has two rows). */
export function runReferenceAgingSummary(sqlite: Sqlite.Database, asOf: IsoDate, settings: AgingSettings, basis: AgingBasis = 'due'): Record<string, number>[] {
  return sqlite.prepare(referenceAgingSummarySql(settings, basis)).all(referenceAgingSummaryParams(asOf, settings)) as Record<string, number>[];
}
