import { useState } from 'react';
import { ActionIcon, Alert, Button, Chip, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconClockOff, IconPlus, IconTrash } from '@tabler/icons-react';
import type { AccountDetail } from '@shared/domain/accounts';
import { weekdayNames, type InconvenientTime } from '@shared/domain/collections';
import { fieldErrors, unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';
import { formatInstant } from '@shared/dates';
import { clock12, refreshCollections, useInconvenientTimes } from './api';
import { Card } from './Card';
import { usePersonName } from '../users/names';

/** "Mon-Fri", "Sat, Sun", "Every day". */
export function weekdaysText(days: number[]): string {
  const d = [...days].sort();
  if (d.length === 7) return 'Every day';
  if (d.join() === '1,2,3,4,5') return 'Mon–Fri';
  if (d.join() === '6,7') return 'Sat, Sun';
  return d.map((x) => weekdayNames[x]).join(', ');
}
export function rangeText(t: Pick<InconvenientTime, 'start' | 'end'>): string {
  if (t.start === '00:00' && t.end === '24:00') return 'all day';
  if (t.start === '00:00') return `before ${clock12(t.end)}`;
  if (t.end === '24:00') return `after ${clock12(t.start)}`;
  return `${clock12(t.start)} – ${clock12(t.end)}`;
}

/** Times the consumer said are inconvenient (12 CFR 1006.6(b)(1)(i)), read in the address's zone. */
export function InconvenientTimesPanel({ account }: { account: AccountDetail }) {
  const times = useInconvenientTimes(account.id);
  const { session } = useSession();
  const name = usePersonName();
  const supervisor = atLeast(session.role, 'supervisor');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<InconvenientTime | null>(null);
  return (
    <Card
      title="Inconvenient times"
      testId="inconvenient-times"
      icon={
        <ThemeIcon variant="light" color="grape" size={26} radius="md">
          <IconClockOff size={16} />
        </ThemeIcon>
      }
      actions={
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
          Add
        </Button>
      }
    >
      {times.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {times.error.message}
        </Alert>
      )}
      {!times.data?.length ? (
        <Text size="sm" c="dimmed">
          None designated. Add the times the consumer says are inconvenient; calls then are blocked.
        </Text>
      ) : (
        <Stack gap={6}>
          {times.data.map((t) => (
            <Paper key={t.id} withBorder radius="sm" px="xs" py={6} data-testid="inconvenient-time">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {weekdaysText(t.weekdays)}, {rangeText(t)}{' '}
                    <Text span size="xs" c="dimmed" fw={400}>
                      ({account.timeZone.split('/').pop()?.replace(/_/g, ' ')} time)
                    </Text>
                  </Text>
                  <Text size="xs" c="gray.7">
                    {t.contactName ?? 'Everyone on the account'}
                    {t.note ? ` · ${t.note}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Added {formatInstant(t.createdAt)}
                    {t.createdBy ? ` by ${name(t.createdBy)}` : ''}
                  </Text>
                </div>
                {supervisor ? (
                  <ActionIcon variant="subtle" color="gray" aria-label="Withdraw" onClick={() => setRemoving(t)}>
                    <IconTrash size={15} />
                  </ActionIcon>
                ) : (
                  <Tooltip label="Only a collections supervisor can withdraw one" withinPortal>
                    <ActionIcon variant="subtle" color="gray" disabled aria-label="Withdraw">
                      <IconTrash size={15} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {adding && <AddModal account={account} onClose={() => setAdding(false)} />}
      {removing && <WithdrawModal time={removing} onClose={() => setRemoving(null)} />}
    </Card>
  );
}

function useRun(onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string>) => {
    setError(null);
    setBusy(true);
    try {
      notifications.show({ color: 'teal', message: await fn() });
      refreshCollections();
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      setError(Object.keys(fe).length ? Object.values(fe).join('; ') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function AddModal({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const { error, busy, run } = useRun(onClose);
  const [days, setDays] = useState<string[]>(['1', '2', '3', '4', '5']);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const [allDay, setAllDay] = useState(false);
  const [contactId, setContactId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const s = allDay ? '00:00' : start;
  const e = allDay ? '24:00' : end === '00:00' ? '24:00' : end;
  const bad = days.length === 0 || !(s < e);
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={520}
      title={
        <Text fw={600} size="lg">
          Add an inconvenient time
        </Text>
      }
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          if (!bad)
            void run(async () => {
              await unwrap(
                window.api.compliance.addInconvenientTime({
                  accountId: account.id,
                  contactId: contactId ? Number(contactId) : undefined,
                  weekdays: days.map(Number).sort(),
                  start: s,
                  end: e,
                  note: note.trim(),
                }),
              );
              return 'Inconvenient time added: calls in it are blocked.';
            });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            In the consumer’s own local time ({account.timeZone}). Calls in the range are blocked; only a supervisor can withdraw it.
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <div>
            <Text size="sm" fw={500} mb={4}>
              Days
            </Text>
            <Chip.Group multiple value={days} onChange={setDays}>
              <Group gap={6}>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <Chip key={d} value={String(d)} size="xs" radius="sm">
                    {weekdayNames[d]}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {days.length === 0 && (
              <Text size="xs" c="red">
                Pick at least one day
              </Text>
            )}
          </div>
          <Group gap="sm" align="flex-end">
            <TextInput type="time" label="From" value={start} onChange={(ev) => setStart(ev.currentTarget.value)} disabled={allDay} w={130} />
            <TextInput
              type="time"
              label="Until"
              value={end}
              onChange={(ev) => setEnd(ev.currentTarget.value)}
              disabled={allDay}
              w={130}
              error={!allDay && !(s < e) ? 'After From' : undefined}
            />
            <Chip checked={allDay} onChange={setAllDay} size="sm" mb={4}>
              All day
            </Chip>
          </Group>
          <SimpleGrid cols={1}>
            <Select
              label="Applies to"
              data={[{ value: '', label: 'Everyone on the account' }, ...account.contacts.map((c) => ({ value: String(c.id), label: c.name }))]}
              value={contactId ?? ''}
              onChange={(v) => setContactId(v || null)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Textarea
            label="Note"
            placeholder="e.g. Works nights; asked for no calls before noon"
            value={note}
            onChange={(ev) => setNote(ev.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={bad}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function WithdrawModal({ time, onClose }: { time: InconvenientTime; onClose: () => void }) {
  const { error, busy, run } = useRun(onClose);
  const [reason, setReason] = useState('');
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={460}
      title={
        <Text fw={600} size="lg">
          Withdraw inconvenient time
        </Text>
      }
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          if (reason.trim())
            void run(async () => {
              await unwrap(window.api.compliance.withdrawInconvenientTime({ id: time.id, reason: reason.trim() }));
              return 'Inconvenient time withdrawn.';
            });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">
            {weekdaysText(time.weekdays)}, {rangeText(time)}
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <Textarea
            label="Reason"
            placeholder="e.g. Consumer says evenings are fine now (call of Mar 9)"
            value={reason}
            onChange={(ev) => setReason(ev.currentTarget.value)}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={busy} disabled={!reason.trim()}>
              Withdraw
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
