import { describe, expect, it } from 'vitest';
import { accountStateBadges } from '../../src-shared/domain/account-states-text';
import { timelineDetail, timelineTitle } from '../../src-shared/domain/collections-text';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/** The states a collector must see (agency, write-off, plan, promise): on the contact timeline and as the header's words. */
describe('account states on the timeline and the header', () => {
  it('a referral and its recall are timeline events, newest first, with the agency, the date and the balance', async () => {
    const { b, s, clock } = await receivablesBackend(); // today 2026-03-15
    const acct = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, acct.id, 40000, { date: '2025-11-01', terms: 'Net 30' });
    const ref = await must(b, s.supervisor, 'referrals.refer', { accountId: acct.id, agencyName: 'Acme Collections', note: 'No answer to the final notice' });

    let t = await must(b, s.clerk, 'timeline.get', { accountId: acct.id });
    const referred = t.filter((e) => e.kind === 'referral');
    expect(referred).toEqual([
      expect.objectContaining({
        action: 'referred',
        agencyName: 'Acme Collections',
        date: '2026-03-15',
        balanceCents: 40000,
        by: 'sam',
        ref: { type: 'referral', id: ref.id },
      }),
    ]);
    expect(timelineTitle(referred[0]!)).toBe('Referred to Acme Collections on Mar 15, 2026');
    expect(timelineDetail(referred[0]!)).toBe('balance $400.00 at referral · No answer to the final notice');

    clock.set('2026-03-15T15:05:00Z'); // a few minutes on: the sessions' idle lock would end a longer jump
    await must(b, s.supervisor, 'referrals.recall', { accountId: acct.id, reason: 'Customer called to settle' });
    t = await must(b, s.clerk, 'timeline.get', { accountId: acct.id });
    const both = t.filter((e) => e.kind === 'referral');
    expect(both.map((e) => (e.kind === 'referral' ? [e.action, e.date, e.note] : null))).toEqual([
      ['recalled', '2026-03-15', 'Customer called to settle'],
      ['referred', '2026-03-15', 'No answer to the final notice'],
    ]);
    expect(timelineTitle(both[0]!)).toBe('Recalled from Acme Collections on Mar 15, 2026');
  });

  it('a write-off request, its approval and a rejected one are timeline events with who and why', async () => {
    const { b, s, clock } = await receivablesBackend();
    const acct = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, acct.id, 3000, { date: '2025-10-01', terms: 'Net 30' });
    const req = await must(b, s.clerk, 'writeoffs.request', { accountId: acct.id, amountCents: 2500, reason: 'Small balance, out of business' });

    let t = await must(b, s.clerk, 'timeline.get', { accountId: acct.id });
    expect(t.filter((e) => e.kind === 'writeoff')).toEqual([
      expect.objectContaining({ action: 'requested', requestId: req.id, amountCents: 2500, note: 'Small balance, out of business', by: 'clara' }),
    ]);

    clock.set('2026-03-15T15:02:00Z');
    await must(b, s.supervisor, 'writeoffs.approve', { requestId: req.id, note: 'Agreed' });
    clock.set('2026-03-15T15:04:00Z');
    const again = await must(b, s.clerk, 'writeoffs.request', { accountId: acct.id, amountCents: 500, reason: 'The rest' });
    clock.set('2026-03-15T15:06:00Z');
    await must(b, s.supervisor, 'writeoffs.reject', { requestId: again.id, note: 'Customer is still paying' });

    t = await must(b, s.clerk, 'timeline.get', { accountId: acct.id });
    const w = t.filter((e) => e.kind === 'writeoff');
    expect(w.map((e) => (e.kind === 'writeoff' ? [e.action, e.requestId, e.by, e.note] : null))).toEqual([
      ['rejected', again.id, 'sam', 'Customer is still paying'],
      ['requested', again.id, 'clara', 'The rest'],
      ['approved', req.id, 'sam', 'Agreed'],
      ['requested', req.id, 'clara', 'Small balance, out of business'],
    ]);
    expect(w.map((e) => timelineTitle(e))).toEqual([
      'Write-off of $5.00 rejected',
      'Write-off of $5.00 requested',
      'Write-off of $25.00 approved',
      'Write-off of $25.00 requested',
    ]);
  });

  it('the header words the open referral, the pending write-off, the running plan and the open promise', async () => {
    const { b, s } = await receivablesBackend(); // today 2026-03-15
    const acct = await newAccount(b, s.clerk, { contacts: [{ name: 'Pat Payer', isPrimary: true, phones: [{ number: '(312) 555-0142' }] }] });
    await postInvoice(b, s.clerk, acct.id, 60000, { date: '2026-01-01', terms: 'Net 30' });
    const detail = await must(b, s.clerk, 'accounts.get', { accountId: acct.id });
    const contactId = detail.contacts[0]!.id;
    const states = async () =>
      accountStateBadges({
        referral: (await must(b, s.clerk, 'referrals.list', { accountId: acct.id, status: 'referred' }))[0] ?? null,
        writeoff: (await must(b, s.clerk, 'writeoffs.list', { accountId: acct.id, status: 'pending' }))[0] ?? null,
        plans: await must(b, s.clerk, 'plans.list', { accountId: acct.id }),
        promises: await must(b, s.clerk, 'promises.list', { accountId: acct.id }),
      });
    expect(await states()).toEqual([]);

    await must(b, s.clerk, 'plans.create', { accountId: acct.id, totalCents: 30000, installmentCount: 2, frequency: 'monthly', firstDate: '2026-04-05' });
    await must(b, s.clerk, 'calls.log', {
      accountId: acct.id,
      contactId,
      phone: '(312) 555-0142',
      direction: 'incoming',
      startedAt: '2026-03-15T15:00:00Z',
      outcome: 'promise_to_pay',
      promise: { amountCents: 20000, dueDate: '2026-03-20' },
    });
    await must(b, s.clerk, 'writeoffs.request', { accountId: acct.id, amountCents: 1000, reason: 'Disputed fee' });
    await must(b, s.supervisor, 'referrals.refer', { accountId: acct.id, agencyName: 'Acme Collections' });

    expect((await states()).map((x) => x.label)).toEqual([
      'Referred to Acme Collections on Mar 15, 2026',
      'Write-off pending approval',
      'Payment plan: current, next $150.00 on Apr 5, 2026',
      'Promise: $200.00 by Mar 20, 2026',
    ]);

    await must(b, s.supervisor, 'referrals.recall', { accountId: acct.id, reason: 'Settling' });
    expect((await states()).map((x) => x.key)).toEqual(['writeoff', 'plan', 'promise']);
  });

  it('a clerk can name the people in the history: users.names gives every user, active or not, by display name', async () => {
    const { b, s } = await receivablesBackend();
    const gone = await must(b, s.admin, 'users.create', { username: 'gwen', displayName: 'Gwen Gone', role: 'clerk', password: 'password-123' });
    await must(b, s.admin, 'users.setActive', { userId: gone.id, active: false });
    const names = await must(b, s.clerk, 'users.names', undefined);
    expect(names).toEqual(
      expect.arrayContaining([
        { username: 'gwen', displayName: 'Gwen Gone' },
        { username: 'clara', displayName: 'clara' },
      ]),
    );
    expect(names.every((n) => Object.keys(n).sort().join() === 'displayName,username')).toBe(true);
  });
});
