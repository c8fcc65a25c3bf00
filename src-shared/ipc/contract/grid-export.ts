import { gridExportSchema } from '../../domain/grid-export';
import type { ReportFile } from '../../domain/report-workbooks';
import { endpoint } from '../endpoint';

/** Export what you see (docs/reports.md): a grid's rows as an .xlsx or a CSV, recorded in the audit log. */
export const gridExportContract = {
  'grids.export': endpoint(gridExportSchema).returns<ReportFile & { rows: number }>(),
};
