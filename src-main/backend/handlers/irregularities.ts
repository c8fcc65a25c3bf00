import type { irregularitiesContract } from '@shared/ipc/contract/irregularities';
import type { HandlerSlice } from './types';

export const irregularitiesHandlers: HandlerSlice<keyof typeof irregularitiesContract> = {
  'irregularities.get': (input, { services }) => services.irregularities.get(input),
  'irregularities.saveSettings': (input, { services, actor }) => services.irregularities.saveSettings(actor, input),
};
