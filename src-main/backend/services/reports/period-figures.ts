import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { addDays, dayNumber, type IsoDate } from '@shared/dates';
import { agingBucketIndex, agingBucketLabels, type AgingBasis, type AgingSettings } from '@shared/domain/aging';
import { conversationOutcomes } from '@shared/domain/collections';
import {
  averageDaysDelinquent,
  badDebtRatio,
  bestPossibleDso,
  collectionEffectivenessIndex,
  daysInPeriod,
  dso,
  promiseKeptRate,
  rightPartyContactRate,
  rollRates,
} from '@shared/domain/kpi';
import { paymentMethods, type PaymentMethod } from '@shared/domain/payments';
import { periodsOf, type PeriodFigures, type PeriodFiguresQuery, type PeriodFiguresRow } from '@shared/domain/period-figures';
import type { ServiceContext } from '../../context';
import { invalid } from '../../errors';
import { basisColumn, laterAllocations } from '../aging/sql';
import { readAgingSettings } from '../aging';
import { businessToday } from '../ledger/posting';
import { stmt, withSqlite } from '../ledger/raw';
import { DISCOUNT_REASON, DISCOUNT_WITHDRAWN_REASON } from '../payments/early-discount';
import { evaluatePromise, type PaymentFact } from '../promises';
import { companyTimeZone } from '../settings';
import { startOfLocalDay } from '../compliance/zoned';

/** Receivables at a month-end, as the aging summary's totals: open items by bucket, less unapplied credit. */
interface AgingTotals {
  buckets: number[];
  unapplied: number;
  total: number;
}

/**
 * The aging as of every month-end of a range from four grouped scans, instead of the aging SQL once per
 * month-end. The aging's rule (aging/sql.ts): an item dated on or before X is open at X by its open amount
 * now plus the allocations to it effective after X. At a month-end X, "dated on or before X" and "effective
 * after X" depend only on the months of those dates, so the scans group by month (and the basis date, which
 * decides the bucket); each month-end then sums the groups in memory.
 */
class MonthEndAging {
  private readonly debits: { em: string | null; dm: string; bd: string; amt: number }[];
  private readonly credits: { em: string | null; dm: string; amt: number }[];
  private readonly days = new Map<string, number>();

  constructor(
    sqlite: Sqlite.Database,
    first: IsoDate,
    last: IsoDate,
    basis: AgingBasis,
    private readonly settings: AgingSettings,
  ) {
    const col = basisColumn(basis);
    const p = { first, last };
    const open = stmt(
      sqlite,
      `SELECT NULL AS em, substr(doc_date, 1, 7) AS dm, ${col} AS bd, SUM(open_cents) AS amt FROM document
       WHERE side = 'debit' AND open_cents > 0 AND doc_date <= @last GROUP BY dm, bd`,
    ).all(p) as MonthEndAging['debits'];
    const later = stmt(
      sqlite,
      `SELECT substr(effective_date, 1, 7) AS em, substr(debit_doc_date, 1, 7) AS dm, debit_${col} AS bd, SUM(amount_cents) AS amt
       FROM ${laterAllocations('debit', false)} WHERE effective_date > @first AND debit_doc_date <= @last GROUP BY em, dm, bd`,
    ).all(p) as MonthEndAging['debits'];
    this.debits = open.concat(later);
    const unapplied = stmt(
      sqlite,
      `SELECT NULL AS em, substr(doc_date, 1, 7) AS dm, SUM(open_cents) AS amt FROM document
       WHERE side = 'credit' AND open_cents > 0 AND doc_date <= @last GROUP BY dm`,
    ).all(p) as MonthEndAging['credits'];
    const matched = stmt(
      sqlite,
      `SELECT substr(effective_date, 1, 7) AS em, substr(credit_doc_date, 1, 7) AS dm, SUM(amount_cents) AS amt
       FROM ${laterAllocations('credit', false)} WHERE effective_date > @first AND credit_doc_date <= @last GROUP BY em, dm`,
    ).all(p) as MonthEndAging['credits'];
    this.credits = unapplied.concat(matched);
  }

  /** Counts at month-end `m` ("YYYY-MM"): dated by then, and (for an allocation) effective after it. */
  private static counts(r: { em: string | null; dm: string }, m: string): boolean {
    return r.dm <= m && (r.em === null || r.em > m);
  }

  private bucket(basisDate: string, asOf: IsoDate): number {
    let d = this.days.get(basisDate);
    if (d === undefined) {
      d = dayNumber(basisDate);
      this.days.set(basisDate, d);
    }
    return agingBucketIndex(dayNumber(asOf) - d, this.settings);
  }

