import { startOfMonth } from '@shared/dates';
import {
  DASHBOARD_MONTHS,
  monthEndsThrough,
  pastDueOf,
  pastDueShare,
  type Dashboard,
  type DashboardAging,
  type DashboardQuery,
} from '@shared/domain/dashboard';
import type { AgingSummary } from '@shared/domain/aging';
import type { ServiceContext } from '../../context';
import type { AgingService } from '../aging';
import { businessToday } from '../ledger/posting';
import { planStates } from '../plans';
import type { PeriodFiguresService } from './period-figures';

const agingOf = (s: AgingSummary): DashboardAging => ({
  asOf: s.asOf,
  buckets: s.totals.buckets,
  unappliedCents: s.totals.unappliedCents,
  totalCents: s.totals.totalCents,
  pastDueCents: pastDueOf(s.totals.buckets),
});

/**
 * The supervisor's dashboard (docs/reports.md, "The dashboard"): the answers of the aging, period-figures
 * and plans services, composed. Nothing here sums a document: a figure that differs from its workbook's
 * would be a second definition.
 */
export function createDashboardService(ctx: ServiceContext, deps: { aging: AgingService; periodFigures: PeriodFiguresService }) {
  return {
    async dashboard(q: DashboardQuery): Promise<Dashboard> {
      const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
      // limit 1: only the totals are wanted (they are over every row whatever the page).
      const now = await deps.aging.summary({ asOf, limit: 1 });
      const ends = monthEndsThrough(asOf, DASHBOARD_MONTHS);
      const monthEnds: DashboardAging[] = [];
      for (const end of ends) monthEnds.push(agingOf(await deps.aging.summary({ asOf: end, basis: now.basis, limit: 1 })));
      const figures = await deps.periodFigures.figures({ from: startOfMonth(ends[0]!), to: ends.at(-1)!, period: 'month' });
      const plans = { current: 0, late: 0, broken: 0 };
      for (const s of await planStates(ctx.db, asOf)) if (s.status === 'current' || s.status === 'late' || s.status === 'broken') plans[s.status]++;
      const nowAging = agingOf(now);
      return {
        asOf,
        basis: now.basis,
        bucketLabels: now.bucketLabels,
        now: { ...nowAging, pastDueShare: pastDueShare(nowAging.pastDueCents, nowAging.totalCents) },
        monthEnds,
        trend: figures.rows.map((r) => ({ label: r.label, from: r.from, to: r.to, dso: r.dso, cei: r.cei })),
        plans,
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
