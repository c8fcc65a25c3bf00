import { paymentMethodLabels, paymentMethods } from '@shared/domain/payments';
import type { PeriodFigures, PeriodFiguresRow } from '@shared/domain/period-figures';
import type { Column } from './workbook';
import { createWorkbook, type WorkbookInfo } from './workbook';

export interface BillingPackWorkbookInput {
  info: WorkbookInfo;
  figures: PeriodFigures;
  from: string;
  to: string;
}

const NA = 'n/a';
/** CEI is computed in percent (kpi.ts); the cell holds the fraction so the percent format shows it. */
const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

/** Each figure's definition, by its column header (docs/reports.md, "The period's figures"). */
const figureWords: [string, string][] = [
  ['Beginning receivables', 'The aging summary total as of the day before the period starts: open items less unapplied credit.'],
  ['Invoiced', 'Invoice totals (lines, tax and shipping, after discounts) dated in the period.'],
  ['Credit notes', 'Credit notes dated in the period, except early-payment discounts.'],
  ['Credit sales', 'Invoiced - credit notes (returns and allowances reduce the sales they credit).'],
  ['Discounts taken', 'Early-payment discount credit notes, less those withdrawn when their payment was returned.'],
  ...paymentMethods.map((m): [string, string] => [
    `Payments: ${paymentMethodLabels[m]}`,
    `Payments received by ${paymentMethodLabels[m].toLowerCase()} dated in the period.`,
  ]),
  ['Payments', 'Payments received dated in the period, all methods.'],
  ['Returned payments', 'Payment reversals (bounced checks, returned ACH) dated in the period.'],
  ['Refunds', 'Money paid back to customers.'],
  ['Late fees', 'Fee documents: late fees and returned-payment fees.'],
  ['Write-offs', 'Write-offs dated in the period.'],
  ['Adjustments', 'Adjustments, signed: a debit adjustment (the customer owes more) adds, a credit adjustment subtracts.'],
  ['Ending receivables', "The aging summary total as of the period's last day: open items less unapplied credit, to the cent."],
  ['Ending current', "The aging's Current bucket as of the last day (open items not yet past due); unapplied credit is not subtracted."],
  ['Reconciliation', 'Ending = beginning + credit sales - discounts taken - payments + returned payments + refunds + late fees + adjustments - write-offs.'],
];

/** Each KPI's formula and its source (docs/reports.md, "KPIs"; the functions of src-shared/domain/kpi.ts). */
const kpiWords: [string, string][] = [
  ['Days', 'Days in the period, both ends included.'],
  ['DSO', 'Days sales outstanding, simple (period-end) method: ending receivables / credit sales x days (Credit Research Foundation).'],
  ['Best possible DSO', 'Ending current receivables / credit sales x days (Credit Research Foundation, BPDSO).'],
  ['Average days delinquent', 'DSO - best possible DSO (Credit Research Foundation).'],
  [
    'CEI',
    'Collection effectiveness index: (beginning receivables + credit sales - ending total receivables) / (beginning receivables + credit sales - ending current receivables) (Credit Research Foundation).',
  ],
  ['Bad-debt ratio', 'Write-offs / credit sales of the same period.'],
  ['Promise kept rate', 'Kept / (kept + broken) promises falling due in the period; pending promises are left out.'],
  ['Right-party contact rate', 'Right-party contacts / outgoing call attempts started in the period.'],
  ['n/a', 'A ratio whose denominator is zero.'],
];

/**
 * The billing pack: About, Figures (one row per month or quarter: the period's postings and receivables)
 * and KPIs. The values are reports.periodFigures' rows, unchanged; totals only where a sum means something
 * (flows, counts), never for receivables at a date or for ratios.
 */
