import { endpoint } from '../endpoint';
import { dashboardSchema, type Dashboard } from '../../domain/dashboard';

/** The supervisor's dashboard (docs/reports.md, "The dashboard"): as of today unless a date is given. */
export const dashboardContract = {
  'reports.dashboard': endpoint(dashboardSchema).returns<Dashboard>(),
};
