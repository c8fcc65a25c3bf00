import { addDays, daysBetween, formatInZone, type IsoDate } from '@shared/dates';
import { phoneDigits } from '@shared/domain/accounts';
import { areaCodeOf } from '@shared/domain/area-codes';
import {
  conversationOutcomes,
  ruleCitations,
  weekdayNames,
  type BlockFacts,
  type CallDirection,
  type CallOutcome,
  type ComplianceBlock,
  type ComplianceCheck,
  type ComplianceRule,
  type FlagKind,
  type LetterPurpose,
  type LocalTime,
} from '@shared/domain/collections';
import { blockText } from '@shared/domain/collections-text';
import { clockSeconds, startOfLocalDay, wallTime, zonedInstant } from './zoned';

/**
 * The compliance engine: pure functions over the facts the service loads (no database, no clock).
 * Each rule is explained, with its citation and limits, in docs/compliance.md.
 */

export const CALLING_HOURS = { start: '08:00', end: '21:00' } as const;
/** The 7-in-7 limit and the wait after a conversation (1006.14(b)(2)(i)(A) and (B)). */
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
  /** What the rule finds at `t` (a time it blocks). */
  facts(t: Date): BlockFacts;
}

const fmt = formatInZone;

/** A block carries facts and codes; the words are made from them where they are shown (collections-text.ts). */
function block(facts: BlockFacts, allowedAt?: Date): ComplianceBlock {
  return { ...facts, ...(allowedAt ? { allowedAt: allowedAt.toISOString() } : {}), citation: ruleCitations[facts.rule] };
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
    facts(t) {
      const code = areaCodeOf(phone);
      return {
        rule: 'calling_hours',
        zones: zones.map(({ zone, source }) => ({ zone, source, areaCode: source === 'area_code' ? code : null, time: wallTime(t, zone).hhmm })),
        start: CALLING_HOURS.start,
        end: CALLING_HOURS.end,
      };
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
    facts(t) {
      const r = hit(t)!;
      return { rule: 'inconvenient_time', weekdays: [...r.weekdays], start: r.start, end: r.end, note: r.note };
    },
  };
}

/** Local dates of the earlier calls that pass `filter`, newest first. */
function callDates(calls: readonly PriorCall[], zone: string, filter: (c: PriorCall) => boolean): IsoDate[] {
  return calls
    .filter(filter)
    .map((c) => wallTime(new Date(c.startedAt), zone).date)
    .sort()
    .reverse();
}

/** Call attempts are the calls placed to the person: outgoing ones, whatever their outcome. Incoming calls never are. */
const isAttempt = (c: PriorCall) => c.direction === 'outgoing';
/**
 * A telephone conversation is a call in which the person was reached, whoever placed it: an incoming
 * call in which the debtor talked about the debt starts the wait too (CFPB, Debt Collection Rule FAQs,
 * Telephone Call Frequency, Q6), while it is still no attempt.
 */
const isConversation = (c: PriorCall) => conversationOutcomes.includes(c.outcome);

/**
 * 1006.14(b)(2)(i)(A): more than 7 call attempts within 7 consecutive days is harassment. Days are the
 * consumer's local calendar days; the window for a call on day D is D-6..D. The 8th attempt in a window is
 * blocked; it becomes allowed at the start of the day when the 7th most recent attempt falls out of the
 * window (its date + 7).
 */
export function callFrequencyRule(zone: string, calls: readonly PriorCall[], person: string): TimeRule {
  const all = callDates(calls, zone, isAttempt);
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
    facts(t) {
      const { d, inWindow } = state(t);
      return { rule: 'call_frequency', person, attempts: inWindow.length, max: FREQUENCY.attempts, from: addDays(d, -(FREQUENCY.days - 1)), to: d };
    },
  };
}

/**
 * 1006.14(b)(2)(i)(B): no call within 7 days after a telephone conversation about the debt, the
 * conversation's day counting as day 1 (a conversation on a Monday blocks through Sunday).
 */
