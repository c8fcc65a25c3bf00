import {
  reconciliationIdSchema,
  reconciliationListSchema,
  reconciliationMatchSchema,
  reconciliationNoteSchema,
  reconciliationReportSchema,
  reconciliationStartSchema,
  reconciliationUnmatchSchema,
  type ReconciliationList,
  type ReconciliationReport,
  type ReconciliationView,
} from '../../domain/reconciliation';
import { endpoint } from '../endpoint';

/** Bank reconciliation (docs/money-in.md, "Reconciliation"): a period of an office bank account matched to the bank's statement. */
export const reconciliationContract = {
  'reconciliations.list': endpoint(reconciliationListSchema).returns<ReconciliationList>(),
  'reconciliations.start': endpoint(reconciliationStartSchema).returns<ReconciliationView>(),
  'reconciliations.get': endpoint(reconciliationIdSchema).returns<ReconciliationView>(),
  'reconciliations.match': endpoint(reconciliationMatchSchema).returns<ReconciliationView>(),
  'reconciliations.unmatch': endpoint(reconciliationUnmatchSchema).returns<ReconciliationView>(),
  'reconciliations.note': endpoint(reconciliationNoteSchema).returns<ReconciliationView>(),
  'reconciliations.finish': endpoint(reconciliationIdSchema).returns<ReconciliationView>(),
  'reconciliations.report': endpoint(reconciliationReportSchema).returns<ReconciliationReport>(),
};
