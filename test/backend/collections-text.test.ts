/**
 * The backend sends collections facts as codes (held reasons, worklist reasons, timeline entries,
 * compliance blocks); these are the words the screens make of them, from the shared codecs.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelineEvent } from '../../src-shared/domain/collections';
import { blockFactsText, blockText, holdLabel, holdText, timelineDetail, timelineTitle, worklistReasonText } from '../../src-shared/domain/collections-text';

const base = { at: '2026-03-10T15:00:00.000Z', by: 'casey', ref: { type: 'x', id: 1 } };
const entry = (e: TimelineEvent): TimelineEntry => ({ ...base, ...e });

describe('collections words', () => {
  it('held reasons', () => {
    expect(holdText({ code: 'promise', amountCents: 20000, dueDate: '2026-03-17' })).toBe('Promise to pay $200.00 by Mar 17, 2026');
    expect(holdText({ code: 'plan', planId: 3, planStatus: 'current' })).toBe('On payment plan #3 (current)');
    expect(holdText({ code: 'referred', agencyName: 'Acme Recovery', referredOn: '2026-03-01' })).toBe('Referred to Acme Recovery on Mar 1, 2026');
    expect(holdText({ code: 'flag', flag: 'bankruptcy', since: '2026-03-10T15:00:00.000Z', note: '' })).toBe('Bankruptcy (since Mar 10, 2026)');
    expect([
      holdLabel({ code: 'flag', flag: 'disputed', since: base.at, note: 'x' }),
      holdLabel({ code: 'promise', amountCents: 1, dueDate: '2026-03-17' }),
      holdLabel({ code: 'plan', planId: 1, planStatus: 'late' }),
    ]).toEqual(['Disputed', 'Promise pending', 'Plan late']);
  });

  it('worklist reasons', () => {
    expect(
      worklistReasonText({
        reason: 'stage_action',
        dueDate: '2026-03-10',
        taskId: 1,
        task: 'call',
        templateCode: null,
        templateName: null,
        stageName: 'Agency referral review',
        note: 'Review for agency referral',
      }),
    ).toBe('Call (Agency referral review): Review for agency referral');
    expect(
      worklistReasonText({
        reason: 'installment_missed',
        dueDate: '2026-02-10',
        planId: 4,
        unpaid: 1,
        seq: 0,
        installmentCount: 6,
        amountCents: 10000,
        planBroken: false,
      }),
    ).toBe('Plan #4: 1 installment unpaid, first down payment of $100.00 due Feb 10, 2026');
    expect(worklistReasonText({ reason: 'callback', dueDate: base.at, callId: 9, contactName: 'Maria Alvarez', phone: '(312) 555-0148', setBy: 'casey' })).toBe(
      'Callback: Maria Alvarez at (312) 555-0148 (set by casey)',
    );
  });

  it('timeline entries', () => {
    const blocked = entry({
      kind: 'letter',
      status: 'blocked',
      templateCode: 'FINAL_NOTICE',
      templateName: 'Final demand',
      stageName: 'Final notice',
      blockedBy: 'cease_communication',
      cancelled: null,
      note: '',
    });
    expect([timelineTitle(blocked), timelineDetail(blocked)]).toEqual(['Letter not queued: Final demand (Final notice)', 'Blocked: Cease communication']);
    const left = entry({ kind: 'stage', toStage: null, fromStage: 'Second notice', daysPastDue: 0, pastDueCents: 0, asOf: '2026-03-15' });
    expect([timelineTitle(left), timelineDetail(left)]).toEqual(['Left collections (was Second notice)', 'nothing past due on Mar 15, 2026']);
    const verified = entry({
      kind: 'flag_cleared',
      flag: 'disputed',
      phone: null,
      verified: true,
      verifiedOn: '2026-03-09',
      reason: 'Statement of account sent',
    });
    expect([timelineTitle(verified), timelineDetail(verified)]).toEqual(['Dispute verified (sent Mar 9, 2026)', 'Statement of account sent']);
    expect(timelineTitle(entry({ kind: 'override', action: 'call', rules: ['calling_hours', 'call_frequency'], reason: 'asked us to call' }))).toBe(
      'Compliance override (call): Calling hours, Call frequency (7 calls in 7 days)',
    );
    expect(timelineTitle(entry({ kind: 'validation_notice', sentOn: '2026-03-13' }))).toBe('Validation notice sent Mar 13, 2026');
  });

  it('compliance blocks', () => {
    expect(blockFactsText({ rule: 'conversation_wait', person: 'Maria Alvarez', on: '2026-03-09' })).toBe(
      'a telephone conversation with Maria Alvarez about this account took place on Mar 9, 2026 (day 1 of 7)',
    );
    expect(blockText({ rule: 'dispute', letter: true, citation: '12 CFR 1006.34; 15 USC 1692g(b)' }, null)).toBe(
      'Open dispute: the consumer disputes the debt; collection is paused until verification is recorded; only the notices 1006.6(c)(2) permits may be sent. Allowed only when the flag is cleared. (12 CFR 1006.34; 15 USC 1692g(b))',
    );
    expect(blockFactsText({ rule: 'bankruptcy', chapter: '13', caseNumber: '26-20002' })).toBe(
      'the consumer is in bankruptcy; the automatic stay bars collection (chapter 13, case 26-20002)',
    );
    expect(blockFactsText({ rule: 'do_not_call', phone: '(212) 555-0100' })).toBe('the consumer asked not to be called at (212) 555-0100');
  });
});
