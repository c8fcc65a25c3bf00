import { z } from 'zod';
import { centsSchema, idSchema, isoDateSchema, positiveCents, requiredText } from './text';
import type { AccountSummary } from './accounts';
import type { AuditRecord } from './audit';

/**
 * Every financial event is a posted document. Debit documents raise what the customer owes and are
 * "open items" until matched; credit documents lower it and are "unapplied credit" until matched.
 */
export const documentKinds = ['invoice', 'credit_note', 'payment', 'refund', 'reversal', 'fee', 'adjustment', 'write_off'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentKindLabels: Record<DocumentKind, string> = {
  invoice: 'Invoice',
  credit_note: 'Credit note',
  payment: 'Payment',
  refund: 'Refund',
  reversal: 'Payment reversal',
  fee: 'Fee',
  adjustment: 'Adjustment',
  write_off: 'Write-off',
};

/** Number series per kind: gap-free, assigned at posting. */
export const seriesOfKind: Record<DocumentKind, string> = {
  invoice: 'INV',
  credit_note: 'CN',
  payment: 'RCT', // the payment's number is its receipt number
  refund: 'RF',
  reversal: 'REV',
  fee: 'FEE',
  adjustment: 'ADJ',
  write_off: 'WO',
};

export const adjustmentSchema = z.object({
  accountId: idSchema,
  date: isoDateSchema.optional(),
  /** Positive: the customer owes more (an open item); negative: owes less (a credit). */
  amountCents: centsSchema.refine((n) => n !== 0, 'Amount cannot be zero'),
  reason: requiredText('Reason', 500),
  /** A negative adjustment may be applied to this open document at once. */
  applyToDocumentId: idSchema.optional(),
});

export const writeOffSchema = z.object({
  invoiceId: idSchema,
  date: isoDateSchema.optional(),
  /** Defaults to the whole open amount. */
  amountCents: positiveCents.optional(),
  reason: requiredText('Reason', 500),
});

export const ledgerGetSchema = z.object({ accountId: idSchema, asOf: isoDateSchema.optional() });
export const documentGetSchema = z.object({ documentId: idSchema });

export interface LedgerEntryRow {
  documentId: number;
  kind: DocumentKind;
  number: string | null;
  date: string;
  dueDate: string | null;
  description: string;
  /** Signed: positive = owes more. */
  amountCents: number;
  debitCents: number;
  creditCents: number;
  runningBalanceCents: number;
  openCents: number;
}

export interface OpenItemRow {
  documentId: number;
  kind: DocumentKind;
  number: string | null;
  docDate: string;
  dueDate: string;
  totalCents: number;
  openCents: number;
  daysPastDue: number;
}

export interface UnappliedCreditRow {
  documentId: number;
  kind: DocumentKind;
  number: string | null;
  date: string;
  amountCents: number;
  unappliedCents: number;
}

export interface LedgerView {
  account: AccountSummary;
  asOf: string;
  entries: LedgerEntryRow[];
  openItems: OpenItemRow[];
  unappliedCredits: UnappliedCreditRow[];
  totals: { debitsCents: number; creditsCents: number; balanceCents: number; openCents: number; pastDueCents: number; unappliedCents: number };
}

export interface AllocationRow {
  id: number;
  /** The other side of the match. */
  documentId: number;
  kind: DocumentKind;
  number: string | null;
  amountCents: number;
  effectiveDate: string;
  createdAt: string;
  createdBy: string | null;
}

export interface DocumentDetail {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  kind: DocumentKind;
  side: 'debit' | 'credit';
  status: 'draft' | 'posted';
  number: string | null;
  date: string;
  dueDate: string | null;
  totalCents: number;
  openCents: number;
  method: string | null;
  checkNumber: string;
  cardLast4: string;
  reference: string;
  reason: string;
  memo: string;
  relatedDocument: { id: number; kind: DocumentKind; number: string | null } | null;
  /** Documents that name this one (credit notes of an invoice, the reversal of a payment, a fee). */
  referencedBy: { id: number; kind: DocumentKind; number: string | null }[];
  invoice: import('./invoices').InvoiceDetail | null;
  allocations: AllocationRow[];
  audit: AuditRecord[];
  postedAt: string | null;
  postedBy: string | null;
}
