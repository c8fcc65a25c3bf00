import { endpoint } from '../endpoint';
import {
  bankAccountAddSchema,
  bankAccountListSchema,
  bankAccountMarkUnusableSchema,
  bankAccountRevealSchema,
  type BankAccountRevealed,
  type BankAccountSummary,
} from '../../domain/bank-accounts';

/** Customers' bank (debit) accounts (docs/money-in.md, Bank accounts): masked everywhere; reveal is audited. */
export const bankAccountsContract = {
  'bankAccounts.list': endpoint(bankAccountListSchema).returns<BankAccountSummary[]>(),
  'bankAccounts.add': endpoint(bankAccountAddSchema).returns<BankAccountSummary>(),
  'bankAccounts.reveal': endpoint(bankAccountRevealSchema).returns<BankAccountRevealed>(),
  'bankAccounts.markUnusable': endpoint(bankAccountMarkUnusableSchema).returns<BankAccountSummary>(),
};
