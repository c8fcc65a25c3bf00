import type { bankAccountsContract } from '@shared/ipc/contract/bank-accounts';
import type { HandlerSlice } from './types';

export const bankAccountsHandlers: HandlerSlice<keyof typeof bankAccountsContract> = {
  'bankAccounts.list': (input, { services }) => services.bankAccounts.list(input),
  'bankAccounts.add': (input, { services, actor }) => services.bankAccounts.add(actor, input),
  'bankAccounts.reveal': (input, { services, actor }) => services.bankAccounts.reveal(actor, input),
  'bankAccounts.markUnusable': (input, { services, actor }) => services.bankAccounts.markUnusable(actor, input),
};
