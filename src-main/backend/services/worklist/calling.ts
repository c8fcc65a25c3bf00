import { phoneDigits } from '@shared/domain/accounts';
import { zonesForPhone } from '@shared/domain/area-codes';
import type { WorklistCalling } from '@shared/domain/collections-calling';
import type { Queryable } from '../../context';
import { complianceEnabled, personKeyOf } from '../compliance';
import { type CallFacts, callFlagBlocks, callZones, checkCall, type FlagFact, type InconvenientRange, type PriorCall } from '../compliance/rules';
import { wallTime, zonedInstant } from '../compliance/zoned';

/**
 * The callable state of worklist accounts (docs/clerks-day.md, "A worklist made for calling"). The
 * decision is the compliance engine's own checkCall, on the facts it would load for a call now to the
 * account's best number; this module only reads those facts for many accounts at once and asks checkCall
 * once more at the next boundaries to say until when a call stays allowed.
 */

type Now = Pick<
  WorklistCalling,
  'phone' | 'phoneLabel' | 'contactName' | 'timeZone' | 'phoneZones' | 'callableNow' | 'exempt' | 'callableUntil' | 'callableFrom' | 'blockedBy'
>;

interface Contact {
  id: number;
  name: string;
  phones: { label: string; number: string }[];
}

interface AccountFacts {
  kind: 'consumer' | 'commercial';
  timeZone: string;
  contacts: Contact[];
  flags: FlagFact[];
  inconvenient: (InconvenientRange & { personKey: string | null; contactId: number | null })[];
  calls: (PriorCall & { personKey: string; contactId: number | null })[];
}

/** Call logs older than this cannot change a decision now (the 7-in-7 and 7-day waits reach 14 days back). */
const CALL_HISTORY_MS = 15 * 86_400_000;
const CHUNK = 500;

async function inChunks<T>(ids: readonly number[], all: boolean, read: (chunk: number[] | null) => Promise<T[]>): Promise<T[]> {
  if (all) return read(null);
  const out: T[] = [];
  for (let k = 0; k < ids.length; k += CHUNK) out.push(...(await read(ids.slice(k, k + CHUNK))));
  return out;
}

