import type { bankStatementsContract } from '@shared/ipc/contract/bank-statements';
import type { HandlerSlice } from './types';

export const bankStatementsHandlers: HandlerSlice<keyof typeof bankStatementsContract> = {
  'bankStatements.preview': (input, { services }) => services.bankStatements.preview(input),
  'bankStatements.import': (input, { services, actor }) => services.bankStatements.import(actor, input),
  'bankStatements.list': (input, { services }) => services.bankStatements.list(input),
  'bankStatements.get': (input, { services }) => services.bankStatements.get(input),
};
