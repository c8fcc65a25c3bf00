import type { teamPerformanceContract } from '@shared/ipc/contract/team-performance';
import type { HandlerSlice } from './types';

export const teamPerformanceHandlers: HandlerSlice<keyof typeof teamPerformanceContract> = {
  'reports.teamPerformance': (input, { services }) => services.teamPerformance.figures(input),
};
