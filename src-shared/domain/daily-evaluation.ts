/**
 * The day starts ready (docs/clerks-day.md): the collections evaluation (stages, plans, promises) runs
 * by itself once a business day and at a time of day, and the accounts that reach the worklist with
 * no one on them are assigned by the office's rules. Codes and facts here; words in the screens.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema } from './text';

/** How a run started: the store opened on a new business day, the daily time came, the demo company was made, or a supervisor asked. */
export const evaluationTriggers = ['open', 'schedule', 'demo', 'manual'] as const;
export type EvaluationTrigger = (typeof evaluationTriggers)[number];

/** Who gets new worklist accounts; an account no rule places goes evenly to the clerks on duty. */
export const assignmentModes = ['none', 'round_robin', 'by_stage', 'by_kind', 'by_alphabet'] as const;
export type AssignmentMode = (typeof assignmentModes)[number];

const timeOfDaySchema = z
  .string()
  .max(5)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time of day must be a 24-hour time such as 06:00');
const letterSchema = z
  .string()
  .max(1)
  .regex(/^[A-Z]$/, 'A range starts and ends with a capital letter A to Z');

export const dailyEvaluationSettingsSchema = z
  .object({
    /** Run again at `timeOfDay` (office time) while the app stays open; opening on a new day always runs. */
    scheduleEnabled: z.boolean(),
    timeOfDay: timeOfDaySchema,
    assignment: z
      .object({
        mode: z.enum(assignmentModes),
        byStage: z
          .array(z.object({ stageId: idSchema, userId: idSchema }).strict())
          .max(50)
          .refine((r) => new Set(r.map((x) => x.stageId)).size === r.length, 'Each stage may have one clerk only'),
        byKind: z.object({ consumer: idSchema.nullable(), commercial: idSchema.nullable() }).strict(),
        /** First letter of the account name, inclusive ranges ("A" to "M"); they must not overlap. */
        byAlphabet: z
          .array(z.object({ from: letterSchema, to: letterSchema, userId: idSchema }).strict())
          .max(26)
          .refine((r) => r.every((x) => x.from <= x.to), 'A range must start at or before its last letter')
          .refine((r) => {
            const sorted = [...r].sort((a, b) => a.from.localeCompare(b.from));
            return sorted.every((x, i) => i === 0 || sorted[i - 1]!.to < x.from);
          }, 'Letter ranges must not overlap'),
        /** Clerks not on duty: the even share skips them (their own items stay theirs). */
        offDuty: z.array(idSchema).max(1000),
      })
      .strict(),
  })
  .strict();
export type DailyEvaluationSettings = z.infer<typeof dailyEvaluationSettingsSchema>;

export const defaultDailyEvaluationSettings: DailyEvaluationSettings = {
  scheduleEnabled: true,
  timeOfDay: '06:00',
  assignment: { mode: 'round_robin', byStage: [], byKind: { consumer: null, commercial: null }, byAlphabet: [], offDuty: [] },
};

export const evaluationRunSchema = z.object({ asOf: isoDateSchema.optional() }).strict();

/** One evaluation as recorded: when, by whom (null: automatic), what it did. */
export interface EvaluationRun {
  id: number;
  /** The office's business day it ran on, and the date it evaluated as of (the same unless a supervisor chose). */
  businessDate: string;
  asOf: string;
  trigger: EvaluationTrigger;
  at: string;
  byUserId: number | null;
  /** The person's display name; null for an automatic run. */
  byName: string | null;
  movedUp: number;
  movedDown: number;
  cleared: number;
  tasksCreated: number;
  feesPosted: number;
  plansBroken: number;
  plansCompleted: number;
  promisesDue: number;
  promisesBroken: number;
  assigned: number;
}

export interface DailyEvaluationView {
  settings: DailyEvaluationSettings;
  lastRun: EvaluationRun | null;
  /** When the next automatic run is due (an instant), null when only opening the store runs it. */
  nextRunAt: string | null;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function clockTime(instant: string, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
    timeFormats.set(timeZone, f);
  }
  return f.format(new Date(instant));
}

/**
 * "Last evaluated today at 6:00 AM (automatic)", "... yesterday at 4:12 PM by Sam Okafor": the run's
 * time in the office's zone, the day named relative to the office's `today`.
 */
export function lastEvaluationText(run: EvaluationRun | null | undefined, today: string, timeZone: string, formatDay: (d: string) => string): string {
  if (!run) return 'Not evaluated yet';
  const day =
    run.businessDate === today
      ? 'today'
      : new Date(`${run.businessDate}T00:00:00Z`).getTime() === new Date(`${today}T00:00:00Z`).getTime() - 86_400_000
        ? 'yesterday'
        : `on ${formatDay(run.businessDate)}`;
  const who = run.byName ? `by ${run.byName}` : '(automatic)';
  return `Last evaluated ${day} at ${clockTime(run.at, timeZone)} ${who}`;
}
