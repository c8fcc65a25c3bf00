import type { StageEvaluation } from '../../domain/collections-policy';
import { dailyEvaluationSettingsSchema, evaluationRunSchema, type DailyEvaluationView, type EvaluationRun } from '../../domain/daily-evaluation';
import { endpoint, noInput } from '../endpoint';

/** The day starts ready (docs/clerks-day.md): the daily evaluation's settings, its last run, and a supervisor's run. */
export const dailyEvaluationContract = {
  'evaluations.get': endpoint(noInput).returns<DailyEvaluationView>(),
  'evaluations.saveSettings': endpoint(dailyEvaluationSettingsSchema).returns<DailyEvaluationView>(),
  'evaluations.run': endpoint(evaluationRunSchema).returns<{ run: EvaluationRun; evaluation: StageEvaluation }>(),
};
