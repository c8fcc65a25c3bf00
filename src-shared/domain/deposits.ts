import { z } from 'zod';
import { idSchema, isoDateSchema, requiredText } from './text';
import { paymentText, type PaymentMethod } from './payments';
import { checkAccountNumber, checkRoutingNumber } from './bank-accounts';

/**
 * Deposits (docs/money-in.md, Deposits). Cash and checks are carried to the bank in a deposit; card,
 * ACH and bank transfers reach the bank one by one (a processor's or the customer's bank sends them),
 * so they are never "not yet deposited" and the reconciliation matches them singly.
 */
export const depositedMethods = ['cash', 'check'] as const satisfies readonly PaymentMethod[];
export type DepositedMethod = (typeof depositedMethods)[number];
export const isDepositedMethod = (m: string | null): m is DepositedMethod => (depositedMethods as readonly string[]).includes(m ?? '');

/** The series deposits are numbered in, gap-free like the ledger's ("DEP-000001"). */
export const DEPOSIT_SERIES = 'DEP';
/** At most this many payments in one deposit (a deposit slip of a few pages). */
export const MAX_DEPOSIT_PAYMENTS = 500;

/** The office's own US accounts: the routing number passes its 3-7-1 check digit, the account number 4 to 17 digits. */
export const officeBankAccountSaveSchema = z
  .object({
    /** Absent: a new account. */
    id: idSchema.optional(),
    name: requiredText('Name', 80),
    routingNumber: z.string().trim().max(20, 'Routing number: nine digits'),
    /** Absent when editing: keep the number on file. */
    accountNumber: z.string().trim().max(40, 'Account number: 4 to 17 digits').optional(),
    /** Absent: a new account is in use; an edit keeps what it was. */
    active: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const routing = checkRoutingNumber(v.routingNumber);
    if (!routing.ok) ctx.addIssue({ code: 'custom', path: ['routingNumber'], message: `Routing number: ${routing.reason}` });
    if (v.accountNumber !== undefined) {
      const number = checkAccountNumber(v.accountNumber);
      if (!number.ok) ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: `Account number: ${number.reason}` });
    }
    if (v.id === undefined && v.accountNumber === undefined)
      ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: 'A new bank account needs its account number' });
  });
export type OfficeBankAccountSaveInput = z.input<typeof officeBankAccountSaveSchema>;

export interface OfficeBankAccount {
  id: number;
  name: string;
  routingNumber: string;
  /** Last 4 digits of the account number; the full number never leaves the backend. */
  last4: string;
  active: boolean;
}

export const depositsUndepositedSchema = z.object({ accountId: idSchema.optional() }).strict().default({});

export const depositsCreateSchema = z
  .object({
    officeBankAccountId: idSchema,
    depositDate: isoDateSchema,
    paymentIds: z
      .array(idSchema)
      .min(1, 'Choose at least one payment')
      .max(MAX_DEPOSIT_PAYMENTS, `At most ${MAX_DEPOSIT_PAYMENTS} payments in one deposit`)
      .refine((ids) => new Set(ids).size === ids.length, 'A payment is listed twice'),
    memo: paymentText('Memo', 500).default(''),
  })
  .strict();
export type DepositCreateInput = z.input<typeof depositsCreateSchema>;

export const depositsListSchema = z
  .object({
    officeBankAccountId: idSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .default({ limit: 100 });
export const depositIdSchema = z.object({ depositId: idSchema }).strict();

/** A payment received and not yet in a deposit (or one in a deposit, on its detail). */
export interface DepositPaymentRow {
  paymentId: number;
  number: string;
  date: string;
  accountId: number;
  accountNumber: string;
  accountName: string;
  method: DepositedMethod;
  checkNumber: string;
  reference: string;
  amountCents: number;
}

export interface MethodTotals {
  cashCents: number;
  checkCents: number;
  totalCents: number;
  count: number;
}

/** Totals by method of payments (what the screen shows as boxes are ticked, and what a deposit stores). */
export function totalsByMethod(rows: readonly { method: DepositedMethod; amountCents: number }[]): MethodTotals {
  let cashCents = 0;
  let checkCents = 0;
  for (const r of rows) {
    if (r.method === 'cash') cashCents += r.amountCents;
    else checkCents += r.amountCents;
  }
  return { cashCents, checkCents, totalCents: cashCents + checkCents, count: rows.length };
}

export interface DepositSummary extends MethodTotals {
  id: number;
  number: string;
  depositDate: string;
  officeBankAccountId: number;
  officeBankAccountName: string;
  officeBankAccountLast4: string;
  memo: string;
  createdAt: string;
  createdById: number | null;
  createdBy: string | null;
}

export interface DepositDetail extends DepositSummary {
  payments: DepositPaymentRow[];
}
