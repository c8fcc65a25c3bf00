import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar } from '@tabler/icons-react';
import { planFrequencies, planSchedule, type PlanFrequency } from '@shared/domain/collections-policy';
import type { LedgerView } from '@shared/domain/ledger';
import { addDays, addMonths, formatDate, isIsoDate } from '@shared/dates';
import { centsToDecimalString, formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { Money } from '../../components/Money';
import { useBusinessToday } from '../accounts/api';
import { frequencyLabels, moneyText } from './planUi';

const nextDate = (today: string, f: PlanFrequency) => (f === 'monthly' ? addMonths(today, 1) : addDays(today, f === 'weekly' ? 7 : 14));

/** Set up a payment plan: terms on the left, the schedule it makes on the right, live. */
export function PlanSetupModal({ ledger, onClose, onCreated }: { ledger: LedgerView; onClose: () => void; onCreated?: (planId: number) => void }) {
  const today = useBusinessToday();
  const openSum = ledger.openItems.reduce((s, o) => s + o.openCents, 0);
  const suggested = ledger.totals.balanceCents > 0 ? Math.min(ledger.totals.balanceCents, openSum) : openSum;
  const [total, setTotal] = useState(centsToDecimalString(suggested));
  const [down, setDown] = useState('');
  const [count, setCount] = useState<number>(6);
  const [frequency, setFrequency] = useState<PlanFrequency>('monthly');
  const [startDate, setStartDate] = useState<string>(today);
  const [firstDate, setFirstDate] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const first = firstDate ?? nextDate(startDate, frequency);
  const tot = moneyText(total, { label: 'plan total', max: openSum });
  const dp = moneyText(down, { label: 'down payment', allowZero: true });
  const downError = dp.error ?? (tot.cents !== null && dp.cents !== null && dp.cents >= tot.cents ? 'The down payment must be less than the total' : null);
  const firstError = !isIsoDate(first) ? 'Pick a date' : first < startDate ? 'Not before the start date' : null;
  const countOk = Number.isInteger(count) && count >= 1 && count <= 120;

  const schedule = useMemo(() => {
    if (tot.cents === null || dp.cents === null || downError || firstError || !countOk || !isIsoDate(startDate)) return null;
    try {
      return planSchedule(
        { totalCents: tot.cents, downPaymentCents: dp.cents, installmentCount: count, frequency, startDate, firstDate: first },
        { addDays, addMonths },
      );
    } catch {
      return null;
    }
  }, [tot.cents, dp.cents, downError, firstError, countOk, count, frequency, startDate, first]);
  const scheduleSum = schedule?.reduce((s, r) => s + r.amountCents, 0) ?? 0;
  const installmentCents = schedule?.find((r) => r.seq === 1)?.amountCents;

  const submit = async () => {
    setShow(true);
    setError(null);
    if (!schedule || tot.cents === null) return;
    setBusy(true);
    try {
      const plan = await unwrap(
        window.api.plans.create({
          accountId: ledger.account.id,
          totalCents: tot.cents,
          downPaymentCents: dp.cents ?? 0,
          installmentCount: count,
          frequency,
          firstDate: first,
          startDate,
          note: note.trim(),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      notifications.show({
        color: 'teal',
        message: `Payment plan #${plan.id} set up: ${formatMoney(plan.totalCents)} in ${plan.installments.length} payments.`,
      });
      onCreated?.(plan.id);
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
          Set up a payment plan
        </Text>
      }
      size={920}
      centered
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={2} spacing="lg">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {ledger.account.name} owes <Money cents={ledger.totals.balanceCents} fw={600} c="gray.9" /> on {ledger.openItems.length} open{' '}
              {ledger.openItems.length === 1 ? 'item' : 'items'}. While the plan is current, late fees and dunning stop on these items.
            </Text>
            {error && (
              <Alert color="red" icon={<IconAlertCircle size={16} />}>
                {error}
              </Alert>
            )}
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label="Plan total"
                data-autofocus
                description={`Open on the account: ${formatMoney(openSum)}`}
                leftSection={
                  <Text size="sm" c="dimmed">
                    $
                  </Text>
                }
                value={total}
                onChange={(e) => setTotal(e.currentTarget.value)}
                error={show || total ? tot.error : undefined}
                styles={{ input: { textAlign: 'right' } }}
              />
              <TextInput
                label="Down payment"
                description="Optional; due on the start date"
                placeholder="0.00"
                leftSection={
                  <Text size="sm" c="dimmed">
                    $
                  </Text>
                }
                value={down}
                onChange={(e) => setDown(e.currentTarget.value)}
                error={downError}
                styles={{ input: { textAlign: 'right' } }}
              />
              <NumberInput
                label="Number of installments"
                description="After the down payment"
                min={1}
                max={120}
                allowDecimal={false}
                clampBehavior="strict"
                value={count}
                onChange={(v) => setCount(typeof v === 'number' ? v : 0)}
                error={!countOk ? '1 to 120' : undefined}
              />
              <DateInput
                label="Start date"
                description="Payments from this date count"
                value={startDate}
                onChange={(v) => v && setStartDate(v)}
                leftSection={<IconCalendar size={16} />}
              />
            </SimpleGrid>
            <div>
              <Text size="sm" fw={500} mb={3}>
                Frequency
              </Text>
              <SegmentedControl
                fullWidth
                aria-label="Frequency"
                value={frequency}
                onChange={(v) => {
                  setFrequency(v as PlanFrequency);
                  setFirstDate(null);
                }}
                data={planFrequencies.map((f) => ({ value: f, label: frequencyLabels[f] }))}
              />
            </div>
            <DateInput
              label="First installment"
              value={first}
              onChange={(v) => setFirstDate(v)}
              leftSection={<IconCalendar size={16} />}
              error={firstError}
              minDate={startDate}
              data-testid="plan-first-date"
            />
            <Textarea
              label="Note"
              placeholder="Optional: what was agreed, with whom"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
            />
          </Stack>
          <Stack gap={6}>
            <Group justify="space-between">
              <Text fw={600} size="sm">
                Schedule
              </Text>
              {schedule && installmentCents !== undefined && (
                <Text size="xs" c="dimmed">
                  {count} × about {formatMoney(installmentCents)} {frequencyLabels[frequency].toLowerCase()}
                </Text>
              )}
            </Group>
            <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
              {schedule ? (
                <ScrollArea.Autosize mah={390}>
                  <Table fz="sm" verticalSpacing={5} stickyHeader aria-label="Schedule preview" data-testid="plan-preview">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={44}>#</Table.Th>
                        <Table.Th>Payment</Table.Th>
                        <Table.Th>Due</Table.Th>
                        <Table.Th ta="right">Amount</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {schedule.map((r) => (
                        <Table.Tr key={r.seq}>
                          <Table.Td c="dimmed" className="num">
                            {r.seq === 0 ? '—' : r.seq}
                          </Table.Td>
                          <Table.Td>{r.seq === 0 ? 'Down payment' : `Installment ${r.seq} of ${count}`}</Table.Td>
                          <Table.Td>{formatDate(r.dueDate)}</Table.Td>
                          <Table.Td ta="right">
                            <Money cents={r.amountCents} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                    <Table.Tfoot>
                      <Table.Tr style={{ background: 'var(--mantine-color-gray-0)' }}>
                        <Table.Td />
                        <Table.Th>Total</Table.Th>
                        <Table.Td c="dimmed">
                          {schedule.length} payments, last {formatDate(schedule[schedule.length - 1]!.dueDate)}
                        </Table.Td>
                        <Table.Th ta="right">
                          <Money cents={scheduleSum} data-testid="plan-preview-total" />
                        </Table.Th>
                      </Table.Tr>
                    </Table.Tfoot>
                  </Table>
                </ScrollArea.Autosize>
              ) : (
                <Text size="sm" c="dimmed" p="md">
                  Fill in the terms to see the schedule.
                </Text>
              )}
            </Paper>
            <Text size="xs" c="dimmed">
              Amounts are split evenly; the odd cents go to the first installments so the payments add up to the total exactly.
            </Text>
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={!schedule}>
            Create plan
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
