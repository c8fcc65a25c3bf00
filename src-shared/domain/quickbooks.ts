import { z } from 'zod';
import { updateSchema } from './partial-update';
import { isoDateSchema, requiredText } from './text';

/**
 * A QuickBooks account name: up to 31 characters a level, levels joined by ":" (a subaccount,
 * "Income:Late Fees"); no quotes, which IIF reads as the start of a quoted value.
 */
const accountName = (label: string) =>
  requiredText(label, 159)
    .refine((s) => !s.includes('"'), `${label} may not contain a double quote`)
    .refine(
      (s) => s.split(':').every((p) => p.trim().length > 0 && p.length <= 31),
      `${label} must be at most 31 characters a level (levels joined by a colon)`,
    );

/** The QuickBooks accounts the IIF export posts to (docs/quickbooks.md), stored under the setting `quickbooks.accounts`. */
export const quickBooksAccountsSchema = z.object({
  receivables: accountName('Accounts receivable'),
  income: accountName('Income'),
  salesTax: accountName('Sales tax payable'),
  undepositedFunds: accountName('Undeposited funds'),
  lateFeeIncome: accountName('Late fee income'),
  badDebt: accountName('Bad debt'),
});
export type QuickBooksAccounts = z.output<typeof quickBooksAccountsSchema>;

/** QuickBooks Desktop's own names for these accounts where it has them; what a new company file holds. */
export const defaultQuickBooksAccounts: QuickBooksAccounts = {
  receivables: 'Accounts Receivable',
  income: 'Sales',
  salesTax: 'Sales Tax Payable',
  undepositedFunds: 'Undeposited Funds',
  lateFeeIncome: 'Late Fee Income',
  badDebt: 'Bad Debt',
};

/** A settings change: the accounts given, the others kept. */
export const quickBooksAccountsPatchSchema = updateSchema(quickBooksAccountsSchema).strict();

/** The period whose receivables activity is exported: documents dated from..to, both included. */
export const quickBooksExportSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' });
export type QuickBooksExportQuery = z.input<typeof quickBooksExportSchema>;

/** The IIF file (Windows-1252 bytes, as QuickBooks Desktop reads them) and what it holds. */
export interface QuickBooksExport {
  fileName: string;
  base64: string;
  /** Journal entries in the file: one per posted document of the period. */
  transactions: number;
  /** Sum of the debits (= the credits) of all entries, in cents. */
  debitCents: number;
}
