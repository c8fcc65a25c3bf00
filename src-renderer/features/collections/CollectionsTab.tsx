import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Timeline,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconBuildingBank,
  IconCalendarDue,
  IconFileDollar,
  IconFileInvoice,
  IconFileText,
  IconFlag,
  IconFlagOff,
  IconMail,
  IconPhoneCall,
  IconPhoneIncoming,
  IconPhoneOutgoing,
  IconShieldExclamation,
  IconStairsUp,
} from '@tabler/icons-react';
import type { AccountDetail } from '@shared/domain/accounts';
import {
  callOutcomeLabels,
  flagLabels,
  type CallRecord,
  type CollectionFlag,
  type PromiseToPay,
  type TimelineEntry,
  type TimelineKind,
} from '@shared/domain/collections';
import { timelineDetail, timelineTitle } from '@shared/domain/collections-text';
import { formatDate, formatInstant } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { Money } from '../../components/Money';
import { LogCallModal } from '../calls/LogCallModal';
import { formatPhoneDigits, promiseStatusColors, promiseStatusLabels, useCalls, useFlags, usePromises, useStageView, useTimeline } from './api';
import { usePersonName } from '../users/names';
import { Card } from './Card';
import { FlagsPanel } from './FlagsPanel';
import { InconvenientTimesPanel } from './InconvenientTimesPanel';

/**
 * The account's Collections tab: the contact timeline (newest first), the flags that stop or limit
 * contact, promises to pay and the consumer's inconvenient times; "Log a call" opens the call dialog.
 */
