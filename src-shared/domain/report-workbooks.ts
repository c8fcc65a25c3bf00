import { z } from 'zod';
import { agingQuerySchema } from './aging';
import { auditLogFilterCheck, auditLogFilterObject } from './audit-log';
import { runIdSchema } from './documents';
import { paymentMethods } from './payments';
import { periodFiguresSchema } from './period-figures';
import { idSchema, isoDateSchema } from './text';

/**
 * Every workbook endpoint takes the caller's optional id for the run (docs/reports.md, Long reports):
 * while the workbook is built the backend emits `progress` events { task: REPORT_TASK, run, done, total,
 * label } and `reports.cancel { run }` stops it (the call then answers CANCELLED).
 */
export const REPORT_TASK = 'report';
export const reportRunSchema = z.object({ run: runIdSchema.optional() });
export const reportCancelSchema = z.object({ run: runIdSchema });

/**
 * The Aging workbook (docs/reports.md, Aging workbook): the Aging screen's query (as of, basis) and the
 * grid's filters the aging endpoints take (one account, the summary's sort).
 */
export const reportAgingSchema = agingQuerySchema.extend({
  accountId: idSchema.optional(),
  sort: z.enum(['name', 'accountNumber', 'total', 'pastDue']).default('name'),
  run: runIdSchema.optional(),
});
export type ReportAgingQuery = z.input<typeof reportAgingSchema>;

/** The Cash receipts journal (docs/reports.md, Cash receipts journal): payments and reversals dated from..to, one method or all. */
export const reportCashReceiptsSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, method: z.enum(paymentMethods).optional(), run: runIdSchema.optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' });
export type ReportCashReceiptsQuery = z.input<typeof reportCashReceiptsSchema>;

/**
 * The Audit trail (docs/reports.md, Audit trail): the audit log's filter (audit-log.ts: office days in
 * the company's time zone, user, action or group, record, search) as an .xlsx or a CSV.
 */
export const reportAuditTrailSchema = auditLogFilterObject
  .extend({ format: z.enum(['xlsx', 'csv']).default('xlsx'), run: runIdSchema.optional() })
  .superRefine(auditLogFilterCheck);
export type ReportAuditTrailQuery = z.input<typeof reportAuditTrailSchema>;

/** The billing pack (docs/reports.md, Billing pack): reports.periodFigures' query, and the run. */
export const reportBillingPackSchema = periodFiguresSchema.safeExtend({ run: runIdSchema.optional() });
export type ReportBillingPackQuery = z.input<typeof reportBillingPackSchema>;

/** A workbook across IPC: its bytes as base64 and the file name to offer when saving it. */
export interface ReportFile {
  fileName: string;
  base64: string;
}
