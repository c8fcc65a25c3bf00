import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';
import {
  asOfSchema,
  feePostSchema,
  feeRulesUpdateSchema,
  feeRunSchema,
  feeWaiveSchema,
  placementFileSchema,
  planCancelSchema,
  planCreateSchema,
  planGetSchema,
  planListSchema,
  planSettingsUpdateSchema,
  referralListSchema,
  referralRecallSchema,
  referralReferSchema,
  stagesSaveSchema,
  taskCloseSchema,
  worklistAssignSchema,
  worklistGetSchema,
  writeoffDecideSchema,
  writeoffListSchema,
  writeoffRejectSchema,
  writeoffRequestSchema,
  type AccountCollectionView,
  type CollectionTask,
  type FeePostResult,
  type FeePreview,
  type FeeRules,
  type FeeWaiveResult,
  type PaymentPlan,
  type PlacementFile,
  type PlanSettings,
  type Referral,
  type Stage,
  type StageEvaluation,
  type Worklist,
  type WriteoffRequest,
} from '../../domain/collections-policy';
import { idSchema } from '../../domain/text';

/** Collections policy: stages, worklist, payment plans, late fees, referral, write-off requests (docs/collections.md). */
export const collectionsPolicyContract = {
  'stages.list': endpoint(noInput).returns<Stage[]>(),
  'stages.save': endpoint(stagesSaveSchema).returns<Stage[]>(),
  'stages.evaluate': endpoint(asOfSchema).returns<StageEvaluation>(),
  'stages.account': endpoint(z.object({ accountId: idSchema })).returns<AccountCollectionView>(),

  'worklist.get': endpoint(worklistGetSchema).returns<Worklist>(),
  'worklist.assign': endpoint(worklistAssignSchema).returns<{ assigned: number }>(),
  'worklist.closeTask': endpoint(taskCloseSchema).returns<CollectionTask>(),

  'plans.create': endpoint(planCreateSchema).returns<PaymentPlan>(),
  'plans.get': endpoint(planGetSchema).returns<PaymentPlan>(),
  'plans.list': endpoint(planListSchema).returns<PaymentPlan[]>(),
  'plans.cancel': endpoint(planCancelSchema).returns<PaymentPlan>(),
  'plans.getSettings': endpoint(noInput).returns<PlanSettings>(),
  'plans.saveSettings': endpoint(planSettingsUpdateSchema).returns<PlanSettings>(),

  'fees.getRules': endpoint(noInput).returns<FeeRules>(),
  'fees.saveRules': endpoint(feeRulesUpdateSchema).returns<FeeRules>(),
  'fees.preview': endpoint(feeRunSchema).returns<FeePreview>(),
  'fees.post': endpoint(feePostSchema).returns<FeePostResult>(),
  'fees.waive': endpoint(feeWaiveSchema).returns<FeeWaiveResult>(),

  'referrals.refer': endpoint(referralReferSchema).returns<Referral>(),
  'referrals.recall': endpoint(referralRecallSchema).returns<Referral>(),
  'referrals.list': endpoint(referralListSchema).returns<Referral[]>(),
  'referrals.placementFile': endpoint(placementFileSchema).returns<PlacementFile>(),

  'writeoffs.request': endpoint(writeoffRequestSchema).returns<WriteoffRequest>(),
  'writeoffs.approve': endpoint(writeoffDecideSchema).returns<WriteoffRequest>(),
  'writeoffs.reject': endpoint(writeoffRejectSchema).returns<WriteoffRequest>(),
  'writeoffs.list': endpoint(writeoffListSchema).returns<WriteoffRequest[]>(),
};
export type CollectionsPolicyChannel = keyof typeof collectionsPolicyContract;
