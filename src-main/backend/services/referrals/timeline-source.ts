import type { TimelineEntry } from '@shared/domain/collections';
import type { TimelineSource } from '../timeline';

/**
 * Agency referrals (sent, recalled) and write-off requests (asked, approved, rejected) on the contact
 * timeline: a collector opening the account must see that it is with an agency or waiting for a
 * write-off before calling.
 */
export const referralsTimelineSource: TimelineSource = async (db, accountId) => {
  const referrals = await db
    .selectFrom('agency_referral')
    .select([
      'id',
      'agency_name',
      'referred_on',
      'referred_at',
      'referred_by',
      'balance_cents',
      'note',
      'recalled_on',
      'recalled_at',
      'recalled_by',
      'recall_reason',
    ])
    .where('account_id', '=', accountId)
    .execute();
  const requests = await db
    .selectFrom('writeoff_request')
    .select(['id', 'amount_cents', 'reason', 'status', 'requested_at', 'requested_by', 'decided_at', 'decided_by', 'decision_note'])
    .where('account_id', '=', accountId)
    .execute();
  const out: TimelineEntry[] = [];
  for (const r of referrals) {
    const ref = { type: 'referral', id: r.id };
    const base = { kind: 'referral', agencyName: r.agency_name, balanceCents: r.balance_cents } as const;
    out.push({ ...base, at: r.referred_at, action: 'referred', date: r.referred_on, note: r.note, by: r.referred_by, ref });
    if (r.recalled_at && r.recalled_on)
      out.push({ ...base, at: r.recalled_at, action: 'recalled', date: r.recalled_on, note: r.recall_reason ?? '', by: r.recalled_by, ref });
  }
  for (const w of requests) {
    const ref = { type: 'writeoff_request', id: w.id };
    const base = { kind: 'writeoff', requestId: w.id, amountCents: w.amount_cents } as const;
    out.push({ ...base, at: w.requested_at, action: 'requested', note: w.reason, by: w.requested_by, ref });
    if (w.decided_at && (w.status === 'approved' || w.status === 'rejected'))
      out.push({ ...base, at: w.decided_at, action: w.status, note: w.decision_note ?? '', by: w.decided_by, ref });
  }
  return out;
};
