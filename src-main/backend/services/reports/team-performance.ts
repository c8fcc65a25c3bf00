import { addDays, addMonths, startOfMonth, type IsoDate } from '@shared/dates';
import { agingBucketLabels } from '@shared/domain/aging';
import { conversationOutcomes } from '@shared/domain/collections';
import type { PlanStatus } from '@shared/domain/collections-policy';
import { promiseKeptRate, rightPartyContactRate } from '@shared/domain/kpi';
import { MAX_PERIODS, type PeriodFiguresRow } from '@shared/domain/period-figures';
import {
  periodsWithin,
  teamPerformanceSchema,
  type Clerk,
  type ClerkPeriodRow,
  type ReportPeriodSpan,
  type RollRateRow,
  type StagePeriodRow,
  type TeamPerformance,
  type TeamPerformanceQuery,
} from '@shared/domain/team-performance';
import type { Queryable, ServiceContext } from '../../context';
import { invalid } from '../../errors';
import { readAgingSettings } from '../aging';
import { startOfLocalDay } from '../compliance/zoned';
import { businessToday } from '../ledger/posting';
import { planStates } from '../plans';
import { evaluatePromise, paymentFacts, type PaymentFact } from '../promises';
import { companyTimeZone } from '../settings';
import { createPeriodFiguresService } from './period-figures';

/**
 * Collections activity and team performance (docs/reports.md): every figure of a clerk is read from the
 * record the action left, attributed to the user that record names (call_log.clerk_id,
 * promise_to_pay.created_by_id, letter.created_by_id, payment_plan.created_by, compliance_override.user_id).
 * Instants count on the business day they fall on in the company's time zone.
 */

/** Promise grace days are at most this many (collectionsSettingsSchema), so a promise due this long before `from` can still fall due in it. */
const MAX_PROMISE_GRACE_DAYS = 60;
const CHUNK = 500;

const emptyPlans = (): Record<PlanStatus, number> => ({ current: 0, late: 0, broken: 0, completed: 0, cancelled: 0 });

/** Who a record names: its user id, or (no id) its recorded name. */
const clerkKey = (userId: number | null, name: string | null) => (userId !== null ? `u${userId}` : `n${name ?? 'system'}`);

interface Tally {
  callAttempts: number;
  rightPartyContacts: number;
  promisesMade: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  promisedCents: number;
  collectedOnPromisesCents: number;
  lettersSent: number;
  accounts: Set<number>;
  plansByStatus: Record<PlanStatus, number>;
  complianceOverrides: number;
}

const emptyTally = (): Tally => ({
  callAttempts: 0,
  rightPartyContacts: 0,
  promisesMade: 0,
  promisesKept: 0,
  promisesBroken: 0,
  promisesPending: 0,
  promisedCents: 0,
  collectedOnPromisesCents: 0,
  lettersSent: 0,
  accounts: new Set(),
  plansByStatus: emptyPlans(),
  complianceOverrides: 0,
});

/** The period a business date falls in, or -1. */
function periodOfDate(periods: readonly ReportPeriodSpan[], date: IsoDate): number {
  return periods.findIndex((p) => date >= p.from && date <= p.to);
}

/** The period an instant falls in, by local midnights in the company's zone (bounds[i] starts period i, the last ends the range). */
function periodOfInstant(bounds: readonly string[], at: string): number {
  if (at < bounds[0]! || at >= bounds.at(-1)!) return -1;
  let i = 0;
  while (at >= bounds[i + 1]!) i++;
  return i;
}

/**
 * The team's figures for from..to by month or quarter: one row per clerk with any activity in the range
 * and period (zeros included), one per collection stage and period, and the roll rates of every month
 * whose last day is in the range.
 */
