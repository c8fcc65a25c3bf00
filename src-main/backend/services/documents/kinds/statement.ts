import { formatDate } from '@shared/dates';
import { documentKindLabels } from '@shared/domain/ledger';
import { formatMoney } from '@shared/money';
import { capacityOf, contentWidthPt, continuedHeader, firstSheetHeader, paginateRows, sheets, textLines, type DocContext, type Fact } from '../common';
import { boxStyle, stubFor, type Box } from '../envelope';
import { html, type Html } from '../html';
import { remitToLines } from '../letterhead';
import { len, toPt } from '../page';
import type { StatementFacts } from '../statement-facts';
import { itemsTable, TABLE_HEAD_PT, totalsBox, totalsHeight, type Column, type TotalRow } from './parts';

/**
 * A statement of account (docs/document-layout.md, Statements): open-item or balance-forward rows, the
 * aging block and the dunning message, and on the first sheet a tear-off remittance stub whose
 * remit-to shows through a return envelope's window (envelope.ts, remittanceStubs).
 */

export const statementCss = `
.aging { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 12pt }
.aging th { font-size: 7pt; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; color: #3b4350; background: #e8ecf1; padding: 3pt 5pt; text-align: right }
.aging td { padding: 4pt 5pt; text-align: right; font-variant-numeric: tabular-nums; border-bottom: 0.8pt solid #14213d; white-space: nowrap }
.aging td.past { color: #b42318; font-weight: bold }
.dunning { margin-top: 0; padding: 6pt 8pt; border-left: 2.5pt solid #14213d; background: #f3f5f8; font-size: 9.5pt; overflow-wrap: anywhere }
.dunning.late { border-left-color: #b42318; background: #fdf3f2 }
.no-activity { margin-top: 6pt; padding: 14pt; border: 0.8pt dashed #8a929c; text-align: center; font-size: 10pt; color: #3b4350 }
.tear { position: absolute; left: 0; width: 100%; border-top: 1pt dashed #5b6573 }
.tear-note { position: absolute; left: 0; width: 100%; text-align: center; font-size: 7pt; color: #5b6573 }
.stub-title { font-size: 12pt; font-weight: bold; letter-spacing: 0.06em; color: #14213d; margin-bottom: 3pt }
.stub-facts th, .stub-facts td { font-size: 9pt }
.enclosed { display: flex; align-items: center; justify-content: space-between; margin-top: 6pt; border: 1pt solid #14213d; height: 26pt; padding: 0 8pt; font-size: 7.5pt; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; color: #14213d }
.enclosed span:last-child { font-size: 11pt; letter-spacing: 0; text-transform: none; color: #5b6573 }
.stmt-rows .items td { padding-top: 2.5pt; padding-bottom: 2.5pt }
.remit { font-size: 10pt; line-height: 12pt; color: #000 }
.remit div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
`;

/** A statement row: 11.5 pt line on 2.5 pt padding above and below, 0.5 pt rule (.stmt-rows, tighter than an invoice's lines). */
const ROW_PT = 17;
/** When the totals need a sheet of their own, this many rows go with them, so no sheet holds totals alone. */
const ROWS_WITH_TAIL = 2;
/** The first sheet's body ends this far above the tear line. */
const ABOVE_TEAR_PT = 14;

const kindLabel = (kind: string) => documentKindLabels[kind as keyof typeof documentKindLabels] ?? kind;
const docText = (kind: string, number: string | null) => `${kindLabel(kind)}${number ? ` ${number}` : ''}`;

const openItemColumns: Column[] = [
  { head: 'Date', width: 0.14 },
  { head: 'Document', width: 0.28 },
  { head: 'Due date', width: 0.14 },
  { head: 'Days past due', width: 0.14, num: true },
  { head: 'Original', width: 0.15, num: true },
  { head: 'Open', width: 0.15, num: true },
];
const periodColumns: Column[] = [
  { head: 'Date', width: 0.13 },
  { head: 'Document', width: 0.37 },
  { head: 'Charges', width: 0.16, num: true },
  { head: 'Credits', width: 0.16, num: true },
  { head: 'Balance', width: 0.18, num: true },
];

