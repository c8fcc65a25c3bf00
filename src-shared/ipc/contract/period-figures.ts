import { endpoint } from '../endpoint';
import { periodFiguresSchema, type PeriodFigures } from '../../domain/period-figures';

/** Monthly and quarterly receivables figures and KPIs (docs/reports.md, "Figures and KPIs"). */
export const periodFiguresContract = {
  'reports.periodFigures': endpoint(periodFiguresSchema).returns<PeriodFigures>(),
};
