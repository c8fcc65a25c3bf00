import type { depositsContract } from '@shared/ipc/contract/deposits';
import type { HandlerSlice } from './types';

export const depositsHandlers: HandlerSlice<keyof typeof depositsContract> = {
  'officeBankAccounts.list': (_input, { services }) => services.deposits.listOfficeAccounts(),
  'officeBankAccounts.save': (input, { services, actor }) => services.deposits.saveOfficeAccount(actor, input),
  'deposits.undeposited': (input, { services }) => services.deposits.undeposited(input),
  'deposits.create': (input, { services, actor }) => services.deposits.create(actor, input),
  'deposits.list': (input, { services }) => services.deposits.list(input),
  'deposits.get': ({ depositId }, { services }) => services.deposits.get(depositId),
};
