import { sql } from 'kysely';
import { applyBasisPoints, cents, formatBasisPoints, formatMoney } from '@shared/money';
import { formatDate } from '@shared/dates';
import type { Queryable } from '../../context';
import { conflict } from '../../errors';
import { appendAudit } from '../audit';
import { allocate, loadDocument, maxDate, postNewDocument, type DocumentRow, type Posting } from '../ledger/posting';

/**
 * Early-payment discounts (terms such as 2/10 Net 30): a payment dated on or before an invoice's
 * discount date may take the discount its terms offer, computed on the invoice total. Taking it posts a
 * credit note (CN-) that names the invoice, dated with the payment and applied to the invoice, with
 * the payment as the allocation's source: the receipt lists it, and a returned payment withdraws it.
 * The discount is earned only with the rest of the invoice paid by the same payment.
 */
export const DISCOUNT_REASON = 'Early-payment discount';
/** The reason of the debit adjustment that takes a discount back when its payment is returned (reports net it out). */
export const DISCOUNT_WITHDRAWN_REASON = 'Early-payment discount withdrawn';

export interface DiscountOffer {
  invoiceId: number;
  amountCents: number;
  rateBp: number;
  until: string;
}

export interface DiscountTaken {
  invoiceId: number;
  invoiceNumber: string;
  creditNoteId: number;
  creditNoteNumber: string;
  amountCents: number;
}

/** Net amount of early-payment discount credit notes applied to each of these invoices now. */
async function discountApplied(db: Queryable, invoiceIds: number[]): Promise<Map<number, number>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('allocation as a')
    .innerJoin('document as c', 'c.id', 'a.credit_document_id')
    .select(['a.debit_document_id as id', (eb) => eb.fn.sum<number>('a.amount_cents').as('net')])
    .where('a.debit_document_id', 'in', invoiceIds)
    .where('c.kind', '=', 'credit_note')
    .where('c.reason', 'like', `${DISCOUNT_REASON}%`)
    .groupBy('a.debit_document_id')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.net)]));
}

/** The account's invoices that a payment dated `date` may take the early-payment discount on. */
export async function discountOffers(db: Queryable, accountId: number, date: string): Promise<Map<number, DiscountOffer>> {
  const rows = await db
    .selectFrom('document')
    .select(['id', 'total_cents', 'open_cents', 'discount_bp', 'discount_date'])
    .where('account_id', '=', accountId)
    .where('kind', '=', 'invoice')
    .where('status', '=', 'posted')
    .where('open_cents', '>', 0)
    .where('discount_bp', '>', 0)
    .where('discount_date', '>=', date)
    .where(sql<boolean>`doc_date <= ${date}`)
    .execute();
  const taken = await discountApplied(
    db,
    rows.map((r) => r.id),
  );
  const out = new Map<number, DiscountOffer>();
  for (const r of rows) {
    const amount = applyBasisPoints(cents(r.total_cents), r.discount_bp);
    if (amount <= 0 || amount > r.open_cents || (taken.get(r.id) ?? 0) > 0) continue;
    out.set(r.id, { invoiceId: r.id, amountCents: amount, rateBp: r.discount_bp, until: r.discount_date! });
  }
  return out;
}

/** Why a discount asked for is not on offer, in words the clerk can act on. */
async function whyNoOffer(p: Posting, accountId: number, invoiceId: number, date: string): Promise<string> {
  const inv = await loadDocument(p.trx, invoiceId, 'Invoice');
  const name = inv.number ?? `Document ${inv.id}`;
  if (inv.account_id !== accountId || inv.kind !== 'invoice' || inv.status !== 'posted') return `${name} is not a posted invoice of this account.`;
  if (!inv.discount_date || inv.discount_bp <= 0) return `${name} has no early-payment discount in its terms (${inv.terms ?? 'none'}).`;
  if (inv.doc_date > date) return `${name} is dated ${formatDate(inv.doc_date)}, after this payment (${formatDate(date)}).`;
  if (inv.discount_date < date)
    return `The early-payment discount on ${name} ended on ${formatDate(inv.discount_date)}; this payment is dated ${formatDate(date)}.`;
  if ((await discountApplied(p.trx, [inv.id])).get(inv.id)) return `The early-payment discount on ${name} was already taken.`;
  return `${name} has only ${formatMoney(inv.open_cents)} open, less than its ${formatMoney(applyBasisPoints(cents(inv.total_cents), inv.discount_bp))} discount.`;
}

