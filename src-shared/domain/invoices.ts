import { z } from 'zod';
import {
  allocateProRata,
  applyBasisPoints,
  cents,
  formatMoney,
  formatQuantity,
  MAX_CENTS,
  MAX_CENTS_TEXT,
  MAX_QUANTITY_MILLI,
  mulDivRound,
  nonNegativeCents,
  type Cents,
} from '../money';
import { idSchema, isoDateSchema, pageSchema, positiveCents, requiredText, textField } from './text';
import { termsSchema } from './terms';
import { updateSchema } from './partial-update';
import { addressSchema, type Address } from './accounts';

/** A discount on a line or on the whole invoice: a percentage in basis points or an amount in cents. */
export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; cents: Cents };
export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(0).max(10000, 'A discount cannot exceed 100%') }),
  z.object({ kind: z.literal('amount'), cents: nonNegativeCents }),
]);

export interface TotalsLineInput {
  /** Thousandths: 1.5 hours = 1500. */
  quantityMilli: number;
  unitPriceCents: Cents;
  discount?: Discount | null;
  /** Basis points: 8.25% = 825. */
  taxRateBp: number;
}

export interface TotalsInput {
  lines: readonly TotalsLineInput[];
  invoiceDiscount?: Discount | null;
  shippingCents?: Cents;
  /** 0 (the default): shipping is not taxed. A company setting may set a rate. */
  shippingTaxRateBp?: number;
}

export interface LineTotals {
  grossCents: Cents;
  lineDiscountCents: Cents;
  invoiceDiscountCents: Cents;
  netCents: Cents;
  taxCents: Cents;
  totalCents: Cents;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  /** Sum of line gross amounts (quantity x unit price). */
  subtotalCents: Cents;
  lineDiscountCents: Cents;
  invoiceDiscountCents: Cents;
  /** Line and invoice discounts together. */
  discountCents: Cents;
  /** Sum of line net amounts (after both discounts): the taxable base. */
  netCents: Cents;
  /** Line taxes plus shipping tax. */
  taxCents: Cents;
  shippingCents: Cents;
  shippingTaxCents: Cents;
  totalCents: Cents;
}

export class TotalsError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'TotalsError';
  }
}

/**
 * THE invoice totals function (DOMAIN.md: one tested function). Order, each step rounded half away from
 * zero to the cent:
 *  1. line gross    = quantity (thousandths) x unit price / 1000
 *  2. line discount = percent of the gross, or a fixed amount (never more than the gross)
 *  3. invoice discount = percent of the sum of discounted lines, or a fixed amount (never more than
 *     that sum), spread over the lines pro rata to their discounted amounts; the shares add up exactly
 *     (largest remainder: the leftover cents go to the lines with the largest fractions, ties to the
 *     earlier line)
 *  4. line tax      = line tax rate x (gross - line discount - invoice discount share)
 *  5. shipping is added after tax, untaxed unless shippingTaxRateBp is set (then taxed on its own)
 * total = sum of line nets + sum of line taxes + shipping + shipping tax.
 * Every amount (each line's gross and total, the subtotal, the total) is at most MAX_CENTS: a TotalsError
 * says which one, before anything is stored or posted.
 */
