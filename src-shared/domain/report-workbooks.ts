import { z } from 'zod';
import { agingQuerySchema } from './aging';
import { idSchema } from './text';

/**
 * The Aging workbook (docs/reports.md, Aging workbook): the Aging screen's query (as of, basis) and the
 * grid's filters the aging endpoints take (one account, the summary's sort).
 */
export const reportAgingSchema = agingQuerySchema.extend({
  accountId: idSchema.optional(),
  sort: z.enum(['name', 'accountNumber', 'total', 'pastDue']).default('name'),
});
export type ReportAgingQuery = z.input<typeof reportAgingSchema>;

/** A workbook across IPC: its bytes as base64 and the file name to offer when saving it. */
export interface ReportFile {
  fileName: string;
  base64: string;
}