  /** The aging summary's totals as of the month-end `asOf`. */
  totals(asOf: IsoDate): AgingTotals {
    const m = asOf.slice(0, 7);
    const buckets = new Array<number>(this.settings.edges.length + 2).fill(0);
    for (const r of this.debits) if (MonthEndAging.counts(r, m)) buckets[this.bucket(r.bd, asOf)]! += r.amt;
    let unapplied = 0;
    for (const r of this.credits) if (MonthEndAging.counts(r, m)) unapplied += r.amt;
    return { buckets, unapplied, total: buckets.reduce((a, b) => a + b, 0) - unapplied };
  }

  /**
   * For roll rates: per bucket i but the last, the amount open at month-end `asOf` in a later bucket than
   * i, of the items that were in bucket i at the month-end `prev` (so dated by then).
   */
  rolledForward(prev: IsoDate, asOf: IsoDate): number[] {
    const m = asOf.slice(0, 7);
    const pm = prev.slice(0, 7);
    const out = new Array<number>(this.settings.edges.length + 1).fill(0);
    for (const r of this.debits) {
      if (r.dm > pm || !MonthEndAging.counts(r, m)) continue;
      const was = this.bucket(r.bd, prev);
      if (was < out.length && this.bucket(r.bd, asOf) > was) out[was]! += r.amt;
    }
    return out;
  }
}

/** Posted documents of the range, summed per month and kind (early-payment discounts apart): one grouped scan. */
interface MonthSums {
  invoiced: number;
  creditNotes: number;
  discounts: number;
  payments: Record<PaymentMethod, number>;
  reversals: Record<PaymentMethod, number>;
  refunds: number;
  fees: number;
  writeOffs: number;
  adjustments: number;
}

const byMethod = (): Record<PaymentMethod, number> => Object.fromEntries(paymentMethods.map((m) => [m, 0])) as Record<PaymentMethod, number>;
const emptySums = (): MonthSums => ({
  invoiced: 0,
  creditNotes: 0,
  discounts: 0,
  payments: byMethod(),
  reversals: byMethod(),
  refunds: 0,
  fees: 0,
  writeOffs: 0,
  adjustments: 0,
});

/** Read from the covering index document_posted_date (migration 017), not the wide document rows. */
const DOCUMENT_SUMS_SQL = `SELECT substr(doc_date, 1, 7) AS ym, kind, side, method, SUM(total_cents) AS amount
  FROM document WHERE status = 'posted' AND doc_date >= @from AND doc_date <= @to
  GROUP BY ym, kind, side, method`;

/** Early-payment discounts and their withdrawals (few rows: the index narrows to the two kinds, then reads the reason). */
const DISCOUNT_SUMS_SQL = `SELECT substr(doc_date, 1, 7) AS ym, kind, SUM(total_cents) AS amount
  FROM document WHERE status = 'posted' AND doc_date >= @from AND doc_date <= @to
    AND ((kind = 'credit_note' AND reason LIKE '${DISCOUNT_REASON}%') OR (kind = 'adjustment' AND side = 'debit' AND reason LIKE '${DISCOUNT_WITHDRAWN_REASON}%'))
  GROUP BY ym, kind`;

function documentSums(sqlite: Sqlite.Database, from: IsoDate, to: IsoDate): Map<string, MonthSums> {
  const out = new Map<string, MonthSums>();
  const rows = stmt(sqlite, DOCUMENT_SUMS_SQL).all({ from, to }) as {
    ym: string;
    kind: string;
    side: 'debit' | 'credit';
    method: PaymentMethod | null;
    amount: number;
  }[];
  for (const r of rows) {
    const m = out.get(r.ym) ?? emptySums();
    out.set(r.ym, m);
    if (r.kind === 'invoice') m.invoiced += r.amount;
    else if (r.kind === 'credit_note') m.creditNotes += r.amount;
    else if (r.kind === 'payment') m.payments[r.method ?? 'cash'] += r.amount;
    else if (r.kind === 'reversal') m.reversals[r.method ?? 'cash'] += r.amount;
    else if (r.kind === 'refund') m.refunds += r.amount;
    else if (r.kind === 'fee') m.fees += r.amount;
    else if (r.kind === 'write_off') m.writeOffs += r.amount;
    else if (r.kind === 'adjustment') m.adjustments += r.side === 'debit' ? r.amount : -r.amount;
    else throw new Error(`Period figures: a posted document of kind ${r.kind} has no place in the figures`);
  }
  // Discount credit notes move from credit notes to discounts; a withdrawn discount (a debit adjustment) is a discount taken back.
  for (const r of stmt(sqlite, DISCOUNT_SUMS_SQL).all({ from, to }) as { ym: string; kind: string; amount: number }[]) {
    const m = out.get(r.ym)!;
    if (r.kind === 'credit_note') {
      m.creditNotes -= r.amount;
      m.discounts += r.amount;
    } else {
      m.adjustments -= r.amount;
      m.discounts -= r.amount;
    }
  }
  return out;
}

