import { describe, expect, it } from 'vitest';
import { collectionsBackend, failure, value } from '../support/collections';
import { timelineTitle } from '../../src-shared/domain/collections-text';

// Tuesday 2026-03-10 11:00 EDT (New York consumer); the company is in Chicago.
const START = '2026-03-10T15:00:00Z';

describe('call log', () => {
  it('logs an outgoing call with the clerk, audited, and lists it', async () => {
    const { b, clerk, admin, account } = await collectionsBackend(START);
    const a = await account({ state: 'NY' });
    const c = value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: START,
        outcome: 'left_message',
        notes: 'voicemail',
      }),
    );
    expect(c).toMatchObject({
      accountId: a.accountId,
      contactName: 'Consumer 1',
      direction: 'outgoing',
      outcome: 'left_message',
      clerk: 'cleo',
      overrideId: null,
      promiseId: null,
      flagId: null,
      startedAt: '2026-03-10T15:00:00.000Z',
    });
    expect(value(await b.call(clerk, 'calls.list', { accountId: a.accountId }))).toEqual([c]);
    const audit = value(await b.call(admin, 'audit.list', { entity: 'account', entityId: String(a.accountId) }));
    expect(audit.find((r) => r.action === 'call.log')).toMatchObject({
      username: 'cleo',
      after: { callId: c.id, outcome: 'left_message', checkedRules: { allowed: true } },
    });
  });

  it('a refused call writes nothing', async () => {
    const { b, clerk, admin, account } = await collectionsBackend('2026-03-10T11:00:00Z'); // 07:00 EDT
    const a = await account({ state: 'NY' });
    const before = value(await b.call(admin, 'audit.list', { limit: 1000 })).length;
    failure(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: '2026-03-10T11:00:00Z',
        outcome: 'promise_to_pay',
        promise: { amountCents: 5000, dueDate: '2026-03-20' },
      }),
      'RULE_BLOCKED',
    );
    expect(value(await b.call(admin, 'audit.list', { limit: 1000 })).length).toBe(before);
    expect(value(await b.call(clerk, 'calls.list', { accountId: a.accountId }))).toEqual([]);
    expect(value(await b.call(clerk, 'promises.list', { accountId: a.accountId }))).toEqual([]);
    // An incoming call at that hour is not checked.
    value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'incoming',
        startedAt: '2026-03-10T11:00:00Z',
        outcome: 'spoke_with_debtor',
      }),
    );
  });

  it('validates: a promise needs amount and date; no future start; the contact must belong to the account', async () => {
    const { b, clerk, account } = await collectionsBackend(START);
    const a = await account();
    const other = await account();
    const base = { accountId: a.accountId, contactId: a.contactId, phone: a.phone, direction: 'outgoing' as const, startedAt: START };
    failure(await b.call(clerk, 'calls.log', { ...base, outcome: 'promise_to_pay' }), 'VALIDATION');
    failure(await b.call(clerk, 'calls.log', { ...base, outcome: 'no_answer', promise: { amountCents: 100, dueDate: '2026-03-20' } }), 'VALIDATION');
    failure(await b.call(clerk, 'calls.log', { ...base, outcome: 'no_answer', startedAt: '2026-03-10T16:00:00Z' }), 'VALIDATION');
    failure(await b.call(clerk, 'calls.log', { ...base, outcome: 'promise_to_pay', promise: { amountCents: 100, dueDate: '2026-03-01' } }), 'VALIDATION');
    failure(await b.call(clerk, 'calls.log', { ...base, contactId: other.contactId, outcome: 'no_answer' }), 'NOT_FOUND');
    failure(await b.call(clerk, 'calls.log', { ...base, outcome: 'no_answer', override: { reason: 'short' } }), 'VALIDATION');
  });

  it('outcomes create follow-ups: promise, disputed flag (once), wrong number excluded from checks', async () => {
    const { b, clerk, travel, account } = await collectionsBackend(START);
    const a = await account({ state: 'NY', phones: ['212-555-0100'] });
    const p = value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: START,
        outcome: 'promise_to_pay',
        promise: { amountCents: 12500, dueDate: '2026-03-20' },
      }),
    );
    expect(p.promiseId).toBeGreaterThan(0);
    expect(value(await b.call(clerk, 'promises.list', { accountId: a.accountId }))[0]).toMatchObject({
      id: p.promiseId,
      callId: p.id,
      amountCents: 12500,
      promisedOn: '2026-03-10',
      dueDate: '2026-03-20',
      graceDays: 2,
      status: 'pending',
    });

    travel('2026-03-10T16:00:00Z');
    const d1 = value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'incoming',
        startedAt: '2026-03-10T16:00:00Z',
        outcome: 'dispute',
        notes: 'not my bill',
      }),
    );
    const d2 = value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'incoming',
        startedAt: '2026-03-10T16:00:00Z',
        outcome: 'dispute',
      }),
    );
    expect(d1.flagId).toBeGreaterThan(0);
    expect(d2.flagId).toBe(d1.flagId);
    const flags = value(await b.call(clerk, 'flags.list', { accountId: a.accountId }));
    expect(flags).toEqual([expect.objectContaining({ kind: 'disputed', callId: d1.id, setBy: 'cleo' })]);

    const b2 = await account({ state: 'NY', phones: ['212-555-0100'] });
    const w = value(
      await b.call(clerk, 'calls.log', {
        accountId: b2.accountId,
        contactId: b2.contactId,
        phone: '(212) 555-0100',
        direction: 'outgoing',
        startedAt: '2026-03-10T16:00:00Z',
        outcome: 'wrong_number',
      }),
    );
    expect(w.flagId).toBeGreaterThan(0);
    const check = value(await b.call(clerk, 'compliance.checkCall', { accountId: b2.accountId, contactId: b2.contactId, phone: '+1 212 555 0100' }));
    expect(check.blocks.map((x) => x.rule)).toEqual(['wrong_number']);
    expect([...(await b.services.flags.blockedNumbers(b2.accountId)).entries()]).toEqual([['2125550100', ['wrong_number']]]);
  });

  it('callbacks: scheduled with any outcome, due for the worklist, done when the account is called again', async () => {
    const { b, clerk, travel, account } = await collectionsBackend(START);
    const a = await account({ state: 'NY' });
    const c = value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: START,
        outcome: 'no_answer',
        callbackAt: '2026-03-12T18:00:00Z',
      }),
    );
    expect(c.callbackAt).toBe('2026-03-12T18:00:00.000Z');
    failure(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'incoming',
        startedAt: START,
        outcome: 'no_answer',
        callbackAt: '2026-03-10T14:00:00Z',
      }),
      'VALIDATION',
    );
    expect(await b.services.calls.callbacksDue(new Date('2026-03-12T17:59:00Z'))).toEqual([]);
    const due = await b.services.calls.callbacksDue(new Date('2026-03-12T18:00:00Z'));
    expect(due).toEqual([expect.objectContaining({ callId: c.id, accountId: a.accountId, contactName: 'Consumer 1', clerk: 'cleo' })]);
    expect(await b.services.calls.callbacksDue(new Date('2026-03-12T18:00:00Z'), { clerkId: 999 })).toEqual([]);
    travel('2026-03-12T18:05:00Z');
    value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: '2026-03-12T18:05:00Z',
        outcome: 'no_answer',
      }),
    );
    expect(await b.services.calls.callbacksDue(new Date('2026-03-13T00:00:00Z'))).toEqual([]);
    expect(value(await b.call(clerk, 'calls.list', { accountId: a.accountId })).find((x) => x.id === c.id)!.callbackDoneAt).toBe('2026-03-12T18:05:00.000Z');
  });

  it('calls are immutable in the store', async () => {
    const { b, clerk, account } = await collectionsBackend(START);
    const a = await account();
    const c = value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: START,
        outcome: 'no_answer',
      }),
    );
    expect(() => b.ctx.store.sqlite.prepare('UPDATE call_log SET outcome = ? WHERE id = ?').run('paid', c.id)).toThrow(/immutable/);
    expect(() => b.ctx.store.sqlite.prepare('DELETE FROM call_log WHERE id = ?').run(c.id)).toThrow(/never deleted/);
  });

  it('the contact timeline lists calls, flags set and cleared, promises and overrides, newest first', async () => {
    const { b, clerk, supervisor, travel, account } = await collectionsBackend('2026-03-10T11:00:00Z');
    const a = await account({ state: 'NY' });
    value(
      await b.call(supervisor, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'outgoing',
        startedAt: '2026-03-10T11:00:00Z',
        outcome: 'no_answer',
        override: { reason: 'Consumer asked for a 7am call in writing' },
      }),
    );
    travel('2026-03-11T15:00:00Z');
    value(
      await b.call(clerk, 'calls.log', {
        accountId: a.accountId,
        contactId: a.contactId,
        phone: a.phone,
        direction: 'incoming',
        startedAt: '2026-03-11T15:00:00Z',
        outcome: 'promise_to_pay',
        promise: { amountCents: 5000, dueDate: '2026-03-18' },
      }),
    );
    travel('2026-03-12T15:00:00Z');
    const f = value(await b.call(clerk, 'flags.set', { kind: 'do_not_call', accountId: a.accountId, reason: 'work number', phone: '212-555-0100' }));
    travel('2026-03-13T15:00:00Z');
    value(await b.call(clerk, 'flags.clear', { flagId: f.id, reason: 'consumer allows it again' }));
    value(await b.call(clerk, 'compliance.recordValidationNotice', { accountId: a.accountId, sentOn: '2026-03-13' }));
    const t = value(await b.call(clerk, 'timeline.get', { accountId: a.accountId }));
    expect(t.map((e) => e.kind)).toEqual(['validation_notice', 'flag_cleared', 'flag_set', 'promise', 'call', 'call', 'override']);
    for (let i = 1; i < t.length; i++) expect(t[i - 1]!.at >= t[i]!.at).toBe(true);
    expect(t.find((e) => e.kind === 'promise')).toMatchObject({ amountCents: 5000, dueDate: '2026-03-18', status: 'pending' });
    expect(timelineTitle(t.find((e) => e.kind === 'promise')!)).toBe('Promise to pay $50.00 by Mar 18, 2026: pending');
  });
});
