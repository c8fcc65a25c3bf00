import type { teamPerformanceContract } from '@shared/ipc/contract/team-performance';
import { signedIn, type HandlerSlice } from './types';

export const teamPerformanceHandlers: HandlerSlice<keyof typeof teamPerformanceContract> = {
  'reports.teamPerformance': (input, { services }) => services.teamPerformance.figures(input),
  // A report run of the caller's session, like the other workbooks (cancellable with reports.cancel).
  'reports.collectionsActivity': async ({ run, ...query }, call) => {
    const { fileName, bytes } = await call.services.reports.build(call.sessionId, run, 'collectionsActivity', signedIn(call).display_name, query);
    return { fileName, base64: bytes.toString('base64') };
  },
};
