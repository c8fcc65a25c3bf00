import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Menu,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconDots, IconFlag, IconFlagOff, IconPlus } from '@tabler/icons-react';
import type { AccountDetail } from '@shared/domain/accounts';
import {
  flagKinds,
  flagLabels,
  holdFlagKinds,
  supervisorClearedFlags,
  type CollectionFlag,
  type FlagKind,
  type FlagSetInput,
} from '@shared/domain/collections';
import { formatDate, formatInstant, isIsoDate } from '@shared/dates';
import { fieldErrors, unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';
import { useBusinessToday } from '../accounts/api';
import { refreshCollections, useFlags, useValidationNotice } from './api';
import { Card } from './Card';
import { usePersonName } from '../users/names';
import { DateInput } from '@mantine/dates';

const flagColor = (k: FlagKind) => (k === 'do_not_call' || k === 'wrong_number' ? 'gray' : k === 'disputed' ? 'orange' : 'red');

/** Open flags with who/when/why and their details, the history of cleared ones, and set/clear/verify. */
export function FlagsPanel({ account }: { account: AccountDetail }) {
  const flags = useFlags(account.id);
  const notice = useValidationNotice(account.id);
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const [setting, setSetting] = useState<FlagKind | null>(null);
  const [clearing, setClearing] = useState<CollectionFlag | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [history, setHistory] = useState(false);
  const open = (flags.data ?? []).filter((f) => !f.clearedAt);
  const cleared = (flags.data ?? []).filter((f) => f.clearedAt);
  const holding = open.some((f) => holdFlagKinds.includes(f.kind));

  return (
    <Card
      title="Flags"
      testId="flags-panel"
      icon={
        <ThemeIcon variant="light" color={holding ? 'red' : 'orange'} size={26} radius="md">
          <IconFlag size={16} />
        </ThemeIcon>
      }
      actions={
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} />}>
              Set a flag
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {flagKinds.map((k) => (
              <Menu.Item key={k} onClick={() => setSetting(k)} leftSection={<IconFlag size={14} color={`var(--mantine-color-${flagColor(k)}-6)`} />}>
                {flagLabels[k]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      }
    >
      {flags.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {flags.error.message}
        </Alert>
      )}
      {holding && (
        <Alert color="red" variant="light" p="xs" mb="sm">
          <Text size="xs">Collection is paused: the worklist holds this account and outgoing calls are blocked.</Text>
        </Alert>
      )}
      {open.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open flags. Nothing stops contact on this account.
        </Text>
      ) : (
        <Stack gap="xs">
          {open.map((f) => (
            <FlagRow
              key={f.id}
              flag={f}
              actions={
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${flagLabels[f.kind]}`}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {f.kind === 'disputed' && (
                      <Menu.Item leftSection={<IconCheck size={14} />} onClick={() => setVerifying(true)}>
                        Record verification…
                      </Menu.Item>
                    )}
                    {supervisorClearedFlags.includes(f.kind) && !supervisor ? (
                      <Tooltip label="Only a collections supervisor can clear this flag" position="left" withinPortal>
                        <div>
                          <Menu.Item leftSection={<IconFlagOff size={14} />} disabled>
                            Clear flag…
                          </Menu.Item>
                        </div>
                      </Tooltip>
                    ) : (
                      <Menu.Item leftSection={<IconFlagOff size={14} />} onClick={() => setClearing(f)}>
                        Clear flag…
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              }
            />
          ))}
        </Stack>
      )}
      <Group justify="space-between" mt="sm">
        <Text size="xs" c="dimmed">
          {notice.data
            ? `Validation notice sent ${formatDate(notice.data.sentOn)}; period ends ${formatDate(notice.data.periodEndsOn)}`
            : 'No validation notice recorded'}
        </Text>
        {cleared.length > 0 && (
          <Anchor component="button" size="xs" onClick={() => setHistory((h) => !h)}>
            {history ? 'Hide' : 'Show'} cleared ({cleared.length})
          </Anchor>
        )}
      </Group>
      <Collapse expanded={history}>
        <Stack gap="xs" mt="xs">
          {cleared.map((f) => (
            <FlagRow key={f.id} flag={f} />
          ))}
        </Stack>
      </Collapse>
      {setting && <SetFlagModal account={account} kind={setting} onClose={() => setSetting(null)} />}
      {clearing && <ClearFlagModal flag={clearing} onClose={() => setClearing(null)} />}
      {verifying && <VerificationModal accountId={account.id} onClose={() => setVerifying(false)} />}
    </Card>
  );
}

function detailLines(f: CollectionFlag): string[] {
  const d = f.details as Record<string, string | boolean | null | undefined>;
  switch (f.kind) {
    case 'attorney_represented':
      return [`Attorney: ${d.attorneyName ?? ''}${d.attorneyPhone ? ` · ${d.attorneyPhone}` : ''}`];
    case 'bankruptcy':
      return [`Chapter ${d.chapter} · case ${d.caseNumber}${d.filedOn ? ` · filed ${formatDate(String(d.filedOn))}` : ''}`];
    case 'disputed':
      return [
        `${d.written ? 'Written' : 'Oral'} dispute${d.receivedOn ? ` received ${formatDate(String(d.receivedOn))}` : ''}${d.withinValidationPeriod === true ? ' · within the validation period' : d.withinValidationPeriod === false ? ' · after the validation period' : ''}`,
      ];
    case 'cease_communication':
      return d.receivedOn ? [`Written request received ${formatDate(String(d.receivedOn))}`] : [];
    case 'deceased':
      return d.dateOfDeath ? [`Date of death ${formatDate(String(d.dateOfDeath))}`] : [];
    case 'do_not_call':
    case 'wrong_number':
      return [`Number ${d.phoneAsEntered ?? f.phone}`];
  }
}

function FlagRow({ flag: f, actions }: { flag: CollectionFlag; actions?: ReactNode }) {
  const name = usePersonName();
  const cleared = !!f.clearedAt;
  return (
    <Paper withBorder radius="sm" p="xs" bg={cleared ? 'gray.0' : undefined} data-testid="flag-row" data-kind={f.kind}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge size="sm" radius="sm" variant={cleared ? 'outline' : 'light'} color={cleared ? 'gray' : flagColor(f.kind)} style={{ textTransform: 'none' }}>
              {flagLabels[f.kind].replace(' (number)', '')}
            </Badge>
            {cleared && (
              <Text size="xs" c="dimmed">
                {f.resolution === 'verified' ? 'verified' : 'cleared'}
              </Text>
            )}
          </Group>
          {detailLines(f).map((l) => (
            <Text key={l} size="sm" mt={4}>
              {l}
            </Text>
          ))}
          <Text size="sm" c="gray.7" mt={2}>
            {f.reason}
          </Text>
          <Text size="xs" c="dimmed" mt={2}>
            Set {formatInstant(f.setAt)}
            {f.setBy ? ` by ${name(f.setBy)}` : ''}
            {f.callId ? ' (from a call)' : ''}
          </Text>
          {cleared && (
            <Text size="xs" c="dimmed">
              {f.resolution === 'verified' ? `Verification sent ${formatDate(f.verifiedOn)}; recorded` : 'Cleared'} {formatInstant(f.clearedAt)}
              {f.clearedBy ? ` by ${name(f.clearedBy)}` : ''}
              {f.clearReason ? `: ${f.clearReason}` : ''}
            </Text>
          )}
        </div>
        {actions}
      </Group>
    </Paper>
  );
}

function useSubmit(onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string>) => {
    setError(null);
    setBusy(true);
    try {
      const msg = await fn();
      refreshCollections();
      notifications.show({ color: 'teal', message: msg });
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

const flagIntro: Record<FlagKind, string> = {
  disputed: 'An open dispute pauses calls and collection letters until verification is recorded (12 CFR 1006.34).',
  cease_communication: 'After a written request to stop, no calls or collection letters; only the three permitted notices (12 CFR 1006.6(c)).',
  attorney_represented: 'The consumer may not be contacted directly: calls and collection letters stop (12 CFR 1006.6(b)(2)).',
  bankruptcy: 'The automatic stay stops calls, collection letters and remedy notices (11 USC 362).',
  deceased: 'Calls to the consumer stop; letters go to the estate.',
  do_not_call: 'Blocks calls to this number only.',
  wrong_number: 'Blocks calls to this number for this account.',
};

function SetFlagModal({ account, kind, onClose }: { account: AccountDetail; kind: FlagKind; onClose: () => void }) {
  const today = useBusinessToday();
  const { error, busy, run } = useSubmit(onClose);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [written, setWritten] = useState(true);
  const [attorneyName, setAttorneyName] = useState('');
  const [attorneyPhone, setAttorneyPhone] = useState('');
  const [chapter, setChapter] = useState<string | null>('7');
  const [caseNumber, setCaseNumber] = useState('');
  const numbers = [...new Set(account.contacts.flatMap((c) => c.phones.map((p) => p.number)))];
  const [phone, setPhone] = useState<string | null>(numbers[0] ?? null);
  const [show, setShow] = useState(false);
  const optDate = isIsoDate(date) ? date : undefined;
  const missing =
    !reason.trim() ||
    (kind === 'attorney_represented' && !attorneyName.trim()) ||
    (kind === 'bankruptcy' && !caseNumber.trim()) ||
    ((kind === 'do_not_call' || kind === 'wrong_number') && !phone);

  const build = (): FlagSetInput => {
    const base = { accountId: account.id, reason: reason.trim() };
    switch (kind) {
      case 'disputed':
        return { ...base, kind, written, receivedOn: optDate };
      case 'cease_communication':
        return { ...base, kind, receivedOn: optDate };
      case 'attorney_represented':
        return { ...base, kind, attorneyName: attorneyName.trim(), attorneyPhone: attorneyPhone.trim() };
      case 'bankruptcy':
        return { ...base, kind, chapter: chapter as '7' | '11' | '12' | '13', caseNumber: caseNumber.trim(), filedOn: optDate };
      case 'deceased':
        return { ...base, kind, dateOfDeath: optDate };
      case 'do_not_call':
      case 'wrong_number':
        return { ...base, kind, phone: phone! };
    }
  };
  const dateLabel =
    kind === 'disputed'
      ? 'Received on'
      : kind === 'cease_communication'
        ? 'Written request received'
        : kind === 'bankruptcy'
          ? 'Filed on'
          : kind === 'deceased'
            ? 'Date of death'
            : null;

  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={520}
      title={
        <Text fw={600} size="lg">
          Set flag: {flagLabels[kind]}
        </Text>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShow(true);
          if (!missing)
            void run(async () => {
              await unwrap(window.api.flags.set(build()));
              return `${flagLabels[kind]} flag set.`;
            });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {flagIntro[kind]}
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          {kind === 'attorney_represented' && (
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label="Attorney name"
                data-autofocus
                value={attorneyName}
                onChange={(e) => setAttorneyName(e.currentTarget.value)}
                error={show && !attorneyName.trim() ? 'Required' : undefined}
              />
              <TextInput label="Attorney phone" value={attorneyPhone} onChange={(e) => setAttorneyPhone(e.currentTarget.value)} />
            </SimpleGrid>
          )}
          {kind === 'bankruptcy' && (
            <SimpleGrid cols={2} spacing="sm">
              <Select
                label="Chapter"
                data-autofocus
                data={['7', '11', '12', '13'].map((c) => ({ value: c, label: `Chapter ${c}` }))}
                value={chapter}
                onChange={setChapter}
                allowDeselect={false}
              />
              <TextInput
                label="Case number"
                value={caseNumber}
                onChange={(e) => setCaseNumber(e.currentTarget.value)}
                error={show && !caseNumber.trim() ? 'Required' : undefined}
              />
            </SimpleGrid>
          )}
          {(kind === 'do_not_call' || kind === 'wrong_number') && (
            <Select
              label="Number"
              data-autofocus
              data={numbers}
              value={phone}
              onChange={setPhone}
              placeholder={numbers.length ? 'Choose the number' : 'No numbers on file'}
              error={show && !phone ? 'Choose the number' : undefined}
            />
          )}
          {dateLabel && (
            <DateInput
              label={dateLabel}
              value={date || null}
              maxDate={today}
              onChange={(v) => setDate(v ?? '')}
              clearable={kind !== 'disputed'}
              w={200}
              description={kind === 'disputed' ? 'Default: today' : 'Optional'}
            />
          )}
          {kind === 'disputed' && <Checkbox label="Disputed in writing" checked={written} onChange={(e) => setWritten(e.currentTarget.checked)} />}
          <Textarea
            label="Reason"
            // First field when the others are filled in already (a date defaults; nothing else to choose).
            data-autofocus={!['attorney_represented', 'bankruptcy', 'do_not_call', 'wrong_number'].includes(kind) || undefined}
            placeholder="What happened, and how we learned it"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={show && !reason.trim() ? 'Say why; it is kept with the flag' : undefined}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Set flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ClearFlagModal({ flag, onClose }: { flag: CollectionFlag; onClose: () => void }) {
  const { error, busy, run } = useSubmit(onClose);
  const [reason, setReason] = useState('');
  const [show, setShow] = useState(false);
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={480}
      title={
        <Text fw={600} size="lg">
          Clear flag: {flagLabels[flag.kind]}
        </Text>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShow(true);
          if (reason.trim())
            void run(async () => {
              await unwrap(window.api.flags.clear({ flagId: flag.id, reason: reason.trim() }));
              return `${flagLabels[flag.kind]} flag cleared.`;
            });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The flag stays in the history with who cleared it, when and why.
            {flag.kind === 'disputed' ? ' To close a dispute because verification was sent, use “Record verification” instead.' : ''}
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <Textarea
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={show && !reason.trim() ? 'Say why' : undefined}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={busy}>
              Clear flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function VerificationModal({ accountId, onClose }: { accountId: number; onClose: () => void }) {
  const today = useBusinessToday();
  const { error, busy, run } = useSubmit(onClose);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [show, setShow] = useState(false);
  const verifiedOn = date || today;
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={480}
      title={
        <Text fw={600} size="lg">
          Record verification
        </Text>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShow(true);
          if (note.trim() && isIsoDate(verifiedOn))
            void run(async () => {
              await unwrap(window.api.flags.recordVerification({ accountId, verifiedOn, note: note.trim() }));
              return 'Verification recorded; the dispute is closed.';
            });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Closes the open dispute: collection may resume. Record the date the verification was sent to the consumer.
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <DateInput label="Verification sent on" value={verifiedOn || null} maxDate={today} onChange={(v) => setDate(v ?? '')} w={200} />
          <Textarea
            label="Note"
            data-autofocus
            placeholder="e.g. Itemized statement and visit record mailed"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={show && !note.trim() ? 'Required' : undefined}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Record verification
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
