import { paymentMethodLabels } from '@shared/domain/payments';
import { periodFiguresSchema, type PeriodFiguresQuery } from '@shared/domain/period-figures';
import {
  reportAgingSchema,
  reportAuditTrailSchema,
  reportCashReceiptsSchema,
  type ReportAgingQuery,
  type ReportAuditTrailQuery,
  type ReportCashReceiptsQuery,
} from '@shared/domain/report-workbooks';
import type { ServiceContext } from '../../context';
import { notFound } from '../../errors';
import { businessToday } from '../ledger/posting';
import type { AgingService } from '../aging';
import type { SettingsService } from '../settings';
import { agingWorkbook } from './aging-workbook';
import { auditFilterRows, auditTrailCsv, auditTrailLines, auditTrailWorkbook } from './audit-trail-workbook';
import { billingPackWorkbook } from './billing-pack-workbook';
import type { PeriodFiguresService } from './period-figures';
import { cashReceiptLines, cashReceiptsWorkbook } from './cash-receipts-workbook';
import { buildCollectionsActivity } from './collections-activity-workbook';
import { workbookInfo } from './workbook';
import type { TeamPerformanceQuery } from '@shared/domain/team-performance';

/** Where a report is: a stage in words ("Reading open items"), and how many of how many stages are done. */
export type ReportProgress = (label: string, done: number, total: number) => void;
const noProgress: ReportProgress = () => undefined;

/** The workbooks a report run can build, with the query each takes. */
export interface ReportQueries {
  aging: ReportAgingQuery;
  billingPack: PeriodFiguresQuery;
  cashReceipts: ReportCashReceiptsQuery;
  auditTrail: ReportAuditTrailQuery;
  collectionsActivity: TeamPerformanceQuery;
}
export type ReportKind = keyof ReportQueries;
export interface BuiltReport {
  fileName: string;
  bytes: Buffer;
}

/**
 * The supervisor workbooks (docs/reports.md), each from the same services as its screen, over whatever
 * connection `ctx` holds: the report thread's own read-only one (jobs.ts), or the backend's (the CLI).
 */
export function createReportBuilders(ctx: ServiceContext, deps: { aging: AgingService; settings: SettingsService; periodFigures: PeriodFiguresService }) {
  return {
    /** The Aging workbook as of the date; `creator` is who made it (the signed-in user, or the command line's). */
    async aging(creator: string, query: ReportAgingQuery, progress: ReportProgress = noProgress): Promise<BuiltReport> {
      const q = reportAgingSchema.parse(query);
      let account: string | null = null;
      if (q.accountId !== undefined) {
        const row = await ctx.db.selectFrom('account').select(['account_number', 'name']).where('id', '=', q.accountId).executeTakeFirst();
        if (!row) throw notFound(`Account ${q.accountId}`);
        account = `${row.account_number} ${row.name}`;
      }
      const company = await deps.settings.requireCompany();
      progress('Reading accounts', 0, 3);
      const summary = await deps.aging.summary({ asOf: q.asOf, basis: q.basis, presentation: q.presentation, accountId: q.accountId, sort: q.sort });
      progress('Reading open items', 1, 3);
      const detail = await deps.aging.detail({ asOf: summary.asOf, basis: summary.basis, presentation: summary.presentation, accountId: q.accountId });
      progress('Writing the workbook', 2, 3);
      const bytes = await agingWorkbook({
        info: workbookInfo(company, 'Aging', summary.asOf, creator, ctx.clock.now()),
        summary,
        detail,
        filters: { sort: q.sort, account },
        progress,
      });
      return { fileName: `Aging ${summary.asOf} by ${summary.basis === 'due' ? 'due date' : 'invoice date'}.xlsx`, bytes };
    },

    /** The billing pack: reports.periodFigures' rows for from..to by month or quarter, as a workbook. */
    async billingPack(creator: string, query: PeriodFiguresQuery, progress: ReportProgress = noProgress): Promise<BuiltReport> {
      const q = periodFiguresSchema.parse(query);
      const company = await deps.settings.requireCompany();
      progress('Reading period figures', 0, 2);
      const figures = await deps.periodFigures.figures(q);
      progress('Writing the workbook', 1, 2);
      const bytes = await billingPackWorkbook({
        info: workbookInfo(company, 'Billing pack', q.to, creator, ctx.clock.now()),
        figures,
        from: q.from,
        to: q.to,
      });
      return { fileName: `Billing pack ${q.from} to ${q.to} by ${q.period}.xlsx`, bytes };
    },

    /** The Cash receipts journal from..to, one method or all; `creator` as for the Aging workbook. */
    async cashReceipts(creator: string, query: ReportCashReceiptsQuery, progress: ReportProgress = noProgress): Promise<BuiltReport> {
      const q = reportCashReceiptsSchema.parse(query);
      const company = await deps.settings.requireCompany();
      progress('Reading receipts', 0, 2);
      const lines = await cashReceiptLines(ctx.db, q);
      progress('Writing the workbook', 1, 2);
      const bytes = await cashReceiptsWorkbook({
        info: workbookInfo(company, 'Cash receipts', q.to, creator, ctx.clock.now()),
        from: q.from,
        to: q.to,
        method: q.method ?? null,
        lines,
      });
      const which = q.method ? ` ${paymentMethodLabels[q.method]}` : '';
      return { fileName: `Cash receipts${which} ${q.from} to ${q.to}.xlsx`, bytes };
    },

    /** The Audit trail: the audit log's filter (audit-log.ts), every matching record, as .xlsx or CSV; `creator` as for the Aging workbook. */
    async auditTrail(creator: string, query: ReportAuditTrailQuery, progress: ReportProgress = noProgress): Promise<BuiltReport> {
      const q = reportAuditTrailSchema.parse(query);
      const company = await deps.settings.requireCompany();
      progress('Reading audit records', 0, 2);
      const lines = await auditTrailLines(ctx.db, q, company.timeZone, company.currency);
      progress('Writing the file', 1, 2);
      const range = q.from || q.to ? `${q.from ?? 'start'} to ${q.to ?? 'end'}` : 'all dates';
      if (q.format === 'csv') return { fileName: `Audit trail ${range}.csv`, bytes: Buffer.from(auditTrailCsv(lines, company.timeZone), 'utf8') };
      const user = q.userId ? await ctx.db.selectFrom('app_user').select('display_name').where('id', '=', q.userId).executeTakeFirst() : undefined;
      const bytes = await auditTrailWorkbook({
        info: workbookInfo(company, 'Audit trail', q.to ?? (await businessToday(ctx.db, ctx.clock)), creator, ctx.clock.now()),
        filters: auditFilterRows(q, user?.display_name ?? null),
        lines,
      });
      return { fileName: `Audit trail ${range}.xlsx`, bytes };
    },

    /** Collections activity and team performance (collections-activity-workbook.ts). */
    collectionsActivity: (creator: string, query: TeamPerformanceQuery, progress: ReportProgress = noProgress): Promise<BuiltReport> =>
      buildCollectionsActivity(ctx, deps.settings, creator, query, progress),
  };
}
export type ReportBuilders = ReturnType<typeof createReportBuilders>;
