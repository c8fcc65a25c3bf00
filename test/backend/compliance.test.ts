import { describe, expect, it } from 'vitest';
import { areaCodesByState, knownAreaCodes, zonesForPhone } from '../../src-shared/domain/area-codes';
import type { RuleBlockedDetails } from '../../src-shared/domain/collections';
import { blockFactsText, blockText } from '../../src-shared/domain/collections-text';
import {
  callFrequencyRule,
  checkCall,
  checkLetter,
  conversationWaitRule,
  type CallFacts,
  type PriorCall,
} from '../../src-main/backend/services/compliance/rules';
import { wallTime, zonedInstant } from '../../src-main/backend/services/compliance/zoned';
import { collectionsBackend, failure, value } from '../support/collections';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';

function facts(over: Omit<Partial<CallFacts>, 'at'> & { at: string }): CallFacts {
  const { at, ...rest } = over;
  return {
    accountKind: 'consumer',
    complianceEnabled: true,
    addressZone: NY,
    phone: '212-555-0100',
    phoneZones: zonesForPhone(over.phone ?? '212-555-0100'),
    personName: 'Pat Doe',
    openFlags: [],
    inconvenientTimes: [],
    priorCalls: [],
    ...rest,
    at: new Date(at),
  };
}
const rules = (c: ReturnType<typeof checkCall>) => c.blocks.map((b) => b.rule);

