import { addDays, isIsoDate, type IsoDate } from '@shared/dates';
import type { AgingBasis, AgingSettings } from '@shared/domain/aging';

/**
 * SQL text for as-of aging. Dates are inlined as literals only after validation (they are generated
 * from a checked ISO date), which keeps the statements simple to read and to compare with the bench's
 * reference SQL.
 *
 * Open amount of a debit document D as of date X (D dated on or before X):
 *   total - (allocations to D effective on or before X) = open_cents + (allocations to D effective after X)
 * because open_cents is maintained as total - all allocations. Likewise for a credit's unapplied amount.
 * So "as of today" reads only the partial indexes of open documents; a past date adds back the
 * allocations made after it.
 */
export function lit(date: IsoDate): string {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  return `'${date}'`;
}

/** Threshold dates: bucket 0 holds basis dates >= t[0]; bucket k holds t[k] <= date < t[k-1]; the last holds date < t[n-1]. */
export function bucketThresholds(asOf: IsoDate, s: AgingSettings): IsoDate[] {
  return [addDays(asOf, -s.currentThroughDays), ...s.edges.map((e) => addDays(asOf, -e))];
}

export function basisColumn(basis: AgingBasis, alias = ''): string {
  return `${alias}${basis === 'due' ? 'due_date' : 'doc_date'}`;
}

/** One SUM(CASE ...) per bucket over `amt`, bucketed on `col`. */
export function bucketSums(col: string, amt: string, th: IsoDate[]): string[] {
  const out = [`SUM(CASE WHEN ${col} >= ${lit(th[0]!)} THEN ${amt} ELSE 0 END)`];
  for (let k = 1; k < th.length; k++) out.push(`SUM(CASE WHEN ${col} < ${lit(th[k - 1]!)} AND ${col} >= ${lit(th[k]!)} THEN ${amt} ELSE 0 END)`);
  out.push(`SUM(CASE WHEN ${col} < ${lit(th[th.length - 1]!)} THEN ${amt} ELSE 0 END)`);
  return out;
}

/**
 * Rows (id, account_id, due_date, doc_date, total_cents, amt) of the debit documents open as of X.
 * `fast`: no allocation is effective after X, so the open amount is open_cents.
 */
export function openDebitsAsOfSql(asOf: IsoDate, fast: boolean, accountFilter: string): string {
  const X = lit(asOf);
  if (fast) {
    return `SELECT d.id, d.account_id, d.due_date, d.doc_date, d.total_cents, d.open_cents AS amt
      FROM document d WHERE d.side = 'debit' AND d.open_cents > 0 AND d.doc_date <= ${X}${accountFilter}`;
  }
  return `SELECT d.id, d.account_id, d.due_date, d.doc_date, d.total_cents, d.open_cents + COALESCE(l.back, 0) AS amt
      FROM document d LEFT JOIN (SELECT debit_document_id AS id, SUM(amount_cents) AS back FROM allocation WHERE effective_date > ${X} GROUP BY debit_document_id) l ON l.id = d.id
      WHERE d.side = 'debit' AND d.open_cents > 0 AND d.doc_date <= ${X}${accountFilter}
    UNION ALL
    SELECT d.id, d.account_id, d.due_date, d.doc_date, d.total_cents, l.back AS amt
      FROM (SELECT debit_document_id AS id, SUM(amount_cents) AS back FROM allocation WHERE effective_date > ${X} GROUP BY debit_document_id) l
      JOIN document d ON d.id = l.id
      WHERE d.open_cents = 0 AND l.back <> 0 AND d.doc_date <= ${X}${accountFilter}`;
}

/** Rows (account_id, amt) of credits unapplied as of X. */
export function openCreditsAsOfSql(asOf: IsoDate, fast: boolean, accountFilter: string): string {
  const X = lit(asOf);
  if (fast) {
    return `SELECT d.account_id, d.open_cents AS amt FROM document d WHERE d.side = 'credit' AND d.open_cents > 0 AND d.doc_date <= ${X}${accountFilter}`;
  }
  return `SELECT d.account_id, d.open_cents + COALESCE(l.back, 0) AS amt
      FROM document d LEFT JOIN (SELECT credit_document_id AS id, SUM(amount_cents) AS back FROM allocation WHERE effective_date > ${X} GROUP BY credit_document_id) l ON l.id = d.id
      WHERE d.side = 'credit' AND d.open_cents > 0 AND d.doc_date <= ${X}${accountFilter}
    UNION ALL
    SELECT d.account_id, l.back AS amt
      FROM (SELECT credit_document_id AS id, SUM(amount_cents) AS back FROM allocation WHERE effective_date > ${X} GROUP BY credit_document_id) l
      JOIN document d ON d.id = l.id
      WHERE d.open_cents = 0 AND l.back <> 0 AND d.doc_date <= ${X}${accountFilter}`;
}

/** The summary statement: one row per account with bucket sums b0..bn and unapplied credit u. */
export function agingSummarySql(asOf: IsoDate, basis: AgingBasis, s: AgingSettings, fast: boolean): string {
  const th = bucketThresholds(asOf, s);
  const col = basisColumn(basis, 'x.');
  const sums = bucketSums(col, 'x.amt', th).map((e, i) => `${e} AS b${i}`);
  return `SELECT a.id AS account_id, a.account_number, a.name, a.name_norm, ${sums.join(', ')}, 0 AS u
    FROM (${openDebitsAsOfSql(asOf, fast, '')}) x JOIN account a ON a.id = x.account_id
    GROUP BY x.account_id
  UNION ALL
  SELECT a.id, a.account_number, a.name, a.name_norm, ${th.map(() => '0').join(', ')}, 0, SUM(c.amt)
    FROM (${openCreditsAsOfSql(asOf, fast, '')}) c JOIN account a ON a.id = c.account_id
    GROUP BY c.account_id`;
}
