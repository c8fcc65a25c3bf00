import { endpoint } from '../endpoint';
import { teamPerformanceSchema, type TeamPerformance } from '../../domain/team-performance';

/** Collections activity and team performance (docs/reports.md): the figures, and the workbook of them. */
export const teamPerformanceContract = {
  'reports.teamPerformance': endpoint(teamPerformanceSchema).returns<TeamPerformance>(),
};
