import { describe, expect, it } from 'vitest';
import { callableText, lastContactText } from '../../src-shared/domain/collections-calling';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/**
 * The worklist made for calling (docs/clerks-day.md): Sunday 2026-03-15 at 13:55 UTC, daylight time,
 * so 8:55 AM in Chicago and 6:55 AM in Los Angeles.
 */
const NOW = '2026-03-15T13:55:00Z';

async function office() {
  const ctx = await receivablesBackend(NOW);
  const { b, s } = ctx;
  const consumer = async (name: string, timeZone: string, phones: string[], cents: number) => {
    const a = await newAccount(b, s.clerk, {
      name,
      kind: 'consumer',
      timeZone,
      contacts: [
        { name: `${name} Spouse`, isPrimary: false, phones: [{ label: 'Home', number: '(312) 555-0199' }] },
        { name: `${name} Self`, isPrimary: true, phones: phones.map((number, i) => ({ label: i === 0 ? 'Mobile' : 'Work', number })) },
      ],
    });
    await postInvoice(b, s.clerk, a.id, cents, { date: '2026-01-01', terms: 'Net 30' });
    const contact = (await must(b, s.clerk, 'accounts.get', { accountId: a.id })).contacts.find((c) => c.name === `${name} Self`)!;
    return { ...a, contactId: contact.id };
  };
  // Los Angeles owes the most: by score alone it would lead the list.
  const la = await consumer('Laurel Canyon', 'America/Los_Angeles', ['(213) 555-0101'], 900000);
  const chi = await consumer('Wicker Park', 'America/Chicago', ['(312) 555-0100', '(773) 555-8276'], 300000);
  const inc = await consumer('Hyde Park', 'America/Chicago', ['(312) 555-0122'], 200000);
  const pro = await consumer('Pilsen', 'America/Chicago', ['(312) 555-0133'], 100000);
  // Wicker Park: the mobile was a wrong number (that outcome flags it), then a message on the work number.
  await must(b, s.clerk, 'calls.log', {
    accountId: chi.id,
    contactId: chi.contactId,
    phone: '(312) 555-0100',
    direction: 'outgoing',
    startedAt: '2026-03-10T16:00:00Z',
    outcome: 'wrong_number',
  });
  await must(b, s.clerk, 'calls.log', {
    accountId: chi.id,
    contactId: chi.contactId,
    phone: '(773) 555-8276',
    direction: 'outgoing',
    startedAt: '2026-03-12T20:00:00Z',
    outcome: 'left_message',
  });
  // Hyde Park asked not to be called on Sunday mornings.
  await must(b, s.clerk, 'compliance.addInconvenientTime', { accountId: inc.id, weekdays: [7], start: '08:00', end: '12:00', note: 'Church' });
  // Pilsen promised $450 for today on Friday's call (a conversation: the 7-day wait runs).
  await must(b, s.clerk, 'calls.log', {
    accountId: pro.id,
    contactId: pro.contactId,
    phone: '(312) 555-0133',
    direction: 'outgoing',
    startedAt: '2026-03-13T17:00:00Z',
    outcome: 'promise_to_pay',
    promise: { amountCents: 45000, dueDate: '2026-03-15' },
  });
  await must(b, s.supervisor, 'stages.evaluate', {});
  return { ...ctx, la, chi, inc, pro };
}

