import { z } from 'zod';
import { idSchema, isoDateSchema, positiveCents, requiredText, textField } from './text';
import type { CollectionTaskStatus, TaskCancelled } from './collections-policy';
import type { DeliveryChannel, OutputKind } from './documents';
import { instantSchema } from '../dates/schema';

/**
 * Collections contact: compliance checks, call log, promises to pay, collection flags, validation notice,
 * the contact timeline. The rules are explained in docs/compliance.md.
 */

// ---- Instants and wall-clock times ----
export { instantSchema } from '../dates/schema';
/** "HH:MM", 00:00-24:00 (24:00 only as the end of a range). */
export const clockTimeSchema = z
  .string()
  .max(5, 'Time must be HH:MM (00:00-24:00)')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Time must be HH:MM (00:00-24:00)');
/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);
export const weekdayNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A written reason a supervisor gives to override a compliance block. */
export const overrideSchema = z.object({
  reason: requiredText('Override reason', 1000).pipe(z.string().min(10, 'An override needs a written reason of at least 10 characters')),
});
export type OverrideInput = z.input<typeof overrideSchema>;

// ---- Compliance ----
export const complianceRules = [
  'calling_hours',
  'inconvenient_time',
  'call_frequency',
  'conversation_wait',
  'cease_communication',
  'dispute',
  'attorney_represented',
  'bankruptcy',
  'deceased',
  'do_not_call',
  'wrong_number',
] as const;
export type ComplianceRule = (typeof complianceRules)[number];

export const ruleLabels: Record<ComplianceRule, string> = {
  calling_hours: 'Calling hours',
  inconvenient_time: "Consumer's inconvenient time",
  call_frequency: 'Call frequency (7 calls in 7 days)',
  conversation_wait: 'Call frequency (7 days after a conversation)',
  cease_communication: 'Cease communication',
  dispute: 'Open dispute',
  attorney_represented: 'Represented by an attorney',
  bankruptcy: 'Bankruptcy',
  deceased: 'Deceased',
  do_not_call: 'Do-not-call number',
  wrong_number: 'Wrong number',
};

export const ruleCitations: Record<ComplianceRule, string> = {
  calling_hours: '12 CFR 1006.6(b)(1)(i)',
  inconvenient_time: '12 CFR 1006.6(b)(1)(i)',
  call_frequency: '12 CFR 1006.14(b)(2)(i)(A)',
  conversation_wait: '12 CFR 1006.14(b)(2)(i)(B)',
  cease_communication: '12 CFR 1006.6(c)',
  dispute: '12 CFR 1006.34; 15 USC 1692g(b)',
  attorney_represented: '12 CFR 1006.6(b)(2)',
  bankruptcy: '11 USC 362 (automatic stay)',
  deceased: '12 CFR 1006.2(e), 1006.6(a)(4) (office policy)',
  do_not_call: '12 CFR 1006.14(h) (office policy)',
  wrong_number: 'office policy',
};

/**
 * What a rule found, as facts for the screens to word (collections-text.ts): times HH:MM, dates ISO.
 * `letter` marks a block of a collection letter rather than a call.
 */
export type BlockFacts =
  /** The local time in each zone the consumer may be in, and the hours allowed. */
  | { rule: 'calling_hours'; zones: { zone: string; source: LocalTime['source']; areaCode: string | null; time: string }[]; start: string; end: string }
  | { rule: 'inconvenient_time'; weekdays: number[]; start: string; end: string; note: string }
  /** `attempts` outgoing calls to `person` in the 7 days `from`..`to`, at most `max`. */
  | { rule: 'call_frequency'; person: string; attempts: number; max: number; from: string; to: string }
  /** A conversation with `person` on `on` (day 1 of 7). */
  | { rule: 'conversation_wait'; person: string; on: string }
  | { rule: 'cease_communication' | 'dispute'; letter: boolean }
  | { rule: 'attorney_represented'; attorneyName: string; attorneyPhone: string }
  | { rule: 'bankruptcy'; chapter: string; caseNumber: string }
  | { rule: 'deceased' }
  /** The number as it was dialled. */
  | { rule: 'do_not_call' | 'wrong_number'; phone: string }
  /** An override recorded before blocks carried facts: its sentence as it was stored. */
  | { rule: ComplianceRule; recorded: string };

export type ComplianceBlock = BlockFacts & {
  /** When this rule alone stops blocking (absent: only when a flag is cleared). */
  allowedAt?: string;
  citation: string;
};

export interface LocalTime {
  zone: string;
  /** Why this zone applies: the account's address or the phone's area code. */
  source: 'address' | 'area_code';
  date: string;
  time: string; // HH:MM
  weekday: string;
}

