import { z } from 'zod';
import { cents, formatMoney } from '../money';
import { cardNumberRefused, containsCardNumber } from './card-numbers';
import { idSchema, isoDateSchema, nonNegativeCents, positiveCents, textField } from './text';

export const paymentMethods = ['cash', 'check', 'card', 'ach', 'bank_transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentMethodLabels: Record<PaymentMethod, string> = { cash: 'Cash', check: 'Check', card: 'Card', ach: 'ACH', bank_transfer: 'Bank transfer' };

/** Free text on a payment document: refused when it looks like a full card number. */
export const paymentText = (label: string, max: number) => textField(label, max).refine((s) => !containsCardNumber(s), cardNumberRefused(label));

export const manualAllocationSchema = z.array(z.object({ documentId: idSchema, amountCents: positiveCents })).max(500);
export const allocationChoiceSchema = z.discriminatedUnion('mode', [
  /** Oldest due date first (DOMAIN.md default). */
  z.object({ mode: z.literal('auto') }),
  /** By hand: these open documents, these amounts; the rest stays unapplied. */
  z.object({ mode: z.literal('manual'), lines: manualAllocationSchema }),
  /** Leave it all as unapplied credit. */
  z.object({ mode: z.literal('none') }),
]);
export type AllocationChoice = z.input<typeof allocationChoiceSchema>;

export const paymentPostSchema = z
  .object({
    accountId: idSchema,
    date: isoDateSchema.optional(),
    method: z.enum(paymentMethods),
    amountCents: positiveCents,
    reference: paymentText('Reference', 80).default(''),
    checkNumber: paymentText('Check number', 20).default(''),
    cardLast4: z
      .string()
      .trim()
      .max(4, 'Card: enter the last 4 digits only')
      .default('')
      .refine((s) => s === '' || /^\d{4}$/.test(s), 'Card: enter the last 4 digits only'),
    memo: paymentText('Memo', 500).default(''),
    allocation: allocationChoiceSchema.default({ mode: 'auto' }),
    /** Invoices on which this payment takes the early-payment discount their terms offer (2/10 Net 30). */
    earlyPaymentDiscounts: z.array(idSchema).max(200).default([]),
    /** Check and ACH: the customer's bank account it came from (bankAccounts; active, the account's own). */
    bankAccountId: idSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.bankAccountId && p.method !== 'check' && p.method !== 'ach')
      ctx.addIssue({ code: 'custom', path: ['bankAccountId'], message: 'A bank account only belongs on a check or ACH payment' });
    if (p.method === 'check' && !p.checkNumber) ctx.addIssue({ code: 'custom', path: ['checkNumber'], message: 'A check payment needs the check number' });
    if (p.method === 'card' && !p.cardLast4)
      ctx.addIssue({ code: 'custom', path: ['cardLast4'], message: 'A card payment needs the last 4 digits of the card' });
    if (p.method !== 'card' && p.cardLast4) ctx.addIssue({ code: 'custom', path: ['cardLast4'], message: 'Card digits only belong on a card payment' });
  });
export type PaymentPostInput = z.input<typeof paymentPostSchema>;

export const previewAllocationSchema = z.object({
  accountId: idSchema,
  amountCents: positiveCents,
  allocation: allocationChoiceSchema.default({ mode: 'auto' }),
  /** The payment's date: which early-payment discounts are still on offer (default: today). */
  date: isoDateSchema.optional(),
  earlyPaymentDiscounts: z.array(idSchema).max(200).default([]),
});

export const applyCreditSchema = z.object({
  accountId: idSchema,
  date: isoDateSchema.optional(),
  /** Which credits to use; all the account's unapplied credit (oldest first) when omitted. */
  creditDocumentIds: z.array(idSchema).max(100).optional(),
  allocation: z
    .discriminatedUnion('mode', [z.object({ mode: z.literal('auto') }), z.object({ mode: z.literal('manual'), lines: manualAllocationSchema })])
    .default({ mode: 'auto' }),
});

export const reversalSchema = z.object({
  paymentId: idSchema,
  date: isoDateSchema.optional(),
  // Free text on a payment: never a card number, like the reference and memo.
  reason: paymentText('Reason', 500).pipe(z.string().min(1, 'Reason is required')),
  /** Optional returned-payment fee, posted as its own fee document. */
  feeCents: nonNegativeCents.default(cents(0)),
});

export const refundSchema = z.object({
  accountId: idSchema,
  date: isoDateSchema.optional(),
  amountCents: positiveCents,
  method: z.enum(paymentMethods),
  reference: paymentText('Reference', 80).default(''),
  checkNumber: paymentText('Check number', 20).default(''),
  memo: paymentText('Memo', 500).default(''),
  /** Refund from these credits; the account's unapplied credit oldest first when omitted. */
  creditDocumentIds: z.array(idSchema).max(100).optional(),
});

export interface AllocationPreviewLine {
  documentId: number;
  kind: string;
  number: string | null;
  docDate: string;
  dueDate: string;
  /** Open after the discount when it is taken. */
  openCents: number;
  applyCents: number;
  /** The early-payment discount a payment on that date may take (null: none on offer). */
  discountOffer: { amountCents: number; rateBp: number; until: string } | null;
  /** The discount taken in this preview (0 when not). */
  discountCents: number;
}
export interface AllocationPreview {
  lines: AllocationPreviewLine[];
  appliedCents: number;
  unappliedCents: number;
}

export interface Receipt {
  receiptNumber: string;
  paymentId: number;
  date: string;
  companyName: string;
  accountId: number;
  accountNumber: string;
  accountName: string;
  method: PaymentMethod;
  checkNumber: string;
  cardLast4: string;
  reference: string;
  amountCents: number;
  allocations: { documentId: number; kind: string; number: string | null; amountCents: number }[];
  unappliedCents: number;
  /** Early-payment discounts taken with this payment: the invoice and the credit note that gave it. */
  earlyPaymentDiscounts: { documentId: number; number: string | null; creditNoteNumber: string; amountCents: number }[];
  /** The account's balance right after this payment was posted: its ledger entries up to and including the payment's (and the discounts taken with it). */
  balanceAfterCents: number;
  clerk: string;
  postedAt: string;
}

export interface PostingResult {
  documentId: number;
  number: string;
  /** Further documents posted with it (a returned-payment fee). */
  related: { documentId: number; number: string; kind: string }[];
  accountBalanceCents: number;
}

/**
 * A payment worth a second look before posting: it is more than the account's open balance by more than
 * $50.00 and by more than a tenth of that balance. A few dollars over (rounding, a small prepayment) or a
 * tenth over (a customer paying ahead on a large account) passes; a likely typo ($10,000.00 keyed for
 * $1,000.00, or a check posted to the wrong account) asks. A balance at or below zero counts as zero.
 * Returns the excess in cents, or null when no confirmation is needed.
 */
export const OVERPAYMENT_MARGIN_CENTS = 5_000;
export function overpaymentExcess(amountCents: number, balanceCents: number): number | null {
  const owed = Math.max(0, balanceCents);
  const excess = amountCents - owed;
  if (excess <= OVERPAYMENT_MARGIN_CENTS) return null;
  // excess * 10 > owed: more than a tenth of the balance, in integer cents.
  return excess * 10 > owed ? excess : null;
}

/** The question the payment dialog asks when overpaymentExcess is not null. */
export function overpaymentQuestion(amountCents: number, balanceCents: number, excessCents: number): string {
  return `${formatMoney(amountCents)} is ${formatMoney(excessCents)} more than the balance of ${formatMoney(Math.max(0, balanceCents))}; the rest stays as unapplied credit. Post anyway?`;
}
