import { addDays, daysBetween, type IsoDate } from '@shared/dates';
import { phoneDigits } from '@shared/domain/accounts';
import { areaCodeOf } from '@shared/domain/area-codes';
import {
  conversationOutcomes,
  ruleCitations,
  ruleLabels,
  weekdayNames,
  type CallDirection,
  type CallOutcome,
  type ComplianceBlock,
  type ComplianceCheck,
  type ComplianceRule,
  type FlagKind,
  type LetterPurpose,
  type LocalTime,
} from '@shared/domain/collections';
import { clockSeconds, formatInZone, startOfLocalDay, wallTime, zonedInstant } from './zoned';

/**
 * The compliance engine: pure functions over the facts the service loads (no database, no clock).
 * Each rule is explained, with its citation and limits, in docs/compliance.md.
 */

export const CALLING_HOURS = { start: '08:00', end: '21:00' } as const;
/** The 7-in-7 limit and the wait after a conversation (1006.14(b)(2)). */
export const FREQUENCY = { attempts: 7, days: 7 } as const;

export interface FlagFact {
  id: number;
  kind: FlagKind;
  /** Digits, for number flags. */
  phone: string | null;
  details: Record<string, unknown>;
  setAt: string;
}

export interface InconvenientRange {
  weekdays: readonly number[];
  start: string; // HH:MM
  end: string; // HH:MM or 24:00
  note: string;
}

export interface PriorCall {
  startedAt: string;
  direction: CallDirection;
  outcome: CallOutcome;
}

export interface CallFacts {
  at: Date;
  accountKind: 'consumer' | 'commercial';
  complianceEnabled: boolean;
  /** The zone of the consumer's address (the account's time zone). */
  addressZone: string;
  phone: string;
  /** The zones of the phone's area code; [] when the code is unknown (then it does not narrow). */
  phoneZones: readonly string[];
  personName: string;
  openFlags: readonly FlagFact[];
  /** The consumer's designated inconvenient times that apply to this person. */
  inconvenientTimes: readonly InconvenientRange[];
  /** Earlier calls with this person about this account (this debt). */
  priorCalls: readonly PriorCall[];
}

export interface LetterFacts {
  accountKind: 'consumer' | 'commercial';
  complianceEnabled: boolean;
  purpose: LetterPurpose;
  openFlags: readonly FlagFact[];
}

/** A rule that blocks for a while: returns the instant it stops blocking, or null when it allows `t`. */
interface TimeRule {
  rule: ComplianceRule;
  blockedUntil(t: Date): Date | null;
  explain(t: Date): string;
}

const fmt = formatInZone;

function block(rule: ComplianceRule, what: string, allowedAt: Date | undefined, zone: string | null): ComplianceBlock {
  const when = allowedAt && zone ? ` Allowed from ${fmt(allowedAt, zone)}.` : ' Allowed only when the flag is cleared.';
  return {
    rule,
    message: `${ruleLabels[rule]}: ${what}.${when} (${ruleCitations[rule]})`,
    ...(allowedAt ? { allowedAt: allowedAt.toISOString() } : {}),
    citation: ruleCitations[rule],
  };
}

// ---- Time-based rules ----

/** The zones a call must be convenient in: the address's zone and every zone of the phone's area code. */
export function callZones(addressZone: string, phoneZones: readonly string[]): { zone: string; source: LocalTime['source'] }[] {
  const out: { zone: string; source: LocalTime['source'] }[] = [{ zone: addressZone, source: 'address' }];
  for (const z of phoneZones) if (!out.some((o) => o.zone === z)) out.push({ zone: z, source: 'area_code' });
  return out;
}

export function localTimes(at: Date, zones: { zone: string; source: LocalTime['source'] }[]): LocalTime[] {
  return zones.map(({ zone, source }) => {
    const w = wallTime(at, zone);
    return { zone, source, date: w.date, time: w.hhmm, weekday: weekdayNames[w.weekday] ?? '' };
  });
}

