import { z } from 'zod';
import { idSchema, isoDateSchema } from './text';
import { updateSchema } from './partial-update';
import type { AccountKind } from './accounts';

export const agingBases = ['due', 'invoice'] as const;
export type AgingBasis = (typeof agingBases)[number];

/**
 * Buckets by days past due (as-of date minus due date, or minus invoice date on the invoice basis).
 * Current holds days <= currentThroughDays (0: due today is current; -1: due today is already past due).
 * Then one bucket per edge, each up to and including the edge, and a last bucket over the last edge.
 * Default: Current, 1-30, 31-60, 61-90, 91-120, over 120.
 */
export const agingSettingsFieldsSchema = z.object({
  currentThroughDays: z.number().int().min(-1).max(90),
  edges: z.array(z.number().int().min(0).max(3650)).min(1).max(8),
  defaultBasis: z.enum(agingBases),
});
export const agingSettingsSchema = agingSettingsFieldsSchema.superRefine((s, ctx) => {
  let prev = s.currentThroughDays;
  for (const [i, e] of s.edges.entries()) {
    if (e <= prev) ctx.addIssue({ code: 'custom', path: ['edges', i], message: `Bucket edges must rise: ${e} is not more than ${prev}` });
    prev = e;
  }
});
export type AgingSettings = z.infer<typeof agingSettingsSchema>;
/** aging.updateSettings: any of the fields; the edges are checked against the merged settings. */
export const agingSettingsUpdateSchema = updateSchema(agingSettingsFieldsSchema);
export const defaultAgingSettings: AgingSettings = { currentThroughDays: 0, edges: [30, 60, 90, 120], defaultBasis: 'due' };

/** "Current", "1-30", ..., "Over 120". */
export function agingBucketLabels(s: AgingSettings): string[] {
  const labels = ['Current'];
  let lo = s.currentThroughDays + 1;
  for (const e of s.edges) {
    labels.push(`${lo}-${e}`);
    lo = e + 1;
  }
  labels.push(`Over ${s.edges[s.edges.length - 1]}`);
  return labels;
}

/** Index of the bucket for a number of days past due. */
export function agingBucketIndex(daysPastDue: number, s: AgingSettings): number {
  if (daysPastDue <= s.currentThroughDays) return 0;
  for (let i = 0; i < s.edges.length; i++) if (daysPastDue <= s.edges[i]!) return i + 1;
  return s.edges.length + 1;
}

export const agingQuerySchema = z.object({
  asOf: isoDateSchema.optional(),
  basis: z.enum(agingBases).optional(),
});
export const agingSummarySchema = agingQuerySchema.extend({
  limit: z.number().int().min(1).max(100000).optional(),
  offset: z.number().int().min(0).default(0),
  sort: z.enum(['name', 'accountNumber', 'total', 'pastDue']).default('name'),
});
/** No limit means every open invoice (the grid is virtualized); a limit pages through them. */
export const agingDetailSchema = agingQuerySchema.extend({
  accountId: idSchema.optional(),
  limit: z.number().int().min(1).max(2_000_000).optional(),
  offset: z.number().int().min(0).default(0),
});
export const agingDrillSchema = agingQuerySchema.extend({ accountId: idSchema, bucket: z.number().int().min(0).max(9) });

export interface AgingSummaryRow {
  accountId: number;
  accountNumber: string;
  accountName: string;
  accountKind: AccountKind;
  /** One amount per bucket label. */
  buckets: number[];
  unappliedCents: number;
  /** Sum of buckets minus unapplied credit. */
  totalCents: number;
}
export interface AgingSummary {
  asOf: string;
  basis: AgingBasis;
  bucketLabels: string[];
  rows: AgingSummaryRow[];
  /** How many rows in all (before limit/offset). */
  rowCount: number;
  totals: { buckets: number[]; unappliedCents: number; totalCents: number };
}
export interface AgingDetailRow {
  documentId: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  accountKind: AccountKind;
  /** The document's kind (invoice, fee, ...). */
  kind: string;
  number: string | null;
  docDate: string;
  dueDate: string;
  totalCents: number;
  openCents: number;
  daysPastDue: number;
  bucket: number;
}
export interface AgingDetail {
  asOf: string;
  basis: AgingBasis;
  bucketLabels: string[];
  rows: AgingDetailRow[];
  rowCount: number;
  totals: { buckets: number[]; openCents: number };
}
