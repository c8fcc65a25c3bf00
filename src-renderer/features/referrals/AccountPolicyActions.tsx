import { useState } from 'react';
import { Menu } from '@mantine/core';
import { IconBuildingBank, IconCalendarDollar, IconDoorExit, IconFileDollar } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { AccountDetail } from '@shared/domain/accounts';
import type { LedgerView } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';
import { PlanSetupModal } from '../plans/PlanSetupModal';
import { useAccountPlans } from '../plans/PaymentPlanTab';
import { RecallModal, ReferModal, WriteoffRequestModal } from './ReferralModals';

type Action = 'plan' | 'refer' | 'recall' | 'writeoff';

/**
 * The account page's collections-policy actions: payment plan, agency referral and recall, write-off
 * request. Returns the menu items (for the page's More menu) and the dialogs (rendered by the page).
 */
export function useAccountPolicyActions({ account, ledger, onPlanCreated }: { account: AccountDetail; ledger: LedgerView; onPlanCreated?: () => void }) {
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const [action, setAction] = useState<Action | null>(null);
  const plans = useAccountPlans(account.id);
  const referral = useQuery({
    queryKey: ['referrals', 'account', account.id],
    queryFn: () => unwrap(window.api.referrals.list({ accountId: account.id, status: 'referred' })),
  });
  const pending = useQuery({
    queryKey: ['writeoffs', 'account', account.id, 'pending'],
    queryFn: () => unwrap(window.api.writeoffs.list({ accountId: account.id, status: 'pending' })),
  });
  const openReferral = referral.data?.[0] ?? null;
  const pendingRequest = pending.data?.[0] ?? null;
  const hasPlan = plans.data?.some((p) => p.status === 'current' || p.status === 'late') ?? false;
  const closed = account.status === 'closed';
  const nothingOpen = ledger.openItems.length === 0;

  const menuItems = (
    <>
      <Menu.Divider />
      <Menu.Label>Collections</Menu.Label>
      <Menu.Item leftSection={<IconCalendarDollar size={16} />} disabled={hasPlan || closed || nothingOpen} onClick={() => setAction('plan')}>
        {hasPlan ? 'On a payment plan' : 'Set up payment plan…'}
      </Menu.Item>
      <Menu.Item leftSection={<IconFileDollar size={16} />} disabled={!!pendingRequest || nothingOpen} onClick={() => setAction('writeoff')}>
        {pendingRequest ? `Write-off request #${pendingRequest.id} pending` : 'Request write-off…'}
      </Menu.Item>
      {supervisor &&
        (openReferral ? (
          <Menu.Item leftSection={<IconDoorExit size={16} />} onClick={() => setAction('recall')}>
            Recall from {openReferral.agencyName}…
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconBuildingBank size={16} />} disabled={ledger.totals.balanceCents <= 0} onClick={() => setAction('refer')}>
            Refer to agency…
          </Menu.Item>
        ))}
      {!supervisor && openReferral && (
        <Menu.Item disabled leftSection={<IconBuildingBank size={16} />}>
          With {openReferral.agencyName} since {formatDate(openReferral.referredOn)}
        </Menu.Item>
      )}
    </>
  );
  const close = () => setAction(null);
  const modals = (
    <>
      {action === 'plan' && <PlanSetupModal ledger={ledger} onClose={close} onCreated={onPlanCreated} />}
      {action === 'refer' && <ReferModal ledger={ledger} onClose={close} />}
      {action === 'recall' && openReferral && <RecallModal referral={openReferral} onClose={close} />}
      {action === 'writeoff' && <WriteoffRequestModal ledger={ledger} onClose={close} />}
    </>
  );
  return { menuItems, modals, openReferral, pendingRequest };
}
