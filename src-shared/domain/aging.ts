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
/**
 * How open credits show (so a report can match the office's old one):
 * - creditPresentation 'column': open credits (unapplied payments, open credit notes) in the Unapplied
 *   column, subtracted in the total; 'aged': each open credit as a negative amount in the bucket of its
 *   date (creditAgingDate: its document date, or its due date when it has one).
 * - prepaymentsApart: the open part of payments (money never tied to an invoice) in its own
 *   Prepayments column instead, whatever creditPresentation says; open credit notes follow it.
 */
export const creditPresentations = ['column', 'aged'] as const;
export type CreditPresentation = (typeof creditPresentations)[number];
export const creditAgingDates = ['document', 'due'] as const;
export type CreditAgingDate = (typeof creditAgingDates)[number];
export const agingPresentationSchema = z.object({
  creditPresentation: z.enum(creditPresentations),
  creditAgingDate: z.enum(creditAgingDates),
  prepaymentsApart: z.boolean(),
});
export type AgingPresentation = z.infer<typeof agingPresentationSchema>;

export const agingSettingsFieldsSchema = z.object({
  currentThroughDays: z.number().int().min(-1).max(90),
  edges: z.array(z.number().int().min(0).max(3650)).min(1).max(8),
  defaultBasis: z.enum(agingBases),
  ...agingPresentationSchema.shape,
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
export const defaultAgingSettings: AgingSettings = {
  currentThroughDays: 0,
  edges: [30, 60, 90, 120],
  defaultBasis: 'due',
  creditPresentation: 'column',
  creditAgingDate: 'document',
  prepaymentsApart: false,
};

/** The presentation part of the settings. */
export function agingPresentationOf(s: AgingPresentation): AgingPresentation {
  return { creditPresentation: s.creditPresentation, creditAgingDate: s.creditAgingDate, prepaymentsApart: s.prepaymentsApart };
}

/** "Current", "1-30", ..., "Over 120". */
export function agingBucketLabels(s: Pick<AgingSettings, 'currentThroughDays' | 'edges'>): string[] {
  return agingBucketRanges(s).map((r) => r.label);
}

/** A bucket as days past due, both ends included; null is open-ended (Current from null, the last to null). */
export interface AgingBucketRange {
  label: string;
  fromDays: number | null;
  toDays: number | null;
}

/** The buckets with their day ranges, one per label of agingBucketLabels (for the CLI's JSON and the docs). */
export function agingBucketRanges(s: Pick<AgingSettings, 'currentThroughDays' | 'edges'>): AgingBucketRange[] {
  const ranges: AgingBucketRange[] = [{ label: 'Current', fromDays: null, toDays: s.currentThroughDays }];
  let lo = s.currentThroughDays + 1;
  for (const e of s.edges) {
    ranges.push({ label: `${lo}-${e}`, fromDays: lo, toDays: e });
    lo = e + 1;
  }
  ranges.push({ label: `Over ${s.edges[s.edges.length - 1]}`, fromDays: lo, toDays: null });
  return ranges;
}

/** Index of the bucket for a number of days past due. */
export function agingBucketIndex(daysPastDue: number, s: Pick<AgingSettings, 'currentThroughDays' | 'edges'>): number {
  if (daysPastDue <= s.currentThroughDays) return 0;
  for (let i = 0; i < s.edges.length; i++) if (daysPastDue <= s.edges[i]!) return i + 1;
  return s.edges.length + 1;
}

export const agingQuerySchema = z.object({
  asOf: isoDateSchema.optional(),
  basis: z.enum(agingBases).optional(),
  /** A one-off view with other presentation options (not saved); what is left out comes from the settings. */
  presentation: agingPresentationSchema.partial().optional(),
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
  /** Open credits shown in their own column (0 for those aged into the buckets or kept apart as prepayments). */
  unappliedCents: number;
  /** Open payments kept apart (prepaymentsApart); else 0. */
  prepaymentCents: number;
  /** Sum of buckets minus unapplied credit minus prepayments: the account's balance as of the date. */
  totalCents: number;
}
export interface AgingSummary {
  asOf: string;
  basis: AgingBasis;
  /** The presentation used (the settings, or the query's one-off override). */
  presentation: AgingPresentation;
  bucketLabels: string[];
  /** The same buckets with their ranges of days past due. */
  buckets: AgingBucketRange[];
  rows: AgingSummaryRow[];
  /** How many rows in all (before limit/offset). */
  rowCount: number;
  /** prepaymentCents only when payments are kept apart (the totals of a default report stay as they were). */
  totals: { buckets: number[]; unappliedCents: number; prepaymentCents?: number; totalCents: number };
}
export interface AgingDetailRow {
  documentId: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  accountKind: AccountKind;
  /** The document's kind (invoice, fee, ...; credit_note, payment, ... for credits aged as negative amounts). */
  kind: string;
  number: string | null;
  docDate: string;
  dueDate: string;
  totalCents: number;
  /** Negative for an open credit aged into its bucket. */
  openCents: number;
  daysPastDue: number;
  bucket: number;
}
export interface AgingDetail {
  asOf: string;
  basis: AgingBasis;
  presentation: AgingPresentation;
  bucketLabels: string[];
  buckets: AgingBucketRange[];
  rows: AgingDetailRow[];
  rowCount: number;
  totals: { buckets: number[]; openCents: number };
}
