import type { dailyEvaluationContract } from '@shared/ipc/contract/daily-evaluation';
import type { HandlerSlice } from './types';

export const dailyEvaluationHandlers: HandlerSlice<keyof typeof dailyEvaluationContract> = {
  'evaluations.get': (_input, { services }) => services.dailyEvaluation.view(),
  'evaluations.saveSettings': (input, { services, actor }) => services.dailyEvaluation.saveSettings(actor, input),
  'evaluations.run': (input, { services, actor }) => services.dailyEvaluation.run(actor, input.asOf),
};