export async function teamPerformance(ctx: ServiceContext, query: TeamPerformanceQuery): Promise<TeamPerformance> {
  const q = teamPerformanceSchema.parse(query);
  const periods = periodsWithin(q.from, q.to, q.period);
  if (typeof periods === 'string') throw invalid(periods, { field: 'to' });
  const db = ctx.db;
  const zone = await companyTimeZone(db);
  const today = await businessToday(db, ctx.clock);
  const bounds = [...periods.map((p) => startOfLocalDay(p.from, zone).toISOString()), startOfLocalDay(addDays(q.to, 1), zone).toISOString()];
  const start = bounds[0]!;
  const end = bounds.at(-1)!;

  const tallies = new Map<string, { clerk: { userId: number | null; name: string | null }; byPeriod: Tally[] }>();
  const tally = (userId: number | null, name: string | null, i: number): Tally => {
    const key = clerkKey(userId, name);
    let t = tallies.get(key);
    if (!t) {
      t = { clerk: { userId, name }, byPeriod: periods.map(emptyTally) };
      tallies.set(key, t);
    }
    return t.byPeriod[i]!;
  };

  const calls = await db
    .selectFrom('call_log')
    .select(['clerk_id', 'clerk', 'account_id', 'direction', 'outcome', 'started_at'])
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .execute();
  for (const c of calls) {
    const t = tally(c.clerk_id, c.clerk, periodOfInstant(bounds, c.started_at));
    t.accounts.add(c.account_id);
    // As in the billing pack: attempts and contacts are outgoing calls; an incoming call is still work on the account.
    if (c.direction !== 'outgoing') continue;
    t.callAttempts++;
    if (conversationOutcomes.includes(c.outcome)) t.rightPartyContacts++;
  }

  const made = await db
    .selectFrom('promise_to_pay')
    .select(['created_by_id', 'created_by', 'account_id', 'promised_on'])
    .where('promised_on', '>=', q.from)
    .where('promised_on', '<=', q.to)
    .execute();
  for (const p of made) {
    const t = tally(p.created_by_id, p.created_by, periodOfDate(periods, p.promised_on));
    t.promisesMade++;
    t.accounts.add(p.account_id);
  }

  await tallyPromisesDue(db, periods, today, tally);

  const letters = await db
    .selectFrom('letter')
    .select(['created_by_id', 'created_by', 'account_id', 'created_at'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute();
  for (const l of letters) {
    const t = tally(l.created_by_id, l.created_by, periodOfInstant(bounds, l.created_at));
    t.lettersSent++;
    t.accounts.add(l.account_id);
  }

  // A plan records who set it up by user name only (payment_plan.created_by = the actor's username).
  const users = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).execute();
  const userByName = new Map(users.map((u) => [u.username, u.id]));
  const plans = await db
    .selectFrom('payment_plan')
    .select(['id', 'created_by', 'account_id', 'created_at'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute();
  const planStatus = new Map<number, PlanStatus>();
  for (let k = 0; k < plans.length; k += CHUNK) {
    for (const s of await planStates(db, today, { planIds: plans.slice(k, k + CHUNK).map((p) => p.id) })) planStatus.set(s.plan.id, s.status);
  }
  for (const p of plans) {
    const t = tally(p.created_by === null ? null : (userByName.get(p.created_by) ?? null), p.created_by, periodOfInstant(bounds, p.created_at));
    t.plansByStatus[planStatus.get(p.id)!]++;
    t.accounts.add(p.account_id);
  }

  const overrides = await db
    .selectFrom('compliance_override')
    .select(['user_id', 'username', 'account_id', 'created_at'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute();
  for (const o of overrides) {
    const t = tally(o.user_id, o.username, periodOfInstant(bounds, o.created_at));
    t.complianceOverrides++;
    t.accounts.add(o.account_id);
  }

  const userById = new Map(users.map((u) => [u.id, u]));
  const clerkOf = (c: { userId: number | null; name: string | null }): Clerk => {
    const u = c.userId !== null ? userById.get(c.userId) : undefined;
    if (u) return { userId: u.id, name: u.display_name, username: u.username };
    return { userId: c.userId, name: c.name ?? 'System', username: c.name };
  };
  const clerks = [...tallies.values()].map((t) => ({ clerk: clerkOf(t.clerk), byPeriod: t.byPeriod }));
  clerks.sort((a, b) => a.clerk.name.localeCompare(b.clerk.name) || (a.clerk.userId ?? 0) - (b.clerk.userId ?? 0));
  const clerkRows: ClerkPeriodRow[] = periods.flatMap((p, i) =>
    clerks.map(({ clerk, byPeriod }) => {
      const t = byPeriod[i]!;
      return {
        ...p,
        clerk,
        callAttempts: t.callAttempts,
        rightPartyContacts: t.rightPartyContacts,
        rightPartyContactRate: rightPartyContactRate(t.rightPartyContacts, t.callAttempts),
        promisesMade: t.promisesMade,
        promisesDue: t.promisesKept + t.promisesBroken + t.promisesPending,
        promisesKept: t.promisesKept,
        promisesBroken: t.promisesBroken,
        promisesPending: t.promisesPending,
        promiseKeptRate: promiseKeptRate(t.promisesKept, t.promisesBroken),
        promisedCents: t.promisedCents,
        collectedOnPromisesCents: t.collectedOnPromisesCents,
        lettersSent: t.lettersSent,
        accountsWorked: t.accounts.size,
        plansSetUp: Object.values(t.plansByStatus).reduce((a, b) => a + b, 0),
        plansByStatus: t.plansByStatus,
        complianceOverrides: t.complianceOverrides,
      };
    }),
  );

  const roll = await monthOverMonth(ctx, q.from, q.to);
  return {
    from: q.from,
    to: q.to,
    period: q.period,
    periods,
    plansAsOf: today,
    clerks: clerkRows,
    stages: await stageMoves(db, periods),
    bucketLabels: roll.bucketLabels,
    rollRates: roll.rows,
  };
}

/**
 * Promises falling due in each period (due date + grace days in it), kept, broken or pending as they
 * stood the day after the period (or today, for one not over): the billing pack's rule (period-figures),
 * per the clerk who took the promise. Collected: per promise, the payments that count for it (the
 * promises service's evaluatePromise), at most its amount.
 */
async function tallyPromisesDue(
  db: Queryable,
  periods: readonly ReportPeriodSpan[],
  today: IsoDate,
  tally: (userId: number | null, name: string | null, i: number) => Tally,
): Promise<void> {
  const from = periods[0]!.from;
  const to = periods.at(-1)!.to;
  const rows = (
    await db
      .selectFrom('promise_to_pay')
      .select(['account_id', 'amount_cents', 'promised_on', 'due_date', 'grace_days', 'created_by_id', 'created_by'])
      .where('due_date', '>=', addDays(from, -MAX_PROMISE_GRACE_DAYS))
      .where('due_date', '<=', to)
      .execute()
  )
    .map((r) => ({ ...r, last: addDays(r.due_date, r.grace_days) }))
    .filter((r) => r.last >= from && r.last <= to);
  if (rows.length === 0) return;
  const accounts = [...new Set(rows.map((r) => r.account_id))];
  const first = rows.reduce((m, r) => (r.promised_on < m ? r.promised_on : m), to);
  const pays = new Map<number, PaymentFact[]>();
  for (let k = 0; k < accounts.length; k += CHUNK) {
    for (const [id, list] of await paymentFacts(db, accounts.slice(k, k + CHUNK), first, to)) pays.set(id, list);
  }
  for (const r of rows) {
    const i = periodOfDate(periods, r.last);
    const p = periods[i]!;
    const asOf = addDays(p.to, 1) < today ? addDays(p.to, 1) : today;
    const e = evaluatePromise(
      { amountCents: r.amount_cents, promisedOn: r.promised_on, dueDate: r.due_date, graceDays: r.grace_days },
      pays.get(r.account_id) ?? [],
      asOf,
    );
    const t = tally(r.created_by_id, r.created_by, i);
    if (e.status === 'kept') t.promisesKept++;
    else if (e.status === 'broken') t.promisesBroken++;
    else t.promisesPending++;
    t.promisedCents += r.amount_cents;
    t.collectedOnPromisesCents += Math.min(e.paidCents, r.amount_cents);
  }
}

/**
 * Per stage and period: distinct accounts that a stage evaluation as of a date in the period moved into
 * the stage (collection_stage_history.to_stage_id) and out of it (from_stage_id). Every stage of the
 * ladder has its rows; a retired one only when an account moved into or out of it in the range.
 */
async function stageMoves(db: Queryable, periods: readonly ReportPeriodSpan[]): Promise<StagePeriodRow[]> {
  const moves = await db
    .selectFrom('collection_stage_history')
    .select(['account_id', 'from_stage_id', 'to_stage_id', 'as_of'])
    .where('as_of', '>=', periods[0]!.from)
    .where('as_of', '<=', periods.at(-1)!.to)
    .execute();
  const entering = new Map<string, Set<number>>();
  const leaving = new Map<string, Set<number>>();
  const note = (m: Map<string, Set<number>>, stage: number | null, i: number, account: number) => {
    if (stage === null) return;
    const key = `${stage}:${i}`;
    (m.get(key) ?? m.set(key, new Set()).get(key)!).add(account);
  };
  const moved = new Set<number>();
  for (const r of moves) {
    const i = periodOfDate(periods, r.as_of);
    note(entering, r.to_stage_id, i, r.account_id);
    note(leaving, r.from_stage_id, i, r.account_id);
    if (r.to_stage_id !== null) moved.add(r.to_stage_id);
    if (r.from_stage_id !== null) moved.add(r.from_stage_id);
  }
  const stages = (
    await db.selectFrom('collection_stage').select(['id', 'name', 'days_past_due', 'retired']).orderBy('days_past_due').orderBy('id').execute()
  ).filter((s) => s.retired === 0 || moved.has(s.id));
  return periods.flatMap((p, i) =>
    stages.map((s) => ({
      ...p,
      stageId: s.id,
      stage: s.name,
      daysPastDue: s.days_past_due,
      retired: s.retired !== 0,
      entering: entering.get(`${s.id}:${i}`)?.size ?? 0,
      leaving: leaving.get(`${s.id}:${i}`)?.size ?? 0,
    })),
  );
}

/**
 * Roll rates of every month whose last day is in from..to: reports.periodFigures by month (one month
 * earlier too, for the buckets the first month rolls from), so they are the billing pack's, from the
 * aging as of each month-end and kpi.rollRates. Each window's first month rolls from the aging the day
 * before it, so the windows join without a seam.
 */
async function monthOverMonth(ctx: ServiceContext, from: IsoDate, to: IsoDate): Promise<{ bucketLabels: string[]; rows: RollRateRow[] }> {
  const monthEnd = (m: IsoDate) => addDays(addMonths(m, 1), -1);
  let last = startOfMonth(to);
  if (monthEnd(last) > to) last = addMonths(last, -1);
  const first = startOfMonth(from);
  if (last < first) return { bucketLabels: agingBucketLabels(await readAgingSettings(ctx.db)), rows: [] };
  // Period figures answer at most MAX_PERIODS months a call (a range of quarters can hold more): in windows.
  const service = createPeriodFiguresService(ctx);
  const months: PeriodFiguresRow[] = [];
  let bucketLabels: string[] = [];
  for (let start = addMonths(first, -1); start <= last; start = addMonths(start, MAX_PERIODS)) {
    const end = addMonths(start, MAX_PERIODS - 1) < last ? addMonths(start, MAX_PERIODS - 1) : last;
    const figures = await service.figures({ from: start, to: monthEnd(end), period: 'month' });
    months.push(...figures.rows);
    bucketLabels = figures.bucketLabels;
  }
  const rows = months.slice(1).map((r, k) => ({
    label: r.label,
    from: months[k]!.to,
    to: r.to,
    earlierBuckets: months[k]!.endingBuckets,
    // Months always carry roll rates (period-figures computes them for months).
    rates: r.rollRates ?? [],
  }));
  return { bucketLabels, rows };
}

/** The service the handlers reach: reports.teamPerformance. */
export function createTeamPerformanceService(ctx: ServiceContext) {
  return {
    figures: (query: TeamPerformanceQuery) => teamPerformance(ctx, query),
  };
}
export type TeamPerformanceService = ReturnType<typeof createTeamPerformanceService>;
