import { z } from 'zod';
import { isoDateSchema } from '../dates/schema';
import { nonNegativeCents } from '../money/schema';
import { accountKinds, type AccountKind } from './accounts';
import { deliveryChannels, MAX_BATCH, statementTypes, type DeliveryChannel, type OutputRef, type StatementType } from './documents';
import { idSchema } from './text';

/**
 * Statement runs (docs/documents.md, Statement runs): statements for many accounts as of one date,
 * chosen by filters or picked by hand, printed as one job, saved as one PDF or emailed each to its
 * billing address. A saved run keeps its parameters and the accounts it covered, so it can be
 * reprinted identically.
 */
export const statementFiltersSchema = z
  .object({
    /** Balance as of the date at least this (cents). */
    minBalanceCents: nonNegativeCents.optional(),
    /** Only accounts with something past due as of the date. */
    pastDueOnly: z.boolean().optional(),
    accountKind: z.enum(accountKinds).optional(),
    /** Only accounts in one of these collection stages. */
    stageIds: z.array(idSchema).max(50).optional(),
    /** Only accounts whose collection stage asked for a statement not yet sent (an open stage statement task). */
    queuedOnly: z.boolean().optional(),
    /** Picked by hand: only these accounts (even with nothing open); the other filters still apply. */
    accountIds: z.array(idSchema).max(MAX_BATCH).optional(),
  })
  .strict();
export type StatementFilters = z.infer<typeof statementFiltersSchema>;

const runParams = {
  asOf: isoDateSchema,
  type: z.enum(statementTypes),
  /** Balance-forward only: the period's first day (default STATEMENT_PERIOD_DAYS before asOf). */
  from: isoDateSchema.optional(),
  filters: statementFiltersSchema.default({}),
};
export const statementSelectSchema = z.object(runParams);
export type StatementSelectInput = z.input<typeof statementSelectSchema>;

export const statementSaveRunSchema = z.object({
  ...runParams,
  /** The accounts the run covers, in the order they print. */
  accountIds: z.array(idSchema).min(1, 'Choose at least one account').max(MAX_BATCH, `At most ${MAX_BATCH} accounts in one run`),
  /** How the run first went out (print, pdf, email). */
  channel: z.enum(deliveryChannels),
});
export type StatementSaveRunInput = z.input<typeof statementSaveRunSchema>;

export const statementRunsSchema = z.object({ limit: z.number().int().min(1).max(500).default(100) });
export const statementGetRunSchema = z.object({ runId: idSchema });

/** Why a statement cannot be mailed to an account (worded on screen), or null when it can. */
export interface MailProblem {
  code: 'NO_ADDRESS' | 'PARTIAL_ADDRESS';
  /** Address field names missing (line1, city, state, postalCode). */
  missing: string[];
}

/** One account a run would cover, with its figures as of the date (the aging report's). */
export interface StatementCandidate {
  accountId: number;
  accountNumber: string;
  accountName: string;
  accountKind: AccountKind;
  /** Open items less unapplied credit as of the date (the aging report's total). */
  balanceCents: number;
  /** Open items past due as of the date (every bucket after Current). */
  pastDueCents: number;
  /** Where an emailed statement goes; null: none on file. */
  email: string | null;
  mailProblem: MailProblem | null;
}

export interface StatementSelection {
  asOf: string;
  type: StatementType;
  /** Balance-forward: the period's first day (resolved); null for open-item. */
  from: string | null;
  accounts: StatementCandidate[];
  totals: { accounts: number; balanceCents: number; pastDueCents: number; withoutEmail: number; notMailable: number };
}

/** A saved run: what it was asked for and exactly which accounts, in order. Never edited. */
export interface StatementRun {
  id: number;
  asOf: string;
  type: StatementType;
  from: string | null;
  filters: StatementFilters;
  accountIds: number[];
  channel: DeliveryChannel;
  createdAt: string;
  createdBy: string | null;
  /** One statement per account, in order: hand them to documents.print/savePdf/email. */
  statements: Extract<OutputRef, { kind: 'statement' }>[];
}
