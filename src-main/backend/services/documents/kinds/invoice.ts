import type { AccountDetail } from '@shared/domain/accounts';
import type { InvoiceDetail, InvoiceLine } from '@shared/domain/invoices';
import { formatDate } from '@shared/dates';
import { formatBasisPoints, formatMoney, formatQuantity } from '@shared/money';
import { contentWidthPt, firstSheetHeader, textLines, type DocContext, type Fact } from '../common';
import { html, type Html } from '../html';
import { addressLines, remitToLines } from '../letterhead';
import { tableSheets, note, noteHeight, partiesHeight, party, totalsBox, totalsHeight, type Column, type TotalRow } from './parts';

/** An invoice as the customer receives it: facts from invoices.get and accounts.get, the screens' own queries. */
export interface InvoiceFacts {
  invoice: InvoiceDetail;
  account: AccountDetail;
}

export const invoiceCss = `
.items .desc { white-space: pre-line }
`;

/** The line table's columns (a credit note with lines uses the same). */
export const columns: Column[] = [
  { head: 'Code', width: 0.13 },
  { head: 'Description', width: 0.37 },
  { head: 'Qty', width: 0.07, num: true },
  { head: 'Unit price', width: 0.13, num: true },
  { head: 'Discount', width: 0.1, num: true },
  { head: 'Tax', width: 0.07, num: true },
  { head: 'Amount', width: 0.13, num: true },
];

/** The line's amount before the invoice discount and tax: quantity x price less its own discount. */
const lineAmount = (l: InvoiceLine) => l.grossCents - l.lineDiscountCents;

function discountText(l: InvoiceLine): string {
  if (!l.discount) return '';
  return l.discount.kind === 'percent' ? formatBasisPoints(l.discount.basisPoints) : formatMoney(l.discount.cents);
}

const icdText = (l: InvoiceLine) => (l.icd10Codes.length ? `ICD-10: ${l.icd10Codes.join(', ')}` : '');

export function lineRow(l: InvoiceLine): Html {
  return html`<tr><td class="code">${l.itemCode}</td><td><div class="desc">${l.description}</div>${
    l.icd10Codes.length ? html`<div class="icd">${icdText(l)}</div>` : ''
  }</td><td class="num">${formatQuantity(l.quantityMilli)}</td><td class="num">${formatMoney(l.unitPriceCents)}</td><td class="num">${discountText(l)}</td><td class="num">${
    l.taxRateBp ? formatBasisPoints(l.taxRateBp) : ''
  }</td><td class="num">${formatMoney(lineAmount(l))}</td></tr>`;
}

export function rowHeight(l: InvoiceLine, widthPt: number): number {
  const desc = textLines(l.description, columns[1]!.width * widthPt - 10, 9);
  const code = textLines(l.itemCode, columns[0]!.width * widthPt - 10, 9);
  const icd = l.icd10Codes.length ? textLines(icdText(l), columns[1]!.width * widthPt - 10, 7.5) * 10 : 0;
  return 7.5 + Math.max(desc, code) * 11.5 + icd;
}

/** The early-payment discount still to be earned: pay what is open less the discount by its last day. */
function earlyOffer(inv: InvoiceDetail): { text: string } | null {
  if (!inv.discountDate || inv.earlyPaymentDiscountCents <= 0 || inv.openCents <= inv.earlyPaymentDiscountCents) return null;
  return {
    text: `Pay ${formatMoney(inv.openCents - inv.earlyPaymentDiscountCents)} by ${formatDate(inv.discountDate)} and save ${formatMoney(inv.earlyPaymentDiscountCents)} (${formatBasisPoints(inv.discountBp)} early-payment discount).`,
  };
}