describe('worklist made for calling', () => {
  it('puts accounts that cannot be called now below those that can, each group by score', async () => {
    const { b, s, la, chi, inc, pro } = await office();
    const wl = await must(b, s.supervisor, 'worklist.get', {});
    const byId = new Map(wl.items.map((i) => [i.accountId, i]));
    expect(wl.items.map((i) => [i.name, i.calling.callableNow])).toEqual([
      ['Wicker Park', true],
      ['Laurel Canyon', false],
      ['Hyde Park', false],
      ['Pilsen', false],
    ]);
    // Without the callable grouping Los Angeles would lead: its score is the highest.
    expect(byId.get(la.id)!.score).toBeGreaterThan(byId.get(chi.id)!.score);

    const now = new Date(NOW);
    const laRow = byId.get(la.id)!.calling;
    expect(laRow).toMatchObject({ phone: '(213) 555-0101', timeZone: 'America/Los_Angeles', callableNow: false, blockedBy: ['calling_hours'] });
    expect(laRow.callableFrom).toBe('2026-03-15T15:00:00.000Z'); // 8:00 AM in Los Angeles
    expect(callableText(laRow, now)).toEqual({ allowed: false, headline: 'Callable from 8:00 AM', wait: 'in 1 h 5 min', why: 'outside calling hours' });

    const chiRow = byId.get(chi.id)!.calling;
    expect(chiRow.callableUntil).toBe('2026-03-16T02:00:00.000Z'); // 9:00 PM in Chicago
    expect(callableText(chiRow, now).headline).toBe('Callable until 9:00 PM');

    const incRow = byId.get(inc.id)!.calling;
    expect(incRow).toMatchObject({ callableNow: false, blockedBy: ['inconvenient_time'], callableFrom: '2026-03-15T17:00:00.000Z' });
    expect(callableText(incRow, now).headline).toBe('Callable from 12:00 PM');

    const proRow = byId.get(pro.id)!.calling;
    expect(proRow.promise).toEqual({ amountCents: 45000, dueDate: '2026-03-15', state: 'due' });
    expect(proRow.blockedBy).toEqual(['conversation_wait']);
    expect(callableText(proRow, now).headline).toBe('Callable from Fri 8:00 AM');
  });

  it('gives the best number and the last contact', async () => {
    const { b, s, chi, la } = await office();
    const wl = await must(b, s.supervisor, 'worklist.get', {});
    const row = wl.items.find((i) => i.accountId === chi.id)!.calling;
    // The primary contact's mobile was flagged wrong by the call outcome: its work number is next, not the spouse's.
    expect(row).toMatchObject({ phone: '(773) 555-8276', phoneLabel: 'Work', contactName: 'Wicker Park Self', promise: null });
    expect(row.lastContact).toEqual({ at: '2026-03-12T20:00:00.000Z', outcome: 'left_message', direction: 'outgoing' });
    expect(lastContactText(row)).toBe('Left message, Mar 12');
    expect(wl.items.find((i) => i.accountId === la.id)!.calling.lastContact).toBeNull();
  });

  it('filters to the accounts callable now, and follows the clock', async () => {
    const { b, s, clock, chi, la } = await office();
    const now = await must(b, s.supervisor, 'worklist.get', { callableNow: true });
    expect(now.items.map((i) => i.accountId)).toEqual([chi.id]);
    expect(now.total).toBe(1);
    const not = await must(b, s.supervisor, 'worklist.get', { callableNow: false });
    expect(not.items).toHaveLength(3);
    // At 8:00 AM in Los Angeles it may be called, and leads the list again by its score.
    for (let i = 0; i < 6; i++) {
      clock.advance(10 * 60_000); // in steps, so that the session does not lock for idleness
      await must(b, s.supervisor, 'stages.list', undefined);
    }
    clock.set('2026-03-15T15:00:00Z');
    const later = await must(b, s.supervisor, 'worklist.get', { callableNow: true });
    expect(later.items.map((i) => i.accountId)).toEqual([la.id, chi.id]);
    expect(callableText(later.items[0]!.calling, new Date('2026-03-15T15:00:00Z')).headline).toBe('Callable until 9:00 PM');
  });

  it('says there is no number when every number is flagged, and exempts business accounts from the hours', async () => {
    const { b, s, la } = await office();
    await must(b, s.clerk, 'flags.set', { kind: 'do_not_call', accountId: la.id, phone: '(213) 555-0101', reason: 'Asked by phone' });
    const biz = await newAccount(b, s.clerk, {
      name: 'Dawn Bakery',
      timeZone: 'America/Los_Angeles',
      contacts: [{ name: 'Owner', isPrimary: true, phones: [{ number: '(213) 555-0177' }] }],
    });
    await postInvoice(b, s.clerk, biz.id, 50000, { date: '2026-01-01', terms: 'Net 30' });
    await must(b, s.supervisor, 'stages.evaluate', {});
    const wl = await must(b, s.supervisor, 'worklist.get', {});
    const laRow = wl.items.find((i) => i.accountId === la.id)!.calling;
    // The spouse's number is the only one left.
    expect(laRow.phone).toBe('(312) 555-0199');
    const bizRow = wl.items.find((i) => i.accountId === biz.id)!.calling;
    expect(bizRow).toMatchObject({ callableNow: true, exempt: 'commercial', callableUntil: null });
    expect(callableText(bizRow, new Date(NOW)).headline).toBe('Callable now');
  });
});
