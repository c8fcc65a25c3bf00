import type { collectionsPolicyContract } from '@shared/ipc/contract/collections-policy';
import { signedIn, type HandlerSlice } from './types';

export const collectionsPolicyHandlers: HandlerSlice<keyof typeof collectionsPolicyContract> = {
  'stages.list': (_input, { services }) => services.stages.list(),
  'stages.save': (input, { services, actor }) => services.stages.save(actor, input),
  'stages.evaluate': (input, { services, actor }) => services.stages.evaluate(actor, input.asOf),
  'stages.account': (input, { services }) => services.stages.account(input.accountId),

  'worklist.get': (input, call) => call.services.worklist.get(input, { userId: call.actor.userId, role: signedIn(call).role }),
  'worklist.assign': (input, { services, actor }) => services.worklist.assign(actor, input),
  'worklist.closeTask': (input, { services, actor }) => services.stages.closeTask(actor, input),

  'plans.create': (input, { services, actor }) => services.plans.create(actor, input),
  'plans.get': (input, { services }) => services.plans.get(input.planId, input.asOf),
  'plans.list': (input, { services }) => services.plans.list(input),
  'plans.cancel': (input, { services, actor }) => services.plans.cancel(actor, input.planId, input.reason),
  'plans.getSettings': (_input, { services }) => services.plans.getSettings(),
  'plans.saveSettings': (input, { services, actor }) => services.plans.saveSettings(actor, input),

  'fees.getRules': (_input, { services }) => services.fees.getRules(),
  'fees.saveRules': (input, { services, actor }) => services.fees.saveRules(actor, input),
  'fees.preview': (input, { services }) => services.fees.preview(input.asOf),
  'fees.post': (input, { services, actor }) => services.fees.post(actor, input),
  'fees.waive': (input, { services, actor }) => services.fees.waive(actor, input.feeDocumentId, input.reason),

  'referrals.refer': (input, { services, actor }) => services.referrals.refer(actor, input),
  'referrals.recall': (input, { services, actor }) => services.referrals.recall(actor, input),
  'referrals.list': (input, { services }) => services.referrals.list(input),
  'referrals.placementFile': (input, { services, actor }) => services.referrals.placementFile(actor, input.accountIds),

  'writeoffs.request': (input, { services, actor }) => services.writeoffs.request(actor, input),
  'writeoffs.approve': (input, { services, actor }) => services.writeoffs.approve(actor, input.requestId, input.note),
  'writeoffs.reject': (input, { services, actor }) => services.writeoffs.reject(actor, input.requestId, input.note),
  'writeoffs.list': (input, { services }) => services.writeoffs.list(input),
};
