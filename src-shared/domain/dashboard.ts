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

/**
 * Past due as a share of open items (0..1), as the Aging screen shows it ("of open items"): unapplied
 * credit is not subtracted, so the share never passes 100%. Null when nothing is open.
 */
export function pastDueShare(buckets: readonly number[]): number | null {
  const open = buckets.reduce((a, b) => a + b, 0);
  return open > 0 ? ratio(pastDueOf(buckets), open) : null;
}

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

/** One clerk's month so far (reports.teamPerformance's row for this month, the fields the dashboard shows). */
export interface DashboardClerk {
  name: string;
  username: string | null;
  /** Payments that count for the promises falling due this month, each at most its promise's amount. */
  collectedOnPromisesCents: number;
  promisedCents: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  promiseKeptRate: number | null;
  callAttempts: number;
}

/** This month so far, from reports.teamPerformance (docs/reports.md, "Collections activity and team performance"). */
export interface DashboardTeam {
  from: IsoDate;
  to: IsoDate;
  /** Largest collected first. */
  clerks: DashboardClerk[];
  promisesKept: number;
  promisesBroken: number;
  /** kpi.promiseKeptRate over the clerks' kept and broken promises (pending ones left out). */
  promiseKeptRate: number | null;
}

export interface Dashboard {
  asOf: IsoDate;
  basis: AgingBasis;
  bucketLabels: string[];
  /** Receivables as of the date, with past due and its share of open items. */
  now: DashboardAging & { pastDueShare: number | null };
  /** The aging as of each of the last month-ends on or before the date, oldest first. */
  monthEnds: DashboardAging[];
  /** DSO and CEI of each of those months (reports.periodFigures by month). */
  trend: DashboardTrendRow[];
  /** Payment plans by their status as of the date (the Plans list's status). */
  plans: DashboardPlans;
  /** Collections by clerk and the promise kept rate, this month (the 1st to the date). */
  team: DashboardTeam;
}