/** Post the discounts a payment takes (credit notes applied to the invoices), in the payment's transaction. */
export async function takeDiscountsInTrx(p: Posting, payment: DocumentRow, invoiceIds: number[]): Promise<DiscountTaken[]> {
  if (new Set(invoiceIds).size !== invoiceIds.length) throw conflict('An invoice is listed twice for an early-payment discount.');
  const offers = await discountOffers(p.trx, payment.account_id, payment.doc_date);
  const taken: DiscountTaken[] = [];
  for (const id of invoiceIds) {
    const offer = offers.get(id);
    if (!offer) throw conflict(await whyNoOffer(p, payment.account_id, id, payment.doc_date));
    const inv = await loadDocument(p.trx, id, 'Invoice');
    const reason = `${DISCOUNT_REASON} ${formatBasisPoints(offer.rateBp)} (${inv.terms ?? 'terms'}), paid by ${formatDate(offer.until)} with ${payment.number}`;
    const cn = await postNewDocument(p, {
      accountId: inv.account_id,
      kind: 'credit_note',
      date: payment.doc_date,
      totalCents: offer.amountCents,
      reason,
      relatedDocumentId: inv.id,
      currency: inv.currency,
    });
    await allocate(p, {
      accountId: inv.account_id,
      creditDocumentId: cn.id,
      debitDocumentId: inv.id,
      amountCents: offer.amountCents,
      effectiveDate: maxDate(payment.doc_date, inv.doc_date),
      sourceDocumentId: payment.id,
    });
    await appendAudit(p.trx, p.clock, p.actor, {
      action: 'creditNote.post',
      entity: 'document',
      entityId: cn.id,
      after: { number: cn.number, invoice: inv.number, amountCents: offer.amountCents, appliedCents: offer.amountCents, reason, payment: payment.number },
    });
    taken.push({ invoiceId: inv.id, invoiceNumber: inv.number!, creditNoteId: cn.id, creditNoteNumber: cn.number!, amountCents: offer.amountCents });
  }
  return taken;
}

/**
 * The discounts taken with a payment: its credit notes' allocations made on behalf of the payment (the
 * partial index allocation_on_behalf). A reversal's unwinding is made on behalf of the reversal, so
 * this is what the payment gave, whatever happened to it later: the receipt shows it, a reversal undoes it.
 */
export async function discountsTakenWith(db: Queryable, paymentId: number): Promise<(DiscountTaken & { effectiveDate: string })[]> {
  const rows = await db
    .selectFrom('allocation as a')
    .innerJoin('document as c', 'c.id', 'a.credit_document_id')
    .innerJoin('document as d', 'd.id', 'a.debit_document_id')
    .select(['d.id as invoice_id', 'd.number as invoice_number', 'c.id as credit_id', 'c.number as credit_number', 'a.amount_cents', 'a.effective_date'])
    .where('a.source_document_id', '=', paymentId)
    .where(sql<boolean>`a.source_document_id <> a.credit_document_id`)
    .where('c.kind', '=', 'credit_note')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number!,
    creditNoteId: r.credit_id,
    creditNoteNumber: r.credit_number!,
    amountCents: r.amount_cents,
    effectiveDate: r.effective_date,
  }));
}

/** A discount is earned only when the payment also pays the rest of that invoice. */
export function requirePaidInFull(taken: DiscountTaken[], openAfterDiscount: Map<number, number>, applied: Map<number, number>): void {
  for (const t of taken) {
    const rest = openAfterDiscount.get(t.invoiceId) ?? 0;
    const paid = applied.get(t.invoiceId) ?? 0;
    if (paid < rest)
      throw conflict(
        `The early-payment discount on ${t.invoiceNumber} is earned only when the rest is paid with it: ${formatMoney(rest)} is due after the ${formatMoney(t.amountCents)} discount, and this payment applies ${formatMoney(paid)} to it.`,
      );
  }
}

/**
 * A returned payment did not earn its discounts: unapply each discount credit note from its invoice
 * (the invoice is open for its full amount again, aged from its own due date) and match the credit
 * note with a charge that says why, so it does not turn into free credit.
 */
export async function withdrawDiscountsInTrx(p: Posting, pay: DocumentRow, reversal: DocumentRow, date: string): Promise<DocumentRow[]> {
  const charges: DocumentRow[] = [];
  for (const t of await discountsTakenWith(p.trx, pay.id)) {
    await allocate(p, {
      accountId: pay.account_id,
      creditDocumentId: t.creditNoteId,
      debitDocumentId: t.invoiceId,
      amountCents: -t.amountCents,
      effectiveDate: maxDate(date, t.effectiveDate),
      sourceDocumentId: reversal.id,
    });
    const reason = `${DISCOUNT_WITHDRAWN_REASON}: ${t.creditNoteNumber} (payment ${pay.number} returned by ${reversal.number})`;
    const charge = await postNewDocument(p, {
      accountId: pay.account_id,
      kind: 'adjustment',
      side: 'debit',
      date,
      dueDate: date,
      totalCents: t.amountCents,
      reason,
      relatedDocumentId: t.creditNoteId,
      currency: pay.currency,
    });
    await allocate(p, {
      accountId: pay.account_id,
      creditDocumentId: t.creditNoteId,
      debitDocumentId: charge.id,
      amountCents: t.amountCents,
      effectiveDate: date,
      sourceDocumentId: reversal.id,
    });
    await appendAudit(p.trx, p.clock, p.actor, {
      action: 'adjustment.post',
      entity: 'document',
      entityId: charge.id,
      after: { number: charge.number, accountId: pay.account_id, date, amountCents: t.amountCents, reason, matchedWith: t.creditNoteNumber },
    });
    charges.push(charge);
  }
  return charges;
}
