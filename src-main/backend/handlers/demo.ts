import type { demoContract } from '@shared/ipc/contract/demo';
import type { HandlerSlice } from './types';

export const demoHandlers: HandlerSlice<keyof typeof demoContract> = {
  'app.openDemo': (_input, { sessionId, services }) => services.demo.open(services, sessionId),
};