/**
 * 1006.6(b)(1)(i): convenient is 08:00 to 21:00 local. 21:00:00 itself is allowed, 21:00:01 is not
 * ("after 9 p.m."). Must hold in every zone.
 */
export function callingHoursRule(zones: { zone: string; source: LocalTime['source'] }[], phone: string): TimeRule {
  const start = clockSeconds(CALLING_HOURS.start);
  const end = clockSeconds(CALLING_HOURS.end);
  const untilIn = (t: Date, zone: string): Date | null => {
    const w = wallTime(t, zone);
    if (w.seconds < start) return zonedInstant(w.date, CALLING_HOURS.start, zone);
    if (w.seconds > end) return zonedInstant(addDays(w.date, 1), CALLING_HOURS.start, zone);
    return null;
  };
  return {
    rule: 'calling_hours',
    blockedUntil(t) {
      let latest: Date | null = null;
      for (const { zone } of zones) {
        const u = untilIn(t, zone);
        if (u && (!latest || u > latest)) latest = u;
      }
      return latest;
    },
    explain(t) {
      const code = areaCodeOf(phone);
      const parts = zones.map(({ zone, source }) => `${wallTime(t, zone).hhmm} in ${zone} (${source === 'address' ? 'address' : `area code ${code}`})`);
      return `it is ${parts.join(' and ')}; calls are allowed ${CALLING_HOURS.start}-${CALLING_HOURS.end} in ${zones.length > 1 ? 'every one of the consumer\u2019s time zones' : 'the consumer\u2019s time zone'}`;
    },
  };
}

/** The consumer's own inconvenient times, read in the address's zone. A range is [start, end). */
export function inconvenientTimeRule(zone: string, ranges: readonly InconvenientRange[]): TimeRule {
  const hit = (t: Date) => {
    const w = wallTime(t, zone);
    return ranges.find((r) => r.weekdays.includes(w.weekday) && clockSeconds(r.start) <= w.seconds && w.seconds < clockSeconds(r.end));
  };
  return {
    rule: 'inconvenient_time',
    blockedUntil(t) {
      const r = hit(t);
      return r ? zonedInstant(wallTime(t, zone).date, r.end, zone) : null;
    },
    explain(t) {
      const r = hit(t)!;
      const days = r.weekdays.length === 7 ? 'every day' : r.weekdays.map((d) => weekdayNames[d]).join(', ');
      return `the consumer asked not to be called ${days} ${r.start}-${r.end}${r.note ? ` (${r.note})` : ''}`;
    },
  };
}

/** Local dates of the earlier outgoing calls (attempts) up to and including the date of `t`, newest first. */
function attemptDates(calls: readonly PriorCall[], zone: string, filter: (c: PriorCall) => boolean): IsoDate[] {
  return calls
    .filter((c) => c.direction === 'outgoing' && filter(c))
    .map((c) => wallTime(new Date(c.startedAt), zone).date)
    .sort()
    .reverse();
}

/**
 * 1006.14(b)(2)(i): more than 7 call attempts within 7 consecutive days is harassment. Days are the
 * consumer's local calendar days; the window for a call on day D is D-6..D. The 8th attempt in a window is
 * blocked; it becomes allowed at the start of the day when the 7th most recent attempt falls out of the
 * window (its date + 7).
 */
export function callFrequencyRule(zone: string, calls: readonly PriorCall[], person: string): TimeRule {
  const all = attemptDates(calls, zone, () => true);
  const state = (t: Date) => {
    const d = wallTime(t, zone).date;
    const upTo = all.filter((x) => x <= d);
    const inWindow = upTo.filter((x) => daysBetween(x, d) < FREQUENCY.days);
    return { d, upTo, inWindow };
  };
  return {
    rule: 'call_frequency',
    blockedUntil(t) {
      const { upTo, inWindow } = state(t);
      if (inWindow.length < FREQUENCY.attempts) return null;
      return startOfLocalDay(addDays(upTo[FREQUENCY.attempts - 1]!, FREQUENCY.days), zone);
    },
    explain(t) {
      const { d, inWindow } = state(t);
      return `${inWindow.length} call attempts to ${person} about this account in the 7 days ${addDays(d, -(FREQUENCY.days - 1))} to ${d} (at most ${FREQUENCY.attempts})`;
    },
  };
}

