import type { dashboardContract } from '@shared/ipc/contract/dashboard';
import type { HandlerSlice } from './types';

export const dashboardHandlers: HandlerSlice<keyof typeof dashboardContract> = {
  'reports.dashboard': (input, { services }) => services.dashboard.dashboard(input),
};
