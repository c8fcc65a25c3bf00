import { describe, expect, it } from 'vitest';
import { evaluatePromise } from '../../src-main/backend/services/promises';
import { collectionsBackend, failure, value } from '../support/collections';

describe('promise evaluation (pure)', () => {
  const p = { amountCents: 10000, promisedOn: '2026-03-10', dueDate: '2026-03-20', graceDays: 2 };
  it('kept when payments in the window reach the amount; broken after due date + grace; otherwise pending', () => {
    expect(evaluatePromise(p, [], '2026-03-22')).toMatchObject({ status: 'pending', lastDate: '2026-03-22' });
    expect(evaluatePromise(p, [], '2026-03-23')).toMatchObject({ status: 'broken', decidedOn: '2026-03-23', paidCents: 0 });
    const pays = [
      { date: '2026-03-09', amountCents: 10000, reversedOn: null }, // before the promise: does not count
      { date: '2026-03-12', amountCents: 6000, reversedOn: null },
      { date: '2026-03-22', amountCents: 4000, reversedOn: null }, // last day of grace
    ];
    expect(evaluatePromise(p, pays, '2026-03-21')).toMatchObject({ status: 'pending', paidCents: 6000 });
    expect(evaluatePromise(p, pays, '2026-03-30')).toMatchObject({ status: 'kept', paidCents: 10000, decidedOn: '2026-03-22' });
    expect(evaluatePromise(p, [{ date: '2026-03-23', amountCents: 10000, reversedOn: null }], '2026-03-30')).toMatchObject({ status: 'broken' });
    // A reversed payment stops counting from the reversal's date.
    const bounced = [{ date: '2026-03-12', amountCents: 10000, reversedOn: '2026-03-16' }];
    expect(evaluatePromise(p, bounced, '2026-03-15')).toMatchObject({ status: 'kept' });
    expect(evaluatePromise(p, bounced, '2026-03-16')).toMatchObject({ status: 'pending', paidCents: 0 });
  });
});

