import { reportAgingSchema, reportAuditTrailSchema, reportCashReceiptsSchema, type ReportFile } from '../../domain/report-workbooks';
import { periodFiguresSchema } from '../../domain/period-figures';
import { endpoint } from '../endpoint';

/** Supervisor workbooks (docs/reports.md): each returns the .xlsx bytes and a file name to offer. */
export const reportWorkbooksContract = {
  'reports.aging': endpoint(reportAgingSchema).returns<ReportFile>(),
  'reports.cashReceipts': endpoint(reportCashReceiptsSchema).returns<ReportFile>(),
  'reports.billingPack': endpoint(periodFiguresSchema).returns<ReportFile>(),
  'reports.auditTrail': endpoint(reportAuditTrailSchema).returns<ReportFile>(),
};