export function conversationWaitRule(zone: string, calls: readonly PriorCall[], person: string): TimeRule {
  const conv = callDates(calls, zone, isConversation);
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
    facts(t) {
      return { rule: 'conversation_wait', person, on: last(t).c! };
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

/** The facts of a block by an account flag; `letter`: the block is of a collection letter. */
function flagFacts(f: FlagFact, letter: boolean): BlockFacts | null {
  const text = (v: unknown, fallback = '') => (v === undefined || v === null ? fallback : String(v));
  switch (f.kind) {
    case 'cease_communication':
      return { rule: 'cease_communication', letter };
    case 'disputed':
      return { rule: 'dispute', letter };
    case 'attorney_represented':
      return { rule: 'attorney_represented', attorneyName: text(f.details.attorneyName), attorneyPhone: text(f.details.attorneyPhone) };
    case 'bankruptcy':
      return { rule: 'bankruptcy', chapter: text(f.details.chapter, '?'), caseNumber: text(f.details.caseNumber, '?') };
    case 'deceased':
      return { rule: 'deceased' };
    default:
      return null;
  }
}

/** Which flags block a call to this number. */
export function callFlagBlocks(flags: readonly FlagFact[], phone: string, exempt: boolean): ComplianceBlock[] {
  const digits = phoneDigits(phone);
  const out: ComplianceBlock[] = [];
  for (const f of flags) {
    if (f.kind === 'wrong_number' && f.phone === digits) out.push(block({ rule: 'wrong_number', phone }));
    if (exempt) continue;
    if (f.kind === 'do_not_call' && f.phone === digits) out.push(block({ rule: 'do_not_call', phone }));
    const facts = flagFacts(f, false);
    if (facts) out.push(block(facts));
  }
  return out;
}

/**
 * Letters. Collection letters are blocked by cease communication (except the three notices 1006.6(c)(2)
 * permits), an open dispute, attorney representation (1006.6(b)(2)) and bankruptcy (the stay); notices
 * that a remedy may or will be invoked are blocked by attorney representation and bankruptcy too. A
 * letter that only says efforts are being terminated is never blocked. Deceased blocks a collection
 * letter too (issue 11): it would be addressed to the consumer by name; one to the estate's personal
 * representative is a supervisor's override with the reason written down.
 */
export function checkLetter(f: LetterFacts): ComplianceCheck {
  const exempt = f.accountKind === 'commercial' ? 'commercial' : !f.complianceEnabled ? 'disabled' : null;
  const blocks: ComplianceBlock[] = [];
  if (!exempt && f.purpose !== 'termination_of_efforts') {
    for (const fl of f.openFlags) {
      const collection = f.purpose === 'collection';
      if ((fl.kind === 'cease_communication' || fl.kind === 'disputed' || fl.kind === 'deceased') && collection) blocks.push(block(flagFacts(fl, true)!));
      if (fl.kind === 'attorney_represented' || fl.kind === 'bankruptcy') blocks.push(block(flagFacts(fl, true)!));
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
    timeBlocks.push(block(r.facts(f.at), alone));
  }
  const blocks = [...flagBlocks, ...timeBlocks];
  const result: ComplianceCheck = { allowed: blocks.length === 0, blocks, localTimes: times, exempt: null };
  if (timeBlocks.length > 0 && flagBlocks.length === 0) {
    const at = earliestAllowed(f.at, timeRules);
    if (at) result.allowedAt = at.toISOString();
  }
  return result;
}

/** The one-line message of a RULE_BLOCKED error for a check; times in the consumer's zone. */
export function blockedMessage(action: string, check: ComplianceCheck, zone: string | null): string {
  const rules = check.blocks.map((b) => blockText(b, zone ? (at) => fmt(new Date(at), zone) : null)).join(' ');
  const when = check.allowedAt && zone ? ` The earliest time it is allowed: ${fmt(new Date(check.allowedAt), zone)}.` : '';
  return `${action} is blocked. ${rules}${when}`;
}
