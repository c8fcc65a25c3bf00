import type { z } from 'zod';
import { formatDate, type IsoDate } from '@shared/dates';
import { invoiceCreateDraftSchema } from '@shared/domain/invoices';
import { cents, formatMoney, readMoney } from '@shared/money';
import { createAndPostInvoice, postCreditNoteInTrx } from '../invoices';
import { paymentPostSchema } from '@shared/domain/payments';
import { postAdjustmentInTrx } from '../ledger';
import { postPaymentInTrx } from '../payments';
import type { Posting } from '../ledger/posting';
import type { RowReader } from './row';
import { parseDate, termsFromDates } from './values';

/**
 * Opening balances (docs/import.md, "Open items"): an office that does not bring its history brings each
 * document still open on the cut-over date. An invoice is posted as it was issued (date, due date, original
 * amount), then reduced to what is still open by a negative adjustment "Paid before cut-over" dated the
 * cut-over date and applied to it; an open credit is a standalone credit note for what is still open; an
 * unapplied payment is a payment on account (so the aging keeps it apart as a prepayment when asked).
 */
export const PAID_BEFORE_CUT_OVER = 'Paid before cut-over';
export const OPEN_CREDIT_REASON = 'Open credit brought over at cut-over';
export const OPEN_PAYMENT_MEMO = 'Unapplied payment brought over at cut-over';

type InvoiceData = Omit<z.output<typeof invoiceCreateDraftSchema>, 'accountId'>;

export type OpenItemRow =
  | { kind: 'invoice'; date: IsoDate; originalCents: number; openCents: number; invoice: InvoiceData }
  | { kind: 'credit' | 'payment'; date: IsoDate; originalCents: number; openCents: number; memo: string };

type OpenItemKind = OpenItemRow['kind'];

const kindWords: Record<string, OpenItemKind> = {
  invoice: 'invoice',
  inv: 'invoice',
  charge: 'invoice',
  debit: 'invoice',
  credit: 'credit',
  'credit memo': 'credit',
  'credit note': 'credit',
  credit_note: 'credit',
  cm: 'credit',
  payment: 'payment',
  'unapplied payment': 'payment',
  prepayment: 'payment',
  'payment on account': 'payment',
};

/** A row of an open items file, checked; null when it has a problem (reported through the reader). */
export function readOpenItemRow(r: RowReader, cutOver: IsoDate | null): OpenItemRow | null {
  let ok = true;
  const fail = (c: string, reason: string): null => {
    ok = false;
    r.fail(c, reason);
    return null;
  };
  let kind: OpenItemKind | null = null;
  if (r.get('kind')) {
    kind = kindWords[r.get('kind').toLowerCase().replace(/\s+/g, ' ')] ?? null;
    if (!kind) fail('kind', `is not a kind of open item (${r.get('kind')}); use invoice, credit or payment`);
  }
  const date = parseDate(r.required('document_date'));
  if (r.get('document_date') && !date.ok) fail('document_date', date.reason);
  if (date.ok && cutOver && date.value > cutOver)
    fail('document_date', `is after the cut-over date (${formatDate(date.value)} is after ${formatDate(cutOver)})`);
  const amount = (c: string) => {
    if (!r.required(c)) {
      ok = false;
      return null;
    }
    const a = readMoney(r.get(c), { negative: true, zero: false });
    if (!a.ok) fail(c, a.reason);
    return a.ok ? a.value : null;
  };
  const original = amount('original_amount');
  const open = amount('open_amount');
  if (original === null || open === null || !date.ok || !ok) return null;
  // QuickBooks shows credit memos as negative amounts: a negative pair is a credit.
  if (original < 0 !== open < 0) return fail('open_amount', 'has another sign than the original amount');
  if (original < 0) {
    if (kind === 'invoice') return fail('original_amount', 'is negative on an invoice; an open credit has the kind credit');
    kind ??= 'credit';
  }
  const orig = Math.abs(original);
  const left = Math.abs(open);
  if (left > orig) return fail('open_amount', `${formatMoney(left)} is more than the original amount (${formatMoney(orig)})`);
  const description = r.get('description');
  if (kind === 'credit' || kind === 'payment') {
    // A payment's memo holds at most 500 characters; a credit note's 2,000.
    const max = kind === 'payment' ? 400 : 2000;
    if (description.length > max) return fail('description', `is longer than ${max.toLocaleString('en-US')} characters`);
    const memo = [kind === 'payment' ? OPEN_PAYMENT_MEMO : '', description, left < orig ? `Original amount ${formatMoney(orig)}` : '']
      .filter(Boolean)
      .join('; ');
    return { kind, date: date.value, originalCents: orig, openCents: left, memo };
  }
  let terms = 'Due on receipt';
  if (r.get('due_date')) {
    const due = parseDate(r.get('due_date'));
    const t = due.ok ? termsFromDates(date.value, due.value) : due;
    if (!t.ok) return fail('due_date', t.reason);
    terms = t.value;
  }
  const parsed = invoiceCreateDraftSchema.safeParse({
    accountId: 1,
    invoiceDate: date.value,
    terms,
    lines: [{ itemCode: 'OPENING', description: description || `Open item ${r.key} brought over`, quantityMilli: 1000, unitPriceCents: orig, taxRateBp: 0 }],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(issue.path.includes('description') ? 'description' : 'original_amount', issue.message);
    return null;
  }
  const { accountId: _a, ...invoice } = parsed.data;
  return { kind: 'invoice', date: date.value, originalCents: orig, openCents: left, invoice };
}

/** Post one open item; returns the id of the document the import key points to (the invoice, the credit note or the payment). */
export async function postOpenItem(p: Posting, accountId: number, key: string, item: OpenItemRow, cutOver: IsoDate, today: IsoDate): Promise<number> {
  if (item.kind !== 'invoice') {
    if (item.kind === 'payment') {
      // Money received and never tied to an invoice: a payment on account, applied to nothing (the method is not known).
      const { payment } = await postPaymentInTrx(
        p,
        paymentPostSchema.parse({
          accountId,
          date: item.date,
          method: 'bank_transfer',
          amountCents: item.openCents,
          reference: key.slice(0, 80),
          memo: item.memo,
          allocation: { mode: 'none' },
        }),
        today,
      );
      return payment.id;
    }
    const cn = await postCreditNoteInTrx(p, { accountId, date: item.date, reason: OPEN_CREDIT_REASON, amountCents: item.openCents, memo: item.memo }, today);
    return cn.id;
  }
  const inv = await createAndPostInvoice(p, { ...item.invoice, accountId }, today);
  const paid = item.originalCents - item.openCents;
  if (paid > 0)
    await postAdjustmentInTrx(p, { accountId, date: cutOver, amountCents: cents(-paid), reason: PAID_BEFORE_CUT_OVER, applyToDocumentId: inv.id }, today);
  return inv.id;
}
