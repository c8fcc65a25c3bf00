import { startOfMonth } from '@shared/dates';
import {
  DASHBOARD_MONTHS,
  monthEndsThrough,
  pastDueOf,
  pastDueShare,
  type Dashboard,
  type DashboardAging,
  type DashboardClerk,
  type DashboardQuery,
  type DashboardTeam,
} from '@shared/domain/dashboard';
import type { AgingSummary } from '@shared/domain/aging';
import { promiseKeptRate } from '@shared/domain/kpi';
import type { TeamPerformance } from '@shared/domain/team-performance';
import type { ServiceContext } from '../../context';
import type { AgingService } from '../aging';
import { businessToday } from '../ledger/posting';
import { planStates } from '../plans';
import type { PeriodFiguresService } from './period-figures';
import type { TeamPerformanceService } from './team-performance';

const agingOf = (s: AgingSummary): DashboardAging => ({
  asOf: s.asOf,
  buckets: s.totals.buckets,
  unappliedCents: s.totals.unappliedCents,
  totalCents: s.totals.totalCents,
  pastDueCents: pastDueOf(s.totals.buckets),
});

/** The clerks' rows of this month (one period), largest collected first, and the team's kept rate. */
function teamOf(t: TeamPerformance): DashboardTeam {
  const clerks: DashboardClerk[] = t.clerks.map((r) => ({
    name: r.clerk.name,
    username: r.clerk.username,
    collectedOnPromisesCents: r.collectedOnPromisesCents,
    promisedCents: r.promisedCents,
    promisesKept: r.promisesKept,
    promisesBroken: r.promisesBroken,
    promisesPending: r.promisesPending,
    promiseKeptRate: r.promiseKeptRate,
    callAttempts: r.callAttempts,
  }));
  clerks.sort((a, b) => b.collectedOnPromisesCents - a.collectedOnPromisesCents || a.name.localeCompare(b.name));
  const kept = clerks.reduce((s, c) => s + c.promisesKept, 0);
  const broken = clerks.reduce((s, c) => s + c.promisesBroken, 0);
  return { from: t.from, to: t.to, clerks, promisesKept: kept, promisesBroken: broken, promiseKeptRate: promiseKeptRate(kept, broken) };
}

/**
 * The supervisor's dashboard (docs/reports.md, "The dashboard"): the answers of the aging, period-figures,
 * plans and team-performance services, composed. Nothing here sums a document: a figure that differs from its workbook's
 * would be a second definition.
 */
export function createDashboardService(
  ctx: ServiceContext,
  deps: { aging: AgingService; periodFigures: PeriodFiguresService; teamPerformance: TeamPerformanceService },
) {
  return {
    async dashboard(q: DashboardQuery): Promise<Dashboard> {
      const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
      // limit 1: only the totals are wanted (they are over every row whatever the page).
      const now = await deps.aging.summary({ asOf, limit: 1 });
      const ends = monthEndsThrough(asOf, DASHBOARD_MONTHS);
      const figures = await deps.periodFigures.figures({ from: startOfMonth(ends[0]!), to: ends.at(-1)!, period: 'month' });
      // The month-ends' aging from the period figures, which compute every month-end in four grouped scans
      // and are held equal to aging.summary as of each month-end (period-figures.test.ts), instead of twelve
      // more aging.summary calls as of past dates (0.45 s each at the large bench size).
      const monthEnds: DashboardAging[] = figures.rows.map((r) => ({
        asOf: r.to,
        buckets: r.endingBuckets,
        unappliedCents: r.endingUnappliedCents,
        totalCents: r.endingCents,
        pastDueCents: pastDueOf(r.endingBuckets),
      }));
      const plans = { current: 0, late: 0, broken: 0 };
      for (const s of await planStates(ctx.db, asOf)) if (s.status === 'current' || s.status === 'late' || s.status === 'broken') plans[s.status]++;
      const team = await deps.teamPerformance.figures({ from: startOfMonth(asOf), to: asOf, period: 'month' });
      const nowAging = agingOf(now);
      return {
        asOf,
        basis: now.basis,
        bucketLabels: now.bucketLabels,
        now: { ...nowAging, pastDueShare: pastDueShare(nowAging.buckets) },
        monthEnds,
        trend: figures.rows.map((r) => ({ label: r.label, from: r.from, to: r.to, dso: r.dso, cei: r.cei })),
        plans,
        team: teamOf(team),
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
