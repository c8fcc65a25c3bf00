import {
  reportAgingSchema,
  reportAuditTrailSchema,
  reportBillingPackSchema,
  reportCancelSchema,
  reportCashReceiptsSchema,
  type ReportFile,
} from '../../domain/report-workbooks';
import { endpoint } from '../endpoint';

/**
 * Supervisor workbooks (docs/reports.md): each returns the .xlsx bytes and a file name to offer. Each
 * takes an optional `run` id: `progress` events (task 'report') carry it while the workbook is built,
 * and reports.cancel names it.
 */
export const reportWorkbooksContract = {
  'reports.aging': endpoint(reportAgingSchema).returns<ReportFile>(),
  'reports.cashReceipts': endpoint(reportCashReceiptsSchema).returns<ReportFile>(),
  'reports.billingPack': endpoint(reportBillingPackSchema).returns<ReportFile>(),
  'reports.auditTrail': endpoint(reportAuditTrailSchema).returns<ReportFile>(),
  /** Stops this session's report run: true if it was going (its call then answers CANCELLED), false if not. */
  'reports.cancel': endpoint(reportCancelSchema).returns<boolean>(),
};
