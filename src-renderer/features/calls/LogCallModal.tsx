import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Center, Checkbox, Group, Loader, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle, IconPhoneCall, IconPhoneIncoming, IconPhoneOutgoing } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  callOutcomeLabels,
  callOutcomes,
  flagLabels,
  type CallDirection,
  type CallLogInput,
  type CallOutcome,
  type CollectionFlag,
} from '@shared/domain/collections';
import { phoneDigits, type AccountDetail } from '@shared/domain/accounts';
import { addDays, isIsoDate } from '@shared/dates';
import { formatMoney, parseMoney } from '@shared/money';
import { fieldErrors, unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';
import { useAccount, useBusinessToday } from '../accounts/api';
import { refreshCollections, ruleBlocked, useFlags } from '../collections/api';
import { ComplianceCheckPanel, OVERRIDE_MIN, type CheckView } from './ComplianceCheckPanel';
import { useGuardedClose } from '../../components/LeaveGuard';
import { DateInput } from '@mantine/dates';

/** `YYYY-MM-DDTHH:MM` on this workstation's clock, for a datetime-local field. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
function fromLocalInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Log a call (from the account's Collections tab or a worklist row). Loads the account for its people and numbers. */
export function LogCallModal({ accountId, onClose, onSaved }: { accountId: number; onClose: () => void; onSaved?: () => void }) {
  const account = useAccount(accountId);
  // Closing with an outcome or notes typed asks first (Esc, the X, Cancel).
  const [typed, setTyped] = useState(false);
  const guarded = useGuardedClose(typed, onClose);
  return (
    <>
      {guarded.question}
      <Modal
        opened
        onClose={guarded.close}
        closeOnEscape={!guarded.asking}
        size={640}
        centered
        title={
          <Group gap="xs">
            <IconPhoneCall size={20} color="var(--mantine-color-ledger-7)" />
            <Text fw={600} size="lg">
              Log a call
            </Text>
            {account.data && (
              <Text c="dimmed" size="sm">
                · {account.data.name}{' '}
                <Text span className="mono" inherit>
                  {account.data.accountNumber}
                </Text>
              </Text>
            )}
          </Group>
        }
      >
        {account.error ? (
          <Alert color="red" icon={<IconAlertCircle size={16} />}>
            {account.error.message}
          </Alert>
        ) : !account.data ? (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        ) : (
          <CallForm account={account.data} onClose={onClose} onCancel={guarded.close} onTyped={setTyped} onSaved={onSaved} />
        )}
      </Modal>
    </>
  );
}

function CallForm({
  account,
  onClose,
  onCancel,
  onTyped,
  onSaved,
}: {
  account: AccountDetail;
  onClose: () => void;
  onCancel: () => void;
  onTyped: (typed: boolean) => void;
  onSaved?: () => void;
}) {
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const today = useBusinessToday();
  const flags = useFlags(account.id);
  const primary = account.contacts.find((c) => c.isPrimary) ?? account.contacts[0];
  const [contactId, setContactId] = useState<string | null>(primary ? String(primary.id) : null);
  const contact = account.contacts.find((c) => String(c.id) === contactId);
  const [phone, setPhone] = useState<string | null>(primary?.phones[0]?.number ?? null);
  const [direction, setDirection] = useState<CallDirection>('outgoing');
  const [start, setStart] = useState(() => toLocalInput(new Date()));
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [notes, setNotes] = useState('');
  const [promiseAmount, setPromiseAmount] = useState('');
  const [promiseDate, setPromiseDate] = useState('');
  const [withCallback, setWithCallback] = useState(false);
  const [callback, setCallback] = useState('');
  const [override, setOverride] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<CheckView | null>(null);
  const typed = !!(outcome || notes.trim() || promiseAmount.trim() || override.trim() || callback);
  useEffect(() => onTyped(typed), [typed, onTyped]);

  // Numbers flagged do-not-call or wrong (open flags), by digits.
  const numberFlags = useMemo(() => {
    const m = new Map<string, CollectionFlag>();
    for (const f of flags.data ?? []) if (f.phone && !f.clearedAt) m.set(phoneDigits(f.phone), f);
    return m;
  }, [flags.data]);

  const phones = contact?.phones ?? [];
  /** Another person: keep the number if it is theirs too, else take their first. */
  const chooseContact = (id: string | null) => {
    setContactId(id);
    const next = account.contacts.find((c) => String(c.id) === id);
    if (next && !next.phones.some((p) => p.number === phone)) setPhone(next.phones[0]?.number ?? null);
  };

  const startedAt = fromLocalInput(start);
  const outgoing = direction === 'outgoing';
  const check = useQuery({
    queryKey: ['collections', 'checkCall', account.id, contact?.id, phone, startedAt],
    queryFn: () => unwrap(window.api.compliance.checkCall({ accountId: account.id, contactId: contact!.id, phone: phone!, at: startedAt! })),
    enabled: outgoing && !!contact && !!phone && !!startedAt,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  // A new answer from the live check replaces a refusal from the last save.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose when a new answer arrives (check.data), which the reset itself does not read
  useEffect(() => setRefused(null), [check.data]);
  const shownCheck: CheckView | null = refused ?? (outgoing && contact && phone && startedAt ? (check.data ?? null) : null);
  const blocked = outgoing && !!shownCheck && !shownCheck.allowed;

  const promiseCents = parseMoney(promiseAmount);
  const errors = {
    contact: !contact ? 'Choose who you called or who called' : null,
    phone: !phone ? (phones.length ? 'Choose the number' : 'This person has no phone number on file (add one in Details)') : null,
    start: !startedAt
      ? 'Enter the date and time the call started'
      : startedAt && new Date(startedAt).getTime() > Date.now() + 5 * 60_000
        ? 'A call is logged once it has started'
        : null,
    outcome: !outcome ? 'Choose the outcome' : null,
    promiseAmount: outcome === 'promise_to_pay' && (promiseCents === null || promiseCents <= 0) ? 'Enter the amount promised, such as 150.00' : null,
    promiseDate:
      outcome === 'promise_to_pay' && !isIsoDate(promiseDate)
        ? 'Enter the date promised'
        : outcome === 'promise_to_pay' && promiseDate < today
          ? 'The promised date has passed'
          : null,
    callback:
      withCallback && !fromLocalInput(callback)
        ? 'Enter when to call back'
        : withCallback && startedAt && fromLocalInput(callback)! <= startedAt
          ? 'The callback must be after the call'
          : null,
    override: blocked && supervisor && override.trim().length < OVERRIDE_MIN ? 'override' : null,
  };
  const invalid = Object.values(errors).some(Boolean);

  const submit = async () => {
    setShow(true);
    setError(null);
    if (invalid || (blocked && !supervisor)) return;
    const input: CallLogInput = {
      accountId: account.id,
      contactId: contact!.id,
      phone: phone!,
      direction,
      startedAt: startedAt!,
      outcome: outcome!,
      notes: notes.trim(),
      promise: outcome === 'promise_to_pay' ? { amountCents: promiseCents!, dueDate: promiseDate } : undefined,
      callbackAt: withCallback ? fromLocalInput(callback)! : undefined,
      override: blocked && supervisor ? { reason: override.trim() } : undefined,
    };
    setBusy(true);
    try {
      const call = await unwrap(window.api.calls.log(input));
      refreshCollections();
      notifications.show({
        color: 'teal',
        title: 'Call logged',
        message: `${callOutcomeLabels[call.outcome]} · ${call.contactName}${call.promiseId ? ` · promise of ${formatMoney(promiseCents!)} recorded` : ''}${call.overrideId ? ' · override recorded' : ''}`,
      });
      onSaved?.();
      onClose();
    } catch (err) {
      const rb = ruleBlocked(err);
      if (rb) {
        setRefused({ allowed: false, blocks: rb.blocks, localTimes: check.data?.localTimes ?? [], allowedAt: rb.allowedAt, exempt: null });
        if (!rb.blocks.length) setError(rb.message);
      } else {
        const fe = fieldErrors(err);
        setError(Object.keys(fe).length ? Object.values(fe).join('; ') : err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const phoneLabel = (n: string, label: string) => {
    const f = numberFlags.get(phoneDigits(n));
    return `${n}${label ? ` · ${label}` : ''}${f ? ` · ${flagLabels[f.kind].replace(' (number)', '')}` : ''}`;
  };
  const promiseDue = outcome === 'promise_to_pay';

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />}>
            {error}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Person"
            data={account.contacts.map((c) => ({ value: String(c.id), label: c.title ? `${c.name} · ${c.title}` : c.name }))}
            value={contactId}
            onChange={chooseContact}
            placeholder={account.contacts.length ? 'Who was on the call' : 'No contacts on file'}
            error={show ? errors.contact : undefined}
            allowDeselect={false}
          />
          <Select
            label="Number"
            data={phones.map((p) => ({ value: p.number, label: phoneLabel(p.number, p.label) }))}
            value={phone}
            onChange={setPhone}
            placeholder={phones.length ? 'Choose the number' : 'No numbers'}
            error={show ? errors.phone : undefined}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <div>
            <Text size="sm" fw={500} mb={3}>
              Direction
            </Text>
            <SegmentedControl
              fullWidth
              aria-label="Direction"
              value={direction}
              onChange={(v) => setDirection(v as CallDirection)}
              data={[
                {
                  value: 'outgoing',
                  label: (
                    <Group gap={6} justify="center" wrap="nowrap">
                      <IconPhoneOutgoing size={15} />
                      Outgoing
                    </Group>
                  ),
                },
                {
                  value: 'incoming',
                  label: (
                    <Group gap={6} justify="center" wrap="nowrap">
                      <IconPhoneIncoming size={15} />
                      Incoming
                    </Group>
                  ),
                },
              ]}
            />
          </div>
          <TextInput
            type="datetime-local"
            label="Started"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={show ? errors.start : undefined}
            description="Your computer’s time"
          />
        </SimpleGrid>

        {outgoing ? (
          <ComplianceCheckPanel
            check={shownCheck}
            loading={check.isFetching}
            error={check.error && !refused ? check.error.message : null}
            zone={account.timeZone}
            refusedByServer={!!refused}
            canOverride={supervisor}
            override={override}
            onOverride={setOverride}
            showErrors={show}
          />
        ) : (
          <Text size="xs" c="dimmed">
            Incoming calls are not checked against the contact rules and do not count toward the call limits.
          </Text>
        )}

        <Select
          label="Outcome"
          // Person, number, direction and time are filled in: the outcome is the first thing to say.
          data-autofocus
          data={callOutcomes.map((o) => ({ value: o, label: callOutcomeLabels[o] }))}
          value={outcome}
          onChange={(v) => setOutcome(v as CallOutcome | null)}
          placeholder="What happened"
          error={show ? errors.outcome : undefined}
        />
        {promiseDue && (
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Promised amount"
              placeholder="0.00"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              value={promiseAmount}
              onChange={(e) => setPromiseAmount(e.currentTarget.value)}
              error={show ? errors.promiseAmount : undefined}
              styles={{ input: { textAlign: 'right' } }}
            />
            <DateInput
              label="Promised by"
              value={promiseDate || null}
              minDate={today}
              onChange={(v) => setPromiseDate(v ?? '')}
              error={show ? errors.promiseDate : undefined}
              description="Kept or broken is decided from posted payments"
            />
          </SimpleGrid>
        )}
        {outcome === 'dispute' && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
            <Text size="sm">
              Saving marks the account <b>disputed</b>: calls and collection letters pause until verification is recorded. Note what the consumer disputes.
            </Text>
          </Alert>
        )}
        {outcome === 'wrong_number' && (
          <Alert color="gray" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
            <Text size="sm">
              Saving flags <b>{phone}</b> as a wrong number for this account; it will be blocked for later calls.
            </Text>
          </Alert>
        )}
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Checkbox
            label="Schedule a callback"
            checked={withCallback}
            mt={withCallback ? 30 : 0}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setWithCallback(on);
              if (on && !callback) setCallback(toLocalInput(new Date(Date.now() + 24 * 3600_000)));
            }}
          />
          {withCallback && (
            <TextInput
              type="datetime-local"
              label="Call back at"
              value={callback}
              onChange={(e) => setCallback(e.currentTarget.value)}
              error={show ? errors.callback : undefined}
              style={{ flex: 1 }}
            />
          )}
        </Group>
        <Textarea
          label="Notes"
          placeholder={promiseDue ? 'e.g. Will pay by card online after payday' : 'What was said'}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
        />
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            Logged as {session.displayName}. Logged calls cannot be edited.
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} color={blocked ? (supervisor ? 'orange' : 'gray') : undefined} disabled={blocked && !supervisor}>
              {blocked ? (supervisor ? 'Save with override' : 'Blocked') : 'Save call'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Default promise date suggestion: a week out. */
export const suggestPromiseDate = (today: string) => addDays(today, 7);
