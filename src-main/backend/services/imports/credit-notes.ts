import { formatDate, type IsoDate } from '@shared/dates';
import { cents, readMoney } from '@shared/money';
import { postCreditNoteInTrx } from '../invoices';
import type { Posting } from '../ledger/posting';
import { applyCreditInTrx } from '../payments';
import type { Application } from './allocations';
import type { RowReader } from './row';
import { parseAmount, parseDate } from './values';

/**
 * Credit notes from another system (docs/import.md, "Credit notes"): each posts as a Ledgerdesk credit
 * note for its account with its reason; naming an invoice it is applied to it (its applied_amount, else
 * as much as is open), and the rest stays unapplied credit.
 */
export interface CreditNoteRow {
  date: IsoDate;
  amountCents: number;
  reason: string;
  memo: string;
}

/** A row of a credit notes file, checked; null when it has a problem (reported through the reader). */
export function readCreditNoteRow(r: RowReader, today: IsoDate): { note: CreditNoteRow; application: Application | null } | null {
  let ok = true;
  const fail = (c: string, reason: string) => {
    ok = false;
    r.fail(c, reason);
  };
  const date = parseDate(r.required('credit_date'));
  if (r.get('credit_date') && !date.ok) fail('credit_date', date.reason);
  if (date.ok && date.value > today) fail('credit_date', `is in the future (${formatDate(date.value)}; today is ${formatDate(today)})`);
  let amountCents = 0;
  if (r.required('amount')) {
    // A credit written as negative (-25.00, (25.00), 25.00-) is the same credit.
    const a = readMoney(r.get('amount'), { negative: true, zero: false });
    if (a.ok) amountCents = Math.abs(a.value);
    else fail('amount', a.reason);
  } else ok = false;
  const reason = r.required('reason');
  if (!reason) ok = false;
  if (reason.length > 500) fail('reason', 'is longer than 500 characters');
  const memo = r.get('description');
  if (memo.length > 2000) fail('description', 'is longer than 2,000 characters');
  const invoiceRef = r.get('invoice_number');
  let requestedCents: number | null = null;
  if (r.get('applied_amount')) {
    const a = parseAmount(r.get('applied_amount'), { allowZero: true });
    if (a.ok) requestedCents = a.value;
    else fail('applied_amount', a.reason);
    if (!invoiceRef) fail('applied_amount', 'is given but the row names no invoice; name the invoice it applies to');
  }
  if (!ok || !date.ok) return null;
  return {
    note: { date: date.value, amountCents, reason, memo },
    application: invoiceRef ? { line: r.line, invoiceRef, requestedCents, invoiceDocumentId: null, plannedCents: 0 } : null,
  };
}

/**
 * Post one credit note; returns its id. A note wholly applied to the invoice it names is posted naming it
 * (postCreditNoteInTrx ties it to the invoice and applies it); a note applied in part or not at all is
 * posted standalone and its applied part applied by hand, so the rest stays unapplied credit (a note
 * naming an invoice may not exceed what is left to credit on it, and its remainder is not the invoice's).
 */
export async function postCreditNoteRow(p: Posting, accountId: number, note: CreditNoteRow, app: Application | null, today: IsoDate): Promise<number> {
  const base = { accountId, date: note.date, reason: note.reason, amountCents: note.amountCents, memo: note.memo };
  const invoiceId = app?.invoiceDocumentId ?? null;
  if (invoiceId !== null && app!.plannedCents === note.amountCents) return (await postCreditNoteInTrx(p, { ...base, invoiceId }, today)).id;
  const cn = await postCreditNoteInTrx(p, base, today);
  if (invoiceId !== null && app!.plannedCents > 0)
    await applyCreditInTrx(
      p,
      {
        accountId,
        date: note.date,
        creditDocumentIds: [cn.id],
        allocation: { mode: 'manual', lines: [{ documentId: invoiceId, amountCents: cents(app!.plannedCents) }] },
      },
      today,
    );
  return cn.id;
}
