import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import {
  bankAccountLabel,
  bankAccountStatusLabels,
  bankAccountTypeLabels,
  type BankAccountScheme,
  type BankAccountSummary,
  type BankAccountType,
  CHECKSUM_CAVEAT,
} from '@shared/domain/bank-accounts';
import { fieldErrors, unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';
import { DataGrid } from '../../components/DataGrid';

/** The account's bank accounts, masked; keyed under 'accounts' so that data.changed refreshes them. */
export const useBankAccounts = (accountId: number, activeOnly = false) =>
  useQuery({
    queryKey: ['accounts', 'bankAccounts', accountId, activeOnly],
    queryFn: () => unwrap(window.api.bankAccounts.list({ accountId, activeOnly })),
  });

const REVEAL_SECONDS = 30;

/** The full number of one bank account for 30 seconds (supervisors; each reveal is audited). */
function RevealButton({ id }: { id: number }) {
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => unwrap(window.api.bankAccounts.reveal({ bankAccountId: id })), onSuccess: (r) => setShown(r.number) });
  useEffect(() => {
    if (!shown) return;
    const t = setTimeout(() => setShown(null), REVEAL_SECONDS * 1000);
    return () => clearTimeout(t);
  }, [shown]);
  if (shown)
    return (
      <Text size="sm" ff="monospace" data-testid={`revealed-${id}`}>
        {shown}
      </Text>
    );
  return (
    <Button size="compact-xs" variant="subtle" loading={reveal.isPending} onClick={() => reveal.mutate()}>
      Reveal
    </Button>
  );
}