export function invoiceBody({ invoice: inv, account }: InvoiceFacts, ctx: DocContext): Html {
  const number = inv.number ?? '';
  const what = `Invoice ${number}`;
  const width = contentWidthPt(ctx.paper);
  const facts: Fact[] = [
    { label: 'Invoice number', value: number, field: 'number' },
    { label: 'Invoice date', value: formatDate(inv.invoiceDate), field: 'invoiceDate' },
    { label: 'Due date', value: formatDate(inv.dueDate), field: 'dueDate' },
    { label: 'Terms', value: inv.terms, field: 'terms' },
    ...(inv.poNumber ? [{ label: 'PO number', value: inv.poNumber, field: 'poNumber' }] : []),
    { label: 'Account', value: inv.accountNumber, field: 'accountNumber' },
  ];
  const due = {
    label: inv.openCents > 0 ? 'Amount due' : 'Balance',
    sub: inv.openCents > 0 ? `by ${formatDate(inv.dueDate)}` : 'Paid in full. Thank you.',
    amount: formatMoney(inv.openCents),
    field: 'amountDue',
  };

  const billTo = [inv.accountName, ...addressLines(account.billingAddress)];
  const shipTo = inv.shipTo ? [inv.accountName, ...addressLines(inv.shipTo)] : null;
  const partyBlocks = [billTo, ...(shipTo ? [shipTo] : [])];
  const parties = html`<div class="parties">${party('Bill to', billTo, 'billTo')}${shipTo ? party('Ship to', shipTo, 'shipTo') : html`<div style="flex:1"></div>`}</div>`;
  const partiesH = partiesHeight(partyBlocks, (width - 18) / 2);

  const invoiceDiscountCents = inv.lines.reduce((s, l) => s + l.invoiceDiscountCents, 0);
  const paid = inv.totalCents - inv.openCents;
  const totals: TotalRow[] = [
    { label: 'Subtotal', amount: formatMoney(inv.lines.reduce((s, l) => s + lineAmount(l), 0)), field: 'subtotal' },
    ...(invoiceDiscountCents > 0
      ? [
          {
            label: inv.invoiceDiscount?.kind === 'percent' ? `Discount (${formatBasisPoints(inv.invoiceDiscount.basisPoints)})` : 'Discount',
            amount: formatMoney(-invoiceDiscountCents),
            field: 'invoiceDiscount',
          },
        ]
      : []),
    ...(inv.shippingCents > 0 ? [{ label: 'Shipping', amount: formatMoney(inv.shippingCents), field: 'shipping' }] : []),
    { label: 'Tax', amount: formatMoney(inv.taxCents), field: 'tax' },
    { label: 'Total', amount: formatMoney(inv.totalCents), cls: 'sum', field: 'total' },
    ...(paid !== 0 ? [{ label: 'Paid and credited', amount: formatMoney(-paid), field: 'paid' }] : []),
    { label: 'Amount due', amount: formatMoney(inv.openCents), cls: 'due', field: 'open' },
  ];

  const offer = earlyOffer(inv);
  const remit = remitToLines(ctx.letterhead, ctx.sender);
  const howToPay = ctx.letterhead.paymentInstructions.trim();
  const notesWidth = width - 24 - 2.9 * 72;
  const notes = html`${offer ? html`<div data-field="earlyPayment">${note('Early-payment discount', offer.text, 'offer')}</div>` : ''}${
    howToPay ? html`<div data-field="howToPay">${note('How to pay', howToPay)}</div>` : ''
  }<div data-field="remitTo">${note('Remit payment to', remit.join('\n'))}</div>`;
  const notesH =
    (offer ? noteHeight([offer.text], notesWidth, true) : 0) + (howToPay ? noteHeight(howToPay.split('\n'), notesWidth) : 0) + noteHeight(remit, notesWidth);
  const tail = html`<div class="tail"><div class="tail-notes">${notes}</div>${totalsBox(totals)}</div>`;
  const tailH = 12 + Math.max(notesH, totalsHeight(totals));

  return tableSheets(ctx, {
    header: firstSheetHeader(ctx, 'INVOICE', facts, due),
    what,
    lead: { html: parties, height: partiesH },
    columns,
    rows: inv.lines.map((l) => ({ html: lineRow(l), height: rowHeight(l, width) })),
    tail: { html: tail, height: tailH },
  });
}
