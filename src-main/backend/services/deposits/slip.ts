import { formatDate } from '@shared/dates';
import { maskAccountNumber } from '@shared/domain/bank-accounts';
import type { DepositDetail } from '@shared/domain/deposits';
import type { CompanySettings } from '@shared/domain/settings';
import { formatMoney } from '@shared/money';
import type { ServiceContext } from '../../context';
import { capacityOf, continuedHeader, firstSheetHeader, paginateRows, sheets, type DocContext, type Fact } from '../documents/common';
import { zonesFor } from '../documents/envelope';
import { html } from '../documents/html';
import { senderOf } from '../documents/letterhead';
import { documentStyle, frameOf, wrapPage } from '../documents/page';
import { itemsTable, TABLE_HEAD_PT, totalsBox, totalsHeight, type Column, type TotalRow } from '../documents/kinds/parts';
import { logoDataUrl, readDocumentSettings, readLogo } from '../documents/settings';
import { readSetting } from '../settings';

export const slipFileName = (number: string) => `Deposit slip ${number}.pdf`;

const columns: Column[] = [
  { head: 'Payer', width: 0.46 },
  { head: 'Check number', width: 0.2 },
  { head: 'Payment', width: 0.16 },
  { head: 'Amount', width: 0.18, num: true },
];

/**
 * The deposit slip (docs/money-in.md, Deposits): a document of the office for the bank, so no recipient
 * window; the letterhead, the deposit's facts, each check (payer, check number, amount), then cash,
 * checks, total and the count. Built on the document pipeline's page, letterhead and tables, as the
 * receipt is, from the deposit the screen shows (deposits.get).
 */
export async function depositSlipHtml(ctx: Pick<ServiceContext, 'db'>, d: DepositDetail): Promise<string> {
  const [settings, logo, company, preparer] = await Promise.all([
    readDocumentSettings(ctx.db),
    readLogo(ctx.db),
    readSetting<CompanySettings>(ctx.db, 'company'),
    d.createdById === null ? undefined : ctx.db.selectFrom('app_user').select('display_name').where('id', '=', d.createdById).executeTakeFirst(),
  ]);
  const { layout, letterhead } = settings;
  const doc: DocContext = {
    paper: layout.paper,
    layout,
    zones: zonesFor(layout.paper, { xMm: layout.nudgeXmm, yMm: layout.nudgeYmm }),
    frame: frameOf(layout.paper),
    sender: senderOf(letterhead, company?.companyName ?? '', logo ? { dataUrl: logoDataUrl(logo) } : null),
    letterhead,
    copy: false,
    recipient: [],
  };
  const what = `Deposit slip ${d.number}`;
  const facts: Fact[] = [
    { label: 'Deposit number', value: d.number, field: 'number' },
    { label: 'Deposit date', value: formatDate(d.depositDate), field: 'date' },
    { label: 'Bank account', value: `${d.officeBankAccountName} ${maskAccountNumber(d.officeBankAccountLast4)}`, field: 'officeAccount' },
    { label: 'Items', value: String(d.count), field: 'count' },
  ];
  const due = { label: 'Total deposit', sub: `${d.count} ${d.count === 1 ? 'item' : 'items'}`, amount: formatMoney(d.totalCents), field: 'total' };
  const checks = d.payments.filter((p) => p.method === 'check');
  const cash = d.payments.filter((p) => p.method === 'cash');
  const rows = [
    ...checks.map(
      (p) =>
        html`<tr data-field="check"><td>${p.accountName}</td><td>${p.checkNumber}</td><td>${p.number}</td><td class="num">${formatMoney(p.amountCents)}</td></tr>`,
    ),
    ...(cash.length
      ? [
          html`<tr data-field="cash"><td>Cash (${cash.length} ${cash.length === 1 ? 'payment' : 'payments'})</td><td></td><td></td><td class="num">${formatMoney(d.cashCents)}</td></tr>`,
        ]
      : []),
  ];
  const totals: TotalRow[] = [
    { label: 'Cash', amount: formatMoney(d.cashCents), field: 'cashTotal' },
    { label: `Checks (${checks.length})`, amount: formatMoney(d.checkCents), field: 'checkTotal' },
    { label: `Total deposit (${d.count} ${d.count === 1 ? 'item' : 'items'})`, amount: formatMoney(d.totalCents), cls: 'due', field: 'totalRow' },
  ];
  const memo = d.memo ? html`<div class="muted">Memo: ${d.memo}</div>` : '';
  const tail = html`<div class="tail"><div class="tail-notes">${memo}${preparer ? html`<div class="muted">Prepared by ${preparer.display_name}</div>` : ''}</div>${totalsBox(totals)}</div>`;
  const pageRows = paginateRows(
    rows.map(() => 19),
    capacityOf(doc.paper),
    0,
    TABLE_HEAD_PT,
    12 + totalsHeight(totals),
  );
  const pages = pageRows.map((ix, i) => ({
    header: i === 0 ? firstSheetHeader(doc, 'DEPOSIT SLIP', facts, due) : continuedHeader(doc, what),
    top: i === 0 ? doc.frame.contentTop : doc.frame.continuedTop,
    content: html`${
      ix.length
        ? itemsTable(
            columns,
            ix.map((k) => rows[k]!),
          )
        : ''
    }${i === pageRows.length - 1 ? tail : html`<div class="continued">Continued on the next page</div>`}`,
  }));
  return wrapPage(documentStyle(doc.paper), sheets(doc, pages, what).value, what);
}
