import type { PlanStatus } from '@shared/domain/collections-policy';
import { promiseKeptRate, rightPartyContactRate } from '@shared/domain/kpi';
import {
  teamPerformanceSchema,
  type ClerkPeriodRow,
  type RollRateRow,
  type StagePeriodRow,
  type TeamPerformance,
  type TeamPerformanceQuery,
} from '@shared/domain/team-performance';
import type { ServiceContext } from '../../context';
import type { SettingsService } from '../settings';
import { teamPerformance } from './team-performance';
import type { Column } from './workbook';
import { createWorkbook, workbookInfo, type WorkbookInfo } from './workbook';

export interface CollectionsActivityWorkbookInput {
  info: WorkbookInfo;
  figures: TeamPerformance;
}

const NA = 'n/a';
const planStatuses: [PlanStatus, string][] = [
  ['current', 'Plans current'],
  ['late', 'Plans late'],
  ['broken', 'Plans broken'],
  ['completed', 'Plans completed'],
  ['cancelled', 'Plans cancelled'],
];

/** Each By clerk column's definition and the record it counts (docs/reports.md, Collections activity and team performance). */
const clerkWords = (plansAsOf: string): [string, string][] => [
  [
    'Clerk',
    "The user who did it, by the display name they have now: the user a record names (a call's clerk, a promise's, letter's or plan's maker, an override's supervisor).",
  ],
  ['Call attempts', 'Outgoing calls in the call log (call_log, direction outgoing) started in the period, by the clerk who logged them.'],
  ['Right-party contacts', 'Those outgoing calls whose outcome is a conversation with the debtor: spoke with debtor, promise to pay, dispute, refused, paid.'],
  ['Right-party contact rate', 'Right-party contacts / call attempts; in the totals row, of the totals.'],
  ['Promises made', 'Promises to pay (promise_to_pay) made in the period, by their business date, by the clerk who took them.'],
  ['Promises due', 'Promises falling due in the period: their last day (due date + grace days) in it. As the billing pack counts them.'],
  [
    'Promises kept',
    'Promises due whose payments (posted, dated from the day the promise was made to its last day, not reversed) reached the amount, as of the day after the period (or today).',
  ],
  ['Promises broken', 'Promises due whose last day passed without payments reaching the amount.'],
  ['Promises pending', 'Promises due in a period not over whose last day has not passed.'],
  ['Promise kept rate', 'Kept / (kept + broken); pending promises are left out; in the totals row, of the totals.'],
  ['Amount promised', 'The amounts of the promises due in the period.'],
  ['Collected on promises', 'Per promise due, the payments that count for it, at most its amount.'],
  ['Letters sent', 'Letters that went out (the letter record kept with its archived PDF) made in the period, by the user who sent them.'],
  [
    'Accounts worked',
    'Distinct accounts with a call (either direction), a promise made, a letter, a plan set up or an override by the clerk in the period. Not totalled: an account may be worked in several periods.',
  ],
  ['Plans set up', 'Payment plans (payment_plan) created in the period, by the user who created them.'],
  [
    'Plans current ... cancelled',
    `Those plans by their status as of ${plansAsOf}, as the plans service decides it: payments fill the installments in order; an installment past due within the grace days is late, past them missed (broken).`,
  ],
  ['Compliance overrides', 'Compliance blocks overridden with a written reason (compliance_override) recorded in the period, by the supervisor who overrode.'],
];

/**
 * Collections activity and team performance: About, By clerk (one row per clerk and period), By stage
 * (accounts entering and leaving each stage per period) and Roll rates (month over month). The values are
 * reports.teamPerformance's, unchanged; totals sum counts and amounts, rates are of the totals.
 */
