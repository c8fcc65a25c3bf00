import type { collectionsContract } from '@shared/ipc/contract/collections';
import type { CallContext, HandlerSlice } from './types';
import type { Caller } from '../services/compliance';

const caller = (call: CallContext): Caller => ({ actor: call.actor, role: call.user?.role ?? null });

export const collectionsHandlers: HandlerSlice<keyof typeof collectionsContract> = {
  'compliance.checkCall': (input, { services }) => services.compliance.checkCall(input),
  'compliance.checkLetter': (input, { services }) => services.compliance.checkLetter(input),
  'compliance.overrides': (input, { services }) => services.compliance.overrides(input),
  'compliance.recordValidationNotice': (input, { services, actor }) => services.compliance.recordValidationNotice(actor, input),
  'compliance.validationNotice': (input, { services }) => services.compliance.validationNotice(input.accountId),
  'compliance.inconvenientTimes': (input, { services }) => services.compliance.listInconvenientTimes(input.accountId),
  'compliance.addInconvenientTime': (input, { services, actor }) => services.compliance.addInconvenientTime(actor, input),
  'compliance.withdrawInconvenientTime': (input, { services, actor }) => services.compliance.withdrawInconvenientTime(actor, input),
  'compliance.getSettings': (_input, { services }) => services.compliance.getSettings(),
  'compliance.updateSettings': (input, { services, actor }) => services.compliance.updateSettings(actor, input),

  'calls.log': (input, call) => call.services.calls.log(caller(call), input),
  'calls.list': (input, { services }) => services.calls.list(input.accountId, input.limit),

  'promises.list': (input, { services }) => services.promises.list(input.accountId, input.asOf),

  'flags.list': (input, { services }) => services.flags.list(input.accountId, input.includeCleared),
  'flags.set': (input, { services, actor }) => services.flags.set(actor, input),
  'flags.clear': (input, call) => call.services.flags.clear(caller(call), input),
  'flags.recordVerification': (input, { services, actor }) => services.flags.recordVerification(actor, input),

  'timeline.get': (input, { services }) => services.timeline.get(input.accountId, input.limit),
};
