import { z } from 'zod';
import { addDays, addMonths, isIsoDate, startOfMonth, type IsoDate } from '../dates';
import { isoDateSchema } from '../dates/schema';
import type { PlanStatus } from './collections-policy';
import { runIdSchema } from './documents';
import { periodsOf, reportPeriods, type ReportPeriod } from './period-figures';

/**
 * Collections activity and team performance (docs/reports.md, "Collections activity and team
 * performance"): per clerk and period, per collection stage and period, and roll rates month over month,
 * for from..to as days in the company's time zone.
 */
export const teamPerformanceSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, period: z.enum(reportPeriods).default('month') })
  .superRefine((q, ctx) => {
    // zod runs this even when a date failed its own check (which already says what is wrong).
    if (!isIsoDate(q.from) || !isIsoDate(q.to)) return;
    const r = periodsWithin(q.from, q.to, q.period);
    if (typeof r === 'string') ctx.addIssue({ code: 'custom', path: ['to'], message: r });
  });
export type TeamPerformanceQuery = z.input<typeof teamPerformanceSchema>;

/** The workbook (reports.collectionsActivity): the same query and the run id of every workbook endpoint. */
export const reportCollectionsActivitySchema = teamPerformanceSchema.safeExtend({ run: runIdSchema.optional() });

export interface ReportPeriodSpan {
  /** "2026-01" for a month, "2026-Q1" for a quarter. */
  label: string;
  from: IsoDate;
  to: IsoDate;
}

/** "2026-01" or "2026-Q1" for the period starting on `from`. */
export const periodLabel = (from: IsoDate, period: ReportPeriod): string =>
  period === 'month' ? from.slice(0, 7) : `${from.slice(0, 4)}-Q${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The calendar months (quarters) that from..to touches, as period-figures splits them, the first and last
 * cut to the range: "this month so far" is one period from the 1st to today. Or why not (a string).
 */
export function periodsWithin(from: IsoDate, to: IsoDate, period: ReportPeriod): ReportPeriodSpan[] | string {
  if (to < from) return `To (${to}) is before from (${from}).`;
  const step = period === 'month' ? 1 : 3;
  const first = addMonths(startOfMonth(from), -((Number(from.slice(5, 7)) - 1) % step));
  const lastStart = addMonths(startOfMonth(to), -((Number(to.slice(5, 7)) - 1) % step));
  const whole = periodsOf(first, addDays(addMonths(lastStart, step), -1), period);
  if (typeof whole === 'string') return whole;
  return whole.map((p) => ({ label: periodLabel(p.from, period), from: p.from < from ? from : p.from, to: p.to > to ? to : p.to }));
}

/** Who did it: an app user, or a name with no user behind it (the system actor of a scheduled run). */
export interface Clerk {
  userId: number | null;
  /** The user's display name now (or the recorded name when there is no user). */
  name: string;
  username: string | null;
}

export interface ClerkPeriodRow extends ReportPeriodSpan {
  clerk: Clerk;
  /** Outgoing calls started in the period. */
  callAttempts: number;
  /** Outgoing calls whose outcome is a conversation with the debtor. */
  rightPartyContacts: number;
  rightPartyContactRate: number | null;
  /** Promises to pay made in the period (their business date). */
  promisesMade: number;
  /** Promises falling due in the period (due date + grace days in it), as they stood the day after it. */
  promisesDue: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  promiseKeptRate: number | null;
  /** The amounts of the promises falling due in the period. */
  promisedCents: number;
  /** Per promise falling due, the payments that count for it, at most its amount. */
  collectedOnPromisesCents: number;
  lettersSent: number;
  /** Distinct accounts with a call, a promise made, a letter, a plan set up or an override by the clerk. */
  accountsWorked: number;
  plansSetUp: number;
  /** The plans set up in the period by their status today (plans service, planStateOf). */
  plansByStatus: Record<PlanStatus, number>;
  complianceOverrides: number;
}

export interface StagePeriodRow extends ReportPeriodSpan {
  stageId: number;
  stage: string;
  daysPastDue: number;
  retired: boolean;
  /** Distinct accounts moved into the stage by a stage evaluation as of a date in the period. */
  entering: number;
  /** Distinct accounts moved out of it (to another stage or to none). */
  leaving: number;
}

export interface RollRateRow {
  /** The month rolled into, "2026-02". */
  label: string;
  /** The earlier month-end and this one. */
  from: IsoDate;
  to: IsoDate;
  /** The aging buckets at the earlier month-end (open items, unapplied credit apart). */
  earlierBuckets: number[];
  /** Per bucket but the last: share of its amount in a later bucket at this month-end (kpi.rollRates). */
  rates: (number | null)[];
}

export interface TeamPerformance {
  from: IsoDate;
  to: IsoDate;
  period: ReportPeriod;
  periods: ReportPeriodSpan[];
  /** The business date plan statuses are read as of (today). */
  plansAsOf: IsoDate;
  clerks: ClerkPeriodRow[];
  stages: StagePeriodRow[];
  bucketLabels: string[];
  rollRates: RollRateRow[];
}
