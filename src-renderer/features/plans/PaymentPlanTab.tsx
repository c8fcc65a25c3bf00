import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendarDollar, IconCalendarPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { PaymentPlan, PlanInstallment } from '@shared/domain/collections-policy';
import { installmentLabel } from '@shared/domain/collections-text';
import type { LedgerView } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { DataGrid } from '../../components/DataGrid';
import { Money } from '../../components/Money';
import { PlanSetupModal } from './PlanSetupModal';
import { frequencyLabels, InstallmentBadge, PlanStatusBadge, usePlansFollowPostings } from './planUi';
import { usePersonName } from '../users/names';

export const useAccountPlans = (accountId: number) =>
  useQuery({ queryKey: ['plans', 'account', accountId], queryFn: () => unwrap(window.api.plans.list({ accountId })) });

const inForce = (p: PaymentPlan) => p.status === 'current' || p.status === 'late';

/** The account's payment plan: its terms, status and the schedule with what each installment got paid. */
export function PaymentPlanTab({ ledger, closed }: { ledger: LedgerView; closed?: boolean }) {
  usePlansFollowPostings();
  const plans = useAccountPlans(ledger.account.id);
  const [setup, setSetup] = useState(false);
  const [cancelling, setCancelling] = useState<PaymentPlan | null>(null);
  if (plans.error)
    return (
      <Alert color="red" icon={<IconAlertCircle size={16} />}>
        {plans.error.message}
      </Alert>
    );
  if (!plans.data)
    return (
      <Center p="xl">
        <Loader size="sm" />
      </Center>
    );
  const sorted = [...plans.data].sort((a, b) => b.id - a.id);
  const active = sorted.find(inForce) ?? null;
  const shown = active ?? sorted[0] ?? null;
  const earlier = sorted.filter((p) => p !== shown);
  const canSetUp = !active && !closed && ledger.openItems.length > 0;

  return (
    <Stack gap="md" data-testid="plan-tab">
      {shown ? (
        <PlanView plan={shown} onCancel={inForce(shown) ? () => setCancelling(shown) : undefined} onNew={canSetUp ? () => setSetup(true) : undefined} />
      ) : (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs">
            <ThemeIcon size={44} radius="xl" variant="light" color="ledger">
              <IconCalendarDollar size={24} />
            </ThemeIcon>
            <Title order={4}>No payment plan</Title>
            <Text size="sm" c="dimmed" ta="center" maw={460}>
              Spread what the account owes over weekly, every-two-weeks or monthly installments. While the plan is current, late fees and dunning letters stop.
            </Text>
            <Button mt="xs" leftSection={<IconCalendarPlus size={16} />} onClick={() => setSetup(true)} disabled={!canSetUp}>
              Set up plan
            </Button>
            {ledger.openItems.length === 0 && (
              <Text size="xs" c="dimmed">
                Nothing is open on this account.
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      {earlier.length > 0 && (
        <Stack gap={6}>
          <Title order={6}>Earlier plans</Title>
          <Paper withBorder radius="sm">
            <Table fz="sm" verticalSpacing={5} aria-label="Earlier plans">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Plan</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Started</Table.Th>
                  <Table.Th>Terms</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th>Closed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {earlier.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td className="mono">#{p.id}</Table.Td>
                    <Table.Td>
                      <PlanStatusBadge status={p.status} size="sm" />
                    </Table.Td>
                    <Table.Td>{formatDate(p.startDate)}</Table.Td>
                    <Table.Td>
                      {p.installmentCount} × {frequencyLabels[p.frequency].toLowerCase()}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money cents={p.totalCents} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money cents={p.paidCents} />
                    </Table.Td>
                    <Table.Td c="dimmed">{p.closedOn ? `${formatDate(p.closedOn)}${p.closeReason ? ` · ${p.closeReason}` : ''}` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      )}
      {setup && <PlanSetupModal ledger={ledger} onClose={() => setSetup(false)} />}
      {cancelling && <CancelPlanModal plan={cancelling} onClose={() => setCancelling(null)} />}
    </Stack>
  );
}

function Figure({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text fz={18} fw={650} className="num" ta="left" lh={1.35} component="div">
        {children}
      </Text>
      <Text size="xs" c="dimmed" h={18} truncate component="div">
        {note ?? ''}
      </Text>
    </div>
  );
}

const statusNotes: Record<PaymentPlan['status'], string> = {
  current: 'Payments are on schedule. Late fees and dunning are suspended on the plan’s items.',
  late: 'An installment is past due but within the grace days. The account is on the worklist.',
  broken: 'An installment was missed past the grace days. The customer needs a new plan.',
  completed: 'Paid in full.',
  cancelled: 'Cancelled.',
};

export function PlanView({ plan, onCancel, onNew }: { plan: PaymentPlan; onCancel?: () => void; onNew?: () => void }) {
  const name = usePersonName();
  const columns = useMemo<ColumnDef<PlanInstallment, unknown>[]>(
    () => [
      {
        id: 'label',
        header: 'Payment',
        meta: { minWidth: 170, grow: 2, total: 'Total' },
        cell: ({ row }) => installmentLabel(row.original.seq, plan.installmentCount),
      },
      { id: 'due', header: 'Due', meta: { width: 130 }, cell: ({ row }) => formatDate(row.original.dueDate) },
      {
        id: 'amount',
        header: 'Amount',
        meta: { numeric: true, width: 130, total: <Money cents={plan.totalCents} data-testid="schedule-total" /> },
        cell: ({ row }) => <Money cents={row.original.amountCents} />,
      },
      {
        id: 'paid',
        header: 'Paid',
        meta: { numeric: true, width: 130, total: <Money cents={plan.paidCents} /> },
        cell: ({ row }) =>
          row.original.paidCents ? (
            <Money cents={row.original.paidCents} />
          ) : (
            <Text span c="gray.4">
              —
            </Text>
          ),
      },
      {
        id: 'paidOn',
        header: 'Paid on',
        meta: { minWidth: 150, grow: 1.4 },
        cell: ({ row }) => {
          const i = row.original;
          if (i.paidOn) return formatDate(i.paidOn);
          if (i.payments.length)
            return (
              <Text span size="sm" c="dimmed">
                {i.payments.map((p) => formatDate(p.date)).join(', ')}
              </Text>
            );
          return (
            <Text span c="gray.4">
              —
            </Text>
          );
        },
      },
      { id: 'status', header: 'Status', meta: { width: 120 }, cell: ({ row }) => <InstallmentBadge status={row.original.status} /> },
    ],
    [plan.totalCents, plan.paidCents, plan.installmentCount],
  );
  const height = Math.min(38 + 34 * (plan.installments.length + 1) + 4, 460);
  return (
    <Paper withBorder radius="md" p="md" data-testid="plan-view">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={4}>Payment plan #{plan.id}</Title>
            <PlanStatusBadge status={plan.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {plan.downPaymentCents > 0 ? `${formatMoney(plan.downPaymentCents)} down, then ` : ''}
            {plan.installmentCount} {frequencyLabels[plan.frequency].toLowerCase()} installments from {formatDate(plan.firstDate)} · started{' '}
            {formatDate(plan.startDate)}
            {plan.createdBy ? ` by ${name(plan.createdBy)}` : ''} · {plan.graceDays} grace days
          </Text>
        </Stack>
        <Group gap="xs">
          {onNew && (
            <Button variant="default" leftSection={<IconCalendarPlus size={16} />} onClick={onNew}>
              Set up new plan
            </Button>
          )}
          {onCancel && (
            <Button variant="default" color="red" leftSection={<IconX size={16} />} onClick={onCancel}>
              Cancel plan…
            </Button>
          )}
        </Group>
      </Group>
      {(plan.status === 'late' || plan.status === 'broken') && (
        <Alert color={plan.status === 'broken' ? 'red' : 'orange'} variant="light" mb="sm" icon={<IconAlertCircle size={16} />}>
          {statusNotes[plan.status]}
          {plan.missedInstallments > 0 ? ` ${plan.missedInstallments} ${plan.missedInstallments === 1 ? 'installment' : 'installments'} missed.` : ''}
        </Alert>
      )}
      <SimpleGrid cols={4} spacing="md" mb="sm">
        <Figure label="Plan total">
          <Money cents={plan.totalCents} />
        </Figure>
        <Figure label="Paid" note={`${plan.installments.filter((i) => i.status === 'paid').length} of ${plan.installments.length} payments`}>
          <Money cents={plan.paidCents} c="teal.8" />
        </Figure>
        <Figure label="Remaining">
          <Money cents={plan.remainingCents} />
        </Figure>
        <Figure label="Next due" note={plan.nextDue ? formatDate(plan.nextDue.dueDate) : plan.status === 'completed' ? 'Nothing more due' : undefined}>
          {plan.nextDue ? (
            <Money cents={plan.nextDue.amountCents} />
          ) : (
            <Text span inherit c="dimmed">
              —
            </Text>
          )}
        </Figure>
      </SimpleGrid>
      {plan.note && (
        <Text size="sm" mb="sm">
          <Text span c="dimmed" size="sm">
            Note:{' '}
          </Text>
          {plan.note}
        </Text>
      )}
      {plan.status === 'cancelled' && plan.closeReason && (
        <Text size="sm" mb="sm" c="dimmed">
          Cancelled {formatDate(plan.closedOn)}: {plan.closeReason}
        </Text>
      )}
      <DataGrid
        label="Plan schedule"
        testId="plan-schedule"
        data={plan.installments}
        columns={columns}
        getRowId={(r) => String(r.seq)}
        showTotals
        height={height}
      />
    </Paper>
  );
}

function CancelPlanModal({ plan, onClose }: { plan: PaymentPlan; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setShow(true);
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(window.api.plans.cancel({ planId: plan.id, reason: reason.trim() }));
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      notifications.show({ color: 'teal', message: `Payment plan #${plan.id} cancelled.` });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Text fw={600} size="lg">
          Cancel payment plan #{plan.id}
        </Text>
      }
      centered
      size={480}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {formatMoney(plan.remainingCents)} of {formatMoney(plan.totalCents)} is still unpaid. After cancelling, late fees and dunning apply to the account
            again. Payments already posted stay posted.
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <Textarea
            label="Reason"
            placeholder="e.g. Customer asked to pay in full instead"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={show && !reason.trim() ? 'Say why; it is kept with the plan' : undefined}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep plan
            </Button>
            <Button type="submit" color="red" loading={busy}>
              Cancel plan
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