export function CollectionsTab({ account }: { account: AccountDetail }) {
  const [logging, setLogging] = useState(false);
  const stage = useStageView(account.id);
  const promises = usePromises(account.id);
  const pending = (promises.data ?? []).filter((p) => p.status === 'pending');
  return (
    <Box data-testid="collections-tab">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs">
          {stage.data?.stage ? (
            <Badge size="lg" variant="light" color="orange" radius="sm" style={{ textTransform: 'none' }}>
              {stage.data.stage.name} · since {formatDate(stage.data.stage.enteredOn)}
            </Badge>
          ) : (
            <Badge size="lg" variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
              Not on the collection ladder
            </Badge>
          )}
          {pending.length > 0 && (
            <Badge size="lg" variant="light" color="blue" radius="sm" style={{ textTransform: 'none' }} leftSection={<IconCalendarDue size={14} />}>
              Promise {formatMoney(pending[0]!.amountCents)} by {formatDate(pending[0]!.dueDate)}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            Consumer’s zone: {account.timeZone}
          </Text>
        </Group>
        <Button leftSection={<IconPhoneCall size={16} />} onClick={() => setLogging(true)} disabled={account.status === 'closed'}>
          Log a call
        </Button>
      </Group>
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TimelineCard account={account} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <FlagsPanel account={account} />
            <PromisesCard promises={promises.data} loading={promises.isLoading} />
            <InconvenientTimesPanel account={account} />
          </Stack>
        </Grid.Col>
      </Grid>
      {logging && <LogCallModal accountId={account.id} onClose={() => setLogging(false)} />}
    </Box>
  );
}

const kindIcon: Record<TimelineKind, { icon: ReactNode; color: string }> = {
  call: { icon: <IconPhoneOutgoing size={14} />, color: 'ledger' },
  letter: { icon: <IconMail size={14} />, color: 'indigo' },
  stage: { icon: <IconStairsUp size={14} />, color: 'teal' },
  flag_set: { icon: <IconFlag size={14} />, color: 'orange' },
  flag_cleared: { icon: <IconFlagOff size={14} />, color: 'gray' },
  promise: { icon: <IconCalendarDue size={14} />, color: 'blue' },
  override: { icon: <IconShieldExclamation size={14} />, color: 'red' },
  validation_notice: { icon: <IconFileText size={14} />, color: 'grape' },
  document: { icon: <IconFileInvoice size={14} />, color: 'cyan' },
  referral: { icon: <IconBuildingBank size={14} />, color: 'grape' },
  writeoff: { icon: <IconFileDollar size={14} />, color: 'orange' },
};

type Filter = 'all' | 'calls' | 'letters' | 'flags' | 'promises';
const filterKinds: Record<Filter, TimelineKind[] | null> = {
  all: null,
  calls: ['call', 'override'],
  letters: ['letter', 'stage'],
  flags: ['flag_set', 'flag_cleared', 'validation_notice'],
  promises: ['promise'],
};

function TimelineCard({ account }: { account: AccountDetail }) {
  const timeline = useTimeline(account.id);
  const calls = useCalls(account.id);
  const promises = usePromises(account.id);
  const flags = useFlags(account.id);
  const [filter, setFilter] = useState<Filter>('all');
  const byId = useMemo(
    () => ({
      call: new Map((calls.data ?? []).map((c) => [c.id, c])),
      promise: new Map((promises.data ?? []).map((p) => [p.id, p])),
      flag: new Map((flags.data ?? []).map((f) => [f.id, f])),
    }),
    [calls.data, promises.data, flags.data],
  );
  // A promise made on a call belongs at the call's start (the backend dates it when it was recorded).
  const entries = useMemo(() => {
    const order = ['validation_notice', 'flag_cleared', 'flag_set', 'promise', 'letter', 'stage', 'call', 'override'];
    return (timeline.data ?? [])
      .map((e) => {
        const p = e.kind === 'promise' ? byId.promise.get(e.ref.id) : undefined;
        const c = p?.callId ? byId.call.get(p.callId) : undefined;
        return c ? { ...e, at: c.startedAt } : e;
      })
      .filter((e) => !filterKinds[filter] || filterKinds[filter]!.includes(e.kind))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : order.indexOf(a.kind) - order.indexOf(b.kind)));
  }, [timeline.data, byId, filter]);
  return (
    <Card
      title="Contact timeline"
      icon={
        <ThemeIcon variant="light" size={26} radius="md">
          <IconPhoneCall size={16} />
        </ThemeIcon>
      }
      testId="contact-timeline"
      actions={
        <SegmentedControl
          size="xs"
          aria-label="Show"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'calls', label: 'Calls' },
            { value: 'letters', label: 'Stages & letters' },
            { value: 'promises', label: 'Promises' },
            { value: 'flags', label: 'Flags' },
          ]}
        />
      }
    >
      {timeline.error ? (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {timeline.error.message}
        </Alert>
      ) : !timeline.data ? (
        <Center p="lg">
          <Loader size="sm" />
        </Center>
      ) : entries.length === 0 ? (
        <Text c="dimmed" size="sm" ta="center" py="lg">
          {filter === 'all' ? 'No contact yet: calls, letters, stage moves, flags and promises will be listed here.' : 'Nothing of this kind yet.'}
        </Text>
      ) : (
        <ScrollArea.Autosize mah="calc(100dvh - 420px)" mih={300} offsetScrollbars>
          <Timeline bulletSize={26} lineWidth={2} pt={4} pl={16} pr={4}>
            {entries.map((e) => (
              <Timeline.Item
                key={`${e.kind}-${e.ref.type}-${e.ref.id}-${e.at}`}
                bullet={
                  <ThemeIcon size={26} radius="xl" variant="light" color={bulletColor(e, byId)}>
                    {bulletIcon(e, byId)}
                  </ThemeIcon>
                }
                data-testid="timeline-entry"
                data-kind={e.kind}
              >
                <EntryBody
                  entry={e}
                  call={e.ref.type === 'call' ? byId.call.get(e.ref.id) : undefined}
                  promise={e.ref.type === 'promise' ? byId.promise.get(e.ref.id) : undefined}
                  flag={e.ref.type === 'flag' ? byId.flag.get(e.ref.id) : undefined}
                />
              </Timeline.Item>
            ))}
          </Timeline>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}

type Lookups = { call: Map<number, CallRecord>; promise: Map<number, PromiseToPay>; flag: Map<number, CollectionFlag> };
function bulletIcon(e: TimelineEntry, l: Lookups) {
  if (e.kind === 'call' && l.call.get(e.ref.id)?.direction === 'incoming') return <IconPhoneIncoming size={14} />;
  return kindIcon[e.kind].icon;
}
function bulletColor(e: TimelineEntry, l: Lookups) {
  if (e.kind === 'promise') {
    const p = l.promise.get(e.ref.id);
    if (p) return promiseStatusColors[p.status];
  }
  if (e.kind === 'call' && l.call.get(e.ref.id)?.overrideId) return 'red';
  return kindIcon[e.kind].color;
}

function Who({ by, at }: { by: string | null; at: string }) {
  const name = usePersonName();
  return (
    <Text size="xs" c="dimmed" mt={2}>
      {formatInstant(at)}
      {by ? ` · ${name(by)}` : ''}
    </Text>
  );
}

function EntryBody({ entry, call, promise, flag }: { entry: TimelineEntry; call?: CallRecord; promise?: PromiseToPay; flag?: CollectionFlag }) {
  if (call) {
    return (
      <>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {call.direction === 'outgoing' ? 'Call to' : 'Call from'} {call.contactName}
          </Text>
          <Badge size="sm" variant="light" color={outcomeColor(call.outcome)} radius="sm" style={{ textTransform: 'none' }}>
            {callOutcomeLabels[call.outcome]}
          </Badge>
          {call.overrideId && (
            <Badge size="sm" variant="outline" color="red" radius="sm" style={{ textTransform: 'none' }}>
              Override
            </Badge>
          )}
        </Group>
        <Text size="xs" c="gray.7">
          {call.phone}
          {call.callbackAt ? ` · callback ${formatInstant(call.callbackAt)}${call.callbackDoneAt ? ' (done)' : ''}` : ''}
        </Text>
        {call.notes && (
          <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
            {call.notes}
          </Text>
        )}
        <Who by={call.clerk} at={call.startedAt} />
      </>
    );
  }
  if (promise) {
    return (
      <>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            Promise to pay <Money cents={promise.amountCents} /> by {formatDate(promise.dueDate)}
          </Text>
          <Badge size="sm" variant="light" color={promiseStatusColors[promise.status]} radius="sm" style={{ textTransform: 'none' }}>
            {promiseStatusLabels[promise.status]}
          </Badge>
        </Group>
        <Text size="xs" c="gray.7">
          {promise.contactName ? `${promise.contactName} · ` : ''}
          {promise.status === 'pending'
            ? `payments count through ${formatDate(promise.lastDate)}`
            : `paid ${formatMoney(promise.paidCents)}${promise.decidedOn ? ` · decided ${formatDate(promise.decidedOn)}` : ''}`}
        </Text>
        <Who by={promise.createdBy} at={entry.at} />
      </>
    );
  }
  if (flag && (entry.kind === 'flag_set' || entry.kind === 'flag_cleared')) {
    const label = `${flagLabels[flag.kind].replace(' (number)', '')}${flag.phone ? ` · ${String(flag.details.phoneAsEntered ?? formatPhoneDigits(flag.phone))}` : ''}`;
    return (
      <>
        <Text size="sm" fw={600}>
          {entry.kind === 'flag_set'
            ? `Flag set: ${label}`
            : flag.resolution === 'verified'
              ? `Dispute verified${flag.verifiedOn ? ` (sent ${formatDate(flag.verifiedOn)})` : ''}`
              : `Flag cleared: ${label}`}
        </Text>
        {entry.reason && (
          <Text size="sm" c="gray.7">
            {entry.reason}
          </Text>
        )}
        <Who by={entry.by} at={entry.at} />
      </>
    );
  }
  const detail = timelineDetail(entry);
  return (
    <>
      <Text size="sm" fw={600}>
        {timelineTitle(entry)}
      </Text>
      {detail && (
        <Text size="sm" c="gray.7">
          {detail}
        </Text>
      )}
      <Who by={entry.by} at={entry.at} />
    </>
  );
}

export const outcomeColor = (o: CallRecord['outcome']) =>
  o === 'promise_to_pay' || o === 'paid'
    ? 'teal'
    : o === 'dispute' || o === 'refused'
      ? 'orange'
      : o === 'wrong_number'
        ? 'red'
        : o === 'spoke_with_debtor'
          ? 'blue'
          : 'gray';

function PromisesCard({ promises, loading }: { promises: PromiseToPay[] | undefined; loading: boolean }) {
  const name = usePersonName();
  return (
    <Card
      title="Promises to pay"
      icon={
        <ThemeIcon variant="light" color="blue" size={26} radius="md">
          <IconCalendarDue size={16} />
        </ThemeIcon>
      }
      testId="promises"
    >
      {loading ? (
        <Center p="sm">
          <Loader size="sm" />
        </Center>
      ) : !promises?.length ? (
        <Text size="sm" c="dimmed">
          No promises. Log a call with the outcome “Promise to pay” to record one.
        </Text>
      ) : (
        <Table fz="sm" highlightOnHover={false} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={112}>Due</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              <Table.Th w={86}>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {promises.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Tooltip
                    label={`Made ${formatDate(p.promisedOn)}${p.createdBy ? ` by ${name(p.createdBy)}` : ''}${p.contactName ? ` with ${p.contactName}` : ''}; payments count through ${formatDate(p.lastDate)} (${p.graceDays} grace days)`}
                    withinPortal
                    multiline
                    w={260}
                  >
                    <span>{formatDate(p.dueDate)}</span>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={p.amountCents} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={p.paidCents} dimZero />
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={promiseStatusColors[p.status]} radius="sm" style={{ textTransform: 'none' }}>
                    {promiseStatusLabels[p.status]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
