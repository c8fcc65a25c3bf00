import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';
import {
  callLogSchema,
  callsListSchema,
  checkCallSchema,
  checkLetterSchema,
  collectionsSettingsSchema,
  flagClearSchema,
  flagSetSchema,
  flagsListSchema,
  inconvenientTimeSchema,
  overridesListSchema,
  promisesListSchema,
  recordVerificationSchema,
  timelineGetSchema,
  validationNoticeSchema,
  type CallRecord,
  type CollectionFlag,
  type CollectionsSettings,
  type ComplianceCheck,
  type ComplianceOverride,
  type InconvenientTime,
  type PromiseToPay,
  type TimelineEntry,
  type ValidationNotice,
} from '../../domain/collections';
import { idSchema, requiredText } from '../../domain/text';
import { updateSchema } from '../../domain/partial-update';

/** Collections contact: compliance checks and overrides, call log, promises, flags, timeline. docs/compliance.md. */
export const collectionsContract = {
  'compliance.checkCall': endpoint(checkCallSchema).returns<ComplianceCheck>(),
  'compliance.checkLetter': endpoint(checkLetterSchema).returns<ComplianceCheck>(),
  'compliance.overrides': endpoint(overridesListSchema).returns<ComplianceOverride[]>(),
  'compliance.recordValidationNotice': endpoint(validationNoticeSchema).returns<ValidationNotice>(),
  'compliance.validationNotice': endpoint(z.object({ accountId: idSchema })).returns<ValidationNotice | null>(),
  'compliance.inconvenientTimes': endpoint(z.object({ accountId: idSchema })).returns<InconvenientTime[]>(),
  'compliance.addInconvenientTime': endpoint(inconvenientTimeSchema).returns<InconvenientTime>(),
  'compliance.withdrawInconvenientTime': endpoint(z.object({ id: idSchema, reason: requiredText('Reason', 1000) })).returns<null>(),
  'compliance.getSettings': endpoint(noInput).returns<CollectionsSettings>(),
  'compliance.updateSettings': endpoint(updateSchema(collectionsSettingsSchema)).returns<CollectionsSettings>(),

  'calls.log': endpoint(callLogSchema).returns<CallRecord>(),
  'calls.list': endpoint(callsListSchema).returns<CallRecord[]>(),

  'promises.list': endpoint(promisesListSchema).returns<PromiseToPay[]>(),

  'flags.list': endpoint(flagsListSchema).returns<CollectionFlag[]>(),
  'flags.set': endpoint(flagSetSchema).returns<CollectionFlag>(),
  'flags.clear': endpoint(flagClearSchema).returns<CollectionFlag>(),
  'flags.recordVerification': endpoint(recordVerificationSchema).returns<CollectionFlag>(),

  'timeline.get': endpoint(timelineGetSchema).returns<TimelineEntry[]>(),
};
export type CollectionsChannel = keyof typeof collectionsContract;
