import { sql } from 'kysely';
import type { IsoDate } from '@shared/dates';
import { paymentMethodLabels, paymentMethods, type PaymentMethod } from '@shared/domain/payments';
import type { Queryable } from '../../context';
import type { Column } from './workbook';
import { createWorkbook, type WorkbookInfo } from './workbook';

/** One line of the journal: a posted payment, or a reversal of one as a negative line on its own date. */
export interface CashReceiptLine {
  date: IsoDate;
  /** The payment's receipt number (RCT-); a reversal's line names the payment it takes back. */
  receiptNumber: string;
  /** "Payment", or "Reversal REV-000001". */
  entry: string;
  accountNumber: string;
  accountName: string;
  method: PaymentMethod;
  checkOrReference: string;
  amountCents: number;
  appliedCents: number;
  unappliedCents: number;
}

/**
 * The journal's lines dated from..to, in one query: payments and reversals with their accounts, the
 * reversed payment's receipt number and, per line, what its own posting applied to items (a correlated
 * sum over allocation). A payment's applied part is what it paid at posting, as its receipt shows; a
 * reversal's is what it took back from items (negative), its unapplied the rest of the negative amount.
 */
export async function cashReceiptLines(db: Queryable, q: { from: IsoDate; to: IsoDate; method?: PaymentMethod }): Promise<CashReceiptLine[]> {
  let query = db
    .selectFrom('document as d')
    .innerJoin('account as a', 'a.id', 'd.account_id')
    .leftJoin('document as p', 'p.id', 'd.related_document_id')
    .select([
      'd.kind',
      'd.doc_date',
      'd.number',
      'p.number as payment_number',
      'a.account_number',
      'a.name as account_name',
      'd.method',
      // A reversal shows the check, card and reference of the payment it takes back.
      sql<string>`case when d.kind = 'reversal' then p.check_number else d.check_number end`.as('check_number'),
      sql<string>`case when d.kind = 'reversal' then p.card_last4 else d.card_last4 end`.as('card_last4'),
      sql<string>`case when d.kind = 'reversal' then p.reference else d.reference end`.as('reference'),
      'd.total_cents',
      // The payment's own allocations (not the discount credit notes posted with it), and for a reversal
      // the ones undoing the payment's, leaving out its match against the payment itself.
      sql<number>`(select coalesce(sum(al.amount_cents), 0) from allocation al
        where al.source_document_id = d.id and al.debit_document_id <> d.id
          and al.credit_document_id = case when d.kind = 'reversal' then d.related_document_id else d.id end)`.as('applied_cents'),
    ])
    .where('d.kind', 'in', ['payment', 'reversal'])
    .where('d.status', '=', 'posted')
    .where('d.doc_date', '>=', q.from)
    .where('d.doc_date', '<=', q.to);
  if (q.method) query = query.where('d.method', '=', q.method);
  const rows = await query.orderBy('d.doc_date').orderBy('d.id').execute();
  return rows.map((r) => {
    const sign = r.kind === 'reversal' ? -1 : 1;
    const amount = sign * r.total_cents;
    const applied = Number(r.applied_cents);
    return {
      date: r.doc_date,
      receiptNumber: (r.kind === 'reversal' ? r.payment_number : r.number) ?? '',
      entry: r.kind === 'reversal' ? `Reversal ${r.number ?? ''}` : 'Payment',
      accountNumber: r.account_number,
      accountName: r.account_name,
      // Payments and their reversals always carry a method (payments.post requires one).
      method: r.method ?? 'cash',
      checkOrReference: checkOrReference(r),
      amountCents: amount + 0,
      appliedCents: applied + 0,
      unappliedCents: amount - applied + 0,
    };
  });
}

function checkOrReference(r: { check_number: string; card_last4: string; reference: string }): string {
  const parts = [r.check_number ? `Check ${r.check_number}` : '', r.card_last4 ? `Card ending ${r.card_last4}` : '', r.reference];
  return parts.filter((p) => p !== '').join(' / ');
}