export interface ComplianceCheck {
  allowed: boolean;
  blocks: ComplianceBlock[];
  localTimes: LocalTime[];
  /** The earliest instant at or after `at` when every time-based rule allows the call; absent when a flag blocks. */
  allowedAt?: string;
  /** Why no consumer rules were applied: a commercial account, or compliance switched off. */
  exempt: null | 'commercial' | 'disabled';
}

/** The details of a RULE_BLOCKED error. */
export interface RuleBlockedDetails {
  rule: ComplianceRule;
  allowedAt?: string;
  citation: string;
  blocks: ComplianceBlock[];
}

export const checkCallSchema = z.object({
  accountId: idSchema,
  contactId: idSchema,
  phone: requiredText('Phone number', 40),
  at: instantSchema.optional(),
});

/**
 * A letter's purpose. Collection letters are blocked by cease communication and open disputes; the three
 * notices 1006.6(c)(2) permits after a cease request are not.
 */
export const letterPurposes = ['collection', 'termination_of_efforts', 'remedy_may_be_invoked', 'remedy_will_be_invoked'] as const;
export type LetterPurpose = (typeof letterPurposes)[number];
export const permittedNotices: readonly LetterPurpose[] = ['termination_of_efforts', 'remedy_may_be_invoked', 'remedy_will_be_invoked'];
export const checkLetterSchema = z.object({ accountId: idSchema, purpose: z.enum(letterPurposes).default('collection') });

export interface ComplianceOverride {
  id: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  /** The consumer's zone (the account's), in which calling hours were judged. */
  timeZone: string;
  action: 'call' | 'letter';
  rules: ComplianceRule[];
  blocks: ComplianceBlock[];
  reason: string;
  phone: string | null;
  contactName: string | null;
  /** When the overridden action happened. */
  actionAt: string;
  userId: number | null;
  username: string | null;
  role: string;
  createdAt: string;
  callId: number | null;
}
export const overridesListSchema = z.object({ from: instantSchema.optional(), to: instantSchema.optional(), accountId: idSchema.optional() });

export const inconvenientTimeSchema = z
  .object({
    accountId: idSchema,
    /** The person; absent = everyone reached on this account. */
    contactId: idSchema.optional(),
    weekdays: z.array(weekdaySchema).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
    start: clockTimeSchema.default('00:00'),
    end: clockTimeSchema.default('24:00'),
    note: textField('Note', 500).default(''),
  })
  .refine((v) => v.start < v.end && v.start !== '24:00', { message: 'The range must end after it starts (use 24:00 for the end of the day)', path: ['end'] });
export interface InconvenientTime {
  id: number;
  accountId: number;
  contactName: string | null;
  weekdays: number[];
  start: string;
  end: string;
  note: string;
  createdAt: string;
  createdBy: string | null;
}

export const validationNoticeSchema = z.object({ accountId: idSchema, sentOn: isoDateSchema });
export interface ValidationNotice {
  accountId: number;
  sentOn: string;
  /** sentOn + the validation-period setting (35 days by default). */
  periodEndsOn: string;
  recordedAt: string;
  recordedBy: string | null;
}

// ---- Flags ----
export const flagKinds = ['disputed', 'cease_communication', 'attorney_represented', 'bankruptcy', 'deceased', 'do_not_call', 'wrong_number'] as const;
export type FlagKind = (typeof flagKinds)[number];
/** Flags about one phone number rather than the account. */
export const phoneFlagKinds: readonly FlagKind[] = ['do_not_call', 'wrong_number'];
/**
 * Flags only a supervisor or administrator may clear. A clerk ends a dispute by recording verification
 * (flags.recordVerification); clearing it without verification (withdrawn, set by mistake) is a supervisor's.
 */
export const supervisorClearedFlags: readonly FlagKind[] = ['cease_communication', 'bankruptcy', 'deceased', 'disputed'];
/** Flags that stop collection activity on the whole account (the worklist skips these accounts). */
export const holdFlagKinds: readonly FlagKind[] = ['disputed', 'cease_communication', 'attorney_represented', 'bankruptcy', 'deceased'];

export const flagLabels: Record<FlagKind, string> = {
  disputed: 'Disputed',
  cease_communication: 'Cease communication',
  attorney_represented: 'Attorney-represented',
  bankruptcy: 'Bankruptcy',
  deceased: 'Deceased',
  do_not_call: 'Do not call (number)',
  wrong_number: 'Wrong number',
};