export function computeInvoiceTotals(input: TotalsInput): InvoiceTotals {
  const shippingCents = input.shippingCents ?? cents(0);
  if (!Number.isSafeInteger(shippingCents) || shippingCents < 0) throw new TotalsError('Shipping must be zero or more whole cents');
  if (shippingCents > MAX_CENTS) throw new TotalsError(`Shipping is more than ${MAX_CENTS_TEXT}, the most one amount may be`);
  const steps = input.lines.map((l, i) => {
    const n = i + 1;
    if (!Number.isSafeInteger(l.quantityMilli) || l.quantityMilli <= 0) throw new TotalsError(`Line ${n}: quantity must be more than zero`, n);
    if (l.quantityMilli > MAX_QUANTITY_MILLI) throw new TotalsError(`Line ${n}: quantity is more than ${formatQuantity(MAX_QUANTITY_MILLI)}`, n);
    if (!Number.isSafeInteger(l.unitPriceCents) || l.unitPriceCents < 0) throw new TotalsError(`Line ${n}: unit price must be zero or more`, n);
    if (!Number.isInteger(l.taxRateBp) || l.taxRateBp < 0 || l.taxRateBp > 10000) throw new TotalsError(`Line ${n}: tax rate must be between 0% and 100%`, n);
    // Compare before computing: a product beyond 2^53 is far beyond the ceiling anyway.
    const product = l.quantityMilli * l.unitPriceCents;
    const gross = product <= MAX_CENTS * 1000 + 499 ? (mulDivRound(l.quantityMilli, l.unitPriceCents, 1000) as Cents) : null;
    if (gross === null) throw new TotalsError(`Line ${n}: quantity × unit price comes to more than ${MAX_CENTS_TEXT}, the most one amount may be`, n);
    let lineDiscount = cents(0);
    if (l.discount?.kind === 'percent') {
      if (l.discount.basisPoints < 0 || l.discount.basisPoints > 10000) throw new TotalsError(`Line ${n}: discount must be between 0% and 100%`, n);
      lineDiscount = applyBasisPoints(gross, l.discount.basisPoints);
    } else if (l.discount?.kind === 'amount') {
      if (l.discount.cents < 0) throw new TotalsError(`Line ${n}: discount cannot be negative`, n);
      if (l.discount.cents > gross)
        throw new TotalsError(`Line ${n}: discount (${formatMoney(l.discount.cents)}) is more than the line amount (${formatMoney(gross)})`, n);
      lineDiscount = l.discount.cents;
    }
    return { gross, lineDiscount, afterLine: (gross - lineDiscount) as Cents, taxRateBp: l.taxRateBp };
  });
  // Each line is within the ceiling; 500 of them still sum exactly, and the sum is checked here.
  const subtotal = steps.reduce((s, x) => s + x.gross, 0);
  if (subtotal > MAX_CENTS) throw new TotalsError(`The lines come to ${formatMoney(subtotal)}, more than ${MAX_CENTS_TEXT}, the most one invoice may be`);
  const afterLines = steps.reduce((s, x) => s + x.afterLine, 0) as Cents;
  let invoiceDiscount = cents(0);
  const d = input.invoiceDiscount;
  if (d?.kind === 'percent') {
    if (d.basisPoints < 0 || d.basisPoints > 10000) throw new TotalsError('Invoice discount must be between 0% and 100%');
    invoiceDiscount = applyBasisPoints(afterLines, d.basisPoints);
  } else if (d?.kind === 'amount') {
    if (d.cents < 0) throw new TotalsError('Invoice discount cannot be negative');
    if (d.cents > afterLines)
      throw new TotalsError(`Invoice discount (${formatMoney(d.cents)}) is more than the discounted lines (${formatMoney(afterLines)})`);
    invoiceDiscount = d.cents;
  }
  const shares = allocateProRata(
    invoiceDiscount,
    steps.map((s) => s.afterLine),
  );
  const lines: LineTotals[] = steps.map((s, i) => {
    const net = (s.afterLine - shares[i]!) as Cents;
    const tax = applyBasisPoints(net, s.taxRateBp);
    if (net + tax > MAX_CENTS)
      throw new TotalsError(
        `Line ${i + 1}: with tax the line comes to ${formatMoney(net + tax)}, more than ${MAX_CENTS_TEXT}, the most one amount may be`,
        i + 1,
      );
    return {
      grossCents: s.gross,
      lineDiscountCents: s.lineDiscount,
      invoiceDiscountCents: shares[i]!,
      netCents: net,
      taxCents: tax,
      totalCents: (net + tax) as Cents,
    };
  });
  const sum = (f: (l: LineTotals) => number) => lines.reduce((acc, l) => acc + f(l), 0) as Cents;
  const shippingTaxRateBp = input.shippingTaxRateBp ?? 0;
  const shippingTaxCents = applyBasisPoints(shippingCents, shippingTaxRateBp);
  const lineDiscountCents = sum((l) => l.lineDiscountCents);
  const netCents = sum((l) => l.netCents);
  const lineTax = sum((l) => l.taxCents);
  const total = netCents + lineTax + shippingCents + shippingTaxCents;
  if (total > MAX_CENTS) throw new TotalsError(`The invoice total (${formatMoney(total)}) would be more than ${MAX_CENTS_TEXT}, the most one invoice may be`);
  return {
    lines,
    subtotalCents: subtotal as Cents,
    lineDiscountCents,
    invoiceDiscountCents: invoiceDiscount,
    discountCents: (lineDiscountCents + invoiceDiscount) as Cents,
    netCents,
    taxCents: (lineTax + shippingTaxCents) as Cents,
    shippingCents,
    shippingTaxCents,
    totalCents: total as Cents,
  };
}

// ---- Schemas and shapes for the contract ----

/** CPT (5 digits or 4 digits + letter), HCPCS Level II (letter + 4 digits) or an office's own item code. */
export const itemCodeSchema = requiredText('Item code', 30).refine(
  (s) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s),
  'Item code may contain letters, digits, dot, dash, slash and underscore',
);
/** ICD-10-CM: letter, digit, alphanumeric, optional dot and up to 4 more characters (e.g. E11.9, S72.001A). */
export const icd10Schema = z
  .string()
  .trim()
  .max(8, 'ICD-10 codes are at most 8 characters, such as S72.001A')
  .toUpperCase()
  .regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'ICD-10 codes look like E11.9 or S72.001A');

export const invoiceLineSchema = z.object({
  itemCode: itemCodeSchema,
  description: requiredText('Description', 500),
  quantityMilli: z
    .number()
    .int()
    .positive('Quantity must be more than zero')
    .max(MAX_QUANTITY_MILLI, `Quantity can be at most ${formatQuantity(MAX_QUANTITY_MILLI)}`),
  unitPriceCents: nonNegativeCents,
  discount: discountSchema.nullable().default(null),
  taxRateBp: z.number().int().min(0).max(10000).default(0),
  icd10Codes: z.array(icd10Schema).max(12).default([]),
});
export type InvoiceLineInput = z.input<typeof invoiceLineSchema>;

