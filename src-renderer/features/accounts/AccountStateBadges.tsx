import { Badge, Group } from '@mantine/core';
import type { Referral, WriteoffRequest } from '@shared/domain/collections-policy';
import { accountStateBadges } from '@shared/domain/account-states-text';
import { usePromises } from '../collections/api';
import { useAccountPlans } from '../plans/PaymentPlanTab';
import { usePlansFollowPostings } from '../plans/planUi';

/**
 * The account header's states in words: with an agency, a write-off waiting for approval, a running
 * payment plan, an open promise. The open referral and pending request come from the page's policy
 * actions (already fetched there); plans and promises are fetched here.
 */
export function AccountStateBadges({ accountId, referral, writeoff }: { accountId: number; referral: Referral | null; writeoff: WriteoffRequest | null }) {
  usePlansFollowPostings();
  const plans = useAccountPlans(accountId);
  const promises = usePromises(accountId);
  const badges = accountStateBadges({ referral, writeoff, plans: plans.data ?? [], promises: promises.data ?? [] });
  if (badges.length === 0) return null;
  return (
    <Group gap={6} mt={2} data-testid="account-states">
      {badges.map((b) => (
        <Badge key={b.key} variant="light" color={b.color} radius="sm" size="md" data-state={b.key} style={{ textTransform: 'none' }}>
          {b.label}
        </Badge>
      ))}
    </Group>
  );
}
