import { formatDate, formatInstant } from '@shared/dates';
import type { Discrepancy, ReconciliationView } from '@shared/domain/reconciliation';
import { discrepancyItemWords, discrepancyKindWords, discrepancyNamedWords, reconciliationStatusWords } from '@shared/domain/reconciliation-text';
import { formatMoney } from '@shared/money';
import { contentWidthPt, firstSheetHeader, textLines, type DocContext, type Fact } from '../common';
import { html, type Html } from '../html';
import { tableSheets, totalsBox, totalsHeight, type Column, type SizedRow, type TotalRow } from './parts';

/** A discrepancy report: the reconciliation as reconciliations.get shows it, and the office's time zone for "finished". */
export interface DiscrepancyReportFacts {
  view: ReconciliationView;
  timeZone: string | undefined;
}

export const discrepancyReportCss = `
.items td.wrap { white-space: normal; overflow-wrap: anywhere }
.items td.nowrap { white-space: nowrap }
.items td .sub { color: #555; font-size: 8pt }
.none-open { margin: 8pt 0 12pt; font-size: 10pt }
`;

const columns: Column[] = [
  { head: 'Discrepancy', width: 0.15 },
  { head: 'Item', width: 0.23 },
  { head: 'Date', width: 0.13 },
  { head: 'Amount', width: 0.11, num: true },
  { head: 'Expected', width: 0.11, num: true },
  { head: 'Note', width: 0.27 },
];

/** The number a report is archived and filed under: its period ("2026-03-01 to 2026-03-31"). */
export const discrepancyReportNumber = (v: Pick<ReconciliationView, 'periodFrom' | 'periodTo'>) => `${v.periodFrom} to ${v.periodTo}`;

/**
 * The discrepancy report as a PDF (docs/money-in.md, Reconciliation): what the reconciliation left
 * open, each discrepancy with the item, its amount, the amount expected and the note that explains it;
 * then the period's figures. The same view the screen and the workbook show (reconciliations.get), so
 * the three never disagree. Rows grow with their note; the table goes on over as many sheets as it needs.
 */
export function discrepancyReportBody({ view: v, timeZone }: DiscrepancyReportFacts, ctx: DocContext): Html {
  const what = `Discrepancy report, ${v.officeBankAccountName}`;
  const facts: Fact[] = [
    { label: 'Bank account', value: v.officeBankAccountName, field: 'officeAccount' },
    { label: 'Period', value: `${formatDate(v.periodFrom)} to ${formatDate(v.periodTo)}`, field: 'period' },
    { label: 'State', value: reconciliationStatusWords[v.status], field: 'state' },
    { label: 'Finished', value: v.finishedAt ? formatInstant(v.finishedAt, timeZone) : 'Not yet', field: 'finished' },
    ...(v.finishedBy ? [{ label: 'Finished by', value: v.finishedBy, field: 'finishedBy' }] : []),
  ];
  const n = v.discrepancies.length;
  const unexplained = v.discrepancies.filter((d) => d.note === null).length;
  // A count, not a sum: a bank credit and a deposit left open are on two sides; the totals below add each side.
  const due = {
    label: 'Left open',
    sub: n === 0 ? 'nothing' : unexplained === 0 ? 'each with its note' : `${unexplained} without a note`,
    amount: `${n} ${n === 1 ? 'discrepancy' : 'discrepancies'}`,
    field: 'leftOpen',
  };
  const width = contentWidthPt(ctx.paper);
  const cell = (fraction: number, text: string) => textLines(text, width * fraction - 8, 9);
  const rowOf = (d: Discrepancy): SizedRow => {
    const item = discrepancyItemWords(v, d);
    const named = discrepancyNamedWords(v, d);
    const note = d.note ?? 'No note yet';
    const lines = Math.max(cell(0.15, discrepancyKindWords[d.kind]), cell(0.23, item) + (named ? cell(0.23, `Names ${named}`) : 0), cell(0.27, note));
    return {
      height: 8 + lines * 11.7,
      html: html`<tr data-field="discrepancy"><td class="wrap">${discrepancyKindWords[d.kind]}</td><td class="wrap">${item}${
        named ? html`<div class="sub">Names ${named}</div>` : ''
      }</td><td class="nowrap">${formatDate(d.date)}</td><td class="num">${formatMoney(d.amountCents)}</td><td class="num">${
        d.expectedCents === null ? '' : formatMoney(d.expectedCents)
      }</td><td class="wrap${d.note ? '' : ' muted'}">${note}</td></tr>`,
    };
  };
  const rows = v.discrepancies.map(rowOf);
  const t = v.totals;
  const totals: TotalRow[] = [
    { label: 'Bank credits in the period', amount: formatMoney(t.statementCreditsCents), field: 'credits' },
    { label: `Matched (${v.matched.length})`, amount: formatMoney(t.matchedCents), field: 'matched' },
    { label: `Bank credits left open (${v.unmatchedLines.length})`, amount: formatMoney(t.unmatchedLinesCents), field: 'openLines' },
    { label: `Deposits and payments left open (${v.unmatchedItems.length})`, amount: formatMoney(t.unmatchedItemsCents), field: 'openItems' },
  ];
  const none = html`<div class="none-open" data-field="noDiscrepancies">Nothing was left open: every bank credit and every deposit and payment matched.</div>`;
  const tail = html`<div class="tail"><div class="tail-notes"><div class="muted">${
    v.status === 'finished'
      ? 'Finished and locked: every discrepancy was explained by a note.'
      : 'Not finished: every discrepancy needs a note before the reconciliation can be finished.'
  }</div></div>${totalsBox(totals)}</div>`;
  return tableSheets(ctx, {
    header: firstSheetHeader(ctx, 'DISCREPANCIES', facts, due),
    what,
    columns,
    rows,
    tail: { html: tail, height: 12 + totalsHeight(totals) },
    empty: none,
  });
}
