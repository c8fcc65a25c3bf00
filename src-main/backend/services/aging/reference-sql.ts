import type Sqlite from 'better-sqlite3-multiple-ciphers';
import type { IsoDate } from '@shared/dates';
import type { AgingBasis, AgingSettings } from '@shared/domain/aging';
import { agingParams, basisColumn, bucketSums } from './sql';

/**
 * The bench's yardstick: the best hand-written SQL for the aging summary as of a date on or after
 * every allocation (as of today) over the same tables and indexes: one row per account with its
 * number and name, bucket sums of open items, unapplied credit, ordered by name. The service must
 * stay within 1.5x of it (docs/decisions/0003-aging-as-of.md).
 */
export function referenceAgingSummarySql(settings: AgingSettings, basis: AgingBasis = 'due'): string {
  const col = basisColumn(basis);
  const n = settings.edges.length + 2;
  const sums = bucketSums(col, 'open_cents', settings.edges.length);
  const zeros = Array.from({ length: n }, (_, i) => `0 AS b${i}`).join(', ');
  const outer = Array.from({ length: n }, (_, i) => `SUM(b${i}) AS b${i}`).join(', ');
  return `SELECT a.id AS account_id, a.account_number, a.name, g.* FROM (
      SELECT account_id AS gid, ${outer}, SUM(u) AS u FROM (
        SELECT account_id, ${sums.join(', ')}, 0 AS u FROM document WHERE side = 'debit' AND open_cents > 0 AND doc_date <= @asOf GROUP BY account_id
        UNION ALL
        SELECT account_id, ${zeros}, SUM(open_cents) AS u FROM document WHERE side = 'credit' AND open_cents > 0 AND doc_date <= @asOf GROUP BY account_id
      ) GROUP BY account_id
    ) g JOIN account a ON a.id = g.gid
    ORDER BY a.name_norm, a.id`;
}

/** Named parameters: asOf, t0 (edge of Current), t1..tn (one per bucket edge). */
export function referenceAgingSummaryParams(asOf: IsoDate, settings: AgingSettings): Record<string, string | number> {
  return agingParams(asOf, settings);
}

/** Run the reference query: rows (account_id, account_number, name, b0..bn, u) ordered by name. */
export function runReferenceAgingSummary(sqlite: Sqlite.Database, asOf: IsoDate, settings: AgingSettings, basis: AgingBasis = 'due'): Record<string, number>[] {
  return sqlite.prepare(referenceAgingSummarySql(settings, basis)).all(referenceAgingSummaryParams(asOf, settings)) as Record<string, number>[];
}