function rowsOf(s: StatementFacts): { columns: Column[]; rows: Html[]; totals: TotalRow[] } {
  if (s.period) {
    const p = s.period;
    const charges = p.entries.reduce((t, e) => t + e.debitCents, 0);
    const credits = p.entries.reduce((t, e) => t + e.creditCents, 0);
    const rows = [
      html`<tr data-field="opening"><td>${formatDate(p.from)}</td><td>Opening balance</td><td></td><td></td><td class="num" data-field="openingBalance">${formatMoney(p.openingCents)}</td></tr>`,
      ...p.entries.map(
        (e) =>
          html`<tr data-field="entry"><td>${formatDate(e.date)}</td><td>${docText(e.kind, e.number)}</td><td class="num">${e.debitCents ? formatMoney(e.debitCents) : ''}</td><td class="num">${e.creditCents ? formatMoney(e.creditCents) : ''}</td><td class="num">${formatMoney(e.runningBalanceCents)}</td></tr>`,
      ),
    ];
    // The opening balance is the table's first row; the totals box adds the period up, and when the
    // closing balance is what is due it is one row, not two: so a busy month (the opening and seven
    // entries) still fits above the tear line with its totals.
    const period: TotalRow[] = [
      { label: 'Charges', amount: formatMoney(charges), field: 'charges' },
      { label: 'Payments and credits', amount: formatMoney(-credits), field: 'credits' },
    ];
    const totals: TotalRow[] =
      s.amountDueCents === p.closingCents
        ? [...period, { label: 'Closing balance due', amount: formatMoney(p.closingCents), cls: 'due', field: 'closingBalance' }]
        : [
            ...period,
            { label: 'Closing balance', amount: formatMoney(p.closingCents), cls: 'sum', field: 'closingBalance' },
            { label: 'Amount due', amount: formatMoney(s.amountDueCents), cls: 'due', field: 'amountDueTotal' },
          ];
    return { columns: periodColumns, rows, totals };
  }
  const items = s.openItems.map(
    (r) =>
      html`<tr data-field="openItem"><td>${formatDate(r.docDate)}</td><td>${docText(r.kind, r.number)}</td><td>${formatDate(r.dueDate)}</td><td class="num">${r.daysPastDue > 0 ? r.daysPastDue : ''}</td><td class="num">${formatMoney(r.totalCents)}</td><td class="num">${formatMoney(r.openCents)}</td></tr>`,
  );
  const rows = items.length ? items : [html`<tr data-field="nothingOpen"><td colspan="6">Nothing is open on this date.</td></tr>`];
  const open = s.openItems.reduce((t, r) => t + r.openCents, 0);
  const totals: TotalRow[] = [
    { label: 'Open items', amount: formatMoney(open), field: 'openTotal' },
    ...(s.unappliedCents ? [{ label: 'Unapplied credit', amount: formatMoney(-s.unappliedCents), field: 'unapplied' }] : []),
    { label: 'Balance', amount: formatMoney(s.balanceCents), cls: 'sum' as const, field: 'balance' },
    { label: 'Amount due', amount: formatMoney(s.amountDueCents), cls: 'due' as const, field: 'amountDueTotal' },
  ];
  return { columns: openItemColumns, rows, totals };
}

/** The aging block: the aging report's buckets for this account and date, then the dunning message. */
function agingBlock(s: StatementFacts): Html {
  return html`<table class="aging" data-field="aging"><thead><tr>${s.bucketLabels.map((l) => html`<th>${l}</th>`)}<th>Unapplied</th><th>Balance</th></tr></thead><tbody><tr>${s.buckets.map(
    (b, i) => html`<td class="${i > 0 && b > 0 ? 'past' : ''}" data-bucket="${i}">${formatMoney(b)}</td>`,
  )}<td data-field="agingUnapplied">${formatMoney(-s.unappliedCents)}</td><td data-field="agingBalance"><b>${formatMoney(s.balanceCents)}</b></td></tr></tbody></table>`;
}

function stub(s: StatementFacts, ctx: DocContext): Html[] {
  const st = stubFor(ctx.paper, { xMm: ctx.layout.nudgeXmm, yMm: ctx.layout.nudgeYmm });
  const f = ctx.frame;
  const u = st.unit;
  const inch = u === 'in' ? 1 : 25.4;
  const remit = remitToLines(ctx.letterhead, ctx.sender);
  const left: Box = { x: f.left, y: st.tearAt + 0.3 * inch, w: 3.3 * inch, h: st.remitTo.y - st.tearAt - 0.45 * inch };
  const right: Box = { x: f.info.x, y: st.tearAt + 0.3 * inch, w: f.info.w, h: 2.0 * inch };
  const facts: Fact[] = [
    { label: 'Account number', value: s.account.accountNumber, field: 'stubAccount' },
    { label: 'Statement date', value: formatDate(s.asOf) },
    ...(s.payBy ? [{ label: 'Pay by', value: formatDate(s.payBy) }] : []),
    { label: 'Amount due', value: formatMoney(s.amountDueCents), field: 'stubAmountDue' },
  ];
  return [
    html`<div class="tear" data-field="tearLine" style="top:${len(st.tearAt, u)}"></div>`,
    html`<div class="tear-note" style="top:${len(st.tearAt + 0.06 * inch, u)}">✂ Please detach and return this part with your payment</div>`,
    html`<div class="abs" data-zone="stub" style="${boxStyle(left, u)}"><div class="stub-title">REMITTANCE</div><div><b>${s.account.name}</b></div><div class="muted">Make your check payable to ${ctx.sender.name} and write your account number on it.</div></div>`,
    html`<div class="abs" style="${boxStyle(right, u)}"><table class="facts stub-facts">${facts.map(
      (r) => html`<tr><th>${r.label}</th><td${r.field ? html` data-field="${r.field}"` : ''}>${r.value}</td></tr>`,
    )}</table><div class="enclosed"><span>Amount enclosed</span><span>$</span></div></div>`,
    html`<div class="abs remit" data-zone="remitTo" style="${boxStyle(st.remitTo, u)}">${remit.slice(0, 5).map((l) => html`<div>${l}</div>`)}</div>`,
  ];
}