/**
 * 1006.14(b)(2)(ii): no call within 7 days after a telephone conversation about the debt, the
 * conversation's day counting as day 1 (a conversation on a Monday blocks through Sunday).
 */
export function conversationWaitRule(zone: string, calls: readonly PriorCall[], person: string): TimeRule {
  const conv = attemptDates(calls, zone, (c) => conversationOutcomes.includes(c.outcome));
  const last = (t: Date) => {
    const d = wallTime(t, zone).date;
    return { d, c: conv.find((x) => x <= d) };
  };
  return {
    rule: 'conversation_wait',
    blockedUntil(t) {
      const { d, c } = last(t);
      if (!c || daysBetween(c, d) >= FREQUENCY.days) return null;
      return startOfLocalDay(addDays(c, FREQUENCY.days), zone);
    },
    explain(t) {
      const { c } = last(t);
      return `a telephone conversation with ${person} about this account took place on ${c} (day 1 of 7)`;
    },
  };
}

/** The earliest instant at or after `t` that every rule allows (null when none is found within 60 days). */
export function earliestAllowed(t: Date, rules: readonly TimeRule[]): Date | null {
  let cur = t;
  const limit = t.getTime() + 60 * 86_400_000;
  for (let i = 0; i < 1000 && cur.getTime() <= limit; i++) {
    let moved = false;
    for (const r of rules) {
      const u = r.blockedUntil(cur);
      if (u && u > cur) {
        cur = u;
        moved = true;
      } else if (u) {
        cur = new Date(cur.getTime() + 1000); // defensive: never loop on the same instant
        moved = true;
      }
    }
    if (!moved) return cur;
  }
  return null;
}

// ---- Flag rules ----

const flagWhat: Partial<Record<FlagKind, string>> = {
  cease_communication: 'the consumer asked in writing that communication cease',
  disputed: 'the consumer disputes the debt; collection is paused until verification is recorded',
  attorney_represented: 'the consumer is represented by an attorney; contact the attorney instead',
  bankruptcy: 'the consumer is in bankruptcy; the automatic stay bars collection',
  deceased: 'the consumer is recorded as deceased',
};

function flagDetail(f: FlagFact): string {
  if (f.kind === 'attorney_represented') return ` (${String(f.details.attorneyName ?? '')}${f.details.attorneyPhone ? `, ${String(f.details.attorneyPhone)}` : ''})`;
  if (f.kind === 'bankruptcy') return ` (chapter ${String(f.details.chapter ?? '?')}, case ${String(f.details.caseNumber ?? '?')})`;
  return '';
}

const flagRule: Record<FlagKind, ComplianceRule> = {
  disputed: 'dispute',
  cease_communication: 'cease_communication',
  attorney_represented: 'attorney_represented',
  bankruptcy: 'bankruptcy',
  deceased: 'deceased',
  do_not_call: 'do_not_call',
  wrong_number: 'wrong_number',
};

/** Which flags block a call to this number. */
export function callFlagBlocks(flags: readonly FlagFact[], phone: string, exempt: boolean): ComplianceBlock[] {
  const digits = phoneDigits(phone);
  const out: ComplianceBlock[] = [];
  for (const f of flags) {
    if (f.kind === 'wrong_number' && f.phone === digits) out.push(block('wrong_number', `${phone} is recorded as a wrong number for this account`, undefined, null));
    if (exempt) continue;
    if (f.kind === 'do_not_call' && f.phone === digits) out.push(block('do_not_call', `the consumer asked not to be called at ${phone}`, undefined, null));
    if (f.kind === 'cease_communication' || f.kind === 'disputed' || f.kind === 'attorney_represented' || f.kind === 'bankruptcy' || f.kind === 'deceased') {
      out.push(block(flagRule[f.kind], `${flagWhat[f.kind]}${flagDetail(f)}`, undefined, null));
    }
  }
  return out;
}