const reason = requiredText('Reason', 1000);
export const flagSetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disputed'), accountId: idSchema, reason, written: z.boolean().default(false), receivedOn: isoDateSchema.optional() }),
  z.object({ kind: z.literal('cease_communication'), accountId: idSchema, reason, receivedOn: isoDateSchema.optional() }),
  z.object({
    kind: z.literal('attorney_represented'),
    accountId: idSchema,
    reason,
    attorneyName: requiredText('Attorney name', 120),
    attorneyPhone: textField('Attorney phone', 40).default(''),
  }),
  z.object({
    kind: z.literal('bankruptcy'),
    accountId: idSchema,
    reason,
    chapter: z.enum(['7', '11', '12', '13']),
    caseNumber: requiredText('Case number', 40),
    filedOn: isoDateSchema.optional(),
  }),
  z.object({ kind: z.literal('deceased'), accountId: idSchema, reason, dateOfDeath: isoDateSchema.optional() }),
  z.object({ kind: z.literal('do_not_call'), accountId: idSchema, reason, phone: requiredText('Phone number', 40) }),
  z.object({ kind: z.literal('wrong_number'), accountId: idSchema, reason, phone: requiredText('Phone number', 40) }),
]);
export type FlagSetInput = z.input<typeof flagSetSchema>;
export const flagClearSchema = z.object({ flagId: idSchema, reason });
export const recordVerificationSchema = z.object({ accountId: idSchema, verifiedOn: isoDateSchema, note: reason });
export const flagsListSchema = z.object({ accountId: idSchema, includeCleared: z.boolean().default(false) });

export interface CollectionFlag {
  id: number;
  accountId: number;
  kind: FlagKind;
  /** Digits of the number, for do_not_call and wrong_number. */
  phone: string | null;
  details: Record<string, unknown>;
  reason: string;
  setAt: string;
  setBy: string | null;
  callId: number | null;
  clearedAt: string | null;
  clearedBy: string | null;
  clearReason: string | null;
  /** 'verified' when a dispute was closed by recording verification. */
  resolution: 'cleared' | 'verified' | null;
  verifiedOn: string | null;
}

// ---- Calls ----
export const callDirections = ['outgoing', 'incoming'] as const;
export type CallDirection = (typeof callDirections)[number];
export const callOutcomes = ['no_answer', 'left_message', 'wrong_number', 'spoke_with_debtor', 'promise_to_pay', 'dispute', 'refused', 'paid'] as const;
export type CallOutcome = (typeof callOutcomes)[number];
export const callOutcomeLabels: Record<CallOutcome, string> = {
  no_answer: 'No answer',
  left_message: 'Left message',
  wrong_number: 'Wrong number',
  spoke_with_debtor: 'Spoke with debtor',
  promise_to_pay: 'Promise to pay',
  dispute: 'Dispute',
  refused: 'Refused',
  paid: 'Paid',
};
/** Outcomes that mean a telephone conversation with the person took place, whoever placed the call (1006.14(b)(2)(i)(B)). */
export const conversationOutcomes: readonly CallOutcome[] = ['spoke_with_debtor', 'promise_to_pay', 'dispute', 'refused', 'paid'];

export const promiseInputSchema = z.object({ amountCents: positiveCents, dueDate: isoDateSchema });

export const callLogSchema = z
  .object({
    accountId: idSchema,
    contactId: idSchema,
    phone: requiredText('Phone number', 40),
    direction: z.enum(callDirections),
    startedAt: instantSchema,
    outcome: z.enum(callOutcomes),
    notes: textField('Notes', 4000).default(''),
    promise: promiseInputSchema.optional(),
    callbackAt: instantSchema.optional(),
    override: overrideSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.outcome === 'promise_to_pay' && !c.promise)
      ctx.addIssue({ code: 'custom', path: ['promise'], message: 'A promise to pay needs the amount and the date' });
    if (c.outcome !== 'promise_to_pay' && c.promise)
      ctx.addIssue({ code: 'custom', path: ['promise'], message: 'A promise belongs only to the outcome "promise to pay"' });
  });
export type CallLogInput = z.input<typeof callLogSchema>;

export interface CallRecord {
  id: number;
  accountId: number;
  contactId: number | null;
  contactName: string;
  phone: string;
  direction: CallDirection;
  startedAt: string;
  outcome: CallOutcome;
  notes: string;
  callbackAt: string | null;
  callbackDoneAt: string | null;
  overrideId: number | null;
  clerk: string | null;
  createdAt: string;
  /** Follow-ups created with the call. */
  promiseId: number | null;
  flagId: number | null;
}
export const callsListSchema = z.object({ accountId: idSchema, limit: z.number().int().min(1).max(1000).default(200) });

