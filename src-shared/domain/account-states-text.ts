import { formatDate } from '../dates';
import { formatMoney } from '../money';
import type { PromiseToPay } from './collections';
import type { PaymentPlan, Referral, WriteoffRequest } from './collections-policy';

/** One state the account header shows beside the account's status, in words. */
export interface AccountStateBadge {
  key: 'referral' | 'writeoff' | 'plan' | 'promise';
  label: string;
  color: string;
}

const planWords: Record<PaymentPlan['status'], string> = { current: 'current', late: 'late', broken: 'broken', completed: 'completed', cancelled: 'cancelled' };

/**
 * What a collector must see before touching the account: with an agency, a write-off waiting for a
 * supervisor, a running payment plan (its standing and next installment), an open promise to pay.
 * Given the open referral, the pending request, the account's plans and promises; finished plans and
 * kept or broken promises say nothing here (the tabs keep their history).
 */
export function accountStateBadges(s: {
  referral: Referral | null;
  writeoff: WriteoffRequest | null;
  plans: readonly PaymentPlan[];
  promises: readonly PromiseToPay[];
}): AccountStateBadge[] {
  const out: AccountStateBadge[] = [];
  if (s.referral?.status === 'referred')
    out.push({ key: 'referral', label: `Referred to ${s.referral.agencyName} on ${formatDate(s.referral.referredOn)}`, color: 'grape' });
  if (s.writeoff?.status === 'pending') out.push({ key: 'writeoff', label: 'Write-off pending approval', color: 'orange' });
  const plan = s.plans.find((p) => p.status === 'current' || p.status === 'late');
  if (plan)
    out.push({
      key: 'plan',
      label: `Payment plan: ${planWords[plan.status]}${plan.nextDue ? `, next ${formatMoney(plan.nextDue.amountCents)} on ${formatDate(plan.nextDue.dueDate)}` : ''}`,
      color: plan.status === 'late' ? 'orange' : 'teal',
    });
  const promise = s.promises.filter((p) => p.status === 'pending').sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0];
  if (promise) out.push({ key: 'promise', label: `Promise: ${formatMoney(promise.amountCents)} by ${formatDate(promise.dueDate)}`, color: 'blue' });
  return out;
}
