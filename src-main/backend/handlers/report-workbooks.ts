import type { reportWorkbooksContract } from '@shared/ipc/contract/report-workbooks';
import type { ReportKind, ReportQueries } from '../services/reports';
import { signedIn, type CallContext, type HandlerSlice } from './types';

/** Builds the workbook as a run of the caller's session (cancellable with reports.cancel) and sends its bytes. */
async function report<K extends ReportKind>(call: CallContext, kind: K, input: ReportQueries[K] & { run?: string }) {
  const { run, ...query } = input;
  const { fileName, bytes } = await call.services.reports.build(call.sessionId, run, kind, signedIn(call).display_name, query as ReportQueries[K]);
  return { fileName, base64: bytes.toString('base64') };
}

export const reportWorkbooksHandlers: HandlerSlice<keyof typeof reportWorkbooksContract> = {
  'reports.aging': (input, call) => report(call, 'aging', input),
  'reports.cashReceipts': (input, call) => report(call, 'cashReceipts', input),
  'reports.billingPack': (input, call) => report(call, 'billingPack', input),
  'reports.auditTrail': (input, call) => report(call, 'auditTrail', input),
  'reports.cancel': ({ run }, call) => call.services.reports.cancel(call.sessionId, run),
};
