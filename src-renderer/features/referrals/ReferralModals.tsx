import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar } from '@tabler/icons-react';
import type { LedgerView } from '@shared/domain/ledger';
import type { Referral } from '@shared/domain/collections-policy';
import { formatDate } from '@shared/dates';
import { centsToDecimalString, formatMoney, parseMoney } from '@shared/money';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { useBusinessToday } from '../accounts/api';

/** A small form dialog: an intro, an error line, fields, Cancel and a confirm button. */
export function FormModal({
  title,
  intro,
  confirm,
  color,
  onClose,
  run,
  children,
  size = 520,
}: {
  title: string;
  intro?: ReactNode;
  confirm: string;
  color?: string;
  onClose: () => void;
  run: () => Promise<string | null>;
  children: ReactNode;
  size?: number;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const message = await run();
      if (message === null) return;
      notifications.show({ color: 'teal', message });
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      setError(Object.keys(fe).length ? Object.values(fe).join('; ') : err instanceof Error ? err.message : String(err));
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
          {title}
        </Text>
      }
      size={size}
      centered
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {intro && (
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          )}
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={color} loading={busy}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const refreshPolicy = (...extra: string[]) => {
  for (const d of ['referrals', 'writeoffs', 'collections', ...extra]) void queryClient.invalidateQueries({ queryKey: [d] });
};

export function ReferModal({ ledger, onClose }: { ledger: LedgerView; onClose: () => void }) {
  const today = useBusinessToday();
  const [agency, setAgency] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [show, setShow] = useState(false);
  return (
    <FormModal
      title="Refer to a collection agency"
      intro={
        <>
          The account ({formatMoney(ledger.totals.balanceCents)} owed) is marked as with the agency: it stops moving up the stages and leaves the worklist until
          recalled. Send the agency its placement file from Collections → Referrals.
        </>
      }
      confirm="Refer account"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!agency.trim()) return null;
        const r = await unwrap(window.api.referrals.refer({ accountId: ledger.account.id, agencyName: agency.trim(), date: date ?? today, note: note.trim() }));
        refreshPolicy();
        return `${ledger.account.name} referred to ${r.agencyName} on ${formatDate(r.referredOn)}.`;
      }}
    >
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label="Agency"
          placeholder="e.g. Midwest Recovery Services"
          value={agency}
          onChange={(e) => setAgency(e.currentTarget.value)}
          error={show && !agency.trim() ? 'Name the agency' : undefined}
          data-autofocus
        />
        <DateInput label="Referred on" value={date ?? today} onChange={setDate} leftSection={<IconCalendar size={16} />} />
      </SimpleGrid>
      <Textarea
        label="Note"
        placeholder="Optional; not sent to the agency"
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}

export function RecallModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const today = useBusinessToday();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [show, setShow] = useState(false);
  return (
    <FormModal
      title={`Recall from ${referral.agencyName}`}
      intro={`${referral.accountName} has been with ${referral.agencyName} since ${formatDate(referral.referredOn)}. After the recall it is collected in-house again.`}
      confirm="Recall account"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!reason.trim()) return null;
        await unwrap(window.api.referrals.recall({ accountId: referral.accountId, reason: reason.trim(), date: date ?? today }));
        refreshPolicy();
        return `${referral.accountName} recalled from ${referral.agencyName}.`;
      }}
    >
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label="Reason"
          placeholder="e.g. Customer called to set up a plan"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={show && !reason.trim() ? 'Say why' : undefined}
          data-autofocus
        />
        <DateInput label="Recalled on" value={date ?? today} onChange={setDate} leftSection={<IconCalendar size={16} />} minDate={referral.referredOn} />
      </SimpleGrid>
    </FormModal>
  );
}

/** A clerk (or a supervisor) asks for a write-off; a different supervisor approves it in Collections. */
export function WriteoffRequestModal({ ledger, onClose }: { ledger: LedgerView; onClose: () => void }) {
  const items = ledger.openItems;
  const [picked, setPicked] = useState<string[]>([]);
  const coveredCents = (picked.length ? items.filter((o) => picked.includes(String(o.documentId))) : items).reduce((s, o) => s + o.openCents, 0);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [show, setShow] = useState(false);
  const cents = amount.trim() ? parseMoney(amount) : coveredCents;
  const amountError =
    cents === null || cents <= 0
      ? 'Enter an amount above zero'
      : cents > coveredCents
        ? `At most ${formatMoney(coveredCents)} is open on ${picked.length ? 'those items' : 'the account'}`
        : null;
  return (
    <FormModal
      title="Request a write-off"
      intro="Nothing is posted yet: the request waits for a collections supervisor’s approval, then the amount is written off the items oldest due first."
      confirm="Send request"
      onClose={onClose}
      size={560}
      run={async () => {
        setShow(true);
        if (amountError || !reason.trim() || cents === null) return null;
        const r = await unwrap(
          window.api.writeoffs.request({
            accountId: ledger.account.id,
            invoiceIds: picked.length ? picked.map(Number) : undefined,
            amountCents: cents,
            reason: reason.trim(),
          }),
        );
        refreshPolicy();
        return `Write-off request #${r.id} for ${formatMoney(r.amountCents)} sent for approval.`;
      }}
    >
      <MultiSelect
        label="Items"
        placeholder={picked.length ? undefined : 'All open items, oldest due first'}
        data={items.map((o) => ({
          value: String(o.documentId),
          label: `${o.number} · open ${formatMoney(o.openCents)} · ${o.daysPastDue > 0 ? `${o.daysPastDue} days past due` : 'not yet due'}`,
        }))}
        value={picked}
        onChange={setPicked}
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput
        label="Amount"
        description={`Empty: all ${formatMoney(coveredCents)} open`}
        placeholder={centsToDecimalString(coveredCents)}
        leftSection={
          <Text size="sm" c="dimmed">
            $
          </Text>
        }
        value={amount}
        onChange={(e) => setAmount(e.currentTarget.value)}
        error={show || amount ? amountError : undefined}
        styles={{ input: { textAlign: 'right' } }}
        w={240}
      />
      <Textarea
        label="Reason"
        placeholder="e.g. Patient deceased; estate closed with no assets"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={show && !reason.trim() ? 'Say why; the supervisor sees it' : undefined}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
