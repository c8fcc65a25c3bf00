import type { AccountDetail } from '@shared/domain/accounts';
import type { InvoiceDetail } from '@shared/domain/invoices';
import type { DocumentDetail } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { firstSheetHeader, sheets, type DocContext, type Fact } from '../common';
import { html, type Html } from '../html';
import { addressLines } from '../letterhead';
import { itemsTable, party, totalsBox, type Column, type TotalRow } from './parts';

/** A credit note: ledger.document (the screens' drill-down) for the note and its allocations, invoices.get for the invoice it credits. */
export interface CreditNoteFacts {
  note: DocumentDetail;
  /** The invoice it names; null for a credit note that stands alone. */
  invoice: InvoiceDetail | null;
  account: AccountDetail;
}

export const creditNoteCss = `
.reason { margin-top: 2pt; color: #3b4350; white-space: pre-line }
`;

const columns: Column[] = [
  { head: 'Description', width: 0.8 },
  { head: 'Amount', width: 0.2, num: true },
];

export function creditNoteBody({ note, invoice, account }: CreditNoteFacts, ctx: DocContext): Html {
  const number = note.number ?? '';
  const what = `Credit note ${number}`;
  const facts: Fact[] = [
    { label: 'Credit note number', value: number, field: 'number' },
    { label: 'Date', value: formatDate(note.date), field: 'date' },
    ...(invoice
      ? [
          { label: 'Credits invoice', value: invoice.number ?? '', field: 'invoiceNumber' },
          { label: 'Invoice date', value: formatDate(invoice.invoiceDate) },
        ]
      : []),
    { label: 'Account', value: note.accountNumber, field: 'accountNumber' },
  ];
  const due = {
    label: 'Credit amount',
    sub: invoice ? `on invoice ${invoice.number ?? ''}` : 'to your account',
    amount: formatMoney(note.totalCents),
    field: 'creditAmount',
  };
  const billTo = [note.accountName, ...addressLines(account.billingAddress)];
  const described = invoice
    ? `Credit on invoice ${invoice.number ?? ''} of ${formatDate(invoice.invoiceDate)} (invoice total ${formatMoney(invoice.totalCents)})`
    : 'Credit to your account';
  const row = html`<tr><td><div>${described}</div><div class="reason" data-field="reason">Reason: ${note.reason}</div></td><td class="num">${formatMoney(note.totalCents)}</td></tr>`;
  const applied = note.allocations.filter((a) => a.amountCents !== 0);
  const totals: TotalRow[] = [
    { label: 'Credit amount', amount: formatMoney(note.totalCents), cls: 'sum', field: 'total' },
    ...applied.map((a) => ({ label: `Applied to ${a.number ?? ''}`, amount: formatMoney(-a.amountCents) })),
    { label: 'Left as credit on your account', amount: formatMoney(note.openCents), field: 'unapplied' },
    ...(invoice ? [{ label: `Now open on ${invoice.number ?? ''}`, amount: formatMoney(invoice.openCents), cls: 'due' as const, field: 'invoiceOpen' }] : []),
  ];
  // One sheet always holds it: a reason is at most 500 characters (about nine lines).
  const content = html`<div class="parties">${party('Bill to', billTo, 'billTo')}<div style="flex:1"></div></div>${itemsTable(columns, [row])}<div class="tail"><div class="tail-notes"></div>${totalsBox(totals)}</div>`;
  return sheets(ctx, [{ header: firstSheetHeader(ctx, 'CREDIT NOTE', facts, due), top: ctx.frame.contentTop, content }], what);
}
