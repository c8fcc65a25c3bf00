import type { returnsContract } from '@shared/ipc/contract/returns';
import type { HandlerSlice } from './types';

export const returnsHandlers: HandlerSlice<keyof typeof returnsContract> = {
  'returns.record': (input, { services, actor }) => services.returns.record(actor, input),
  'returns.preview': (input, { services }) => services.returns.preview(input),
  'returns.importNacha': (input, { services, actor }) => services.returns.importNacha(actor, input),
  'returns.list': (input, { services }) => services.returns.list(input),
};
