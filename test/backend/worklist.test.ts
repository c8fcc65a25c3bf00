import { describe, expect, it } from 'vitest';
import { worklistScore } from '../../src-main/backend/services/worklist';
import { holdText, worklistReasonText } from '../../src-shared/domain/collections-text';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

describe('worklist score', () => {
  it('adds amount, age, broken promises and missed installments, each as documented', () => {
    expect(worklistScore({ pastDueCents: 50000, oldestDaysPastDue: 43, brokenPromises: 0, missedInstallments: 0 })).toBe(50 + 43);
    expect(worklistScore({ pastDueCents: 99_999_999, oldestDaysPastDue: 900, brokenPromises: 2, missedInstallments: 1 })).toBe(1000 + 365 + 200 + 75);
    expect(worklistScore({ pastDueCents: 999, oldestDaysPastDue: 0, brokenPromises: 0, missedInstallments: 0 })).toBe(0);
  });
});

describe('worklist', () => {
  /** Today is 2026-03-15. */
  async function office() {
    const ctx = await receivablesBackend();
    const { b, s } = ctx;
    const mk = async (name: string) =>
      newAccount(b, s.clerk, { name, contacts: [{ name: `${name} Contact`, isPrimary: true, phones: [{ number: '(312) 555-0100' }] }] });
    const A = await mk('Alder');
    const B = await mk('Birch');
    const C = await mk('Cedar');
    const D = await mk('Dogwood');
    const E = await mk('Elm');
    const F = await mk('Fir');
    await postInvoice(b, s.clerk, A.id, 50000, { date: '2026-01-01', terms: 'Net 30' }); // 43 days
    await postInvoice(b, s.clerk, B.id, 300000, { date: '2026-01-05', terms: 'Net 30' }); // 39 days
    await postInvoice(b, s.clerk, C.id, 10000, { date: '2025-11-01', terms: 'Net 30' }); // 104 days
    await postInvoice(b, s.clerk, D.id, 80000, { date: '2026-01-01', terms: 'Net 30' });
    await postInvoice(b, s.clerk, E.id, 20000, { date: '2026-02-10', terms: 'Net 30' }); // 3 days, no stage yet
    await postInvoice(b, s.clerk, F.id, 100000, { date: '2025-12-01', terms: 'Net 30' }); // 74 days
    // F: a plan with both installments unpaid (broken).
    await must(b, s.clerk, 'plans.create', { accountId: F.id, installmentCount: 2, frequency: 'weekly', startDate: '2026-02-01', firstDate: '2026-02-10' });
    // E: a promise made on a call on Mar 2 for Mar 5, not kept (broken after the 2 grace days).
    const eContact = (await must(b, s.clerk, 'accounts.get', { accountId: E.id })).contacts[0]!;
    await must(b, s.clerk, 'calls.log', {
      accountId: E.id,
      contactId: eContact.id,
      phone: '(312) 555-0100',
      direction: 'outgoing',
      startedAt: '2026-03-02T16:00:00Z',
      outcome: 'promise_to_pay',
      promise: { amountCents: 20000, dueDate: '2026-03-05' },
    });
    await must(b, s.supervisor, 'stages.evaluate', {});
    // D disputes after its stage tasks were made.
    await must(b, s.clerk, 'flags.set', { kind: 'disputed', accountId: D.id, reason: 'Never received the goods', written: true });
    const users = await must(b, s.admin, 'users.list', undefined);
    const clara = users.find((u) => u.username === 'clara')!.id;
    const sam = users.find((u) => u.username === 'sam')!.id;
    return { ...ctx, A, B, C, D, E, F, clara, sam };
  }

  it('orders accounts by score and gives the reasons; flagged accounts are held with why', async () => {
    const { b, s, A, B, C, D, E, F } = await office();
    const wl = await must(b, s.supervisor, 'worklist.get', {});
    expect(wl.asOf).toBe('2026-03-15');
    expect(wl.items.map((i) => [i.name, i.score])).toEqual([
      ['Birch', 300 + 39],
      ['Fir', 100 + 74 + 2 * 75],
      ['Elm', 20 + 3 + 100],
      ['Cedar', 10 + 104],
      ['Alder', 50 + 43],
    ]);
    const fir = wl.items.find((i) => i.accountId === F.id)!;
    expect(fir.missedInstallments).toBe(2);
    expect(fir.reasons.map((r) => r.reason).sort()).toEqual(['installment_missed', 'stage_action', 'stage_action', 'stage_action']); // Final notice: letter, call, statement
    // Reasons are codes with their facts (ISO dates, cents); the words are the screen's.
    expect(fir.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'stage_action',
          task: 'letter',
          templateCode: 'final-demand',
          templateName: 'Final demand',
          stageName: 'Final notice',
          note: '',
        }),
        expect.objectContaining({ reason: 'stage_action', task: 'statement', templateCode: null }),
        expect.objectContaining({
          reason: 'installment_missed',
          dueDate: '2026-02-10',
          unpaid: 2,
          seq: 1,
          installmentCount: 2,
          amountCents: 50000,
          planBroken: true,
        }),
      ]),
    );
    expect(fir.reasons.map(worklistReasonText)).toContain('Send letter: Final demand (Final notice)');
    const elm = wl.items.find((i) => i.accountId === E.id)!;
    expect(elm).toMatchObject({ brokenPromises: 1, stageName: null });
    expect(elm.reasons).toEqual([{ reason: 'promise_broken', dueDate: '2026-03-05', promiseId: expect.any(Number), amountCents: 20000 }]);
    expect(worklistReasonText(elm.reasons[0]!)).toBe('Promise of $200.00 for Mar 5, 2026 was broken');
    expect(wl.items.find((i) => i.accountId === C.id)?.stageName).toBe('Agency referral review');
    expect(wl.items.some((i) => i.accountId === D.id)).toBe(false);
    expect(wl.held).toEqual([
      {
        accountId: D.id,
        accountNumber: D.accountNumber,
        name: 'Dogwood',
        reason: { code: 'flag', flag: 'disputed', since: '2026-03-15T15:00:00.000Z', note: 'Never received the goods' },
      },
    ]);
    expect(holdText(wl.held[0]!.reason)).toMatch(/^Disputed \(since Mar 1[45], 2026\): Never received the goods$/);
    // No English sentence crosses the boundary.
    expect(JSON.stringify(wl)).not.toMatch(/Promise of|\(since|Send letter|installments? unpaid|Callback:/);

    // Filters.
    expect((await must(b, s.supervisor, 'worklist.get', { reason: 'promise_broken' })).items.map((i) => i.accountId)).toEqual([E.id]);
    expect((await must(b, s.supervisor, 'worklist.get', { minPastDueCents: 50000 })).items.map((i) => i.accountId)).toEqual([B.id, F.id, A.id]);
    const second = (await must(b, s.supervisor, 'stages.list', undefined)).find((x) => x.name === 'Second notice')!;
    expect((await must(b, s.supervisor, 'worklist.get', { stageId: second.id })).items.map((i) => i.accountId)).toEqual([B.id, A.id]);
    expect(wl.buildMs).toBeGreaterThanOrEqual(0);
  });

  it('lets a supervisor assign accounts to clerks; a clerk sees theirs and the unassigned ones; done tasks leave the list', async () => {
    const { b, s, A, B, C, E, F, clara, sam } = await office();
    expect((await b.call(s.clerk, 'worklist.assign', { accountIds: [B.id], userId: clara })).ok).toBe(false);
    await must(b, s.supervisor, 'worklist.assign', { accountIds: [B.id, C.id], userId: clara });
    await must(b, s.supervisor, 'worklist.assign', { accountIds: [A.id], userId: sam });

    const mine = await must(b, s.clerk, 'worklist.get', {});
    expect(mine.items.map((i) => [i.accountId, i.assignedTo])).toEqual([
      [B.id, 'clara'],
      [F.id, null],
      [E.id, null],
      [C.id, 'clara'],
    ]);
    expect((await must(b, s.supervisor, 'worklist.get', { assignee: sam })).items.map((i) => i.accountId)).toEqual([A.id]);
    expect((await must(b, s.supervisor, 'worklist.get', { assignee: 'unassigned' })).items.map((i) => i.accountId)).toEqual([F.id, E.id]);
    const audit = await must(b, s.admin, 'audit.list', { entity: 'account', entityId: String(A.id) });
    expect(audit.some((a) => a.action === 'worklist.assign')).toBe(true);

    // Clara makes the call and sends the letter for Birch: it leaves the list.
    const birch = mine.items[0]!;
    for (const r of birch.reasons) if (r.reason === 'stage_action') await must(b, s.clerk, 'worklist.closeTask', { taskId: r.taskId, note: 'Done' });
    const after = await must(b, s.clerk, 'worklist.get', {});
    expect(after.items.map((i) => i.accountId)).toEqual([F.id, E.id, C.id]);
    const first = birch.reasons[0]!;
    if (first.reason !== 'stage_action') throw new Error(`expected a stage task, got ${first.reason}`);
    expect((await b.call(s.clerk, 'worklist.closeTask', { taskId: first.taskId })).ok).toBe(false);
  });
});