export interface CallbackDue {
  callId: number;
  accountId: number;
  accountNumber: string;
  accountName: string;
  contactName: string;
  phone: string;
  callbackAt: string;
  clerkId: number | null;
  clerk: string | null;
}

// ---- Promises to pay ----
export type PromiseStatus = 'pending' | 'kept' | 'broken';
export interface PromiseToPay {
  id: number;
  accountId: number;
  callId: number | null;
  contactName: string | null;
  amountCents: number;
  /** The business date the promise was made: payments count from this date. */
  promisedOn: string;
  dueDate: string;
  graceDays: number;
  /** dueDate + graceDays: the last date a payment counts. */
  lastDate: string;
  status: PromiseStatus;
  /** Posted, not reversed payments dated promisedOn..lastDate (as of the evaluation date). */
  paidCents: number;
  /** The date the payments reached the amount (kept) or the day after lastDate (broken). */
  decidedOn: string | null;
  createdAt: string;
  createdBy: string | null;
}
export const promisesListSchema = z.object({ accountId: idSchema, asOf: isoDateSchema.optional() });

// ---- Settings ----
export const collectionsSettingsSchema = z.object({
  /** Days after a promise's date during which a payment still keeps it. */
  promiseGraceDays: z.number().int().min(0).max(60),
  /** The validation period: the notice's sent date + this many days (35 is common practice; see docs/compliance.md). */
  validationPeriodDays: z.number().int().min(30).max(90),
});
export type CollectionsSettings = z.infer<typeof collectionsSettingsSchema>;
export const defaultCollectionsSettings: CollectionsSettings = { promiseGraceDays: 2, validationPeriodDays: 35 };

// ---- Timeline ----
/** One contact event, as codes and facts; the screen words it (collections-text.ts). */
export type TimelineEvent =
  | {
      kind: 'call';
      direction: CallDirection;
      contactName: string;
      outcome: CallOutcome;
      phone: string;
      notes: string;
      callbackAt: string | null;
      callbackDone: boolean;
      overrideId: number | null;
    }
  /** `phone`: digits, for number flags; `reason`: as written when it was set. */
  | { kind: 'flag_set'; flag: FlagKind; phone: string | null; reason: string }
  /** `verifiedOn`: a dispute closed by recording verification (the date it was sent); `reason`: as written when cleared. */
  | { kind: 'flag_cleared'; flag: FlagKind; phone: string | null; verifiedOn: string | null; verified: boolean; reason: string }
  | {
      kind: 'promise';
      amountCents: number;
      dueDate: string;
      status: PromiseStatus;
      contactName: string | null;
      lastDate: string;
      paidCents: number;
      decidedOn: string | null;
    }
  | { kind: 'override'; action: 'call' | 'letter'; rules: ComplianceRule[]; reason: string }
  | { kind: 'validation_notice'; sentOn: string }
  /** A move on the stage ladder; `toStage` null: the account left it (nothing past due on `asOf`). */
  | { kind: 'stage'; toStage: string | null; fromStage: string | null; daysPastDue: number; pastDueCents: number; asOf: string }
  /** A letter a stage asked for: queued (open), done, cancelled (`cancelled` says why) or not queued (`blockedBy`). */
  | {
      kind: 'letter';
      status: CollectionTaskStatus;
      templateCode: string | null;
      /** The library template's name (shown); null when the library has none for the code. */
      templateName: string | null;
      stageName: string | null;
      blockedBy: ComplianceRule | null;
      cancelled: TaskCancelled | null;
      note: string;
    }
  /** A document that left for the account (printed, saved as PDF, emailed) and was archived; `ref` opens it. */
  | { kind: 'document'; documentKind: OutputKind; number: string | null; channel: DeliveryChannel; destination: string; copy: boolean }
  /** The account went to a collection agency (`referred`, with the balance then) or came back (`recalled`, `note` = the reason). */
  | { kind: 'referral'; action: 'referred' | 'recalled'; agencyName: string; date: string; balanceCents: number; note: string }
  /** A write-off asked for (`requested`: `note` = the reason) and its decision (`approved`/`rejected`: `note` = the supervisor's note). */
  | { kind: 'writeoff'; action: 'requested' | 'approved' | 'rejected'; requestId: number; amountCents: number; note: string };
export type TimelineKind = TimelineEvent['kind'];
export type TimelineEntry = TimelineEvent & {
  /** The instant the event happened (a call's start; when a flag was set; ...). */
  at: string;
  by: string | null;
  /** What the entry stands for, to open it. */
  ref: { type: string; id: number };
};
export const timelineGetSchema = z.object({ accountId: idSchema, limit: z.number().int().min(1).max(2000).default(500) });