export function statementBody(s: StatementFacts, ctx: DocContext): Html {
  const what = `Statement ${s.account.accountNumber}`;
  const width = contentWidthPt(ctx.paper);
  const bf = s.period !== null;
  const facts: Fact[] = [
    { label: 'Account', value: s.account.accountNumber, field: 'accountNumber' },
    { label: 'Statement date', value: formatDate(s.asOf), field: 'asOf' },
    ...(s.period ? [{ label: 'Period', value: `${formatDate(s.period.from)} – ${formatDate(s.asOf)}`, field: 'period' }] : []),
    { label: 'Type', value: bf ? 'Balance forward' : 'Open items' },
    ...(s.payBy ? [{ label: 'Pay by', value: formatDate(s.payBy), field: 'payBy' }] : []),
  ];
  const due = {
    label: 'Amount due',
    sub: s.payBy ? `Please pay by ${formatDate(s.payBy)}` : 'Nothing is due',
    amount: formatMoney(s.amountDueCents),
    field: 'amountDue',
  };
  const header = [...firstSheetHeader(ctx, 'STATEMENT', facts, due), ...stub(s, ctx)];

  const message = s.noActivity
    ? html`<div class="no-activity" data-field="noActivity">No activity: this account has no documents on or before ${formatDate(s.asOf)}.</div>`
    : html`<div class="dunning${s.oldestBucket > 0 ? ' late' : ''}" data-field="message" data-bucket="${s.oldestBucket}">${s.message}</div>`;
  const { columns, rows, totals } = rowsOf(s);
  const shown = s.noActivity ? [] : rows;
  // The message beside the totals (as an invoice's notes are), the aging block under both.
  const notesWidth = width - 24 - 2.9 * 72;
  const messageH = s.noActivity ? 50 : 22 + textLines(s.message, notesWidth - 14, 9.5) * 12.4;
  const tail = s.noActivity
    ? html`${message}${agingBlock(s)}`
    : html`<div class="tail"><div class="tail-notes">${message}</div>${totalsBox(totals)}</div>${agingBlock(s)}`;
  const tailH = (s.noActivity ? messageH : 12 + Math.max(messageH, totalsHeight(totals))) + 12 + 36;

  // The first sheet's body stops above the tear line: the stub below it is the customer's to return.
  const cap = capacityOf(ctx.paper);
  const stubTop = stubFor(ctx.paper, { xMm: 0, yMm: 0 }).tearAt;
  const first = toPt(stubTop - ctx.frame.contentTop, ctx.frame.unit) - ABOVE_TEAR_PT;
  const pageRows = paginateRows(
    shown.map(() => ROW_PT),
    { first, next: cap.next },
    0,
    shown.length ? TABLE_HEAD_PT : 0,
    tailH,
  );
  const last = pageRows.length - 1;
  const before = pageRows[last - 1];
  if (last > 0 && pageRows[last]!.length === 0 && before && before.length > ROWS_WITH_TAIL) pageRows[last] = before.splice(-ROWS_WITH_TAIL);
  const pages = pageRows.map((ix, i) => ({
    header: i === 0 ? header : continuedHeader(ctx, what),
    top: i === 0 ? ctx.frame.contentTop : ctx.frame.continuedTop,
    content: html`${
      ix.length
        ? html`<div class="stmt-rows">${itemsTable(
            columns,
            ix.map((k) => shown[k]!),
          )}</div>`
        : ''
    }${i === pageRows.length - 1 ? tail : html`<div class="continued">Continued on the next page</div>`}`,
  }));
  return sheets(ctx, pages, what);
}
