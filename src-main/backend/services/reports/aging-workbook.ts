import type { AgingDetail, AgingDetailRow, AgingPresentation, AgingSummary, AgingSummaryRow } from '@shared/domain/aging';
import { documentKindLabels, type DocumentKind } from '@shared/domain/ledger';
import { BUCKET_PALETTE } from './charts';
import type { Column } from './workbook';
import { createWorkbook, type WorkbookInfo } from './workbook';

const accountKindWords: Record<string, string> = { consumer: 'Consumer', commercial: 'Commercial' };
const sortWords = { name: 'Account name', accountNumber: 'Account number', total: 'Total, largest first', pastDue: 'Past due, largest first' } as const;

export interface AgingWorkbookInput {
  info: WorkbookInfo;
  summary: AgingSummary;
  detail: AgingDetail;
  filters: { sort: keyof typeof sortWords; account: string | null };
  /** Hears of the rows as they are written (workbook.ts). */
  progress?: (label: string, done: number, total: number) => void;
}

/**
 * The Aging workbook: About, Summary (one row per account, as the Aging screen's summary grid) and
 * Detail (one row per open item). The figures are aging.summary's and aging.detail's, unchanged, in
 * the presentation they were made with: an Unapplied credit column while open credits sit there (credits
 * aged into the buckets are Detail rows with negative open amounts instead), a Prepayments column when
 * payments are kept apart. The About sheet says which.
 */
export async function agingWorkbook({ info, summary, detail, filters, progress }: AgingWorkbookInput): Promise<Buffer> {
  const wb = createWorkbook(info, progress);
  const labels = summary.bucketLabels;
  const basisWords = summary.basis === 'due' ? 'due date' : 'invoice date';
  const p = summary.presentation;
  const column = p.creditPresentation === 'column';
  wb.about({
    filters: [
      ['Aged by', `Days past the ${basisWords}`],
      ['Account', filters.account ?? 'All accounts'],
      ['Summary sorted by', sortWords[filters.sort]],
      ['Accounts', String(summary.rowCount)],
      ['Open items', String(detail.rowCount)],
      ['Open credits', presentationWords(p)],
    ],
    definitions: [
      ['As of', `Documents dated on or before ${summary.asOf}, with what was open on that day: payments and credits applied later are added back.`],
      ['Days past due', `Days from the item's ${basisWords} to the as-of date (0 or less is current).`],
      ...labels.map((l, i): [string, string] => [l, bucketDefinition(labels, i)]),
      ...creditDefinitions(p),
      [
        'Total',
        `The sum of the buckets${column ? ' plus the (negative) unapplied credit' : ''}${p.prepaymentsApart ? ' plus the (negative) prepayments' : ''}: what the account owes as of the date.`,
      ],
      ['Open', 'What remains unpaid of the item as of the date.'],
      ['Totals row', 'SUBTOTAL(109, ...) over the rows the filter shows; with no filter, the same totals as the Aging screen.'],
    ],
  });

  const summaryCols: Column<AgingSummaryRow>[] = [
    { header: 'Account number', kind: 'text', value: (r) => r.accountNumber },
    { header: 'Account name', kind: 'text', value: (r) => r.accountName },
    { header: 'Kind', kind: 'text', value: (r) => accountKindWords[r.accountKind] ?? r.accountKind },
    ...labels.map((l, i): Column<AgingSummaryRow> => ({ header: l, kind: 'money', value: (r) => r.buckets[i]!, total: true })),
    ...(column ? [{ header: 'Unapplied credit', kind: 'money', value: (r) => -r.unappliedCents, total: true } satisfies Column<AgingSummaryRow>] : []),
    ...(p.prepaymentsApart ? [{ header: 'Prepayments', kind: 'money', value: (r) => -r.prepaymentCents, total: true } satisfies Column<AgingSummaryRow>] : []),
    { header: 'Total', kind: 'money', value: (r) => r.totalCents, total: true },
  ];
  const summarySheet = wb.table({ name: 'Summary', columns: summaryCols, rows: summary.rows });

  const detailCols: Column<AgingDetailRow>[] = [
    { header: 'Account number', kind: 'text', value: (r) => r.accountNumber },
    { header: 'Account name', kind: 'text', value: (r) => r.accountName },
    { header: 'Document', kind: 'text', value: (r) => r.number },
    { header: 'Type', kind: 'text', value: (r) => documentKindLabels[r.kind as DocumentKind] ?? r.kind },
    { header: 'Date', kind: 'date', value: (r) => r.docDate },
    { header: 'Due date', kind: 'date', value: (r) => r.dueDate },
    { header: 'Days past due', kind: 'integer', value: (r) => r.daysPastDue },
    { header: 'Bucket', kind: 'text', value: (r) => labels[r.bucket] ?? '' },
    { header: 'Amount', kind: 'money', value: (r) => r.totalCents },
    { header: 'Open', kind: 'money', value: (r) => r.openCents, total: true },
  ];
  wb.table({ name: 'Detail', columns: detailCols, rows: detail.rows });

  if (summary.rows.length > 0) {
    const buckets = summarySheet.across(labels[0]!, labels[labels.length - 1]!);
    wb.charts(
      'Chart',
      [
        {
          type: 'column',
          title: `Open receivables by age, as of ${summary.asOf}`,
          description: `A column per aging bucket, ${labels.join(', ')}: the totals row of the Summary sheet.`,
          categories: { range: buckets.headers.range, cached: buckets.headers.texts },
          series: [{ name: 'Open amount', values: buckets.totals.range, cached: buckets.totals.numbers, pointColors: BUCKET_PALETTE.slice(0, labels.length) }],
          kind: 'money',
        },
      ],
      'The chart draws the totals row of the Summary sheet: filtering the Summary redraws it.',
    );
  }
  return wb.toBuffer();
}

function bucketDefinition(labels: readonly string[], i: number): string {
  if (i === 0) return 'Open amount of items not yet past due as of the date.';
  return `Open amount of items ${labels[i]!.toLowerCase()} days past due as of the date.`;
}

/** The presentation in words, for the About sheet's filters. */
function presentationWords(p: AgingPresentation): string {
  const where =
    p.creditPresentation === 'column'
      ? 'In the Unapplied credit column, subtracted in the total'
      : `Aged as negative amounts in the bucket of their ${p.creditAgingDate === 'due' ? 'due date (their date when they have none)' : 'date'}`;
  return p.prepaymentsApart ? `${where}; prepayments (payments not applied to an invoice) apart in their own column` : where;
}

function creditDefinitions(p: AgingPresentation): [string, string][] {
  const out: [string, string][] = [];
  const credits = p.prepaymentsApart ? 'Credit notes and other credits' : 'Payments and credits';
  if (p.creditPresentation === 'column') out.push(['Unapplied credit', `${credits} on the account not yet applied to an item, shown as a negative amount.`]);
  else out.push(['Aged credits', `${credits} not yet applied to an item are Detail rows with a negative open amount, in the bucket of their date.`]);
  if (p.prepaymentsApart) out.push(['Prepayments', 'Payments on the account not yet applied to an invoice, shown apart as a negative amount.']);
  return out;
}
