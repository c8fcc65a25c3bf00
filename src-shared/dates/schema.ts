import { z } from 'zod';
import { DATE_RANGE_MESSAGE, isCalendarDate, isIsoDate } from './index';

/** Why text is not an accepted business date, or null: one message, the first that applies. */
function dateProblem(s: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'Date must be YYYY-MM-DD';
  if (!isCalendarDate(s)) return 'Not a calendar date';
  return isIsoDate(s) ? null : DATE_RANGE_MESSAGE;
}

/** A business date in every endpoint: YYYY-MM-DD, a real day, within MIN_DATE..MAX_DATE. */
export const isoDateSchema = z
  .string()
  .max(10, 'Date must be YYYY-MM-DD')
  .superRefine((s, ctx) => {
    const problem = s.length > 10 ? null : dateProblem(s); // a longer string has its one message from max()
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An instant (a call's start): ISO-8601 with an offset, its date within the same range as business dates. */
const INSTANT_MESSAGE = 'Must be an ISO-8601 instant such as 2026-03-09T14:30:00Z';
export const instantSchema = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .max(40, INSTANT_MESSAGE)
  .refine((s) => isIsoDate(s.slice(0, 10)), DATE_RANGE_MESSAGE);
