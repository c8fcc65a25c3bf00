import { z } from 'zod';
import { addDays, startOfMonth, type IsoDate } from '../dates';
import { isoDateSchema } from '../dates/schema';
import type { AgingBasis } from './aging';
import { ratio } from './kpi';

/**
 * The supervisor's dashboard (docs/reports.md, "The dashboard"): every figure is another service's answer,
 * composed, never a second definition. Receivables and the aging distribution are aging.summary's totals,
 * the DSO and CEI trend reports.periodFigures' rows, the plan counts the plans service's status.
 */
export const dashboardSchema = z.object({ asOf: isoDateSchema.optional() });
export type DashboardQuery = z.infer<typeof dashboardSchema>;

/** How many month-ends the history and the trend show. */
export const DASHBOARD_MONTHS = 12;

/** The last `n` month-ends on or before `asOf`, oldest first (asOf itself when it ends a month). */
export function monthEndsThrough(asOf: IsoDate, n: number): IsoDate[] {
  let end = addDays(startOfMonth(addDays(asOf, 1)), -1);
  const out: IsoDate[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(end);
    end = addDays(startOfMonth(end), -1);
  }
  return out;
}

/** Past due: the open items of every bucket but Current (the aging summary's totals). */
export const pastDueOf = (buckets: readonly number[]): number => buckets.slice(1).reduce((a, b) => a + b, 0);

/** Past due as a share of receivables (0..1); null when receivables are not positive (nothing owed, or credit). */
export const pastDueShare = (pastDueCents: number, receivablesCents: number): number | null =>
  receivablesCents > 0 ? ratio(pastDueCents, receivablesCents) : null;

export interface DashboardAging {
  asOf: IsoDate;
  /** Per bucket label: open items (aging.summary totals.buckets). */
  buckets: number[];
  unappliedCents: number;
  /** Receivables: the buckets less unapplied credit (aging.summary totals.totalCents). */
  totalCents: number;
  pastDueCents: number;
}

export interface DashboardTrendRow {
  /** "2026-01". */
  label: string;
  from: IsoDate;
  to: IsoDate;
  dso: number | null;
  cei: number | null;
}

export interface DashboardPlans {
  current: number;
  late: number;
  broken: number;
}

export interface Dashboard {
  asOf: IsoDate;
  basis: AgingBasis;
  bucketLabels: string[];
  /** Receivables as of the date, with past due and its share. */
  now: DashboardAging & { pastDueShare: number | null };
  /** The aging as of each of the last month-ends on or before the date, oldest first. */
  monthEnds: DashboardAging[];
  /** DSO and CEI of each of those months (reports.periodFigures by month). */
  trend: DashboardTrendRow[];
  /** Payment plans by their status as of the date (the Plans list's status). */
  plans: DashboardPlans;
}
