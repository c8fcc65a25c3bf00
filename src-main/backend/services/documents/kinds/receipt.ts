import type { AccountDetail } from '@shared/domain/accounts';
import { documentKindLabels, type DocumentKind } from '@shared/domain/ledger';
import { paymentMethodLabels, type Receipt } from '@shared/domain/payments';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { contentWidthPt, firstSheetHeader, type DocContext, type Fact } from '../common';
import { html, type Html } from '../html';
import { addressLines } from '../letterhead';
import { tableSheets, partiesHeight, party, totalsBox, totalsHeight, type Column, type TotalRow } from './parts';

/** A receipt: payments.receipt (the receipt the screen shows) and accounts.get for the payer's address. */
export interface ReceiptFacts {
  receipt: Receipt;
  account: AccountDetail;
}

export const receiptCss = `
.thanks { font-size: 10pt; font-weight: bold; color: #14213d; margin-bottom: 4pt }
`;

const columns: Column[] = [
  { head: 'Document', width: 0.25 },
  { head: 'Applied as', width: 0.5 },
  { head: 'Amount', width: 0.25, num: true },
];

/** How it was paid, card payments by their last 4 digits only (PCI DSS 3.3). */
export function methodText(r: Receipt): string {
  const label = paymentMethodLabels[r.method];
  if (r.method === 'card' && r.cardLast4) return `${label} ending ${r.cardLast4}`;
  if (r.method === 'check' && r.checkNumber) return `${label} no. ${r.checkNumber}`;
  return label;
}

const kindLabel = (kind: string) => documentKindLabels[kind as DocumentKind] ?? kind;

export function receiptBody({ receipt: r, account }: ReceiptFacts, ctx: DocContext): Html {
  const what = `Receipt ${r.receiptNumber}`;
  const width = contentWidthPt(ctx.paper);
  const facts: Fact[] = [
    { label: 'Receipt number', value: r.receiptNumber, field: 'number' },
    { label: 'Payment date', value: formatDate(r.date), field: 'date' },
    { label: 'Paid by', value: methodText(r), field: 'method' },
    ...(r.reference ? [{ label: 'Reference', value: r.reference, field: 'reference' }] : []),
    { label: 'Account', value: r.accountNumber, field: 'accountNumber' },
  ];
  const due = { label: 'Amount received', sub: 'Thank you for your payment', amount: formatMoney(r.amountCents), field: 'amount' };
  const from = [r.accountName, ...addressLines(account.billingAddress)];
  const parties = html`<div class="parties">${party('Received from', from, 'receivedFrom')}<div style="flex:1"></div></div>`;

  const rows: Html[] = [
    ...r.allocations.map(
      (a) =>
        html`<tr data-field="allocation"><td>${a.number ?? ''}</td><td>Payment on ${kindLabel(a.kind).toLowerCase()}</td><td class="num">${formatMoney(a.amountCents)}</td></tr>`,
    ),
    ...r.earlyPaymentDiscounts.map(
      (d) =>
        html`<tr data-field="discount"><td>${d.number ?? ''}</td><td>Early-payment discount (credit note ${d.creditNoteNumber})</td><td class="num">${formatMoney(d.amountCents)}</td></tr>`,
    ),
    ...(r.unappliedCents > 0
      ? [html`<tr><td></td><td>Kept as credit on your account</td><td class="num" data-field="unappliedRow">${formatMoney(r.unappliedCents)}</td></tr>`]
      : []),
  ];
  const applied = r.allocations.reduce((s, a) => s + a.amountCents, 0);
  const discounts = r.earlyPaymentDiscounts.reduce((s, d) => s + d.amountCents, 0);
  const credit = r.balanceAfterCents < 0;
  const totals: TotalRow[] = [
    { label: 'Amount received', amount: formatMoney(r.amountCents), field: 'received' },
    { label: 'Applied to your invoices', amount: formatMoney(applied), field: 'applied' },
    ...(discounts > 0 ? [{ label: 'Early-payment discounts', amount: formatMoney(discounts), field: 'discounts' }] : []),
    { label: 'Unapplied credit left', amount: formatMoney(r.unappliedCents), cls: 'sum', field: 'unapplied' },
    {
      label: credit ? 'Credit after payment' : 'Balance after payment',
      amount: formatMoney(Math.abs(r.balanceAfterCents)),
      cls: 'due',
      field: 'balanceAfter',
    },
  ];
  const tail = html`<div class="tail"><div class="tail-notes"><div class="thanks">Thank you for your payment.</div><div class="muted">Please keep this receipt for your records.</div></div>${totalsBox(totals)}</div>`;
  return tableSheets(ctx, {
    header: firstSheetHeader(ctx, 'RECEIPT', facts, due),
    what,
    lead: { html: parties, height: partiesHeight([from], width / 2) },
    columns,
    rows: rows.map((r) => ({ html: r, height: 19 })),
    tail: { html: tail, height: 12 + totalsHeight(totals) },
  });
}