interface DayRow {
  date: IsoDate;
  byMethod: Map<PaymentMethod, number>;
  totalCents: number;
}

/** One row per day with receipts, the amounts summed by method in cents. */
export function receiptsByDay(lines: readonly CashReceiptLine[]): DayRow[] {
  const days: DayRow[] = [];
  for (const l of lines) {
    let day = days.at(-1);
    if (day?.date !== l.date) {
      day = { date: l.date, byMethod: new Map(), totalCents: 0 };
      days.push(day);
    }
    day.byMethod.set(l.method, (day.byMethod.get(l.method) ?? 0) + l.amountCents);
    day.totalCents += l.amountCents;
  }
  return days;
}

export interface CashReceiptsWorkbookInput {
  info: WorkbookInfo;
  from: IsoDate;
  to: IsoDate;
  method: PaymentMethod | null;
  lines: readonly CashReceiptLine[];
}

/**
 * The Cash receipts journal workbook: About, Receipts (one row per payment, reversals as negative rows)
 * and By day and method (one row per day, a column per method and a total).
 */
export async function cashReceiptsWorkbook({ info, from, to, method, lines }: CashReceiptsWorkbookInput): Promise<Buffer> {
  const wb = createWorkbook(info);
  const methods = method ? [method] : [...paymentMethods];
  wb.about({
    filters: [
      ['From', from],
      ['To', to],
      ['Method', method ? paymentMethodLabels[method] : 'All methods'],
      ['Lines', String(lines.length)],
    ],
    definitions: [
      ['Receipts', 'Every posted payment dated from the start to the end date, by date and then in the order posted.'],
      [
        'Reversals',
        'A reversed payment (bounced check, returned ACH) stays on its own date; its reversal is a negative line on the date of the reversal, with the receipt number of the payment it takes back. A reversal in the range of a payment before it is listed too.',
      ],
      ['Amount', 'What was received; a reversal is the payment amount, negative.'],
      [
        'Applied',
        'What the payment paid on invoices and fees when it was posted, as its receipt shows; for a reversal, what it took back from them (negative). Credit applied later is not counted.',
      ],
      ['Unapplied', 'Amount less applied: what stayed on the account as credit.'],
      ['By day and method', 'The amounts of the Receipts sheet summed per day (days with receipts only) and per method; Total is the day across methods.'],
      ['Totals row', 'SUBTOTAL(109, ...) over the rows the filter shows; with no filter, the total of the range.'],
    ],
  });

  const receiptCols: Column<CashReceiptLine>[] = [
    { header: 'Date', kind: 'date', value: (r) => r.date },
    { header: 'Receipt number', kind: 'text', value: (r) => r.receiptNumber },
    { header: 'Entry', kind: 'text', value: (r) => r.entry },
    { header: 'Account number', kind: 'text', value: (r) => r.accountNumber },
    { header: 'Account name', kind: 'text', value: (r) => r.accountName },
    { header: 'Method', kind: 'text', value: (r) => paymentMethodLabels[r.method] },
    { header: 'Check / reference', kind: 'text', value: (r) => r.checkOrReference },
    { header: 'Amount', kind: 'money', value: (r) => r.amountCents, total: true },
    { header: 'Applied', kind: 'money', value: (r) => r.appliedCents, total: true },
    { header: 'Unapplied', kind: 'money', value: (r) => r.unappliedCents, total: true },
  ];
  wb.table({ name: 'Receipts', columns: receiptCols, rows: lines });

  const dayCols: Column<DayRow>[] = [
    { header: 'Date', kind: 'date', value: (r) => r.date },
    ...methods.map((m): Column<DayRow> => ({ header: paymentMethodLabels[m], kind: 'money', value: (r) => r.byMethod.get(m) ?? 0, total: true })),
    { header: 'Total', kind: 'money', value: (r) => r.totalCents, total: true },
  ];
  wb.table({ name: 'By day and method', columns: dayCols, rows: receiptsByDay(lines) });
  return wb.toBuffer();
}
