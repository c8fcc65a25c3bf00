import {
  depositIdSchema,
  depositsCreateSchema,
  depositsListSchema,
  depositsUndepositedSchema,
  officeBankAccountSaveSchema,
  type DepositDetail,
  type DepositPaymentRow,
  type DepositSummary,
  type OfficeBankAccount,
} from '../../domain/deposits';
import { endpoint, noInput } from '../endpoint';

/** Deposits (docs/money-in.md, Deposits): the office's bank accounts, payments not yet deposited, deposits and their slips. */
export const depositsContract = {
  'officeBankAccounts.list': endpoint(noInput).returns<OfficeBankAccount[]>(),
  'officeBankAccounts.save': endpoint(officeBankAccountSaveSchema).returns<OfficeBankAccount>(),
  'deposits.undeposited': endpoint(depositsUndepositedSchema).returns<DepositPaymentRow[]>(),
  'deposits.create': endpoint(depositsCreateSchema).returns<DepositDetail>(),
  'deposits.list': endpoint(depositsListSchema).returns<DepositSummary[]>(),
  'deposits.get': endpoint(depositIdSchema).returns<DepositDetail>(),
};
