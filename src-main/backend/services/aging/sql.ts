import { addDays, type IsoDate } from '@shared/dates';
import type { AgingBasis, AgingPresentation, AgingSettings } from '@shared/domain/aging';

/**
 * SQL for as-of aging, with named parameters: @asOf, @t0..@tn (bucket thresholds), @accountId.
 *
 * Open amount of a debit document D as of date X (D dated on or before X):
 *   total - (allocations to D effective on or before X) = open_cents + (allocations to D effective after X)
 * because open_cents is maintained as total - all allocations. Likewise a credit's unapplied amount.
 * So the as-of rows are: every open document (from the partial index of open items), plus one row per
 * allocation effective after X (adding back what was matched later). "As of today" has no such
 * allocations and reads the partial index only.
 */

/** Threshold dates: bucket 0 holds basis dates >= t0; bucket k holds tk <= date < t(k-1); the last holds date < tn. */
export function bucketThresholds(asOf: IsoDate, s: AgingSettings): IsoDate[] {
  return [addDays(asOf, -s.currentThroughDays), ...s.edges.map((e) => addDays(asOf, -e))];
}

export function agingParams(asOf: IsoDate, s: AgingSettings, accountId?: number): Record<string, string | number> {
  const p: Record<string, string | number> = { asOf };
  for (const [i, t] of bucketThresholds(asOf, s).entries()) p[`t${i}`] = t;
  if (accountId !== undefined) p.accountId = accountId;
  return p;
}

export function basisColumn(basis: AgingBasis): 'due_date' | 'doc_date' {
  return basis === 'due' ? 'due_date' : 'doc_date';
}

/** One SUM(CASE ...) per bucket over `amt`, bucketed on `col`. */
export function bucketSums(col: string, amt: string, edges: number): string[] {
  const out = [`SUM(CASE WHEN ${col} >= @t0 THEN ${amt} ELSE 0 END) AS b0`];
  for (let k = 1; k <= edges; k++) out.push(`SUM(CASE WHEN ${col} < @t${k - 1} AND ${col} >= @t${k} THEN ${amt} ELSE 0 END) AS b${k}`);
  out.push(`SUM(CASE WHEN ${col} < @t${edges} THEN ${amt} ELSE 0 END) AS b${edges + 1}`);
  return out;
}

const acct = (alias: string, filtered: boolean) => (filtered ? ` AND ${alias}.account_id = @accountId` : '');

/**
 * Every account's allocations after a date: name the covering index (a range scan on effective_date,
 * then a sort for the group-by). With ANALYZE statistics the planner otherwise prefers a skip-scan of
 * allocation_account_effective plus a table lookup per row: 1.2 s instead of 0.08 s at 1,000,000 invoices.
 * One account's: allocation_account_effective is right, so the planner chooses.
 */
export function laterAllocations(side: 'debit' | 'credit', filtered: boolean): string {
  return filtered ? 'allocation a' : `allocation a INDEXED BY allocation_later_${side}`;
}

/**
 * Per account: bucket sums of the items open now and dated on or before @asOf (a streaming group-by
 * over the covering partial index). `later`: instead, per account, bucket sums of the allocations
 * effective after @asOf to items dated on or before it (added back for a past date).
 */
export function debitBucketsSql(basis: AgingBasis, s: AgingSettings, later: boolean, filtered = false): string {
  const col = basisColumn(basis);
  const sums = bucketSums(later ? (basis === 'due' ? 'debit_due_date' : 'debit_doc_date') : col, later ? 'amount_cents' : 'open_cents', s.edges.length).join(
    ', ',
  );
  if (!later)
    return `SELECT account_id, ${sums} FROM document d WHERE side = 'debit' AND open_cents > 0 AND doc_date <= @asOf${acct('d', filtered)} GROUP BY account_id`;
  return `SELECT account_id, ${sums} FROM ${laterAllocations('debit', filtered)}
    WHERE effective_date > @asOf AND debit_doc_date <= @asOf${acct('a', filtered)} GROUP BY account_id`;
}

/** Per account: unapplied credit now (or, `later`: allocations after @asOf to credits dated on or before it). */
export function creditSql(later: boolean, filtered = false): string {
  if (!later)
    return `SELECT account_id, SUM(open_cents) AS u FROM document d WHERE side = 'credit' AND open_cents > 0 AND doc_date <= @asOf${acct('d', filtered)} GROUP BY account_id`;
  return `SELECT account_id, SUM(amount_cents) AS u FROM ${laterAllocations('credit', filtered)}
    WHERE effective_date > @asOf AND credit_doc_date <= @asOf${acct('a', filtered)} GROUP BY account_id`;
}

/** True when the presentation is today's: every open credit in the Unapplied column (the fast path above). */
export function isColumnOnly(p: AgingPresentation): boolean {
  return p.creditPresentation === 'column' && !p.prepaymentsApart;
}

/** The date an open credit is aged by: its document date, or its due date when it has one. */
export function creditDateColumn(p: AgingPresentation): string {
  return p.creditAgingDate === 'due' ? 'COALESCE(d.due_date, d.doc_date)' : 'd.doc_date';
}

/**
 * Per account, open credits split by the presentation: p (payments kept apart), u (the Unapplied
 * column), then, when aged, b0..bn (bucket sums of the credits aged by their date, as positive
 * amounts to subtract). `later`: the same over the allocations effective after @asOf to credits dated
 * on or before it. Those need a credit's kind or due date only when payments are apart or credits are
 * aged by due date: then they are summed per credit first (one covering index range), and each credit
 * read once; else the allocation's own copy of the credit's date is enough.
 */
export function creditSplitSql(p: AgingPresentation, s: AgingSettings, later: boolean, filtered = false): string {
  const needsDoc = !later || p.prepaymentsApart || p.creditAgingDate === 'due';
  const amt = later ? 'x.amt' : 'd.open_cents';
  const apart = p.prepaymentsApart ? `CASE WHEN d.kind = 'payment' THEN ${amt} ELSE 0 END` : '0';
  const rest = p.prepaymentsApart ? `CASE WHEN d.kind = 'payment' THEN 0 ELSE ${amt} END` : amt;
  const aged = p.creditPresentation === 'aged';
  const cols = [`SUM(${apart}) AS p`, aged ? '0 AS u' : `SUM(${rest}) AS u`];
  if (aged) cols.push(...bucketSums(needsDoc ? creditDateColumn(p) : 'x.credit_doc_date', rest, s.edges.length));
  if (!later)
    return `SELECT d.account_id, ${cols.join(', ')} FROM document d WHERE d.side = 'credit' AND d.open_cents > 0 AND d.doc_date <= @asOf${acct('d', filtered)} GROUP BY d.account_id`;
  const where = `a.effective_date > @asOf AND a.credit_doc_date <= @asOf${acct('a', filtered)}`;
  if (!needsDoc)
    return `SELECT x.account_id, ${cols.join(', ')} FROM (SELECT a.account_id, a.credit_doc_date, a.amount_cents AS amt FROM ${laterAllocations('credit', filtered)} WHERE ${where}) x GROUP BY x.account_id`;
  return `SELECT x.account_id, ${cols.join(', ')} FROM (
      SELECT a.account_id, a.credit_document_id AS cid, SUM(a.amount_cents) AS amt FROM ${laterAllocations('credit', filtered)} WHERE ${where} GROUP BY a.credit_document_id
    ) x JOIN document d ON d.id = x.cid GROUP BY x.account_id`;
}
