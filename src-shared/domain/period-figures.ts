import { z } from 'zod';
import { addDays, addMonths, type IsoDate } from '../dates';
import { isoDateSchema } from '../dates/schema';
import type { AgingBasis } from './aging';
import type { PaymentMethod } from './payments';

/**
 * Monthly and quarterly receivables figures (the billing pack, the dashboard's trends): one row per
 * calendar month or quarter from `from` to `to`. Definitions: docs/reports.md, "Figures and KPIs".
 */
export const reportPeriods = ['month', 'quarter'] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

/** At most this many rows in one call (ten years of months). */
export const MAX_PERIODS = 120;

const monthsIn = (p: ReportPeriod) => (p === 'month' ? 1 : 3);

/** The periods from..to, or why not: from must start a month (a quarter), to must end one. */
export function periodsOf(from: IsoDate, to: IsoDate, period: ReportPeriod): { from: IsoDate; to: IsoDate }[] | string {
  const step = monthsIn(period);
  const name = period === 'month' ? 'month' : 'quarter';
  if (from.slice(8) !== '01' || (Number(from.slice(5, 7)) - 1) % step !== 0) return `From (${from}) must be the first day of a ${name}.`;
  if (to < from) return `To (${to}) is before from (${from}).`;
  const out: { from: IsoDate; to: IsoDate }[] = [];
  for (let start = from; start <= to; start = addMonths(start, step)) {
    if (out.length === MAX_PERIODS) return `At most ${MAX_PERIODS} ${name}s at a time.`;
    out.push({ from: start, to: addDays(addMonths(start, step), -1) });
  }
  if (out.at(-1)!.to !== to) return `To (${to}) must be the last day of a ${name}.`;
  return out;
}

export const periodFiguresSchema = z.object({ from: isoDateSchema, to: isoDateSchema, period: z.enum(reportPeriods) }).superRefine((q, ctx) => {
  const r = periodsOf(q.from, q.to, q.period);
  if (typeof r === 'string') ctx.addIssue({ code: 'custom', path: ['to'], message: r });
});
export type PeriodFiguresQuery = z.infer<typeof periodFiguresSchema>;

export interface PeriodFiguresRow {
  /** "2026-01" for a month, "2026-Q1" for a quarter. */
  label: string;
  from: IsoDate;
  to: IsoDate;
  days: number;
  invoicedCents: number;
  /** Credit notes other than early-payment discounts. */
  creditNotesCents: number;
  creditSalesCents: number;
  /** Early-payment discount credit notes, less those withdrawn when their payment was returned. */
  discountsTakenCents: number;
  paymentsCents: number;
  paymentsByMethod: Record<PaymentMethod, number>;
  /** Returned payments (bounced checks, returned ACH) dated in the period, by the payment's method. */
  reversalsCents: number;
  reversalsByMethod: Record<PaymentMethod, number>;
  refundsCents: number;
  lateFeesCents: number;
  writeOffsCents: number;
  /** Signed: debit adjustments add, credit adjustments subtract. */
  adjustmentsCents: number;
  beginningCents: number;
  endingCents: number;
  endingCurrentCents: number;
  /** Ending receivables by aging bucket (open items only; unapplied credit is not in them). */
  endingBuckets: number[];
  endingUnappliedCents: number;
  dso: number | null;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  cei: number | null;
  badDebtRatio: number | null;
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  promiseKeptRate: number | null;
  callAttempts: number;
  rightPartyContacts: number;
  rightPartyContactRate: number | null;
  /** Per bucket but the last: the share of its amount at the end of the month before that is in a later bucket at this month-end (rolled); months only. */
  rollRates: (number | null)[] | null;
}

export interface PeriodFigures {
  period: ReportPeriod;
  basis: AgingBasis;
  bucketLabels: string[];
  rows: PeriodFiguresRow[];
}
