import { useEffect } from 'react';
import { Badge } from '@mantine/core';
import type { InstallmentStatus, PlanFrequency, PlanStatus } from '@shared/domain/collections-policy';
import { formatMoney, parseMoney } from '@shared/money';
import { queryClient } from '../../api/query';

export const planStatusLabels: Record<PlanStatus, string> = {
  current: 'Current',
  late: 'Late',
  broken: 'Broken',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const planStatusColors: Record<PlanStatus, string> = { current: 'teal', late: 'orange', broken: 'red', completed: 'blue', cancelled: 'gray' };
export const installmentStatusLabels: Record<InstallmentStatus, string> = {
  paid: 'Paid',
  partial: 'Part paid',
  due: 'Due today',
  late: 'Late',
  missed: 'Missed',
  upcoming: 'Upcoming',
};
export const installmentStatusColors: Record<InstallmentStatus, string> = {
  paid: 'teal',
  partial: 'yellow',
  due: 'blue',
  late: 'orange',
  missed: 'red',
  upcoming: 'gray',
};
export const frequencyLabels: Record<PlanFrequency, string> = { weekly: 'Weekly', biweekly: 'Every two weeks', monthly: 'Monthly' };

export function PlanStatusBadge({ status, size = 'md' }: { status: PlanStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge size={size} variant="filled" color={planStatusColors[status]} data-testid="plan-status">
      {planStatusLabels[status]}
    </Badge>
  );
}

export function InstallmentBadge({ status }: { status: InstallmentStatus }) {
  return (
    <Badge size="sm" variant="light" radius="sm" color={installmentStatusColors[status]} styles={{ root: { textTransform: 'none', fontWeight: 600 } }}>
      {installmentStatusLabels[status]}
    </Badge>
  );
}

/** Money typed in a field: cents, or an error to show. */
export function moneyText(
  text: string,
  { label, allowZero, max }: { label: string; allowZero?: boolean; max?: number },
): { cents: number | null; error: string | null } {
  if (!text.trim()) return allowZero ? { cents: 0, error: null } : { cents: null, error: `Enter the ${label}` };
  const c = parseMoney(text);
  if (c === null || c < 0 || (!allowZero && c === 0))
    return { cents: null, error: allowZero ? 'Enter an amount, such as 25.00' : 'Enter an amount above zero, such as 25.00' };
  if (max !== undefined && c > max) return { cents: null, error: `At most ${formatMoney(max)}` };
  return { cents: c, error: null };
}

/**
 * A payment posted or reversed changes a plan's status, but those postings announce only the
 * receivables domains; refetch plans with them.
 */
export function usePlansFollowPostings() {
  useEffect(
    () =>
      window.api.on('data.changed', ({ domains }) => {
        if (!domains.includes('plans') && domains.some((d) => d === 'payments' || d === 'ledger')) void queryClient.invalidateQueries({ queryKey: ['plans'] });
      }),
    [],
  );
}
