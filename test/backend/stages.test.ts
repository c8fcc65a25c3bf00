import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { timelineDetail, timelineTitle } from '../../src-shared/domain/collections-text';
import { travel } from '../support/collections-policy';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

describe('collection stages', () => {
  it('has the default ladder', async () => {
    const { b, s } = await receivablesBackend();
    const stages = await must(b, s.clerk, 'stages.list', undefined);
    expect(stages.map((x) => [x.name, x.daysPastDue])).toEqual([
      ['Friendly reminder', 7],
      ['Second notice', 30],
      ['Final notice', 60],
      ['Agency referral review', 90],
    ]);
    expect((await b.call(s.clerk, 'stages.save', { stages: [] })).ok).toBe(false); // supervisors only
  });

  it('moves accounts up the ladder by their oldest past-due item, records each move and creates the stage tasks', async () => {
    const { b, s } = await receivablesBackend(); // today 2026-03-15
    const acct = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, acct.id, 10000, { date: '2026-01-01', terms: 'Net 30' }); // due 2026-01-31
    await postInvoice(b, s.clerk, acct.id, 5000, { date: '2026-02-20', terms: 'Net 30' }); // due 2026-03-22

    expect((await b.call(s.clerk, 'stages.evaluate', { asOf: '2026-02-05' })).ok).toBe(false); // supervisors run it
    const none = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-02-05' }); // 5 days: below the first stage
    expect(none.movedUp).toBe(0);

    const first = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-02-10' }); // 10 days
    expect(first).toMatchObject({ movedUp: 1, tasksCreated: 1 });
    let view = await must(b, s.clerk, 'stages.account', { accountId: acct.id });
    expect(view.stage).toMatchObject({ name: 'Friendly reminder', enteredOn: '2026-02-10' });
    expect(view.tasks.map((t) => [t.kind, t.detail.templateCode, t.status])).toEqual([['letter', 'friendly-reminder', 'open']]);

    const second = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-05' }); // 33 days
    expect(second.moves).toEqual([expect.objectContaining({ accountId: acct.id, daysPastDue: 33, pastDueCents: 10000 })]);
    view = await must(b, s.clerk, 'stages.account', { accountId: acct.id });
    expect(view.stage).toMatchObject({ name: 'Second notice', enteredOn: '2026-03-05' });
    expect(view.history.map((h) => [h.fromStageName, h.toStageName, h.asOf, h.daysPastDue, h.by])).toEqual([
      ['Friendly reminder', 'Second notice', '2026-03-05', 33, 'sam'],
      [null, 'Friendly reminder', '2026-02-10', 10, 'sam'],
    ]);
    expect(view.tasks.filter((t) => t.status === 'open').map((t) => [t.kind, t.stageName])).toEqual(
      expect.arrayContaining([
        ['call', 'Second notice'],
        ['letter', 'Second notice'],
      ]),
    );
    expect(view.tasks.filter((t) => t.status === 'open')).toHaveLength(2);
    expect(view.tasks.find((t) => t.stageName === 'Friendly reminder')).toMatchObject({
      status: 'cancelled',
      note: '',
      detail: { templateCode: 'friendly-reminder', cancelled: { code: 'superseded', stageName: 'Second notice' } },
    });

    // Evaluating again on the same stage changes nothing.
    const same = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
    expect(same.movedUp + same.movedDown + same.cleared).toBe(0);

    // The move is audited.
    const audit = await must(b, s.admin, 'audit.list', { entity: 'account', entityId: String(acct.id) });
    expect(audit.filter((a) => a.action === 'stage.move')).toHaveLength(2);

    // The contact timeline shows the moves and the letters they asked for.
    const timeline = await must(b, s.clerk, 'timeline.get', { accountId: acct.id });
    // Entries are codes and facts ...
    expect(timeline.filter((e) => e.kind === 'letter')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'letter',
          status: 'cancelled',
          templateCode: 'friendly-reminder',
          templateName: 'Friendly reminder',
          stageName: 'Friendly reminder',
          cancelled: { code: 'superseded', stageName: 'Second notice' },
          blockedBy: null,
          by: 'sam',
        }),
        expect.objectContaining({
          kind: 'letter',
          status: 'open',
          templateCode: 'second-notice',
          templateName: 'Second notice',
          stageName: 'Second notice',
          cancelled: null,
          by: 'sam',
        }),
      ]),
    );
    const move = timeline.find((e) => e.kind === 'stage' && e.toStage === 'Second notice');
    expect(move).toMatchObject({ fromStage: 'Friendly reminder', daysPastDue: 33, pastDueCents: 10000, asOf: '2026-03-05' });
    // ... and the screen words them.
    expect(timeline.filter((e) => e.kind === 'stage' || e.kind === 'letter').map((e) => [e.kind, timelineTitle(e), e.by])).toEqual(
      expect.arrayContaining([
        ['stage', 'Collection stage: Friendly reminder', 'sam'],
        ['stage', 'Collection stage: Second notice (was Friendly reminder)', 'sam'],
        ['letter', 'Letter cancelled: Friendly reminder (Friendly reminder)', 'sam'],
        ['letter', 'Letter queued: Second notice (Second notice)', 'sam'],
      ]),
    );
    expect(timelineDetail(move!)).toBe('33 days past due \u00b7 $100.00 past due on Mar 5, 2026');
    expect(JSON.stringify(timeline)).not.toMatch(/Letter queued|Collection stage|Superseded/);

    // Paid up: off the ladder, its open tasks cancelled.
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'cash', amountCents: 15000, date: '2026-03-15' });
    const cleared = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
    expect(cleared.cleared).toBe(1);
    view = await must(b, s.clerk, 'stages.account', { accountId: acct.id });
    expect(view.stage).toBeNull();
    expect(view.tasks.every((t) => t.status === 'cancelled')).toBe(true);
  });

  it('a current payment plan and a stopping flag stop escalation; a broken plan lets it resume', async () => {
    const { b, s, clock } = await receivablesBackend();
    const planned = await newAccount(b, s.clerk);
    const disputed = await newAccount(b, s.clerk);
    const plain = await newAccount(b, s.clerk);
    for (const a of [planned, disputed, plain]) await postInvoice(b, s.clerk, a.id, 30000, { date: '2025-12-01', terms: 'Net 30' }); // due 2025-12-31
    const plan = await must(b, s.clerk, 'plans.create', {
      accountId: planned.id,
      installmentCount: 3,
      frequency: 'monthly',
      startDate: '2026-03-01',
      firstDate: '2026-03-10',
    });
    await must(b, s.clerk, 'payments.post', { accountId: planned.id, method: 'cash', amountCents: 10000, date: '2026-03-09' });
    await must(b, s.clerk, 'flags.set', { kind: 'disputed', accountId: disputed.id, reason: 'Disputes the amount', written: true });

    const r = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' }); // 74 days: Final notice
    expect(r.movedUp).toBe(1);
    expect(r.moves.map((m) => m.accountId)).toEqual([plain.id]);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { accountId: planned.id, reason: { code: 'plan', planId: plan.id, planStatus: 'current' } },
        { accountId: disputed.id, reason: expect.objectContaining({ code: 'flag', flag: 'disputed', note: 'Disputes the amount' }) },
      ]),
    );
    expect((await must(b, s.clerk, 'stages.account', { accountId: planned.id })).stage).toBeNull();

    // The April installment is not paid: past the grace days the plan is broken (recorded) and escalation resumes.
    expect((await b.call(s.supervisor, 'stages.evaluate', { asOf: '2026-04-20' })).ok).toBe(false); // not in the future
    await travel(b, s, clock, '2026-04-20T15:00:00Z');
    const later = await must(b, s.supervisor, 'stages.evaluate', {});
    expect(later.moves.find((m) => m.accountId === planned.id)).toMatchObject({ daysPastDue: 110 });
    expect((await must(b, s.clerk, 'stages.account', { accountId: planned.id })).stage?.name).toBe('Agency referral review');
    expect((await must(b, s.clerk, 'plans.get', { planId: plan.id, asOf: '2026-04-20' })).status).toBe('broken');
    const planAudit = await must(b, s.admin, 'audit.list', { entity: 'payment_plan', entityId: String(plan.id) });
    expect(planAudit.map((a) => a.action)).toEqual(['plan.broken', 'plan.create']);
  });

  it('runs fee and status actions of a custom ladder, and moves accounts down when the oldest item is paid', async () => {
    const { b, s } = await receivablesBackend('2026-03-17T15:00:00Z');
    const [reminder] = await must(b, s.supervisor, 'stages.list', undefined);
    const saved = await must(b, s.supervisor, 'stages.save', {
      stages: [
        { id: reminder!.id, name: 'Reminder', daysPastDue: 10, actions: [{ kind: 'statement' }] },
        {
          name: 'Collection',
          daysPastDue: 45,
          actions: [
            { kind: 'fee', amountCents: 2500, description: 'Collection fee' },
            { kind: 'status', status: 'on_hold' },
            { kind: 'call', note: 'Ask for payment in full' },
          ],
        },
      ],
    });
    expect(saved.map((x) => [x.name, x.daysPastDue])).toEqual([
      ['Reminder', 10],
      ['Collection', 45],
    ]);
    const acct = await newAccount(b, s.clerk);
    const old = await postInvoice(b, s.clerk, acct.id, 10000, { date: '2026-01-01', terms: 'Net 30' }); // due 2026-01-31
    await postInvoice(b, s.clerk, acct.id, 5000, { date: '2026-01-20', terms: 'Net 30' }); // due 2026-02-19
    const r = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-17' }); // 45 days
    expect(r).toMatchObject({ movedUp: 1, feesPosted: 1, tasksCreated: 3 });
    const acctNow = await must(b, s.clerk, 'accounts.get', { accountId: acct.id });
    expect(acctNow.status).toBe('on_hold');
    expect(acctNow.balanceCents).toBe(17500);

    // Paying the oldest invoice leaves the Feb 19 one (26 days): back down to Reminder; the call task is cancelled.
    await must(b, s.clerk, 'payments.post', {
      accountId: acct.id,
      method: 'cash',
      amountCents: 10000,
      date: '2026-03-15',
      allocation: { mode: 'manual', lines: [{ documentId: old.id, amountCents: 10000 }] },
    });
    const down = await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-17' });
    expect(down.movedDown).toBe(1);
    const view = await must(b, s.clerk, 'stages.account', { accountId: acct.id });
    expect(view.stage?.name).toBe('Reminder');
    expect(view.tasks.find((t) => t.kind === 'call')?.status).toBe('cancelled');
    const report = await verifyStore(b);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });
});
