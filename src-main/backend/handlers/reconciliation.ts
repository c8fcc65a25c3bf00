import type { reconciliationContract } from '@shared/ipc/contract/reconciliation';
import { type HandlerSlice, signedIn } from './types';

export const reconciliationHandlers: HandlerSlice<keyof typeof reconciliationContract> = {
  'reconciliations.list': (input, { services }) => services.reconciliation.list(input.officeBankAccountId),
  'reconciliations.start': (input, { services, actor }) => services.reconciliation.start(actor, input),
  'reconciliations.get': (input, { services }) => services.reconciliation.get(input.reconciliationId),
  'reconciliations.match': (input, { services, actor }) => services.reconciliation.match(actor, input),
  'reconciliations.unmatch': (input, { services, actor }) => services.reconciliation.unmatch(actor, input),
  'reconciliations.note': (input, { services, actor }) => services.reconciliation.note(actor, input),
  'reconciliations.finish': (input, { services, actor }) => services.reconciliation.finish(actor, input.reconciliationId),
  'reconciliations.report': (input, call) => call.services.reconciliation.report(input.reconciliationId, input.format, signedIn(call).display_name),
};
