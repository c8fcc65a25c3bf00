import { z } from 'zod';
import { cents } from '../money';
import { idSchema, isoDateSchema, nonNegativeCents, positiveCents, requiredText, textField } from './text';
import type { AccountKind } from './accounts';
import { updateSchema } from './partial-update';
import type { FlagKind } from './collections';
import type { EvaluationRun } from './daily-evaluation';
import type { WorklistCalling } from './collections-calling';

/**
 * Collections policy: the dunning ladder (stages), the worklist, payment plans, late fees, agency
 * referral and write-off requests. Rules as built: docs/collections.md.
 */

// ---------------------------------------------------------------- stages
export const stageActionSchema = z.discriminatedUnion('kind', [
  /** Queue a letter from this template of the library, by its key (old ladders: a code templateKeyOf resolves). */
  z.object({ kind: z.literal('letter'), templateCode: requiredText('Letter template code', 40) }),
  /** A call task on the worklist. */
  z.object({ kind: z.literal('call'), note: textField('Call note', 200).default('') }),
  /** A statement to send. */
  z.object({ kind: z.literal('statement') }),
  /** A flat collection fee posted when the account enters the stage. */
  z.object({ kind: z.literal('fee'), amountCents: positiveCents, description: textField('Fee description', 120).default('Collection fee') }),
  /** Change the account's status when it enters the stage. */
  z.object({ kind: z.literal('status'), status: z.enum(['active', 'on_hold']) }),
]);
export type StageAction = z.infer<typeof stageActionSchema>;
export type StageActionKind = StageAction['kind'];

export const stageInputSchema = z.object({
  /** Absent: a new stage. */
  id: idSchema.optional(),
  name: requiredText('Stage name', 80),
  daysPastDue: z.number().int().min(1, 'A stage starts at 1 day past due or later').max(3650),
  actions: z.array(stageActionSchema).max(10).default([]),
});
export type StageInput = z.input<typeof stageInputSchema>;

/** The whole ladder at once; stages left out are retired. Thresholds must differ. */
export const stagesSaveSchema = z.object({
  stages: z
    .array(stageInputSchema)
    .max(20)
    .refine((s) => new Set(s.map((x) => x.daysPastDue)).size === s.length, 'Two stages cannot start at the same number of days'),
});

export interface Stage {
  id: number;
  name: string;
  daysPastDue: number;
  actions: StageAction[];
  /** Accounts in this stage now. */
  accountCount: number;
}

export const defaultStages: StageInput[] = [
  { name: 'Friendly reminder', daysPastDue: 7, actions: [{ kind: 'letter', templateCode: 'friendly-reminder' }] },
  {
    name: 'Second notice',
    daysPastDue: 30,
    actions: [
      { kind: 'letter', templateCode: 'second-notice' },
      { kind: 'call', note: '' },
    ],
  },
  { name: 'Final notice', daysPastDue: 60, actions: [{ kind: 'letter', templateCode: 'final-demand' }, { kind: 'call', note: '' }, { kind: 'statement' }] },
  { name: 'Agency referral review', daysPastDue: 90, actions: [{ kind: 'call', note: 'Review for agency referral' }] },
];

export const asOfSchema = z.object({ asOf: isoDateSchema.optional() });

export interface StageMove {
  accountId: number;
  fromStageId: number | null;
  toStageId: number | null;
  daysPastDue: number;
  pastDueCents: number;
}

export interface StageEvaluation {
  asOf: string;
  /** Accounts looked at: every account with a past-due open item or a current stage. */
  evaluated: number;
  movedUp: number;
  movedDown: number;
  /** Accounts that left the ladder (nothing past due any more). */
  cleared: number;
  tasksCreated: number;
  feesPosted: number;
  /** Escalation skipped: stopping flag, payment plan in force, agency referral. */
  skipped: { accountId: number; reason: HoldReason }[];
  /** The first 500 moves. */
  moves: StageMove[];
}

export const collectionTaskKinds = ['call', 'letter', 'statement', 'fee', 'status'] as const;
export type CollectionTaskKind = (typeof collectionTaskKinds)[number];
export type CollectionTaskStatus = 'open' | 'done' | 'cancelled' | 'blocked';

