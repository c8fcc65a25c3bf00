import { reportAgingSchema, type ReportAgingQuery } from '@shared/domain/report-workbooks';
import type { ServiceContext } from '../../context';
import { notFound } from '../../errors';
import type { AgingService } from '../aging';
import type { SettingsService } from '../settings';
import { agingWorkbook } from './aging-workbook';

/** Supervisor workbooks (docs/reports.md). Each report reads the same services as its screen. */
export function createReportsService(ctx: ServiceContext, deps: { aging: AgingService; settings: SettingsService }) {
  return {
    /** The Aging workbook as of the date; `creator` is who made it (the signed-in user, or the command line's). */
    async aging(creator: string, query: ReportAgingQuery): Promise<{ fileName: string; bytes: Buffer }> {
      const q = reportAgingSchema.parse(query);
      let account: string | null = null;
      if (q.accountId !== undefined) {
        const row = await ctx.db.selectFrom('account').select(['account_number', 'name']).where('id', '=', q.accountId).executeTakeFirst();
        if (!row) throw notFound(`Account ${q.accountId}`);
        account = `${row.account_number} ${row.name}`;
      }
      const company = await deps.settings.requireCompany();
      const summary = await deps.aging.summary({ asOf: q.asOf, basis: q.basis, accountId: q.accountId, sort: q.sort });
      const detail = await deps.aging.detail({ asOf: summary.asOf, basis: summary.basis, accountId: q.accountId });
      const bytes = await agingWorkbook({
        info: {
          title: 'Aging',
          company: company.companyName,
          currency: company.currency,
          asOf: summary.asOf,
          creator,
          created: ctx.clock.now(),
          timeZone: company.timeZone,
        },
        summary,
        detail,
        filters: { sort: q.sort, account },
      });
      return { fileName: `Aging ${summary.asOf} by ${summary.basis === 'due' ? 'due date' : 'invoice date'}.xlsx`, bytes };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
