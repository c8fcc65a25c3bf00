import { endpoint } from '../endpoint';
import type { ReportFile } from '../../domain/report-workbooks';
import { reportCollectionsActivitySchema, teamPerformanceSchema, type TeamPerformance } from '../../domain/team-performance';

/** Collections activity and team performance (docs/reports.md): the figures, and the workbook of them. */
export const teamPerformanceContract = {
  'reports.teamPerformance': endpoint(teamPerformanceSchema).returns<TeamPerformance>(),
  /** The workbook of those figures, built as a report run like the other workbooks (reports.cancel stops it). */
  'reports.collectionsActivity': endpoint(reportCollectionsActivitySchema).returns<ReportFile>(),
};