function addSums(into: MonthSums, s: MonthSums): void {
  into.invoiced += s.invoiced;
  into.creditNotes += s.creditNotes;
  into.discounts += s.discounts;
  for (const m of paymentMethods) {
    into.payments[m] += s.payments[m];
    into.reversals[m] += s.reversals[m];
  }
  into.refunds += s.refunds;
  into.fees += s.fees;
  into.writeOffs += s.writeOffs;
  into.adjustments += s.adjustments;
}

/** Outgoing calls and right-party contacts per period, periods bounded by local midnights in the company's zone. */
function callCounts(sqlite: Sqlite.Database, bounds: { start: string; end: string }[]): { attempts: number; contacts: number }[] {
  const values = bounds.map((_, i) => `(${i}, @s${i}, @e${i})`).join(', ');
  const params: Record<string, string> = {};
  bounds.forEach((b, i) => {
    params[`s${i}`] = b.start;
    params[`e${i}`] = b.end;
  });
  const talked = conversationOutcomes.map((o) => `'${o}'`).join(', ');
  const rows = stmt(
    sqlite,
    `WITH p(i, s, e) AS (VALUES ${values})
     SELECT p.i AS i, COUNT(*) AS attempts, SUM(c.outcome IN (${talked})) AS contacts
     FROM call_log c JOIN p ON c.started_at >= p.s AND c.started_at < p.e
     WHERE c.direction = 'outgoing' GROUP BY p.i`,
  ).all(params) as { i: number; attempts: number; contacts: number }[];
  const out = bounds.map(() => ({ attempts: 0, contacts: 0 }));
  for (const r of rows) out[r.i] = { attempts: r.attempts, contacts: r.contacts };
  return out;
}

/**
 * Promises falling due in the range (their last day, due date + grace days, in it), with the posted
 * payments that can count for each (one join), decided by the promises service's rule.
 */
function promiseFacts(sqlite: Sqlite.Database, from: IsoDate, to: IsoDate) {
  const rows = stmt(
    sqlite,
    `WITH pr AS (
       SELECT id, account_id, amount_cents, promised_on, due_date, grace_days, date(due_date, '+' || grace_days || ' days') AS last_date
       FROM promise_to_pay)
     SELECT pr.id, pr.amount_cents, pr.promised_on, pr.due_date, pr.grace_days, pr.last_date,
            p.doc_date AS paid_on, p.total_cents AS paid, r.doc_date AS reversed_on
     FROM pr
     LEFT JOIN document p ON p.account_id = pr.account_id AND p.kind = 'payment' AND p.status = 'posted'
          AND p.doc_date >= pr.promised_on AND p.doc_date <= pr.last_date
     LEFT JOIN document r ON r.related_document_id = p.id AND r.kind = 'reversal' AND r.status = 'posted'
     WHERE pr.last_date >= @from AND pr.last_date <= @to`,
  ).all({ from, to }) as {
    id: number;
    amount_cents: number;
    promised_on: string;
    due_date: string;
    grace_days: number;
    last_date: string;
    paid_on: string | null;
    paid: number | null;
    reversed_on: string | null;
  }[];
  const byId = new Map<
    number,
    { p: { amountCents: number; promisedOn: IsoDate; dueDate: IsoDate; graceDays: number }; lastDate: IsoDate; pays: PaymentFact[] }
  >();
  for (const r of rows) {
    let e = byId.get(r.id);
    if (!e) {
      e = { p: { amountCents: r.amount_cents, promisedOn: r.promised_on, dueDate: r.due_date, graceDays: r.grace_days }, lastDate: r.last_date, pays: [] };
      byId.set(r.id, e);
    }
    if (r.paid_on !== null) e.pays.push({ date: r.paid_on, amountCents: r.paid ?? 0, reversedOn: r.reversed_on });
  }
  return [...byId.values()];
}