/**
 * Letters. Collection letters are blocked by cease communication (except the three notices 1006.6(c)(2)
 * permits), an open dispute, attorney representation (1006.6(b)(2)) and bankruptcy (the stay); notices
 * that a remedy may or will be invoked are blocked by attorney representation and bankruptcy too. A
 * letter that only says efforts are being terminated is never blocked. Deceased: letters go to the
 * estate, so they are not blocked.
 */
export function checkLetter(f: LetterFacts): ComplianceCheck {
  const exempt = f.accountKind === 'commercial' ? 'commercial' : !f.complianceEnabled ? 'disabled' : null;
  const blocks: ComplianceBlock[] = [];
  if (!exempt && f.purpose !== 'termination_of_efforts') {
    for (const fl of f.openFlags) {
      const collection = f.purpose === 'collection';
      if ((fl.kind === 'cease_communication' || fl.kind === 'disputed') && collection) blocks.push(block(flagRule[fl.kind], `${flagWhat[fl.kind]}; only the notices 1006.6(c)(2) permits may be sent`, undefined, null));
      if (fl.kind === 'attorney_represented' || fl.kind === 'bankruptcy') blocks.push(block(flagRule[fl.kind], `${flagWhat[fl.kind]}${flagDetail(fl)}`, undefined, null));
    }
  }
  return { allowed: blocks.length === 0, blocks, localTimes: [], exempt };
}

/** Everything about one call at one instant. */
export function checkCall(f: CallFacts): ComplianceCheck {
  const exempt = f.accountKind === 'commercial' ? 'commercial' : !f.complianceEnabled ? 'disabled' : null;
  const zones = callZones(f.addressZone, f.phoneZones);
  const times = localTimes(f.at, zones);
  const flagBlocks = callFlagBlocks(f.openFlags, f.phone, exempt !== null);
  if (exempt) return { allowed: flagBlocks.length === 0, blocks: flagBlocks, localTimes: times, exempt };

  const timeRules: TimeRule[] = [
    callingHoursRule(zones, f.phone),
    inconvenientTimeRule(f.addressZone, f.inconvenientTimes),
    callFrequencyRule(f.addressZone, f.priorCalls, f.personName),
    conversationWaitRule(f.addressZone, f.priorCalls, f.personName),
  ];
  const timeBlocks: ComplianceBlock[] = [];
  for (const r of timeRules) {
    const until = r.blockedUntil(f.at);
    if (!until) continue;
    // When this rule alone allows the call: step through its own successive blocks (a 'no Sundays' range
    // followed by 'no calls before 10:00 on Monday' is one wait).
    const alone = earliestAllowed(f.at, [r]) ?? until;
    timeBlocks.push(block(r.rule, r.explain(f.at), alone, f.addressZone));
  }
  const blocks = [...flagBlocks, ...timeBlocks];
  const result: ComplianceCheck = { allowed: blocks.length === 0, blocks, localTimes: times, exempt: null };
  if (timeBlocks.length > 0 && flagBlocks.length === 0) {
    const at = earliestAllowed(f.at, timeRules);
    if (at) result.allowedAt = at.toISOString();
  }
  return result;
}

/** The one-line message of a RULE_BLOCKED error for a check. */
export function blockedMessage(action: string, check: ComplianceCheck, zone: string | null): string {
  const rules = check.blocks.map((b) => b.message).join(' ');
  const when = check.allowedAt && zone ? ` The earliest time it is allowed: ${fmt(new Date(check.allowedAt), zone)}.` : '';
  return `${action} is blocked. ${rules}${when}`;
}
