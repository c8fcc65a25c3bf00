import { formatDate } from '@shared/dates';
import { maskAccountNumber } from '@shared/domain/bank-accounts';
import type { DepositDetail } from '@shared/domain/deposits';
import { formatMoney } from '@shared/money';
import { firstSheetHeader, type DocContext, type Fact } from '../common';
import { html, type Html } from '../html';
import { tableSheets, totalsBox, totalsHeight, type Column, type TotalRow } from './parts';

/** A deposit slip: the deposit as deposits.get shows it (the screen's own query), and who prepared it. */
export interface DepositSlipFacts {
  deposit: DepositDetail;
  /** The preparer's display name; null when the deposit was made by no signed-in user. */
  preparer: string | null;
}

const columns: Column[] = [
  { head: 'Payer', width: 0.46 },
  { head: 'Check number', width: 0.2 },
  { head: 'Payment', width: 0.16 },
  { head: 'Amount', width: 0.18, num: true },
];
const ROW_PT = 19;

const items = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The deposit slip (docs/money-in.md, Deposits): a document of the office for the bank, so no recipient
 * window; the letterhead, the deposit's facts with the office account masked, each check (payer, check
 * number, amount), the cash as one line, then cash, checks, total and the count.
 */
export function depositSlipBody({ deposit: d, preparer }: DepositSlipFacts, ctx: DocContext): Html {
  const what = `Deposit slip ${d.number}`;
  const facts: Fact[] = [
    { label: 'Deposit number', value: d.number, field: 'number' },
    { label: 'Deposit date', value: formatDate(d.depositDate), field: 'date' },
    { label: 'Bank account', value: `${d.officeBankAccountName} ${maskAccountNumber(d.officeBankAccountLast4)}`, field: 'officeAccount' },
    { label: 'Items', value: String(d.count), field: 'count' },
  ];
  const due = { label: 'Total deposit', sub: items(d.count, 'item', 'items'), amount: formatMoney(d.totalCents), field: 'total' };
  const checks = d.payments.filter((p) => p.method === 'check');
  const cash = d.payments.filter((p) => p.method === 'cash');
  const rows = [
    ...checks.map(
      (p) =>
        html`<tr data-field="check"><td>${p.accountName}</td><td>${p.checkNumber}</td><td>${p.number}</td><td class="num">${formatMoney(p.amountCents)}</td></tr>`,
    ),
    ...(cash.length
      ? [
          html`<tr data-field="cash"><td>Cash (${items(cash.length, 'payment', 'payments')})</td><td></td><td></td><td class="num">${formatMoney(d.cashCents)}</td></tr>`,
        ]
      : []),
  ];
  const totals: TotalRow[] = [
    { label: 'Cash', amount: formatMoney(d.cashCents), field: 'cashTotal' },
    { label: `Checks (${checks.length})`, amount: formatMoney(d.checkCents), field: 'checkTotal' },
    { label: `Total deposit (${items(d.count, 'item', 'items')})`, amount: formatMoney(d.totalCents), cls: 'due', field: 'totalRow' },
  ];
  const memo = d.memo ? html`<div class="muted">Memo: ${d.memo}</div>` : '';
  const tail = html`<div class="tail"><div class="tail-notes">${memo}${preparer ? html`<div class="muted">Prepared by ${preparer}</div>` : ''}</div>${totalsBox(totals)}</div>`;
  return tableSheets(ctx, {
    header: firstSheetHeader(ctx, 'DEPOSIT SLIP', facts, due),
    what,
    columns,
    rows: rows.map((r) => ({ html: r, height: ROW_PT })),
    tail: { html: tail, height: 12 + totalsHeight(totals) },
  });
}
