import type { CallDirection, CallOutcome, ComplianceRule } from './collections';
import { callOutcomeLabels } from './collections';

/**
 * What a caller needs on a worklist row (docs/clerks-day.md, "A worklist made for calling"): the number
 * to dial, the customer's local time, whether the compliance rules allow a call now and until or from
 * when, the last contact and any promise due. Codes and instants here; the words are made below.
 */
export interface WorklistCalling {
  /** The best number (primary contact first, numbers flagged wrong or do-not-call skipped); null: none left. */
  phone: string | null;
  phoneLabel: string | null;
  contactName: string | null;
  /** The customer's IANA zone (the address's): their local time is read in it. */
  timeZone: string;
  /** Further zones the number's area code suggests; the call must be allowed in them too. */
  phoneZones: string[];
  /** The compliance decision for a call now to that number. */
  callableNow: boolean;
  /** Exempt from the calling rules: a business account, or compliance off in the company settings. */
  exempt: 'commercial' | 'disabled' | null;
  /** When callable now: the instant calls stop being allowed (end of calling hours, an inconvenient time). */
  callableUntil: string | null;
  /** When not callable now: the earliest instant every time rule allows; null when a flag blocks or there is no number. */
  callableFrom: string | null;
  /** The rules that block a call now (codes); [] when callable or when there is no number. */
  blockedBy: ComplianceRule[];
  lastContact: { at: string; outcome: CallOutcome; direction: CallDirection } | null;
  /** The promise to pay whose date has come (due) or passed unkept (broken). */
  promise: { amountCents: number; dueDate: string; state: 'due' | 'broken' } | null;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeFormat(timeZone: string, weekday: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${weekday}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', ...(weekday ? { weekday: 'short' } : {}) });
    timeFormats.set(key, f);
  }
  return f;
}
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayIn = (instant: Date, timeZone: string) => {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(instant);
};

/** "6:55 AM": the wall-clock time at an instant in a zone. */
export const localClock = (instant: Date, timeZone: string) => timeFormat(timeZone, false).format(instant);

/** "8:00 AM" when `at` falls on the same local day as `now`, else "Mon 8:00 AM". */
function clockFrom(at: Date, now: Date, timeZone: string): string {
  return dayIn(at, timeZone) === dayIn(now, timeZone) ? localClock(at, timeZone) : timeFormat(timeZone, true).format(at);
}

/** "1 h 5 min", "45 min", "under a minute". */
export function waitText(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 0) return 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const ruleWords: Record<ComplianceRule, string> = {
  calling_hours: 'outside calling hours',
  inconvenient_time: 'a time the customer asked not to be called',
  call_frequency: '7 calls in 7 days reached',
  conversation_wait: 'spoke within the last 7 days',
  cease_communication: 'asked to stop all contact',
  dispute: 'disputed',
  attorney_represented: 'has an attorney',
  bankruptcy: 'in bankruptcy',
  deceased: 'deceased',
  do_not_call: 'do not call',
  wrong_number: 'wrong number',
};

/** The callable state in words; `allowed` at `now`, `wait` until it is, `why` not (the rules). */
export interface CallableWords {
  allowed: boolean;
  headline: string;
  wait: string | null;
  why: string | null;
}

/**
 * The callable state in words, at `now` (the screen's clock, so the wait counts down between refreshes):
 * "Callable until 9:00 PM", "Callable from 8:00 AM" in 1 h 5 min, "Not callable" (disputed).
 * Times are the customer's local times.
 */
export function callableText(c: WorklistCalling, now: Date): CallableWords {
  if (c.phone === null) return { allowed: false, headline: 'No number to call', wait: null, why: 'every number is missing or marked wrong or do-not-call' };
  const why = c.blockedBy.length ? c.blockedBy.map((r) => ruleWords[r]).join('; ') : null;
  const from = c.callableFrom ? new Date(c.callableFrom) : null;
  if (c.callableNow || (from && from <= now)) {
    if (c.callableUntil && new Date(c.callableUntil) > now)
      return { allowed: true, headline: `Callable until ${clockFrom(new Date(c.callableUntil), now, c.timeZone)}`, wait: null, why: null };
    return { allowed: true, headline: 'Callable now', wait: null, why: c.exempt === 'commercial' ? 'a business account: calling hours do not apply' : null };
  }
  if (from)
    return { allowed: false, headline: `Callable from ${clockFrom(from, now, c.timeZone)}`, wait: `in ${waitText(from.getTime() - now.getTime())}`, why };
  return { allowed: false, headline: 'Not callable', wait: null, why };
}

/** "Left message, Nov 27" (the customer's local date). */
export function lastContactText(c: WorklistCalling): string | null {
  if (!c.lastContact) return null;
  const at = new Date(c.lastContact.at);
  const day = new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone, month: 'short', day: 'numeric' }).format(at);
  return `${callOutcomeLabels[c.lastContact.outcome]}${c.lastContact.direction === 'incoming' ? ' (they called)' : ''}, ${day}`;
}