export const invoiceDraftFieldsSchema = z.object({
  invoiceDate: isoDateSchema.optional(),
  /** Defaults to the account's terms. */
  terms: termsSchema.optional(),
  poNumber: textField('PO number', 40).default(''),
  memo: textField('Memo', 2000).default(''),
  lines: z.array(invoiceLineSchema).max(500).default([]),
  invoiceDiscount: discountSchema.nullable().default(null),
  shippingCents: nonNegativeCents.default(cents(0)),
  /** Where the goods or services went, printed beside Bill to; null: none (the bill-to applies). */
  shipTo: addressSchema.nullable().default(null),
});
export const invoiceCreateDraftSchema = invoiceDraftFieldsSchema.extend({ accountId: idSchema });
export const invoiceUpdateDraftSchema = updateSchema(invoiceDraftFieldsSchema).extend({ invoiceId: idSchema });
export const invoiceListSchema = pageSchema.extend({
  accountId: idSchema.optional(),
  status: z.enum(['draft', 'posted']).optional(),
  openOnly: z.boolean().default(false),
  /** Only the documents the signed-in user created (the clerk's own drafts on the landing page). */
  mine: z.boolean().default(false),
});
/**
 * A credit note: for an account, with a reason; it may name the invoice it credits (then it is applied
 * to that invoice's open amount) or stand alone (a goodwill credit: unapplied credit until applied).
 * Its value is an amount or lines priced like an invoice's (no discounts or shipping), never both.
 */
export const creditNoteSchema = z
  .object({
    /** Required when no invoice is named; with one, it must be the invoice's account. */
    accountId: idSchema.optional(),
    invoiceId: idSchema.optional(),
    date: isoDateSchema.optional(),
    reason: requiredText('Reason', 500),
    amountCents: positiveCents.optional(),
    lines: z.array(invoiceLineSchema).min(1, 'A credit note with lines needs at least one line').max(500).optional(),
    memo: textField('Memo', 2000).optional(),
  })
  .refine((v) => v.accountId !== undefined || v.invoiceId !== undefined, {
    message: 'Name the account to credit (or the invoice the credit note is for)',
    path: ['accountId'],
  })
  .refine((v) => v.amountCents === undefined || v.lines === undefined, {
    message: 'A credit note has an amount or lines, not both',
    path: ['amountCents'],
  })
  .refine((v) => v.amountCents !== undefined || v.lines !== undefined, {
    message: 'A credit note needs an amount or lines',
    path: ['amountCents'],
  });
export type CreditNotePostInput = z.input<typeof creditNoteSchema>;

export interface InvoiceLine {
  lineNo: number;
  itemCode: string;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  discount: Discount | null;
  taxRateBp: number;
  icd10Codes: string[];
  grossCents: number;
  lineDiscountCents: number;
  invoiceDiscountCents: number;
  netCents: number;
  taxCents: number;
  totalCents: number;
}

export interface InvoiceDetail {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  status: 'draft' | 'posted';
  number: string | null;
  invoiceDate: string;
  dueDate: string;
  terms: string;
  discountDate: string | null;
  discountBp: number;
  /** The early-payment discount on the total, if paid by discountDate. */
  earlyPaymentDiscountCents: number;
  poNumber: string;
  memo: string;
  /** null: no ship-to on this invoice. */
  shipTo: Address | null;
  lines: InvoiceLine[];
  invoiceDiscount: Discount | null;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  shippingCents: number;
  shippingTaxCents: number;
  totalCents: number;
  openCents: number;
  postedAt: string | null;
  postedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceListRow {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  status: 'draft' | 'posted';
  number: string | null;
  invoiceDate: string;
  dueDate: string;
  totalCents: number;
  openCents: number;
  /** Who created it, by display name (null: an import or the system); and when it was last changed. */
  createdByName: string | null;
  updatedAt: string;
}

// ---- Price list ----
export const codeSystems = ['item', 'cpt', 'hcpcs'] as const;
export const itemUpsertSchema = z.object({
  id: idSchema.optional(),
  code: itemCodeSchema,
  /** The optional fields, when absent, keep the stored value of an item being edited (new item: item, 0, true). */
  codeSystem: z.enum(codeSystems).optional(),
  description: requiredText('Description', 500),
  unitPriceCents: nonNegativeCents,
  taxRateBp: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});
export interface Item {
  id: number;
  code: string;
  codeSystem: (typeof codeSystems)[number];
  description: string;
  unitPriceCents: number;
  taxRateBp: number;
  active: boolean;
}

// ---- Invoice settings (company-wide) ----
export const invoiceSettingsSchema = z.object({
  defaultTerms: termsSchema,
  /** 0: shipping is not taxed. */
  shippingTaxRateBp: z.number().int().min(0).max(10000),
});
export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;
export const defaultInvoiceSettings: InvoiceSettings = { defaultTerms: 'Net 30', shippingTaxRateBp: 0 };
