import { z } from 'zod';
import { agingQuerySchema } from './aging';
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

/** A workbook across IPC: its bytes as base64 and the file name to offer when saving it. */
export interface ReportFile {
  fileName: string;
  base64: string;
}
