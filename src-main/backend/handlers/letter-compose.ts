import type { letterComposeContract } from '@shared/ipc/contract/letter-compose';
import type { HandlerSlice } from './types';

export const letterComposeHandlers: HandlerSlice<keyof typeof letterComposeContract> = {
  'letters.compose': (input, call) => call.services.documents.letters.compose(call, input),
  'letters.deliveryPreference': ({ accountId }, { services }) => services.documents.letters.consent.get(accountId),
  'letters.setLettersByEmail': ({ accountId, lettersByEmail }, { services, actor }) => services.documents.letters.consent.set(actor, accountId, lettersByEmail),
};
