import { z } from 'zod';
import { isoDateSchema } from '../dates/schema';
import { accountKinds, type AccountKind } from './accounts';
import type { ComplianceBlock } from './collections';
import { idSchema, requiredText } from './text';

/**
 * Letter runs (docs/letters.md, The queue and letter runs): the letters the collection stages queued
 * and those a supervisor selects ad hoc, reviewed, skipped with a reason, then produced as one batch.
 */

/** Codes the first ladders used for stage letters, before stages named a template of the library by its key. */
const legacyTemplateCodes: Readonly<Record<string, string>> = {
  REMINDER: 'friendly-reminder',
  SECOND_NOTICE: 'second-notice',
  FINAL_NOTICE: 'final-demand',
};

/** The library key a stage's letter action names: the key itself, or the key an old code stood for. */
export function templateKeyOf(templateCode: string): string {
  const code = templateCode.trim();
  return Object.hasOwn(legacyTemplateCodes, code) ? legacyTemplateCodes[code]! : code;
}

/**
 * Why an account cannot get the letter: listed apart on the run, never silently dropped. BLOCKED: a
 * compliance rule; NOTHING_DUE: nothing past due any more (paid since it was queued); NO_ADDRESS: no
 * mailable address for paper; NO_TEMPLATE: the stage names a template the library does not have (or
 * one retired). MISSING_FIELD and ALREADY_SENT come from the document pipeline when the letter is built.
 */
export const letterExceptionCodes = ['BLOCKED', 'NOTHING_DUE', 'NO_ADDRESS', 'NO_TEMPLATE', 'MISSING_FIELD', 'ALREADY_SENT'] as const;
export type LetterExceptionCode = (typeof letterExceptionCodes)[number];

/** A compliance rule that blocks the letter, with its citation (worded as the document problems word it). */
export type LetterBlock = ComplianceBlock;

/** One account the queue or a selection holds: a stage's letter task, or (ad hoc) an account picked by filters. */
export interface LetterCandidate {
  /** The stage task this letter answers; null for an ad-hoc selection. */
  taskId: number | null;
  taskStatus: 'open' | 'blocked' | null;
  accountId: number;
  accountNumber: string;
  accountName: string;
  accountKind: AccountKind;
  templateId: number | null;
  /** The template's name (screens show it, never a key or code); null when the library has no such template. */
  templateName: string | null;
  stageId: number | null;
  stageName: string | null;
  /** When the stage queued it (business date); null ad hoc. */
  queuedOn: string | null;
  pastDueCents: number;
  daysPastDue: number;
  /** The mailing address's postal code (presort); '' when none. */
  postalCode: string;
  /** Address fields missing for mail (line1, city, state, postalCode), worded on screen; [] when mailable. */
  addressMissing: string[];
  /** Opted into letters by email, with an address to send to. */
  emailConsent: boolean;
  /** Null: it can go. Otherwise why not, with the compliance blocks for BLOCKED. */
  exception: LetterExceptionCode | null;
  blocks: LetterBlock[];
}

export const letterQueueSchema = z
  .object({
    templateId: idSchema.optional(),
    stageId: idSchema.optional(),
    status: z.enum(['open', 'blocked']).optional(),
  })
  .default({});

/** Ad-hoc selection ("every consumer account 61+ days past due with no letter in 30 days"). */
export const letterSelectSchema = z.object({
  templateId: idSchema,
  accountKind: z.enum(accountKinds).optional(),
  minDaysPastDue: z.number().int().min(1).max(3650).optional(),
  stageId: idSchema.optional(),
  minPastDueCents: z.number().int().min(0).max(1_000_000_000_00).optional(),
  /** Leave out accounts sent a letter within this many days. */
  noLetterInDays: z.number().int().min(1).max(3650).optional(),
});
export type LetterSelect = z.infer<typeof letterSelectSchema>;

export const letterSkipSchema = z.object({
  taskIds: z.array(idSchema).min(1, 'Choose at least one letter').max(2000),
  reason: requiredText('Reason', 500),
});

/** At most this many letters in one run. */
export const MAX_RUN = 2000;
export const letterRunStartSchema = z.object({
  templateId: idSchema,
  /** Paper: one print job or one PDF. */
  channel: z.enum(['print', 'pdf']),
  /** Email the accounts that opted in; the rest get paper. */
  emailOptedIn: z.boolean().default(false),
  payByDate: isoDateSchema.optional(),
  /** The selection's filters, recorded with the run (what the supervisor asked for). */
  filters: z.record(z.string().max(40), z.union([z.string().max(100), z.number(), z.boolean()])).default({}),
  accounts: z
    .array(z.object({ accountId: idSchema, taskId: idSchema.nullable().default(null) }))
    .min(1, 'Choose at least one account')
    .max(MAX_RUN, `At most ${MAX_RUN} letters in one run`),
});
export type LetterRunStart = z.input<typeof letterRunStartSchema>;

/** One letter to produce, in the shape of the document pipeline's letter ref. */
export interface LetterRunRef {
  kind: 'letter';
  accountId: number;
  templateId: number;
  version: number;
  payByDate: string;
  taskId?: number;
  runId: number;
}

export interface LetterRunException {
  accountId: number;
  accountNumber: string;
  accountName: string;
  taskId: number | null;
  code: LetterExceptionCode;
  /** NO_ADDRESS: the address fields missing. */
  missing: string[];
  blocks: LetterBlock[];
}

export interface LetterRunPlan {
  runId: number;
  templateName: string;
  version: number;
  channel: 'print' | 'pdf';
  payByDate: string;
  /** Paper letters, sorted by postal code of the mailing address (presort). */
  paper: LetterRunRef[];
  /** Emailed letters (opted in), when the run emails. */
  email: LetterRunRef[];
  exceptions: LetterRunException[];
}

export const letterRunGetSchema = z.object({ runId: idSchema });

export interface LetterRunView extends LetterRunPlan {
  createdAt: string;
  createdBy: string | null;
  /** Accounts chosen for the run. */
  accounts: number;
  /** Accounts with a letter recorded for this run; paper and email above list only the others. */
  sent: number[];
}
