/**
 * When the automatic evaluation is due: a pure function of the trigger, the clock, the office's zone,
 * the settings and the last run of the day, so it is tested without waiting for a morning.
 */
import { addDays, dateInZone } from '@shared/dates';
import type { DailyEvaluationSettings } from '@shared/domain/daily-evaluation';
import { zonedInstant } from '../compliance/zoned';

export interface DueState {
  /** 'open': the store was opened (or the demo made); 'schedule': the periodic check while the app is open. */
  trigger: 'open' | 'schedule';
  now: Date;
  timeZone: string;
  settings: Pick<DailyEvaluationSettings, 'scheduleEnabled' | 'timeOfDay'>;
  /** The newest run of the office's current business day evaluated as of that day (any trigger), if any. */
  lastRunTodayAt: Date | null;
}

/** Today's scheduled moment (office time), whether or not it has passed. */
export function todaysSlot(now: Date, timeOfDay: string, timeZone: string): Date {
  return zonedInstant(dateInZone(now, timeZone), timeOfDay, timeZone);
}

/**
 * Opening the store: due once per business day (a run of the day, even a supervisor's, counts). The
 * periodic check: due once today's time has come, unless a run happened since then; it never runs at
 * midnight just because the day changed while the app was open.
 */
export function evaluationDue(s: DueState): boolean {
  if (s.trigger === 'open') return s.lastRunTodayAt === null;
  if (!s.settings.scheduleEnabled) return false;
  const slot = todaysSlot(s.now, s.settings.timeOfDay, s.timeZone).getTime();
  if (s.now.getTime() < slot) return false;
  return s.lastRunTodayAt === null || s.lastRunTodayAt.getTime() < slot;
}

/** When the periodic check will next run it: today's time if still to come (or due now), else tomorrow's; null when the schedule is off. */
export function nextRunAt(s: Omit<DueState, 'trigger'>): Date | null {
  if (!s.settings.scheduleEnabled) return null;
  const slot = todaysSlot(s.now, s.settings.timeOfDay, s.timeZone);
  if (s.now.getTime() < slot.getTime()) return slot;
  if (evaluationDue({ ...s, trigger: 'schedule' })) return s.now;
  return zonedInstant(addDays(dateInZone(s.now, s.timeZone), 1), s.settings.timeOfDay, s.timeZone);
}
