import type { AccountDetail } from '@shared/domain/accounts';
import type { InvoiceDetail, InvoiceLine } from '@shared/domain/invoices';
import type { DocumentDetail } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { contentWidthPt, firstSheetHeader, sheets, type DocContext, type Fact } from '../common';
import { html, type Html } from '../html';
import { addressLines } from '../letterhead';
import { columns as lineColumns, lineRow, rowHeight } from './invoice';
import { itemsTable, tableSheets, note, noteHeight, partiesHeight, party, totalsBox, totalsHeight, type Column, type TotalRow } from './parts';

/**
 * A credit note: ledger.document (the screens' drill-down) for the note and its allocations,
 * invoices.creditNoteLines for its lines, invoices.get for the invoice it credits, accounts.get for the
 * account's unapplied credit.
 */
export interface CreditNoteFacts {
  note: DocumentDetail;
  /** Its lines; none for a credit note posted for an amount. */
  lines: InvoiceLine[];
  /** The invoice it names; null for a credit note that stands alone. */
  invoice: InvoiceDetail | null;
  account: AccountDetail;
}

export const creditNoteCss = `
.reason { margin-top: 2pt; color: #3b4350; white-space: pre-line }
`;

const amountColumns: Column[] = [
  { head: 'Description', width: 0.8 },
  { head: 'Amount', width: 0.2, num: true },
];

export function creditNoteBody({ note: cn, lines, invoice, account }: CreditNoteFacts, ctx: DocContext): Html {
  const number = cn.number ?? '';
  const what = `Credit note ${number}`;
  const width = contentWidthPt(ctx.paper);
  const facts: Fact[] = [
    { label: 'Credit note number', value: number, field: 'number' },
    { label: 'Date', value: formatDate(cn.date), field: 'date' },
    ...(invoice
      ? [
          { label: 'Credits invoice', value: invoice.number ?? '', field: 'invoiceNumber' },
          { label: 'Invoice date', value: formatDate(invoice.invoiceDate) },
        ]
      : []),
    { label: 'Account', value: cn.accountNumber, field: 'accountNumber' },
  ];
  const due = {
    label: 'Credit amount',
    sub: invoice ? `on invoice ${invoice.number ?? ''}` : 'to your account',
    amount: formatMoney(cn.totalCents),
    field: 'creditAmount',
  };
  const billTo = [cn.accountName, ...addressLines(account.billingAddress)];
  const parties = html`<div class="parties">${party('Bill to', billTo, 'billTo')}<div style="flex:1"></div></div>`;
  const partiesH = partiesHeight([billTo], (width - 18) / 2);

  const applied = cn.allocations.filter((a) => a.amountCents !== 0);
  const subtotal = lines.reduce((s, l) => s + l.netCents, 0);
  const tax = lines.reduce((s, l) => s + l.taxCents, 0);
  const totals: TotalRow[] = [
    ...(lines.length
      ? [
          { label: 'Subtotal', amount: formatMoney(subtotal), field: 'subtotal' },
          { label: 'Tax', amount: formatMoney(tax), field: 'tax' },
        ]
      : []),
    { label: 'Credit amount', amount: formatMoney(cn.totalCents), cls: 'sum', field: 'total' },
    ...applied.map((a) => ({ label: `Applied to ${a.number ?? ''}`, amount: formatMoney(-a.amountCents) })),
    { label: 'Left as credit on your account', amount: formatMoney(cn.openCents), field: 'unapplied' },
    ...(invoice ? [{ label: `Now open on ${invoice.number ?? ''}`, amount: formatMoney(invoice.openCents), cls: 'due' as const, field: 'invoiceOpen' }] : []),
  ];
  // The account as it stands when the page is made: all its unapplied credit, this note's and any other.
  const accountText = `Unapplied credit: ${formatMoney(account.unappliedCents)}`;
  const notesWidth = width - 24 - 2.9 * 72;
  const reasonNote = lines.length ? html`<div data-field="reason">${note('Reason', cn.reason)}</div>` : '';
  const notes = html`${reasonNote}<div data-field="accountCredit">${note('Your account', accountText)}</div>`;
  const notesH = (lines.length ? noteHeight(cn.reason.split('\n'), notesWidth) : 0) + noteHeight([accountText], notesWidth);
  const tail = html`<div class="tail"><div class="tail-notes">${notes}</div>${totalsBox(totals)}</div>`;
  const tailH = 12 + Math.max(notesH, totalsHeight(totals));
  const header = firstSheetHeader(ctx, 'CREDIT NOTE', facts, due);

  if (lines.length === 0) {
    // One row says what is credited; one sheet always holds it (a reason is at most 500 characters).
    const described = invoice
      ? `Credit on invoice ${invoice.number ?? ''} of ${formatDate(invoice.invoiceDate)} (invoice total ${formatMoney(invoice.totalCents)})`
      : 'Credit to your account';
    const row = html`<tr><td><div>${described}</div><div class="reason" data-field="reason">Reason: ${cn.reason}</div></td><td class="num">${formatMoney(cn.totalCents)}</td></tr>`;
    return sheets(ctx, [{ header, top: ctx.frame.contentTop, content: html`${parties}${itemsTable(amountColumns, [row])}${tail}` }], what);
  }
  // With lines it is laid out like an invoice: as many sheets as its lines need, the totals on the last.
  return tableSheets(ctx, {
    header,
    what,
    lead: { html: parties, height: partiesH },
    columns: lineColumns,
    rows: lines.map((l) => ({ html: lineRow(l), height: rowHeight(l, width) })),
    tail: { html: tail, height: tailH },
  });
}