/** A bank account dialog's foot: the error when no field shows it, Cancel, and the button that saves. */
function DialogFoot({
  mutation,
  onField,
  confirm,
  color,
  onCancel,
}: {
  mutation: { error: Error | null; isPending: boolean; mutate: () => void };
  /** The error is shown on a field already. */
  onField: boolean;
  confirm: string;
  color?: string;
  onCancel: () => void;
}) {
  return (
    <>
      {mutation.error && !onField && (
        <Alert color="red" role="alert">
          {mutation.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button color={color} onClick={() => mutation.mutate()} loading={mutation.isPending}>
          {confirm}
        </Button>
      </Group>
    </>
  );
}

function AddBankAccountModal({ accountId, accountName, onClose }: { accountId: number; accountName: string; onClose: () => void }) {
  const [scheme, setScheme] = useState<BankAccountScheme>('us_aba');
  const [holderName, setHolderName] = useState(accountName);
  const [routingNumber, setRouting] = useState('');
  const [accountNumber, setNumber] = useState('');
  const [accountType, setType] = useState<BankAccountType>('checking');
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        window.api.bankAccounts.add(
          scheme === 'us_aba' ? { accountId, holderName, scheme, routingNumber, accountNumber, accountType } : { accountId, holderName, scheme, iban, bic },
        ),
      ),
    onSuccess: onClose,
  });
  const fe = fieldErrors(add.error);
  return (
    <Modal opened onClose={onClose} title="Add bank account" size="md">
      <Stack gap="sm">
        <SegmentedControl
          value={scheme}
          onChange={(v) => setScheme(v as BankAccountScheme)}
          data={[
            { value: 'us_aba', label: 'US account' },
            { value: 'iban', label: 'IBAN' },
          ]}
        />
        <TextInput label="Holder name" value={holderName} onChange={(e) => setHolderName(e.currentTarget.value)} error={fe.holderName} required />
        {scheme === 'us_aba' ? (
          <>
            <TextInput
              label="Routing number"
              description="Nine digits"
              value={routingNumber}
              onChange={(e) => setRouting(e.currentTarget.value)}
              error={fe.routingNumber}
              required
            />
            <TextInput label="Account number" value={accountNumber} onChange={(e) => setNumber(e.currentTarget.value)} error={fe.accountNumber} required />
            <Select
              label="Account type"
              value={accountType}
              onChange={(v) => v && setType(v as BankAccountType)}
              data={Object.entries(bankAccountTypeLabels).map(([value, label]) => ({ value, label }))}
              allowDeselect={false}
            />
          </>
        ) : (
          <>
            <TextInput
              label="IBAN"
              description="Spaces and lower case are fine"
              value={iban}
              onChange={(e) => setIban(e.currentTarget.value)}
              error={fe.iban}
              required
            />
            <TextInput label="BIC" description="8 or 11 characters (optional)" value={bic} onChange={(e) => setBic(e.currentTarget.value)} error={fe.bic} />
          </>
        )}
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconInfoCircle size={16} />
          <Text size="xs">{CHECKSUM_CAVEAT}</Text>
        </Group>
        <DialogFoot mutation={add} onField={Object.keys(fe).length > 0} confirm="Add bank account" onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

/** A bank account the clerk learned is wrong or closed: kept with the reason, refused for payments from then on. */
function MarkUnusableModal({ bank, onClose }: { bank: BankAccountSummary; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const mark = useMutation({ mutationFn: () => unwrap(window.api.bankAccounts.markUnusable({ bankAccountId: bank.id, reason })), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title="Mark bank account unusable" size="md">
      <Stack gap="sm">
        <Text size="sm">{bankAccountLabel(bank)} will be refused for payments from now on. A corrected one can be added as a new bank account.</Text>
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldErrors(mark.error).reason} required />
        <DialogFoot mutation={mark} onField={!!fieldErrors(mark.error).reason} confirm="Mark unusable" color="red" onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

/** The account page's Bank accounts tab (docs/money-in.md, Bank accounts). */
export function BankAccountsTab({ accountId, accountName }: { accountId: number; accountName: string }) {
  const list = useBankAccounts(accountId);
  const { session } = useSession();
  const mayReveal = atLeast(session.role, 'supervisor');
  const [adding, setAdding] = useState(false);
  const [marking, setMarking] = useState<BankAccountSummary | null>(null);
  const columns = useMemo<ColumnDef<BankAccountSummary, unknown>[]>(
    () => [
      { id: 'holder', header: 'Holder', cell: ({ row }) => row.original.holderName },
      {
        id: 'kind',
        header: 'Kind',
        meta: { width: 120 },
        cell: ({ row }) => (row.original.scheme === 'iban' ? 'IBAN' : row.original.accountType ? bankAccountTypeLabels[row.original.accountType] : ''),
      },
      { id: 'routing', header: 'Routing / BIC', meta: { width: 140 }, cell: ({ row }) => row.original.routingNumber ?? row.original.bic ?? '' },
      { id: 'number', header: 'Number', meta: { width: 110 }, cell: ({ row }) => row.original.masked },
      {
        id: 'status',
        header: 'Status',
        meta: { width: 300 },
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            <Badge color={row.original.status === 'active' ? 'teal' : 'red'} variant="light" style={{ flexShrink: 0 }}>
              {bankAccountStatusLabels[row.original.status]}
            </Badge>
            {row.original.unusableReason && (
              <Text size="xs" truncate title={row.original.unusableReason}>
                {row.original.unusableReason}
              </Text>
            )}
          </Group>
        ),
      },
      {
        id: 'actions',
        header: '',
        meta: { width: 230 },
        cell: ({ row }) => (
          <Group gap={4} wrap="nowrap">
            {mayReveal && <RevealButton id={row.original.id} />}
            {row.original.status === 'active' && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setMarking(row.original)}>
                Mark unusable…
              </Button>
            )}
          </Group>
        ),
      },
    ],
    [mayReveal],
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Debit accounts for ACH and checks. Numbers show the last 4 only{mayReveal ? '; revealing one is recorded in the audit log.' : '.'}
        </Text>
        <Button size="xs" onClick={() => setAdding(true)}>
          Add bank account
        </Button>
      </Group>
      <DataGrid
        label="Bank accounts"
        data={list.data ?? []}
        columns={columns}
        loading={list.isLoading}
        empty="No bank accounts yet."
        height={240}
        testId="bank-accounts-grid"
      />
      <Text size="xs" c="dimmed">
        {CHECKSUM_CAVEAT}
      </Text>
      {marking && <MarkUnusableModal bank={marking} onClose={() => setMarking(null)} />}
      {adding && <AddBankAccountModal accountId={accountId} accountName={accountName} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

/** The payment dialog's pick of the bank account a check or ACH payment came from: active ones only. */
export function BankAccountPicker({ accountId, value, onChange }: { accountId: number; value: string | null; onChange: (v: string | null) => void }) {
  const list = useBankAccounts(accountId, true);
  if (!list.data?.length) return null;
  return (
    <Select
      label="From bank account"
      placeholder="Not named"
      clearable
      value={value}
      onChange={onChange}
      data={list.data.map((b) => ({ value: String(b.id), label: bankAccountLabel(b) }))}
    />
  );
}
