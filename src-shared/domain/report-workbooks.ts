import { z } from 'zod';
import { agingQuerySchema } from './aging';
import { auditActions } from './audit';
import { paymentMethods } from './payments';
import { idSchema, isoDateSchema } from './text';

/**
 * The Aging workbook (docs/reports.md, Aging workbook): the Aging screen's query (as of, basis) and the
 * grid's filters the aging endpoints take (one account, the summary's sort).
 */
export const reportAgingSchema = agingQuerySchema.extend({
  accountId: idSchema.optional(),
  sort: z.enum(['name', 'accountNumber', 'total', 'pastDue']).default('name'),
});
export type ReportAgingQuery = z.input<typeof reportAgingSchema>;

/** The Cash receipts journal (docs/reports.md, Cash receipts journal): payments and reversals dated from..to, one method or all. */
export const reportCashReceiptsSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, method: z.enum(paymentMethods).optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' });
export type ReportCashReceiptsQuery = z.input<typeof reportCashReceiptsSchema>;

/**
 * The Audit trail (docs/reports.md, Audit trail): records made from..to (business dates in the company's
 * time zone), narrowed by username, action, entity type and entity id.
 */
export const reportAuditTrailSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    user: z.string().trim().min(1).max(100).optional(),
    action: z.enum(auditActions).optional(),
    entity: z.string().trim().min(1).max(100).optional(),
    entityId: z.string().trim().min(1).max(100).optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' });
export type ReportAuditTrailQuery = z.input<typeof reportAuditTrailSchema>;

/** A workbook across IPC: its bytes as base64 and the file name to offer when saving it. */
export interface ReportFile {
  fileName: string;
  base64: string;
}
