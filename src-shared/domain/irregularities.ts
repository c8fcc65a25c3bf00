import { z } from 'zod';
import type { IsoDate } from '../dates';
import { updateSchema } from './partial-update';

/**
 * The specialist's discrepancy view (docs/money-in.md, Irregularities): five checks over the money
 * that came in. Three of them look only at items older than a number of days, a setting per check.
 */
export const irregularityChecks = ['undeposited', 'unapplied', 'unmatched', 'mismatch', 'duplicates'] as const;
export type IrregularityCheck = (typeof irregularityChecks)[number];

const days = (label: string) =>
  z.number().int(`${label} must be a whole number of days`).min(0, `${label} must be 0 days or more`).max(3650, `${label} must be at most 3650 days`);

/** How old an item must be (more than this many days) before each dated check lists it. */
export const irregularitySettingsSchema = z.object({
  undeposited: days('Payments not yet deposited'),
  unapplied: days('Unapplied credits'),
  unmatched: days('Deposits not matched by the bank'),
});
export type IrregularitySettings = z.output<typeof irregularitySettingsSchema>;

export const defaultIrregularitySettings: IrregularitySettings = { undeposited: 3, unapplied: 30, unmatched: 5 };

/** A change of the saved days: the checks given, the others kept. */
export const irregularitySettingsPatchSchema = updateSchema(irregularitySettingsSchema).strict();

/** irregularities.get: the saved days unless other days are given for this look (nothing is saved). */
export const irregularitiesQuerySchema = z.object({ olderThanDays: irregularitySettingsPatchSchema.optional() }).strict();
export type IrregularitiesQuery = z.input<typeof irregularitiesQuerySchema>;

/** Where a row leads on screen. */
export type IrregularityLink =
  | { kind: 'account'; accountId: number }
  | { kind: 'document'; accountId: number; documentId: number }
  | { kind: 'deposit'; depositId: number };

/** One thing that needs a look. Codes and data only; the screen puts them in words. */
export interface IrregularityItem {
  /** Unique within its check (for the grid). */
  key: string;
  /** What it is: a payment, a credit note, a deposit, an account. */
  subject: 'payment' | 'credit_note' | 'deposit' | 'account';
  /** The document's or deposit's number; null for an account. */
  number: string | null;
  accountId: number | null;
  accountNumber: string | null;
  accountName: string | null;
  /** A payment's method (cash, check, card, ach, bank_transfer). */
  method: string | null;
  /** The document's or deposit's date; null for an account. */
  date: IsoDate | null;
  /** Days from `date` to today. */
  ageDays: number | null;
  /**
   * The amount: a payment's or deposit's total, a credit's open amount, a mismatch's difference
   * (stored balance minus open items less unapplied credit).
   */
  amountCents: number;
  /** Mismatch: the figures that disagree (stored balance, sum of the ledger, open items less unapplied credit). */
  figures?: { balanceCents: number; ledgerCents: number; openItemsCents: number };
  /** Duplicates: how many payments share this account, amount and date. */
  groupSize?: number;
  link: IrregularityLink;
}

export interface IrregularitySection {
  check: IrregularityCheck;
  /** False when the tables the check needs are not in this store (nothing to check against). */
  available: boolean;
  /** The days this look used; null for the undated checks (mismatch, duplicates). */
  olderThanDays: number | null;
  /** Every item found (the list may stop at ITEM_LIMIT). */
  count: number;
  totalCents: number;
  items: IrregularityItem[];
}

export interface IrregularitiesReport {
  today: IsoDate;
  settings: IrregularitySettings;
  sections: IrregularitySection[];
}

/** The rows listed per check; the count and total cover every item. */
export const IRREGULARITY_ITEM_LIMIT = 2000;