describe('zoned time', () => {
  it('reads wall time and builds instants across the 2026 US daylight-saving changes', () => {
    expect(zonedInstant('2026-03-07', '08:00', NY).toISOString()).toBe('2026-03-07T13:00:00.000Z'); // EST
    expect(zonedInstant('2026-03-08', '08:00', NY).toISOString()).toBe('2026-03-08T12:00:00.000Z'); // EDT from 02:00
    expect(zonedInstant('2026-11-01', '08:00', NY).toISOString()).toBe('2026-11-01T13:00:00.000Z'); // EST again
    expect(zonedInstant('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // ambiguous: the first
    expect(zonedInstant('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // in the gap: moved forward
    expect(wallTime(new Date('2026-03-09T12:30:00Z'), LA)).toMatchObject({ date: '2026-03-09', hhmm: '05:30', weekday: 1 });
  });
});

describe('area codes', () => {
  it('maps codes to valid IANA zones, each code once, multi-zone codes to all their zones', () => {
    const codes = knownAreaCodes();
    expect(codes.length).toBeGreaterThan(300);
    for (const s of Object.values(areaCodesByState))
      for (const z of [s.zone, ...Object.values(s.split ?? {}).flat()]) expect(() => new Intl.DateTimeFormat('en-US', { timeZone: z })).not.toThrow();
    expect(zonesForPhone('(415) 555-0100')).toEqual([LA]);
    expect(zonesForPhone('+1 212 555 0100')).toEqual([NY]);
    for (const code of ['850', '915', '208', '541', '308', '605', '701', '906', '812', '270', '606', '423', '620', '785'])
      expect(zonesForPhone(`${code}5550100`).length, code).toBeGreaterThan(1);
    expect(zonesForPhone('850-555-0100')).toEqual(expect.arrayContaining([NY, 'America/Chicago']));
    expect(zonesForPhone('915-555-0100')).toEqual(expect.arrayContaining(['America/Denver', 'America/Chicago']));
    // Unknown and non-geographic codes do not narrow.
    expect(zonesForPhone('800-555-0100')).toEqual([]);
    expect(zonesForPhone('555-0100')).toEqual([]);
  });
});

describe('calling hours (1006.6(b)(1)(i))', () => {
  it('allows 08:00-21:00 at the address', () => {
    expect(checkCall(facts({ at: '2026-03-10T12:00:00Z' })).allowed).toBe(true); // 08:00 EDT
    expect(checkCall(facts({ at: '2026-03-11T01:00:00Z' })).allowed).toBe(true); // 21:00:00 EDT
    const late = checkCall(facts({ at: '2026-03-11T01:00:01Z' }));
    expect(rules(late)).toEqual(['calling_hours']);
    expect(late.allowedAt).toBe('2026-03-11T12:00:00.000Z');
  });

  it('narrows to every zone: New York address, 415 phone, 08:30 Eastern is 05:30 Pacific -> blocked until 11:00 Eastern', () => {
    const c = checkCall(facts({ at: '2026-03-10T12:30:00Z', phone: '415-555-0100', phoneZones: zonesForPhone('415-555-0100') }));
    expect(c.allowed).toBe(false);
    expect(rules(c)).toEqual(['calling_hours']);
    expect(c.localTimes).toEqual([
      { zone: NY, source: 'address', date: '2026-03-10', time: '08:30', weekday: 'Tue' },
      { zone: LA, source: 'area_code', date: '2026-03-10', time: '05:30', weekday: 'Tue' },
    ]);
    expect(c.allowedAt).toBe('2026-03-10T15:00:00.000Z'); // 11:00 EDT = 08:00 PDT
    // The block is facts (local times, zones, the area code); the words are made where it is shown.
    expect(c.blocks[0]).toEqual({
      rule: 'calling_hours',
      zones: [
        { zone: NY, source: 'address', areaCode: null, time: '08:30' },
        { zone: LA, source: 'area_code', areaCode: '415', time: '05:30' },
      ],
      start: '08:00',
      end: '21:00',
      allowedAt: '2026-03-10T15:00:00.000Z',
      citation: '12 CFR 1006.6(b)(1)(i)',
    });
    expect(blockFactsText(c.blocks[0]!)).toContain('05:30 in America/Los_Angeles (area code 415)');
    expect(blockText(c.blocks[0]!, () => '11:00 AM EDT')).toBe(
      'Calling hours: it is 08:30 in America/New_York (address) and 05:30 in America/Los_Angeles (area code 415); calls are allowed 08:00-21:00 in every one of the consumer\u2019s time zones. Allowed from 11:00 AM EDT. (12 CFR 1006.6(b)(1)(i))',
    );
  });

  it('a multi-zone area code (850, Florida panhandle) narrows to its western zone', () => {
    const c = checkCall(facts({ at: '2026-03-10T12:30:00Z', phone: '850-555-0100', phoneZones: zonesForPhone('850-555-0100') })); // 08:30 ET, 07:30 CT
    expect(c.allowedAt).toBe('2026-03-10T13:00:00.000Z'); // 08:00 CT
  });

  it('an unknown area code does not narrow', () => {
    expect(checkCall(facts({ at: '2026-03-10T12:30:00Z', phone: '800-555-0100', phoneZones: zonesForPhone('800-555-0100') })).allowed).toBe(true);
  });

  it('is right across the spring-forward change (2026-03-08)', () => {
    // Saturday 07:30 EST -> allowed at 08:00 EST (13:00Z)
    expect(checkCall(facts({ at: '2026-03-07T12:30:00Z' })).allowedAt).toBe('2026-03-07T13:00:00.000Z');
    // Saturday 21:30 EST -> Sunday 08:00, which is EDT: 12:00Z
    expect(checkCall(facts({ at: '2026-03-08T02:30:00Z' })).allowedAt).toBe('2026-03-08T12:00:00.000Z');
    // Sunday 12:30Z is 08:30 EDT: allowed (it would be 07:30 in EST)
    expect(checkCall(facts({ at: '2026-03-08T12:30:00Z' })).allowed).toBe(true);
  });

  it('is right across the fall-back change (2026-11-01)', () => {
    // Sunday 12:30Z is 07:30 EST (it was 08:30 EDT the day before)
    expect(checkCall(facts({ at: '2026-10-31T12:30:00Z' })).allowed).toBe(true);
    const c = checkCall(facts({ at: '2026-11-01T12:30:00Z' }));
    expect(rules(c)).toEqual(['calling_hours']);
    expect(c.allowedAt).toBe('2026-11-01T13:00:00.000Z');
    // Saturday 21:30 EDT -> Sunday 08:00 EST
    expect(checkCall(facts({ at: '2026-11-01T01:30:00Z' })).allowedAt).toBe('2026-11-01T13:00:00.000Z');
  });
});

describe("consumer's designated inconvenient times", () => {
  const sundays = { weekdays: [7], start: '00:00', end: '24:00', note: 'not on Sundays' };
  const before10 = { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '10:00', note: 'no calls before 10:00' };
  const work = { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', note: 'at work' };

  it('blocks in the ranges, in the address zone, and chains ranges to find when it is allowed', () => {
    // Sunday 2026-03-15 12:00 EDT: blocked all day, then Monday before 10:00, then work hours -> Monday 17:00.
    const c = checkCall(facts({ at: '2026-03-15T16:00:00Z', inconvenientTimes: [sundays, before10, work] }));
    expect(rules(c)).toEqual(['inconvenient_time']);
    expect(c.blocks[0]).toMatchObject({ rule: 'inconvenient_time', weekdays: [7], start: '00:00', end: '24:00', note: 'not on Sundays' });
    expect(blockFactsText(c.blocks[0]!)).toBe('the consumer asked not to be called Sun 00:00-24:00 (not on Sundays)');
    expect(c.allowedAt).toBe('2026-03-16T21:00:00.000Z'); // Mon 17:00 EDT
    // Saturday 09:30 -> 10:00
    expect(checkCall(facts({ at: '2026-03-14T13:30:00Z', inconvenientTimes: [sundays, before10, work] })).allowedAt).toBe('2026-03-14T14:00:00.000Z');
    // Saturday 10:00 is fine
    expect(checkCall(facts({ at: '2026-03-14T14:00:00Z', inconvenientTimes: [sundays, before10, work] })).allowed).toBe(true);
  });
});

describe('call frequency (1006.14(b)(2))', () => {
  const out = (startedAt: string, outcome: PriorCall['outcome'] = 'no_answer'): PriorCall => ({ startedAt, direction: 'outgoing', outcome });

  it('counts conversation days in the consumer zone: Monday 20:30 Pacific is Tuesday in UTC but day 1 is Monday', () => {
    const r = conversationWaitRule(LA, [out('2026-03-10T03:30:00Z', 'spoke_with_debtor')], 'Pat');
    expect(r.blockedUntil(new Date('2026-03-15T20:00:00Z'))?.toISOString()).toBe('2026-03-16T07:00:00.000Z'); // Sunday blocked; Monday 00:00 PDT
    expect(r.blockedUntil(new Date('2026-03-16T16:00:00Z'))).toBeNull();
  });

  it('incoming calls are never attempts, but one in which the person was reached is a conversation that starts the 7-day wait (CFPB FAQ, call frequency, Q6)', () => {
    const incoming = (outcome: PriorCall['outcome']): PriorCall[] =>
      Array.from({ length: 8 }, (_, i) => ({ startedAt: `2026-03-09T1${i}:00:00Z`, direction: 'incoming', outcome }));
    // Eight incoming calls in which nobody was reached: no attempts, no conversation.
    expect(checkCall(facts({ at: '2026-03-10T15:00:00Z', priorCalls: incoming('left_message') })).allowed).toBe(true);
    // Eight incoming conversations: never the 7-in-7 limit, but the wait after a conversation.
    const r = checkCall(facts({ at: '2026-03-10T15:00:00Z', priorCalls: incoming('spoke_with_debtor') }));
    expect(r.blocks.map((b) => b.rule)).toEqual(['conversation_wait']);
    expect(conversationWaitRule(LA, incoming('spoke_with_debtor'), 'Pat').blockedUntil(new Date('2026-03-10T15:00:00Z'))).not.toBeNull();
    expect(callFrequencyRule(LA, incoming('spoke_with_debtor'), 'Pat').blockedUntil(new Date('2026-03-10T15:00:00Z'))).toBeNull();
  });
});

describe('flags and letters (pure)', () => {
  const flag = (kind: 'cease_communication' | 'disputed' | 'do_not_call' | 'bankruptcy', phone: string | null = null) => ({
    id: 1,
    kind,
    phone,
    details: {},
    setAt: '2026-03-01T00:00:00Z',
  });

  it('cease communication blocks a collection letter but not a permitted notice', () => {
    expect(
      checkLetter({ accountKind: 'consumer', complianceEnabled: true, purpose: 'collection', openFlags: [flag('cease_communication')] }).blocks.map(
        (b) => b.rule,
      ),
    ).toEqual(['cease_communication']);
    for (const purpose of ['termination_of_efforts', 'remedy_may_be_invoked', 'remedy_will_be_invoked'] as const) {
      expect(checkLetter({ accountKind: 'consumer', complianceEnabled: true, purpose, openFlags: [flag('cease_communication')] }).allowed, purpose).toBe(true);
    }
  });

  it('do-not-call blocks that number only; flags block whatever the time', () => {
    const dnc = [flag('do_not_call', '2125550100')];
    expect(rules(checkCall(facts({ at: '2026-03-10T15:00:00Z', openFlags: dnc })))).toEqual(['do_not_call']);
    expect(checkCall(facts({ at: '2026-03-10T15:00:00Z', openFlags: dnc, phone: '212-555-0199' })).allowed).toBe(true);
    const c = checkCall(facts({ at: '2026-03-10T03:00:00Z', openFlags: [flag('bankruptcy')] }));
    expect(rules(c)).toEqual(['bankruptcy', 'calling_hours']);
    expect(c.allowedAt).toBeUndefined();
  });

  it('commercial accounts and compliance switched off are not blocked', () => {
    const night = { at: '2026-03-10T03:00:00Z', openFlags: [flag('cease_communication')] };
    expect(checkCall(facts({ ...night, accountKind: 'commercial' }))).toMatchObject({ allowed: true, exempt: 'commercial' });
    expect(checkCall(facts({ ...night, complianceEnabled: false }))).toMatchObject({ allowed: true, exempt: 'disabled' });
    expect(checkLetter({ accountKind: 'commercial', complianceEnabled: true, purpose: 'collection', openFlags: [flag('cease_communication')] }).allowed).toBe(
      true,
    );
  });
});

describe('compliance through the backend', () => {
  it('the 8th attempt within 7 days is blocked and the message names when it becomes allowed', async () => {
    // Monday 2026-03-02 10:00 EST
    const { b, travel, clerk, account } = await collectionsBackend('2026-03-02T15:00:00Z');
    const a = await account({ state: 'NY' });
    // 7 attempts: Mon x2, Tue x2, Wed, Thu, Sat (the Saturday is 2026-03-07)
    const times = [
      '2026-03-02T15:00:00Z',
      '2026-03-02T20:00:00Z',
      '2026-03-03T15:00:00Z',
      '2026-03-03T20:00:00Z',
      '2026-03-04T15:00:00Z',
      '2026-03-05T15:00:00Z',
      '2026-03-07T15:00:00Z',
    ];
    for (const t of times) {
      travel(t);
      value(
        await b.call(clerk, 'calls.log', {
          accountId: a.accountId,
          contactId: a.contactId,
          phone: a.phone,
          direction: 'outgoing',
          startedAt: t,
          outcome: 'no_answer',
        }),
      );
    }
    // Sunday 2026-03-08 (the spring-forward day) 11:00 EDT: the 8th attempt within Mon 2..Sun 8.
    travel('2026-03-08T15:00:00Z');
    const check = value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone }));
    expect(check.blocks.map((x) => x.rule)).toEqual(['call_frequency']);
    // The 7th most recent attempt is Monday 2 -> allowed from Monday 9 (00:00 local; 08:00 with calling hours).
    expect(check.blocks[0]!.allowedAt).toBe('2026-03-09T04:00:00.000Z');
    expect(check.allowedAt).toBe('2026-03-09T12:00:00.000Z');
    const err = failure(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: '2026-03-08T15:00:00Z',
        outcome: 'no_answer',
      }),
      'RULE_BLOCKED',
    );
    expect(err.message).toContain('7 call attempts');
    expect(err.message).toContain('Mar 9, 2026');
    const details = err.details as RuleBlockedDetails;
    expect(details).toMatchObject({ rule: 'call_frequency', allowedAt: '2026-03-09T12:00:00.000Z', citation: '12 CFR 1006.14(b)(2)(i)(A)' });
    // The details carry facts, not sentences: the screen words them.
    expect(details.blocks).toEqual([
      {
        rule: 'call_frequency',
        person: 'Consumer 1',
        attempts: 7,
        max: 7,
        from: '2026-03-02',
        to: '2026-03-08',
        allowedAt: '2026-03-09T04:00:00.000Z',
        citation: '12 CFR 1006.14(b)(2)(i)(A)',
      },
    ]);
    // Nothing was written by the refused call.
    expect(value(await b.call(clerk, 'calls.list', { accountId: a.accountId }))).toHaveLength(7);
    // Monday 9 at 08:00 EDT it is allowed (Monday 2 left the window).
    travel('2026-03-09T12:00:00Z');
    expect(value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone })).allowed).toBe(true);
  });

  it('renaming the contact keeps their attempts and their designated inconvenient time', async () => {
    // Monday 2026-03-02 10:00 EST
    const { b, travel, clerk, supervisor, account } = await collectionsBackend('2026-03-02T15:00:00Z');
    const a = await account({ state: 'NY', name: 'Jon Smith' });
    for (const t of [
      '2026-03-02T15:00:00Z',
      '2026-03-02T16:00:00Z',
      '2026-03-02T17:00:00Z',
      '2026-03-02T18:00:00Z',
      '2026-03-02T19:00:00Z',
      '2026-03-02T20:00:00Z',
      '2026-03-02T21:00:00Z',
    ]) {
      travel(t);
      value(
        await b.call(clerk, 'calls.log', {
          accountId: a.accountId,
          contactId: a.contactId,
          phone: a.phone,
          direction: 'outgoing',
          startedAt: t,
          outcome: 'no_answer',
        }),
      );
    }
    value(await b.call(clerk, 'compliance.addInconvenientTime', { accountId: a.accountId, contactId: a.contactId, weekdays: [3], note: 'works Wednesdays' }));
    value(
      await b.call(supervisor, 'accounts.update', {
        accountId: a.accountId,
        contacts: [{ id: a.contactId, name: 'Jonathan Smith', phones: [{ label: 'home', number: a.phone }] }],
      }),
    );
    // Tuesday: still 7 attempts within 7 days for the same person under the new name.
    travel('2026-03-03T15:00:00Z');
    const tue = value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone }));
    expect(tue.blocks.map((x) => x.rule)).toEqual(['call_frequency']);
    // Wednesday the 11th (the attempts have left the window): the Wednesday restriction still holds.
    travel('2026-03-11T15:00:00Z');
    const wed = value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone }));
    expect(wed.blocks.map((x) => x.rule)).toEqual(['inconvenient_time']);
  });

  it('a conversation blocks the next 7 days counting its own day, whoever placed the call; incoming calls are not attempts', async () => {
    const { b, travel, clerk, account } = await collectionsBackend('2026-10-26T14:00:00Z'); // Monday 10:00 EDT
    const a = await account({ state: 'NY' });
    value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: '2026-10-26T14:00:00Z',
        outcome: 'spoke_with_debtor',
      }),
    );
    const check = (at: string) => b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone, at }).then(value);
    const same = await check('2026-10-26T18:00:00Z');
    expect(same.blocks.map((x) => x.rule)).toEqual(['conversation_wait']);
    // Through Sunday Nov 1 (the fall-back day), allowed Monday Nov 2 from 08:00 EST.
    expect(same.allowedAt).toBe('2026-11-02T13:00:00.000Z');
    expect((await check('2026-11-01T18:00:00Z')).allowed).toBe(false);
    expect((await check('2026-11-02T13:00:00Z')).allowed).toBe(true);
    // Incoming calls on another account's person: never attempts (eight in a day do not reach 7-in-7),
    // but the debtor reached on an incoming call is a conversation, and it starts the wait.
    const other = await account({ state: 'NY' });
    travel('2026-10-27T20:00:00Z');
    for (let i = 0; i < 8; i++) {
      value(
        await b.call(clerk, 'calls.log', {
          accountId: other.accountId,
          contactId: other.contactId,
          phone: other.phone,
          direction: 'incoming',
          startedAt: `2026-10-27T1${i}:00:00Z`,
          outcome: 'spoke_with_debtor',
        }),
      );
    }
    const afterIncoming = value(
      await b.call(clerk, 'compliance.checkCall', { accountId: other.accountId, contactId: other.contactId, phone: other.phone, at: '2026-10-27T19:00:00Z' }),
    );
    expect(afterIncoming.blocks.map((x) => x.rule)).toEqual(['conversation_wait']);
    // Tuesday Oct 27 is day 1: allowed from Tuesday Nov 3, 08:00 EST.
    expect(afterIncoming.allowedAt).toBe('2026-11-03T13:00:00.000Z');
  });

  it('address in New York, phone in 415: a call at 08:30 Eastern is refused until 11:00 Eastern', async () => {
    const { b, clerk, account } = await collectionsBackend('2026-03-10T12:30:00Z');
    const a = await account({ state: 'NY', phones: ['415-555-0100'] });
    expect(a.timeZone).toBe(NY);
    const err = failure(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: '2026-03-10T12:30:00Z',
        outcome: 'no_answer',
      }),
      'RULE_BLOCKED',
    );
    expect(err.details).toMatchObject({ rule: 'calling_hours', allowedAt: '2026-03-10T15:00:00.000Z' });
    expect(err.message).toContain('11:00 AM EDT');
  });

  it('designated inconvenient times block through the backend; withdrawing one is a supervisor\u2019s, audited', async () => {
    const { b, clerk, supervisor, account } = await collectionsBackend('2026-03-15T16:00:00Z'); // Sunday noon EDT
    const a = await account({ state: 'NY' });
    const t = value(
      await b.call(clerk, 'compliance.addInconvenientTime', { accountId: a.accountId, contactId: a.contactId, weekdays: [7], note: 'not on Sundays' }),
    );
    expect(t).toMatchObject({ weekdays: [7], start: '00:00', end: '24:00' });
    const c = value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone }));
    expect(c.blocks.map((x) => x.rule)).toEqual(['inconvenient_time']);
    expect(c.allowedAt).toBe('2026-03-16T12:00:00.000Z'); // Monday 08:00 EDT
    failure(await b.call(clerk, 'compliance.withdrawInconvenientTime', { id: t.id, reason: 'consumer changed it' }), 'FORBIDDEN');
    value(await b.call(supervisor, 'compliance.withdrawInconvenientTime', { id: t.id, reason: 'consumer changed it' }));
    expect(value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone })).allowed).toBe(true);
    expect(value(await b.call(clerk, 'compliance.inconvenientTimes', { accountId: a.accountId }))).toEqual([]);
  });

  it('a supervisor override succeeds with a written reason and is audited and reported; a clerk cannot override', async () => {
    const { b, clerk, supervisor, admin, account } = await collectionsBackend('2026-03-10T11:00:00Z'); // 07:00 EDT
    const a = await account({ state: 'NY' });
    const call = {
      accountId: a.accountId,
      contactId: a.contactId,
      phone: a.phone,
      direction: 'outgoing' as const,
      startedAt: '2026-03-10T11:00:00Z',
      outcome: 'spoke_with_debtor' as const,
    };
    const denied = failure(await b.call(clerk, 'calls.log', { ...call, override: { reason: 'consumer asked for an early call' } }), 'FORBIDDEN');
    expect(denied.message).toContain('supervisor');
    failure(await b.call(supervisor, 'calls.log', { ...call, override: { reason: 'too short' } }), 'VALIDATION');
    const logged = value(await b.call(supervisor, 'calls.log', { ...call, override: { reason: 'Consumer asked in writing to be called at 7am before work' } }));
    expect(logged.overrideId).toBeGreaterThan(0);
    const audit = value(await b.call(admin, 'audit.list', { entity: 'account', entityId: String(a.accountId) }));
    const o = audit.find((r) => r.action === 'compliance.override')!;
    expect(o).toMatchObject({
      username: 'sam',
      after: { rules: ['calling_hours'], reason: 'Consumer asked in writing to be called at 7am before work', action: 'call' },
    });
    expect(audit.some((r) => r.action === 'call.log')).toBe(true);
    const report = value(await b.call(supervisor, 'compliance.overrides', { from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' }));
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({
      accountId: a.accountId,
      rules: ['calling_hours'],
      username: 'sam',
      role: 'supervisor',
      callId: logged.id,
      actionAt: '2026-03-10T11:00:00.000Z',
    });
    expect(value(await b.call(supervisor, 'compliance.overrides', { from: '2026-03-11T00:00:00Z' }))).toHaveLength(0);
    failure(await b.call(clerk, 'compliance.overrides', {}), 'FORBIDDEN');
    expect(value(await b.call(admin, 'audit.verify', undefined)).ok).toBe(true);
  });

  it('an override recorded before blocks carried facts still reports, with its sentence as recorded', async () => {
    const { b, supervisor, account } = await collectionsBackend('2026-03-10T11:00:00Z');
    const a = await account({ state: 'NY' });
    const recorded =
      'Calling hours: it is 07:00 in America/New_York (address); calls are allowed 08:00-21:00 in the consumer\u2019s time zone. Allowed from Tue, Mar 10, 2026, 8:00 AM EDT. (12 CFR 1006.6(b)(1)(i))';
    const legacy = [{ rule: 'calling_hours', message: recorded, allowedAt: '2026-03-10T12:00:00.000Z', citation: '12 CFR 1006.6(b)(1)(i)' }];
    b.ctx.store.sqlite
      .prepare(
        `INSERT INTO compliance_override (account_id, action, rules, blocks, reason, phone, contact_name, action_at, user_id, username, role, created_at) VALUES (?, 'call', '["calling_hours"]', ?, 'Asked to be called early', NULL, NULL, '2026-03-01T11:00:00.000Z', 2, 'sam', 'supervisor', '2026-03-01T11:00:00.000Z')`,
      )
      .run(a.accountId, JSON.stringify(legacy));
    const [o] = value(await b.call(supervisor, 'compliance.overrides', {}));
    expect(o!.blocks).toEqual([{ rule: 'calling_hours', recorded, allowedAt: '2026-03-10T12:00:00.000Z', citation: '12 CFR 1006.6(b)(1)(i)' }]);
    expect(blockText(o!.blocks[0]!, () => 'never used')).toBe(recorded);
  });

  it('commercial accounts and complianceEnabled=false are not blocked', async () => {
    const { b, clerk, admin, account } = await collectionsBackend('2026-03-10T03:00:00Z'); // 23:00 EDT
    const com = await account({ state: 'NY', kind: 'commercial' });
    const com1 = value(await b.call(clerk, 'compliance.checkCall', { accountId: com.accountId, contactId: com.contactId, phone: com.phone }));
    expect(com1).toMatchObject({ allowed: true, exempt: 'commercial' });
    value(
      await b.call(clerk, 'calls.log', {
        accountId: com.accountId,
        contactId: com.contactId,
        phone: com.phone,
        direction: 'outgoing',
        startedAt: '2026-03-10T03:00:00Z',
        outcome: 'no_answer',
      }),
    );
    const con = await account({ state: 'NY' });
    failure(
      await b.call(clerk, 'calls.log', {
        accountId: con.accountId,
        contactId: con.contactId,
        phone: con.phone,
        direction: 'outgoing',
        startedAt: '2026-03-10T03:00:00Z',
        outcome: 'no_answer',
      }),
      'RULE_BLOCKED',
    );
    value(await b.call(admin, 'settings.update', { complianceEnabled: false }));
    expect(value(await b.call(clerk, 'compliance.checkCall', { accountId: con.accountId, contactId: con.contactId, phone: con.phone }))).toMatchObject({
      allowed: true,
      exempt: 'disabled',
    });
    value(
      await b.call(clerk, 'calls.log', {
        accountId: con.accountId,
        contactId: con.contactId,
        phone: con.phone,
        direction: 'outgoing',
        startedAt: '2026-03-10T03:00:00Z',
        outcome: 'no_answer',
      }),
    );
  });

  it('cease communication blocks calls and collection letters but allows a permitted notice; a supervisor can override a letter', async () => {
    const { b, clerk, supervisor, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account({ state: 'NY' });
    value(
      await b.call(clerk, 'flags.set', {
        kind: 'cease_communication',
        accountId: a.accountId,
        reason: 'Letter received asking us to stop',
        receivedOn: '2026-03-09',
      }),
    );
    const call = value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone }));
    expect(call.blocks.map((x) => x.rule)).toEqual(['cease_communication']);
    expect(call.allowedAt).toBeUndefined();
    const letter = value(await b.call(clerk, 'compliance.checkLetter', { accountId: a.accountId, purpose: 'collection' }));
    expect(letter.blocks).toEqual([expect.objectContaining({ rule: 'cease_communication', citation: '12 CFR 1006.6(c)' })]);
    expect(value(await b.call(clerk, 'compliance.checkLetter', { accountId: a.accountId, purpose: 'termination_of_efforts' })).allowed).toBe(true);
    // The letters service's entry point: a clerk is refused, a supervisor may override.
    const svc = b.services.compliance;
    await expect(
      b.ctx.db
        .transaction()
        .execute((trx) =>
          svc.assertLetterAllowed(trx, { actor: { userId: 3, username: 'cleo' }, role: 'clerk' }, { accountId: a.accountId, purpose: 'collection' }),
        ),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });
    await expect(
      b.ctx.db
        .transaction()
        .execute((trx) =>
          svc.assertLetterAllowed(trx, { actor: { userId: 3, username: 'cleo' }, role: 'clerk' }, { accountId: a.accountId, purpose: 'remedy_may_be_invoked' }),
        ),
    ).resolves.toBeNull();
    const id = await b.ctx.db
      .transaction()
      .execute((trx) =>
        svc.assertLetterAllowed(
          trx,
          { actor: { userId: 2, username: 'sam' }, role: 'supervisor' },
          { accountId: a.accountId, purpose: 'collection', override: { reason: 'Consumer withdrew the request by phone, letter to follow' } },
        ),
      );
    expect(id).toBeGreaterThan(0);
    expect(value(await b.call(supervisor, 'compliance.overrides', { accountId: a.accountId }))[0]).toMatchObject({
      action: 'letter',
      rules: ['cease_communication'],
    });
  });

  it('an open dispute pauses calls and collection letters until verification is recorded', async () => {
    const { b, clerk, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account({ state: 'NY' });
    value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'incoming',
        startedAt: '2026-03-10T15:00:00Z',
        outcome: 'dispute',
        notes: 'says the bill was paid',
      }),
    );
    // The debtor disputed on an incoming call: the dispute pauses collection, and the call was a conversation too.
    expect(
      value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone })).blocks.map((x) => x.rule),
    ).toEqual(['dispute', 'conversation_wait']);
    expect(value(await b.call(clerk, 'compliance.checkLetter', { accountId: a.accountId })).blocks.map((x) => x.rule)).toEqual(['dispute']);
    value(
      await b.call(clerk, 'flags.recordVerification', {
        accountId: a.accountId,
        verifiedOn: '2026-03-10',
        note: 'Itemized statement and proof of service mailed',
      }),
    );
    // Verified: the dispute no longer blocks; the conversation of that day still starts its 7-day wait.
    expect(
      value(await b.call(clerk, 'compliance.checkCall', { accountId: a.accountId, contactId: a.contactId, phone: a.phone })).blocks.map((x) => x.rule),
    ).toEqual(['conversation_wait']);
    expect(value(await b.call(clerk, 'compliance.checkLetter', { accountId: a.accountId })).allowed).toBe(true);
  });

  it('attorney, bankruptcy and deceased flags block calls to the consumer; do-not-call blocks only that number', async () => {
    const { b, clerk, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const rulesFor = async (acc: { accountId: number; contactId: number }, phone: string) =>
      value(await b.call(clerk, 'compliance.checkCall', { accountId: acc.accountId, contactId: acc.contactId, phone })).blocks.map((x) => x.rule);
    const a1 = await account();
    value(
      await b.call(clerk, 'flags.set', {
        kind: 'attorney_represented',
        accountId: a1.accountId,
        reason: 'Attorney letter',
        attorneyName: 'Lee Law',
        attorneyPhone: '212-555-0999',
      }),
    );
    expect(await rulesFor(a1, a1.phone)).toEqual(['attorney_represented']);
    const a2 = await account();
    value(await b.call(clerk, 'flags.set', { kind: 'bankruptcy', accountId: a2.accountId, reason: 'Notice from court', chapter: '7', caseNumber: '26-10001' }));
    expect(await rulesFor(a2, a2.phone)).toEqual(['bankruptcy']);
    const a3 = await account();
    value(await b.call(clerk, 'flags.set', { kind: 'deceased', accountId: a3.accountId, reason: 'Family called' }));
    expect(await rulesFor(a3, a3.phone)).toEqual(['deceased']);
    const a4 = await account();
    value(await b.call(clerk, 'flags.set', { kind: 'do_not_call', accountId: a4.accountId, reason: 'Asked not to call at work', phone: a4.phone }));
    expect(await rulesFor(a4, a4.phone)).toEqual(['do_not_call']);
    expect(await rulesFor(a4, '212-555-0177')).toEqual([]);
  });
});
