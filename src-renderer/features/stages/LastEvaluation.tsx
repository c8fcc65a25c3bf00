import type { EvaluationRun } from '@shared/domain/daily-evaluation';
import { lastEvaluationText } from '@shared/domain/daily-evaluation';
import { formatDate } from '@shared/dates';
import { useBusinessToday, useCompanySettings } from '../accounts/api';

/** "Last evaluated today at 6:00 AM (automatic)": the worklist's header line (docs/clerks-day.md). */
export function LastEvaluation({ run }: { run: EvaluationRun | null | undefined }) {
  const today = useBusinessToday();
  const company = useCompanySettings();
  const zone = company.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return <span data-testid="worklist-last-evaluation">{lastEvaluationText(run, today, zone, formatDate)}.</span>;
}
