import type { reportWorkbooksContract } from '@shared/ipc/contract/report-workbooks';
import { signedIn, type HandlerSlice } from './types';

export const reportWorkbooksHandlers: HandlerSlice<keyof typeof reportWorkbooksContract> = {
  'reports.aging': async (input, call) => {
    const { fileName, bytes } = await call.services.reports.aging(signedIn(call).display_name, input);
    return { fileName, base64: bytes.toString('base64') };
  },
  'reports.cashReceipts': async (input, call) => {
    const { fileName, bytes } = await call.services.reports.cashReceipts(signedIn(call).display_name, input);
    return { fileName, base64: bytes.toString('base64') };
  },
  'reports.billingPack': async (input, call) => {
    const { fileName, bytes } = await call.services.reports.billingPack(signedIn(call).display_name, input);
    return { fileName, base64: bytes.toString('base64') };
  },
  'reports.auditTrail': async (input, call) => {
    const { fileName, bytes } = await call.services.reports.auditTrail(signedIn(call).display_name, input);
    return { fileName, base64: bytes.toString('base64') };
  },
};
