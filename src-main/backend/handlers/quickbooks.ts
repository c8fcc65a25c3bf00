import type { quickBooksContract } from '@shared/ipc/contract/quickbooks';
import type { HandlerSlice } from './types';

export const quickBooksHandlers: HandlerSlice<keyof typeof quickBooksContract> = {
  'quickbooks.exportIif': (input, { services }) => services.quickbooks.exportIif(input),
  'quickbooks.accounts': (_input, { services }) => services.quickbooks.accounts(),
  'quickbooks.saveAccounts': (input, { services, actor }) => services.quickbooks.saveAccounts(actor, input),
};