export function createPeriodFiguresService(ctx: ServiceContext) {
  return {
    /**
     * One row per month or quarter from `from` to `to`: the period's postings by kind, receivables at its
     * start and end (the aging's totals as of those dates, to the cent), and the KPIs of src-shared/domain/kpi.
     * A fixed number of grouped queries for the whole range, whatever its length (MonthEndAging).
     */
    async figures(q: PeriodFiguresQuery): Promise<PeriodFigures> {
      const periods = periodsOf(q.from, q.to, q.period);
      if (typeof periods === 'string') throw invalid(periods, { field: 'to' });
      const settings = await readAgingSettings(ctx.db);
      const basis = settings.defaultBasis;
      const zone = await companyTimeZone(ctx.db);
      const today = await businessToday(ctx.db, ctx.clock);
      return withSqlite(ctx, (sqlite) => {
        const months = documentSums(sqlite, q.from, q.to);
        const calls = callCounts(
          sqlite,
          periods.map((p) => ({ start: startOfLocalDay(p.from, zone).toISOString(), end: startOfLocalDay(addDays(p.to, 1), zone).toISOString() })),
        );
        const promises = promiseFacts(sqlite, q.from, q.to);
        const aging = new MonthEndAging(sqlite, addDays(q.from, -1), q.to, basis, settings);
        let before = aging.totals(addDays(q.from, -1));
        const rows: PeriodFiguresRow[] = periods.map((p, i) => {
          const s = emptySums();
          for (const [ym, m] of months) if (ym >= p.from.slice(0, 7) && ym <= p.to.slice(0, 7)) addSums(s, m);
          const end = aging.totals(p.to);
          const days = daysInPeriod(p.from, p.to);
          const creditSales = s.invoiced - s.creditNotes;
          const payments = paymentMethods.reduce((a, m) => a + s.payments[m], 0);
          const reversals = paymentMethods.reduce((a, m) => a + s.reversals[m], 0);
          // Promises of this period, as they stood the day after it ended (or today, for a period not over).
          const asOf = addDays(p.to, 1) < today ? addDays(p.to, 1) : today;
          const tally = { kept: 0, broken: 0, pending: 0 };
          for (const x of promises) if (x.lastDate >= p.from && x.lastDate <= p.to) tally[evaluatePromise(x.p, x.pays, asOf).status]++;
          const dsoDays = dso(end.total, creditSales, days);
          const bestDays = bestPossibleDso(end.buckets[0]!, creditSales, days);
          const row: PeriodFiguresRow = {
            label: q.period === 'month' ? p.from.slice(0, 7) : `${p.from.slice(0, 4)}-Q${(Number(p.from.slice(5, 7)) + 2) / 3}`,
            from: p.from,
            to: p.to,
            days,
            invoicedCents: s.invoiced,
            creditNotesCents: s.creditNotes,
            creditSalesCents: creditSales,
            discountsTakenCents: s.discounts,
            paymentsCents: payments,
            paymentsByMethod: s.payments,
            reversalsCents: reversals,
            reversalsByMethod: s.reversals,
            refundsCents: s.refunds,
            lateFeesCents: s.fees,
            writeOffsCents: s.writeOffs,
            adjustmentsCents: s.adjustments,
            beginningCents: before.total,
            endingCents: end.total,
            endingCurrentCents: end.buckets[0]!,
            endingBuckets: end.buckets,
            endingUnappliedCents: end.unapplied,
            dso: dsoDays,
            bestPossibleDso: bestDays,
            averageDaysDelinquent: averageDaysDelinquent(dsoDays, bestDays),
            cei: collectionEffectivenessIndex({
              beginningCents: before.total,
              creditSalesCents: creditSales,
              endingTotalCents: end.total,
              endingCurrentCents: end.buckets[0]!,
            }),
            badDebtRatio: badDebtRatio(s.writeOffs, creditSales),
            promisesKept: tally.kept,
            promisesBroken: tally.broken,
            promisesPending: tally.pending,
            promiseKeptRate: promiseKeptRate(tally.kept, tally.broken),
            callAttempts: calls[i]!.attempts,
            rightPartyContacts: calls[i]!.contacts,
            rightPartyContactRate: rightPartyContactRate(calls[i]!.contacts, calls[i]!.attempts),
            rollRates: q.period === 'month' ? rollRates(before.buckets, aging.rolledForward(addDays(p.from, -1), p.to)) : null,
          };
          before = end;
          return row;
        });
        return { period: q.period, basis, bucketLabels: agingBucketLabels(settings), rows };
      });
    },
  };
}
export type PeriodFiguresService = ReturnType<typeof createPeriodFiguresService>;