describe('promises from posted payments', () => {
  // Company in Chicago. Tuesday 2026-03-10 10:00 CDT.
  async function setup() {
    const env = await collectionsBackend('2026-03-10T15:00:00Z');
    const { b, clerk, travel } = env;
    const promise = async (accountId: number, contactId: number, phone: string, amountCents: number, dueDate: string) =>
      value(
        await b.call(clerk, 'calls.log', {
          accountId,
          contactId,
          phone,
          direction: 'incoming',
          startedAt: env.clock.now().toISOString(),
          outcome: 'promise_to_pay',
          promise: { amountCents, dueDate },
        }),
      ).promiseId!;
    const pay = async (accountId: number, date: string, amountCents: number) => {
      travel(`${date}T17:00:00Z`);
      return value(await b.call(clerk, 'payments.post', { accountId, date, method: 'cash', amountCents }));
    };
    return { ...env, promise, pay };
  }

  it('kept and broken are decided from real posted payments, with grace days', async () => {
    const { b, clerk, account, promise, pay, travel } = await setup();
    const kept = await account({ state: 'NY' });
    const broken = await account({ state: 'NY' });
    await pay(kept.accountId, '2026-03-09', 99999); // a payment before the promise does not count
    travel('2026-03-10T15:00:00Z');
    const pk = await promise(kept.accountId, kept.contactId, kept.phone, 10000, '2026-03-20');
    const pb = await promise(broken.accountId, broken.contactId, broken.phone, 10000, '2026-03-20');
    await pay(kept.accountId, '2026-03-12', 6000);
    await pay(broken.accountId, '2026-03-12', 5000);
    expect(value(await b.call(clerk, 'promises.list', { accountId: kept.accountId }))[0]).toMatchObject({ id: pk, status: 'pending', paidCents: 6000 });
    // Due on the 20th; the 21st is within the 2 grace days.
    await pay(kept.accountId, '2026-03-21', 4000);
    expect(value(await b.call(clerk, 'promises.list', { accountId: kept.accountId }))[0]).toMatchObject({
      status: 'kept',
      paidCents: 10000,
      decidedOn: '2026-03-21',
      lastDate: '2026-03-22',
    });
    expect(value(await b.call(clerk, 'promises.list', { accountId: broken.accountId }))[0]).toMatchObject({ id: pb, status: 'pending' });
    // The worklist: on the 21st the unpaid promise is due (in grace) and listed; the kept one is not.
    expect((await b.services.promises.promisesDueOrBroken('2026-03-21')).map((p) => [p.id, p.status])).toEqual([[pb, 'pending']]);
    expect(await b.services.promises.promisesDueOrBroken('2026-03-19')).toEqual([]);
    expect([...(await b.services.promises.promiseHolds('2026-03-19')).keys()].sort()).toEqual([kept.accountId, broken.accountId].sort());
    // After the grace days, a late payment does not keep it.
    await pay(broken.accountId, '2026-03-23', 5000);
    expect(value(await b.call(clerk, 'promises.list', { accountId: broken.accountId }))[0]).toMatchObject({
      status: 'broken',
      paidCents: 5000,
      decidedOn: '2026-03-23',
    });
    expect((await b.services.promises.promisesDueOrBroken('2026-03-23')).map((p) => [p.id, p.status])).toEqual([[pb, 'broken']]);
    expect((await b.services.promises.promiseHolds('2026-03-23')).size).toBe(0);
    // As of an earlier date, the answer is what it was then.
    expect(value(await b.call(clerk, 'promises.list', { accountId: kept.accountId, asOf: '2026-03-15' }))[0]).toMatchObject({
      status: 'pending',
      paidCents: 6000,
    });
    // A newer promise supersedes the broken one on the worklist.
    const newer = await promise(broken.accountId, broken.contactId, broken.phone, 20000, '2026-03-30'); // the $50 paid today counts toward it
    expect(await b.services.promises.promisesDueOrBroken('2026-03-23')).toEqual([]);
    expect((await b.services.promises.promiseHolds('2026-03-23')).get(broken.accountId)?.id).toBe(newer);
  });

  it('a reversed (bounced) payment no longer keeps the promise', async () => {
    const { b, clerk, account, promise, pay, travel } = await setup();
    const a = await account({ state: 'NY' });
    await promise(a.accountId, a.contactId, a.phone, 10000, '2026-03-20');
    const paid = await pay(a.accountId, '2026-03-12', 10000);
    expect(value(await b.call(clerk, 'promises.list', { accountId: a.accountId }))[0]!.status).toBe('kept');
    travel('2026-03-16T17:00:00Z');
    value(await b.call(clerk, 'payments.reverse', { paymentId: paid.documentId, date: '2026-03-16', reason: 'Check returned NSF' }));
    expect(value(await b.call(clerk, 'promises.list', { accountId: a.accountId }))[0]).toMatchObject({ status: 'pending', paidCents: 0 });
    travel('2026-03-23T17:00:00Z');
    expect(value(await b.call(clerk, 'promises.list', { accountId: a.accountId }))[0]).toMatchObject({ status: 'broken' });
  });

  it('grace days are a setting, frozen on each promise when it is made', async () => {
    const { b, clerk, supervisor, account, promise } = await setup();
    const a = await account();
    const first = await promise(a.accountId, a.contactId, a.phone, 1000, '2026-03-20');
    expect(value(await b.call(clerk, 'compliance.getSettings', undefined))).toEqual({ promiseGraceDays: 2, validationPeriodDays: 35 });
    failure(await b.call(clerk, 'compliance.updateSettings', { promiseGraceDays: 5 }), 'FORBIDDEN');
    value(await b.call(supervisor, 'compliance.updateSettings', { promiseGraceDays: 5 }));
    const second = await promise(a.accountId, a.contactId, a.phone, 1000, '2026-03-20');
    const list = value(await b.call(clerk, 'promises.list', { accountId: a.accountId }));
    expect(list.map((p) => [p.id, p.graceDays, p.lastDate])).toEqual([
      [second, 5, '2026-03-25'],
      [first, 2, '2026-03-22'],
    ]);
  });
});
