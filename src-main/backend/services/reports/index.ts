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
import type { AgingService } from '../aging';
import type { SettingsService } from '../settings';
import { agingWorkbook } from './aging-workbook';
import { auditTrailLines, auditTrailWorkbook } from './audit-trail-workbook';
import { billingPackWorkbook } from './billing-pack-workbook';
import type { PeriodFiguresService } from './period-figures';
import { cashReceiptLines, cashReceiptsWorkbook } from './cash-receipts-workbook';
import { reportCancelled, ReportRuns } from './runs';

/** The workbooks a report run can build, with the query each takes. */
export interface ReportQueries {
  aging: ReportAgingQuery;
  billingPack: PeriodFiguresQuery;
  cashReceipts: ReportCashReceiptsQuery;
  auditTrail: ReportAuditTrailQuery;
}
export type ReportKind = keyof ReportQueries;
export interface BuiltReport {
  fileName: string;
  bytes: Buffer;
}

/** Supervisor workbooks (docs/reports.md). Each report reads the same services as its screen. */
export function createReportsService(ctx: ServiceContext, deps: { aging: AgingService; settings: SettingsService; periodFigures: PeriodFiguresService }) {
  const runs = new ReportRuns();
  const service = {
    /**
     * A report run for a session (the reports.* endpoints): cancellable by its run id with
     * reports.cancel, or by the session ending; a cancelled run answers CANCELLED and leaves nothing.
     */
    async build<K extends ReportKind>(session: string, run: string | undefined, kind: K, creator: string, query: ReportQueries[K]): Promise<BuiltReport> {
      const handle = runs.begin(session, run);
      try {
        const built = await (service[kind] as (creator: string, query: ReportQueries[K]) => Promise<BuiltReport>)(creator, query);
        if (handle.signal.aborted) throw reportCancelled();
        return built;
      } finally {
        handle.end();
      }
    },

    /** reports.cancel: true if this session's run was going and is now stopped. */
    cancel: (session: string, run: string): boolean => runs.cancel(session, run),

    /** The session ended (signed out, its window closed): its runs stop. */
    endSession: (session: string): void => runs.endSession(session),

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

    /** The billing pack: reports.periodFigures' rows for from..to by month or quarter, as a workbook. */
    async billingPack(creator: string, query: PeriodFiguresQuery): Promise<{ fileName: string; bytes: Buffer }> {
      const q = periodFiguresSchema.parse(query);
      const company = await deps.settings.requireCompany();
      const figures = await deps.periodFigures.figures(q);
      const bytes = await billingPackWorkbook({
        info: {
          title: 'Billing pack',
          company: company.companyName,
          currency: company.currency,
          asOf: q.to,
          creator,
          created: ctx.clock.now(),
          timeZone: company.timeZone,
        },
        figures,
        from: q.from,
        to: q.to,
      });
      return { fileName: `Billing pack ${q.from} to ${q.to} by ${q.period}.xlsx`, bytes };
    },

    /** The Cash receipts journal from..to, one method or all; `creator` as for the Aging workbook. */
    async cashReceipts(creator: string, query: ReportCashReceiptsQuery): Promise<{ fileName: string; bytes: Buffer }> {
      const q = reportCashReceiptsSchema.parse(query);
      const company = await deps.settings.requireCompany();
      const lines = await cashReceiptLines(ctx.db, q);
      const bytes = await cashReceiptsWorkbook({
        info: {
          title: 'Cash receipts',
          company: company.companyName,
          currency: company.currency,
          asOf: q.to,
          creator,
          created: ctx.clock.now(),
          timeZone: company.timeZone,
        },
        from: q.from,
        to: q.to,
        method: q.method ?? null,
        lines,
      });
      const which = q.method ? ` ${paymentMethodLabels[q.method]}` : '';
      return { fileName: `Cash receipts${which} ${q.from} to ${q.to}.xlsx`, bytes };
    },

    /** The Audit trail from..to (company time zone), narrowed by user, action and record; `creator` as for the Aging workbook. */
    async auditTrail(creator: string, query: ReportAuditTrailQuery): Promise<{ fileName: string; bytes: Buffer }> {
      const q = reportAuditTrailSchema.parse(query);
      const company = await deps.settings.requireCompany();
      const lines = await auditTrailLines(ctx.db, q, company.timeZone, company.currency);
      const bytes = await auditTrailWorkbook({
        info: {
          title: 'Audit trail',
          company: company.companyName,
          currency: company.currency,
          asOf: q.to,
          creator,
          created: ctx.clock.now(),
          timeZone: company.timeZone,
        },
        query: q,
        lines,
      });
      return { fileName: `Audit trail ${q.from} to ${q.to}.xlsx`, bytes };
    },
  };
  return service;
}
export type ReportsService = ReturnType<typeof createReportsService>;