export interface CollectionTask {
  id: number;
  accountId: number;
  stageId: number | null;
  stageName: string | null;
  kind: CollectionTaskKind;
  /**
   * Letter: { templateCode }, and when blocked { rule, until }; fee: { documentId, number, amountCents },
   * or { amountCents, blockedBy: 'account_closed' }; status: { from, to }. A task the system cancelled
   * also has `cancelled`: TaskCancelled.
   */
  detail: Record<string, unknown>;
  dueDate: string;
  status: CollectionTaskStatus;
  note: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

/** Why the system cancelled an open task: the account moved to another stage, or nothing is past due any more. */
export type TaskCancelled = { code: 'superseded'; stageName: string } | { code: 'nothing_past_due' };

export interface StageHistoryRow {
  id: number;
  fromStageId: number | null;
  fromStageName: string | null;
  toStageId: number | null;
  toStageName: string | null;
  asOf: string;
  daysPastDue: number;
  pastDueCents: number;
  at: string;
  by: string | null;
}

export interface AccountCollectionView {
  accountId: number;
  stage: { id: number; name: string; enteredOn: string; enteredAt: string } | null;
  assignedUserId: number | null;
  history: StageHistoryRow[];
  tasks: CollectionTask[];
}

// ---------------------------------------------------------------- worklist
export const worklistReasons = ['stage_action', 'promise_due', 'promise_broken', 'installment_missed', 'callback'] as const;
export type WorklistReason = (typeof worklistReasons)[number];

export const worklistGetSchema = z.object({
  asOf: isoDateSchema.optional(),
  reason: z.enum(worklistReasons).optional(),
  stageId: idSchema.optional(),
  /** 'mine' = assigned to me or to no one (a clerk's default); 'all' (a supervisor's default). */
  assignee: z.union([z.enum(['mine', 'unassigned', 'all']), idSchema]).optional(),
  minPastDueCents: nonNegativeCents.optional(),
  /** Only the accounts a call is allowed to now (compliance rules at the customer's location). */
  callableNow: z.boolean().optional(),
  limit: z.number().int().min(1).max(5000).default(500),
  offset: z.number().int().min(0).default(0),
});
export type WorklistQuery = z.input<typeof worklistGetSchema>;

/**
 * Why an account is on today's worklist, as a code with its facts (dates ISO, amounts in cents); the
 * screens word it (collections-text.ts). `dueDate` orders the reasons: a business date, or the
 * callback's instant.
 */
export type WorklistReasonRow =
  /** An open stage task due; `templateCode` and the template's name for letters, `note` the stage's note for the clerk. */
  | {
      reason: 'stage_action';
      dueDate: string;
      taskId: number;
      task: CollectionTaskKind;
      templateCode: string | null;
      templateName: string | null;
      stageName: string | null;
      note: string;
    }
  | { reason: 'promise_due' | 'promise_broken'; dueDate: string; promiseId: number; amountCents: number }
  /** `unpaid` installments are late or missed; the first is `seq` (0 = the down payment) of `installmentCount`, `amountCents` still owed on it. */
  | {
      reason: 'installment_missed';
      dueDate: string;
      planId: number;
      unpaid: number;
      seq: number;
      installmentCount: number;
      amountCents: number;
      planBroken: boolean;
    }
  | { reason: 'callback'; dueDate: string; callId: number; contactName: string; phone: string; setBy: string | null };

/**
 * Why an account is held off the worklist and not escalated, as a code with its facts. The first that
 * applies wins: a stopping flag, a promise not yet due, a payment plan in force, an agency referral.
 */
export type HoldReason =
  /** `since`: the instant the flag was set; `note`: the reason written when it was set. */
  | { code: 'flag'; flag: FlagKind; since: string; note: string }
  | { code: 'promise'; amountCents: number; dueDate: string }
  | { code: 'plan'; planId: number; planStatus: PlanStatus }
  | { code: 'referred'; agencyName: string; referredOn: string };

export interface WorklistItem {
  accountId: number;
  accountNumber: string;
  name: string;
  kind: AccountKind;
  stageId: number | null;
  stageName: string | null;
  stageEnteredOn: string | null;
  assignedUserId: number | null;
  assignedTo: string | null;
  balanceCents: number;
  pastDueCents: number;
  oldestDaysPastDue: number;
  brokenPromises: number;
  missedInstallments: number;
  reasons: WorklistReasonRow[];
  /** docs/collections.md, "Worklist score". */
  score: number;
  /** Number, local time, callable now (the list puts the callable first), last contact, promise due. */
  calling: WorklistCalling;
}

export interface WorklistHeld {
  accountId: number;
  accountNumber: string;
  name: string;
  reason: HoldReason;
}

export interface Worklist {
  asOf: string;
  total: number;
  items: WorklistItem[];
  held: WorklistHeld[];
  /** How long building it took, for the bench and the status bar. */
  buildMs: number;
  /** The newest collections evaluation (worklist.get only): "Last evaluated today at 6:00 AM (automatic)". */
  lastEvaluation?: EvaluationRun | null;
}

export const worklistAssignSchema = z.object({
  accountIds: z.array(idSchema).min(1).max(10000),
  /** null: unassign. */
  userId: idSchema.nullable(),
});

export const taskCloseSchema = z.object({
  taskId: idSchema,
  outcome: z.enum(['done', 'cancelled']).default('done'),
  note: textField('Note', 1000).default(''),
});

// ---------------------------------------------------------------- payment plans
export const planFrequencies = ['weekly', 'biweekly', 'monthly'] as const;
export type PlanFrequency = (typeof planFrequencies)[number];

export const planCreateSchema = z.object({
  accountId: idSchema,
  /** Defaults to the open amount of the plan's invoices. */
  totalCents: positiveCents.optional(),
  downPaymentCents: nonNegativeCents.default(cents(0)),
  installmentCount: z.number().int().min(1).max(120),
  frequency: z.enum(planFrequencies),
  firstDate: isoDateSchema,
  /** The date the plan starts (payments dated on or after it count); defaults to today. The down payment is due on it. */
  startDate: isoDateSchema.optional(),
  /** The open items the plan covers; defaults to every open item of the account. */
  invoiceIds: z.array(idSchema).max(1000).optional(),
  note: textField('Note', 1000).default(''),
});
export type PlanCreateInput = z.input<typeof planCreateSchema>;

export const planGetSchema = z.object({ planId: idSchema, asOf: isoDateSchema.optional() });
export const planListSchema = z.object({
  accountId: idSchema.optional(),
  status: z.enum(['current', 'late', 'broken', 'completed', 'cancelled']).optional(),
  asOf: isoDateSchema.optional(),
});
export const planCancelSchema = z.object({ planId: idSchema, reason: requiredText('Reason', 500) });
export const planSettingsSchema = z.object({ graceDays: z.number().int().min(0).max(60) });
export const planSettingsUpdateSchema = updateSchema(planSettingsSchema);
export type PlanSettings = z.infer<typeof planSettingsSchema>;
export const defaultPlanSettings: PlanSettings = { graceDays: 5 };

export type PlanStatus = 'current' | 'late' | 'broken' | 'completed' | 'cancelled';
export type InstallmentStatus = 'paid' | 'partial' | 'due' | 'late' | 'missed' | 'upcoming';

export interface PlanInstallment {
  /** 0 = the down payment, then 1..installmentCount (the screen words it: installmentLabel). */
  seq: number;
  dueDate: string;
  amountCents: number;
  paidCents: number;
  /** The date of the payment that completed it. */
  paidOn: string | null;
  payments: { documentId: number; number: string | null; date: string; amountCents: number }[];
  status: InstallmentStatus;
}

export interface PaymentPlan {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  asOf: string;
  status: PlanStatus;
  totalCents: number;
  downPaymentCents: number;
  installmentCount: number;
  frequency: PlanFrequency;
  startDate: string;
  firstDate: string;
  graceDays: number;
  paidCents: number;
  remainingCents: number;
  missedInstallments: number;
  nextDue: { dueDate: string; amountCents: number } | null;
  invoiceIds: number[];
  installments: PlanInstallment[];
  note: string;
  createdAt: string;
  createdBy: string | null;
  closedOn: string | null;
  closeReason: string;
}

/**
 * The schedule: the down payment (seq 0, due on the start date) when there is one, then `count`
 * installments from `firstDate` at the frequency. The rest (total - down payment) is split evenly; the
 * remainder cents go one each to the first installments, so the amounts add up to the total exactly.
 */
export function planSchedule(
  input: { totalCents: number; downPaymentCents: number; installmentCount: number; frequency: PlanFrequency; startDate: string; firstDate: string },
  dates: { addDays(d: string, n: number): string; addMonths(d: string, n: number): string },
): { seq: number; dueDate: string; amountCents: number }[] {
  const { totalCents, downPaymentCents, installmentCount: n } = input;
  if (!Number.isSafeInteger(totalCents) || totalCents <= 0) throw new RangeError('a plan needs a total of more than zero');
  if (!Number.isSafeInteger(downPaymentCents) || downPaymentCents < 0 || downPaymentCents >= totalCents)
    throw new RangeError('the down payment must be less than the total');
  const rest = totalCents - downPaymentCents;
  if (rest < n) throw new RangeError(`${rest} cents cannot be split into ${n} installments`);
  const base = Math.floor(rest / n);
  const extra = rest - base * n;
  const out: { seq: number; dueDate: string; amountCents: number }[] = [];
  if (downPaymentCents > 0) out.push({ seq: 0, dueDate: input.startDate, amountCents: downPaymentCents });
  for (let i = 0; i < n; i++) {
    const dueDate =
      input.frequency === 'monthly' ? dates.addMonths(input.firstDate, i) : dates.addDays(input.firstDate, i * (input.frequency === 'weekly' ? 7 : 14));
    out.push({ seq: i + 1, dueDate, amountCents: base + (i < extra ? 1 : 0) });
  }
  return out;
}

// ---------------------------------------------------------------- late fees
/** The fields of the late-fee rules; fees.saveRules takes any of them (updateSchema) and keeps the rest. */
export const feeRulesFieldsSchema = z.object({
  /** Off: preview shows nothing to charge and post posts nothing. */
  enabled: z.boolean().default(true),
  /** Days past the due date before an invoice can be charged. */
  graceDays: z.number().int().min(0).max(365).default(10),
  flatCents: nonNegativeCents.default(cents(0)),
  /** Per month, of the past-due principal: 150 = 1.5%. */
  monthlyRateBp: z.number().int().min(0).max(10000).default(150),
  minimumCents: nonNegativeCents.default(cents(0)),
  maxPerInvoiceCents: nonNegativeCents.nullable().default(null),
  maxPerAccountYearCents: nonNegativeCents.nullable().default(null),
  /** On: earlier unpaid late fees of an invoice are part of its basis. Off by default. */
  compounding: z.boolean().default(false),
  /** Which accounts may be charged. */
  appliesTo: z.enum(['all', 'consumer', 'commercial']).default('all'),
  excludeDisputed: z.boolean().default(true),
  excludeOnCurrentPlan: z.boolean().default(true),
  excludeWrittenOff: z.boolean().default(true),
});
export const feeRulesSchema = feeRulesFieldsSchema.refine((r) => r.maxPerInvoiceCents === null || r.maxPerInvoiceCents >= r.minimumCents, {
  message: 'The maximum per invoice cannot be below the minimum',
  path: ['maxPerInvoiceCents'],
});
export type FeeRules = z.infer<typeof feeRulesSchema>;
export const feeRulesUpdateSchema = updateSchema(feeRulesFieldsSchema);
export const defaultFeeRules: FeeRules = feeRulesSchema.parse({});

export interface FeePreviewRow {
  accountId: number;
  accountNumber: string;
  accountName: string;
  invoiceId: number;
  invoiceNumber: string | null;
  dueDate: string;
  daysPastDue: number;
  basisCents: number;
  /** What would be posted (0 when excluded or capped to nothing). */
  feeCents: number;
  /** Why nothing is charged. */
  excludedReason: FeeExclusion | null;
  /** Why the fee is less than the rule gives (a cap), or raised to the minimum. */
  adjustment: FeeAdjustment | null;
}

/** Why the fee differs from what the rule gives: raised to the minimum, or capped (amounts in cents). */
export type FeeAdjustment =
  | { code: 'minimum'; minimumCents: number }
  | { code: 'max_per_invoice'; maxCents: number }
  | { code: 'max_per_account_year'; maxCents: number; year: string };

/**
 * Why an invoice is not charged, as a code with its facts (the words: collections-text.ts). A cap that
 * leaves nothing is its FeeAdjustment code (the maximum is reached).
 */
export type FeeExclusion =
  | { code: 'disabled' }
  | { code: 'grace'; graceDays: number }
  | { code: 'account_closed' }
  | { code: 'account_kind'; appliesTo: AccountKind }
  | { code: 'already_charged'; period: string; feeNumber: string | null }
  | { code: 'written_off' }
  | { code: 'disputed' }
  | { code: 'plan'; planId: number | null }
  | { code: 'no_fee' }
  | Exclude<FeeAdjustment, { code: 'minimum' }>
  /** At posting: the invoice is no longer open and past due on `asOf`. */
  | { code: 'not_past_due'; asOf: string };

export interface FeePreview {
  asOf: string;
  period: string;
  rules: FeeRules;
  rows: FeePreviewRow[];
  totals: { invoices: number; chargeable: number; excluded: number; accounts: number; feeCents: number; basisCents: number };
}

export const feeRunSchema = z.object({ asOf: isoDateSchema.optional() });
export const feePostSchema = z.object({ asOf: isoDateSchema.optional(), invoiceIds: z.array(idSchema).min(1).max(100000) });
export const feeWaiveSchema = z.object({ feeDocumentId: idSchema, reason: requiredText('Reason', 500) });

export interface FeePostResult {
  asOf: string;
  period: string;
  posted: { invoiceId: number; feeDocumentId: number; number: string; amountCents: number }[];
  skipped: { invoiceId: number; reason: FeeExclusion }[];
  totalCents: number;
}

export interface FeeWaiveResult {
  feeDocumentId: number;
  creditDocumentId: number;
  number: string;
  amountCents: number;
  accountBalanceCents: number;
}

// ---------------------------------------------------------------- referral
export const referralReferSchema = z.object({
  accountId: idSchema,
  agencyName: requiredText('Agency name', 120),
  date: isoDateSchema.optional(),
  note: textField('Note', 1000).default(''),
});
export const referralRecallSchema = z.object({ accountId: idSchema, reason: requiredText('Reason', 500), date: isoDateSchema.optional() });
export const referralListSchema = z.object({ accountId: idSchema.optional(), status: z.enum(['referred', 'recalled']).optional() });
export const placementFileSchema = z.object({ accountIds: z.array(idSchema).min(1).max(10000) });

export interface Referral {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  agencyName: string;
  status: 'referred' | 'recalled';
  referredOn: string;
  referredBy: string | null;
  balanceCents: number;
  note: string;
  recalledOn: string | null;
  recalledBy: string | null;
  recallReason: string;
}

export interface PlacementFile {
  fileName: string;
  csv: string;
  rows: number;
}

// ---------------------------------------------------------------- write-off requests
export const writeoffRequestSchema = z.object({
  accountId: idSchema,
  /** Defaults to every open item of the account, oldest due first. */
  invoiceIds: z.array(idSchema).min(1).max(1000).optional(),
  amountCents: positiveCents,
  reason: requiredText('Reason', 500),
});
export const writeoffDecideSchema = z.object({ requestId: idSchema, note: textField('Note', 500).default('') });
export const writeoffRejectSchema = z.object({ requestId: idSchema, note: requiredText('Reason for rejecting', 500) });
export const writeoffListSchema = z.object({ accountId: idSchema.optional(), status: z.enum(['pending', 'approved', 'rejected']).optional() });

export interface WriteoffRequest {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  invoiceIds: number[] | null;
  amountCents: number;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedAt: string;
  requestedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string;
  writeOffDocuments: { documentId: number; number: string | null; invoiceId: number | null; amountCents: number }[];
}