export async function collectionsActivityWorkbook({ info, figures }: CollectionsActivityWorkbookInput): Promise<Buffer> {
  const wb = createWorkbook(info);
  const labels = figures.bucketLabels;
  wb.about({
    filters: [
      ['From', figures.from],
      ['To', figures.to],
      ['Period', figures.period === 'month' ? 'Months' : 'Quarters'],
      ['Periods', figures.periods.map((p) => `${p.label} (${p.from} to ${p.to})`).join(', ')],
      ['Plan status as of', figures.plansAsOf],
      ['Roll-rate months', figures.rollRates.length ? figures.rollRates.map((r) => r.label).join(', ') : 'None: no month ends in the range'],
    ],
    definitions: [
      ['Range', `Days from the start to the end date in the company's time zone (${info.timeZone}); a period cut by the range counts only its days in it.`],
      ...clerkWords(figures.plansAsOf),
      [
        'Entering',
        'By stage: distinct accounts a stage evaluation as of a date in the period moved into the stage (collection stage history). Totals add the periods.',
      ],
      ['Leaving', 'By stage: distinct accounts it moved out of the stage, to another stage or to none (paid up or no longer past due).'],
      [
        'Roll rate',
        "Per aging bucket but the last: of the amount in the bucket at the earlier month-end, the share open at the month-end in a later bucket (rolled). The aging's buckets, as the billing pack computes them.",
      ],
      ['n/a', 'A rate whose denominator is zero.'],
      ['Totals row', 'SUBTOTAL(109, ...) over the rows the filter shows; rates in it are computed from those totals, not averaged.'],
    ],
    notes: ['Every figure is read from the record the action left; nothing is estimated.'],
  });

  const period = <R extends { label: string; from: string; to: string }>(): Column<R>[] => [
    { header: 'Period', kind: 'text', value: (r) => r.label },
    { header: 'From', kind: 'date', value: (r) => r.from },
    { header: 'To', kind: 'date', value: (r) => r.to },
  ];
  const count = (header: string, value: (r: ClerkPeriodRow) => number): Column<ClerkPeriodRow> => ({ header, kind: 'integer', value, total: true });
  const money = (header: string, value: (r: ClerkPeriodRow) => number): Column<ClerkPeriodRow> => ({ header, kind: 'money', value, total: true });
  wb.table<ClerkPeriodRow>({
    name: 'By clerk',
    columns: [
      ...period<ClerkPeriodRow>(),
      { header: 'Clerk', kind: 'text', value: (r) => r.clerk.name },
      { header: 'User name', kind: 'text', value: (r) => r.clerk.username ?? '' },
      count('Call attempts', (r) => r.callAttempts),
      count('Right-party contacts', (r) => r.rightPartyContacts),
      {
        header: 'Right-party contact rate',
        kind: 'percent',
        value: (r) => r.rightPartyContactRate,
        nullText: NA,
        totalOf: {
          of: ['Right-party contacts', 'Call attempts'],
          formula: ([c, a]) => `IF(${a}=0,"${NA}",${c}/${a})`,
          value: ([c, a]) => rightPartyContactRate(c!, a!),
        },
      },
      count('Promises made', (r) => r.promisesMade),
      count('Promises due', (r) => r.promisesDue),
      count('Promises kept', (r) => r.promisesKept),
      count('Promises broken', (r) => r.promisesBroken),
      count('Promises pending', (r) => r.promisesPending),
      {
        header: 'Promise kept rate',
        kind: 'percent',
        value: (r) => r.promiseKeptRate,
        nullText: NA,
        totalOf: {
          of: ['Promises kept', 'Promises broken'],
          formula: ([k, b]) => `IF(${k}+${b}=0,"${NA}",${k}/(${k}+${b}))`,
          value: ([k, b]) => promiseKeptRate(k!, b!),
        },
      },
      money('Amount promised', (r) => r.promisedCents),
      money('Collected on promises', (r) => r.collectedOnPromisesCents),
      count('Letters sent', (r) => r.lettersSent),
      { header: 'Accounts worked', kind: 'integer', value: (r) => r.accountsWorked },
      count('Plans set up', (r) => r.plansSetUp),
      ...planStatuses.map(([s, header]) => count(header, (r) => r.plansByStatus[s])),
      count('Compliance overrides', (r) => r.complianceOverrides),
    ],
    rows: figures.clerks,
  });

  wb.table<StagePeriodRow>({
    name: 'By stage',
    columns: [
      ...period<StagePeriodRow>(),
      { header: 'Stage', kind: 'text', value: (r) => (r.retired ? `${r.stage} (retired)` : r.stage) },
      { header: 'Days past due', kind: 'integer', value: (r) => r.daysPastDue },
      { header: 'Entering', kind: 'integer', value: (r) => r.entering, total: true },
      { header: 'Leaving', kind: 'integer', value: (r) => r.leaving, total: true },
    ],
    rows: figures.stages,
  });

  wb.table<RollRateRow>({
    name: 'Roll rates',
    columns: [
      { header: 'Month', kind: 'text', value: (r) => r.label },
      { header: 'From month-end', kind: 'date', value: (r) => r.from },
      { header: 'To month-end', kind: 'date', value: (r) => r.to },
      ...labels.slice(0, -1).flatMap((label, i): Column<RollRateRow>[] => [
        { header: `${label} at start`, kind: 'money', value: (r) => r.earlierBuckets[i] ?? 0 },
        { header: `${label} rolled`, kind: 'percent', value: (r) => r.rates[i] ?? null, nullText: NA },
      ]),
    ],
    rows: figures.rollRates,
  });
  return wb.toBuffer();
}

/** reports.collectionsActivity: teamPerformance's figures from..to as the workbook; `creator` as for the Aging workbook. */
export async function buildCollectionsActivity(
  ctx: ServiceContext,
  settings: SettingsService,
  creator: string,
  query: TeamPerformanceQuery,
  progress: (label: string, done: number, total: number) => void,
): Promise<{ fileName: string; bytes: Buffer }> {
  const q = teamPerformanceSchema.parse(query);
  const company = await settings.requireCompany();
  progress('Reading the team’s activity', 0, 2);
  const figures = await teamPerformance(ctx, q);
  progress('Writing the workbook', 1, 2);
  const bytes = await collectionsActivityWorkbook({
    info: workbookInfo(company, 'Collections activity', q.to, creator, ctx.clock.now()),
    figures,
  });
  return { fileName: `Collections activity ${q.from} to ${q.to} by ${q.period}.xlsx`, bytes };
}