export async function billingPackWorkbook({ info, figures, from, to }: BillingPackWorkbookInput): Promise<Buffer> {
  const wb = createWorkbook(info);
  wb.about({
    filters: [
      ['Period', figures.period === 'month' ? 'Months' : 'Quarters'],
      ['From', from],
      ['To', to],
      ['Rows', String(figures.rows.length)],
      ['Current bucket', `By ${figures.basis === 'due' ? 'due date' : 'invoice date'}, the aging's default basis`],
    ],
    definitions: [...figureWords, ...kpiWords],
    notes: ['Every figure counts posted documents by their document date within the period.'],
  });

  const period = (): Column<PeriodFiguresRow>[] => [
    { header: 'Period', kind: 'text', value: (r) => r.label },
    { header: 'From', kind: 'date', value: (r) => r.from },
    { header: 'To', kind: 'date', value: (r) => r.to },
  ];
  const money = (header: string, value: (r: PeriodFiguresRow) => number, total: boolean): Column<PeriodFiguresRow> => ({
    header,
    kind: 'money',
    value,
    total,
  });
  const figureSheet = wb.table({
    name: 'Figures',
    columns: [
      ...period(),
      money('Beginning receivables', (r) => r.beginningCents, false),
      money('Invoiced', (r) => r.invoicedCents, true),
      money('Credit notes', (r) => r.creditNotesCents, true),
      money('Credit sales', (r) => r.creditSalesCents, true),
      money('Discounts taken', (r) => r.discountsTakenCents, true),
      ...paymentMethods.map((m) => money(`Payments: ${paymentMethodLabels[m]}`, (r) => r.paymentsByMethod[m], true)),
      money('Payments', (r) => r.paymentsCents, true),
      money('Returned payments', (r) => r.reversalsCents, true),
      money('Refunds', (r) => r.refundsCents, true),
      money('Late fees', (r) => r.lateFeesCents, true),
      money('Write-offs', (r) => r.writeOffsCents, true),
      money('Adjustments', (r) => r.adjustmentsCents, true),
      money('Ending receivables', (r) => r.endingCents, false),
      money('Ending current', (r) => r.endingCurrentCents, false),
    ],
    rows: figures.rows,
  });

  const kpi = (header: string, kind: 'decimal' | 'percent', value: (r: PeriodFiguresRow) => number | null): Column<PeriodFiguresRow> => ({
    header,
    kind,
    value,
    nullText: NA,
  });
  const count = (header: string, value: (r: PeriodFiguresRow) => number): Column<PeriodFiguresRow> => ({ header, kind: 'integer', value, total: true });
  const kpiSheet = wb.table({
    name: 'KPIs',
    columns: [
      ...period(),
      { header: 'Days', kind: 'integer', value: (r) => r.days },
      kpi('DSO', 'decimal', (r) => r.dso),
      kpi('Best possible DSO', 'decimal', (r) => r.bestPossibleDso),
      kpi('Average days delinquent', 'decimal', (r) => r.averageDaysDelinquent),
      kpi('CEI', 'percent', (r) => fraction(r.cei)),
      kpi('Bad-debt ratio', 'percent', (r) => r.badDebtRatio),
      count('Promises kept', (r) => r.promisesKept),
      count('Promises broken', (r) => r.promisesBroken),
      kpi('Promise kept rate', 'percent', (r) => r.promiseKeptRate),
      count('Call attempts', (r) => r.callAttempts),
      count('Right-party contacts', (r) => r.rightPartyContacts),
      kpi('Right-party contact rate', 'percent', (r) => r.rightPartyContactRate),
    ],
    rows: figures.rows,
  });

  if (figures.rows.length > 0) {
    const periods = figureSheet.column('Period');
    const categories = { range: periods.range, cached: periods.texts };
    const series = (sheet: typeof figureSheet, header: string) => {
      const c = sheet.column(header);
      return { name: header, values: c.range, cached: c.numbers };
    };
    const per = figures.period === 'month' ? 'month' : 'quarter';
    wb.charts(
      'Charts',
      [
        {
          type: 'column',
          title: 'Receivables at period end',
          description: `Ending receivables and the part not yet past due, per ${per}, from the Figures sheet.`,
          categories,
          series: [series(figureSheet, 'Ending receivables'), series(figureSheet, 'Ending current')],
          kind: 'money',
        },
        {
          type: 'line',
          title: 'Days sales outstanding',
          description: `DSO and best possible DSO per ${per}, from the KPIs sheet; the gap between them is the average days delinquent.`,
          categories,
          series: [series(kpiSheet, 'DSO'), series(kpiSheet, 'Best possible DSO')],
          kind: 'decimal',
        },
        {
          type: 'line',
          title: 'Collection effectiveness index',
          description: `CEI per ${per}, from the KPIs sheet: the share of what could be collected that was.`,
          categories,
          series: [series(kpiSheet, 'CEI')],
          kind: 'percent',
        },
      ],
      'Native charts over the Figures and KPIs sheets: they redraw when those figures change. A period whose ratio is n/a is a gap.',
    );
  }
  return wb.toBuffer();
}