/** Everything checkCall needs for these accounts, in a few set reads (not one per account). */
async function loadFacts(db: Queryable, ids: readonly number[], now: Date): Promise<Map<number, AccountFacts>> {
  const out = new Map<number, AccountFacts>();
  if (ids.length === 0) return out;
  const wanted = new Set(ids);
  // Above a few thousand ids one full read is cheaper than many IN lists.
  const all = ids.length > 2000;
  const accounts = await inChunks(ids, all, (chunk) => {
    let q = db.selectFrom('account').select(['id', 'kind', 'time_zone']);
    if (chunk) q = q.where('id', 'in', chunk);
    return q.execute();
  });
  for (const a of accounts) if (wanted.has(a.id)) out.set(a.id, { kind: a.kind, timeZone: a.time_zone, contacts: [], flags: [], inconvenient: [], calls: [] });

  // Primary contact first, then in the account's order.
  const contacts = await inChunks(ids, all, (chunk) => {
    let q = db
      .selectFrom('account_contact')
      .select(['id', 'account_id', 'name', 'phones'])
      .orderBy('account_id')
      .orderBy('is_primary', 'desc')
      .orderBy('sort_order')
      .orderBy('id');
    if (chunk) q = q.where('account_id', 'in', chunk);
    return q.execute();
  });
  for (const c of contacts) out.get(c.account_id)?.contacts.push({ id: c.id, name: c.name, phones: JSON.parse(c.phones) as Contact['phones'] });

  // Open flags and designated times are few: read them whole.
  const flags = await db
    .selectFrom('collection_flag')
    .select(['id', 'account_id', 'kind', 'phone', 'details', 'set_at'])
    .where('cleared_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const f of flags)
    out.get(f.account_id)?.flags.push({ id: f.id, kind: f.kind, phone: f.phone, details: JSON.parse(f.details) as Record<string, unknown>, setAt: f.set_at });
  const ranges = await db
    .selectFrom('inconvenient_time')
    .select(['account_id', 'weekdays', 'start_time', 'end_time', 'note', 'person_key', 'contact_id'])
    .where('removed_at', 'is', null)
    .execute();
  for (const r of ranges)
    out.get(r.account_id)?.inconvenient.push({
      weekdays: JSON.parse(r.weekdays) as number[],
      start: r.start_time,
      end: r.end_time,
      note: r.note,
      personKey: r.person_key,
      contactId: r.contact_id,
    });

  const from = new Date(now.getTime() - CALL_HISTORY_MS).toISOString();
  const calls = await inChunks(ids, false, (chunk) =>
    db
      .selectFrom('call_log')
      .select(['account_id', 'contact_id', 'person_key', 'started_at', 'direction', 'outcome'])
      .where('account_id', 'in', chunk ?? [])
      .where('started_at', '>=', from)
      .where('started_at', '<=', now.toISOString())
      .execute(),
  );
  for (const c of calls)
    out
      .get(c.account_id)
      ?.calls.push({ startedAt: c.started_at, direction: c.direction, outcome: c.outcome, personKey: c.person_key, contactId: c.contact_id });
  return out;
}

/**
 * The best number: the primary contact's numbers first, then the other contacts' in their order; a
 * number with an open wrong-number flag (logging a call as "Wrong number" sets one) or do-not-call flag
 * is skipped.
 */
export function bestPhone(contacts: readonly Contact[], flags: readonly FlagFact[]): { contact: Contact; number: string; label: string } | null {
  const barred = new Set(flags.filter((f) => (f.kind === 'wrong_number' || f.kind === 'do_not_call') && f.phone).map((f) => f.phone));
  for (const contact of contacts)
    for (const p of contact.phones) if (p.number.trim() && !barred.has(phoneDigits(p.number))) return { contact, number: p.number, label: p.label };
  return null;
}

/**
 * The instants after `at` (within a day) where a time rule may start to block: 21:00:01 in each zone
 * (calling hours end at 21:00 inclusive) and the start of each designated inconvenient time. The rules
 * change nowhere else within the day, so checkCall at these instants finds when a call stops being allowed.
 */
function boundaries(f: CallFacts): { check: Date; shown: Date }[] {
  const out: { check: Date; shown: Date }[] = [];
  const horizon = f.at.getTime() + 86_400_000;
  for (const { zone } of callZones(f.addressZone, f.phoneZones)) {
    const today = wallTime(f.at, zone).date;
    const end = zonedInstant(today, '21:00', zone);
    out.push({ check: new Date(end.getTime() + 1000), shown: end });
  }
  const local = wallTime(f.at, f.addressZone);
  const tomorrow = wallTime(new Date(f.at.getTime() + 86_400_000), f.addressZone);
  for (const r of f.inconvenientTimes)
    for (const d of [local, tomorrow])
      if (r.weekdays.includes(d.weekday)) {
        const start = zonedInstant(d.date, r.start, f.addressZone);
        out.push({ check: start, shown: start });
      }
  return out.filter((b) => b.check > f.at && b.check.getTime() <= horizon).sort((x, y) => x.check.getTime() - y.check.getTime());
}

/** checkCall now, and (when it allows) until when: the first boundary at which checkCall no longer allows. */
function decide(f: CallFacts): Pick<Now, 'callableNow' | 'exempt' | 'callableUntil' | 'callableFrom' | 'blockedBy'> {
  const check = checkCall(f);
  if (!check.allowed)
    return {
      callableNow: false,
      exempt: check.exempt,
      callableUntil: null,
      callableFrom: check.allowedAt ?? null,
      blockedBy: [...new Set(check.blocks.map((b) => b.rule))],
    };
  let until: string | null = null;
  if (!check.exempt)
    for (const b of boundaries(f))
      if (!checkCall({ ...f, at: b.check }).allowed) {
        until = b.shown.toISOString();
        break;
      }
  return { callableNow: true, exempt: check.exempt, callableUntil: until, callableFrom: null, blockedBy: [] };
}

/**
 * The callable state now of each account: its best number, its zones, and the compliance decision.
 * Accounts without blocking flags, designated times or recent calls get the same answer for the same
 * kind and zones, so the decision is made once per such set and shared (2,000 accounts have a few dozen).
 */
export async function callableStates(db: Queryable, ids: readonly number[], now: Date): Promise<Map<number, Now>> {
  const facts = await loadFacts(db, ids, now);
  const enabled = await complianceEnabled(db);
  const shared = new Map<string, ReturnType<typeof decide>>();
  const out = new Map<number, Now>();
  for (const [id, a] of facts) {
    const best = bestPhone(a.contacts, a.flags);
    const phoneZones = best ? zonesForPhone(best.number) : [];
    const base = {
      phone: best?.number ?? null,
      phoneLabel: best?.label || null,
      contactName: best?.contact.name ?? null,
      timeZone: a.timeZone,
      phoneZones: phoneZones.filter((z) => z !== a.timeZone),
    };
    if (!best) {
      out.set(id, { ...base, callableNow: false, exempt: null, callableUntil: null, callableFrom: null, blockedBy: [] });
      continue;
    }
    const key = personKeyOf(best.contact.name);
    const mine = (x: { personKey: string | null; contactId: number | null }) => x.personKey === key || x.contactId === best.contact.id;
    const inconvenientTimes = a.inconvenient.filter((r) => r.personKey === null || mine(r));
    const priorCalls = a.calls.filter(mine);
    const f: CallFacts = {
      at: now,
      accountKind: a.kind,
      complianceEnabled: enabled,
      addressZone: a.timeZone,
      phone: best.number,
      phoneZones,
      personName: best.contact.name,
      openFlags: a.flags,
      inconvenientTimes,
      priorCalls,
    };
    // Flags reach checkCall only through callFlagBlocks: those that block nothing here change nothing.
    const plain = inconvenientTimes.length === 0 && priorCalls.length === 0 && callFlagBlocks(a.flags, best.number, false).length === 0;
    const zoneKey = `${a.kind}|${a.timeZone}|${phoneZones.join(',')}`;
    let d = plain ? shared.get(zoneKey) : undefined;
    if (!d) {
      d = decide(f);
      if (plain) shared.set(zoneKey, d);
    }
    out.set(id, { ...base, ...d });
  }
  return out;
}

/** The latest call (either direction) on each account. */
export async function lastContacts(db: Queryable, ids: readonly number[]): Promise<Map<number, NonNullable<WorklistCalling['lastContact']>>> {
  const out = new Map<number, NonNullable<WorklistCalling['lastContact']>>();
  for (let k = 0; k < ids.length; k += CHUNK) {
    const rows = await db
      .selectFrom('call_log as c')
      .select(['c.id', 'c.account_id', 'c.started_at', 'c.outcome', 'c.direction'])
      .where('c.account_id', 'in', ids.slice(k, k + CHUNK))
      .where('c.started_at', '=', (eb) =>
        eb
          .selectFrom('call_log as d')
          .select((e) => e.fn.max('d.started_at').as('m'))
          .whereRef('d.account_id', '=', 'c.account_id'),
      )
      .orderBy('c.id')
      .execute();
    for (const r of rows) out.set(r.account_id, { at: r.started_at, outcome: r.outcome, direction: r.direction });
  }
  return out;
}
