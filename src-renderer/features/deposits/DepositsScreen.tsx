import { useCallback, useMemo, useState } from 'react';
import { Alert, Box, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconBuildingBank } from '@tabler/icons-react';
import { formatDate, formatInstant } from '@shared/dates';
import type { ArchivedDocument } from '@shared/domain/documents';
import { automaticActorName } from '@shared/domain/users';
import { maskAccountNumber } from '@shared/domain/bank-accounts';
import { totalsByMethod, type DepositPaymentRow, type DepositSummary } from '@shared/domain/deposits';
import { paymentMethodLabels } from '@shared/domain/payments';
import { unwrap } from '../../api/client';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { FullHeight } from '../../components/FullHeight';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useBusinessToday } from '../accounts/api';
import { DocumentActions } from '../documents/DocumentActions';
import { DocumentPreview } from '../documents/DocumentPreview';
import { usePersonName } from '../users/names';

const pastColumns: GridColumns<DepositSummary> = [
  { id: 'number', header: 'Deposit', accessorKey: 'number', meta: { minWidth: 110 } },
  { id: 'date', header: 'Date', accessorKey: 'depositDate', cell: ({ row }) => formatDate(row.original.depositDate), meta: { minWidth: 110 } },
  {
    id: 'bank',
    header: 'Bank account',
    accessorFn: (r) => `${r.officeBankAccountName} ${maskAccountNumber(r.officeBankAccountLast4)}`,
    meta: { minWidth: 180 },
  },
  { id: 'count', header: 'Items', accessorKey: 'count', meta: { numeric: true } },
  { id: 'total', header: 'Total', accessorKey: 'totalCents', cell: ({ row }) => <Money cents={row.original.totalCents} size="sm" />, meta: { numeric: true } },
];

/**
 * Deposits (docs/money-in.md, Deposits): cash and check payments not yet deposited, ticked into one
 * bank deposit (like QuickBooks' Make Deposits) with its totals by method as they are ticked; then the
 * deposit slip to print, and the deposits made before.
 */
export function DepositsScreen() {
  const today = useBusinessToday();
  const undeposited = useQuery({ queryKey: ['deposits', 'undeposited'], queryFn: () => unwrap(window.api.deposits.undeposited({})) });
  const banks = useQuery({ queryKey: ['deposits', 'officeBankAccounts'], queryFn: () => unwrap(window.api.officeBankAccounts.list()) });
  const past = useQuery({ queryKey: ['deposits', 'list'], queryFn: () => unwrap(window.api.deposits.list({})) });
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [bankId, setBankId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [memo, setMemo] = useState('');
  const [slipOf, setSlipOf] = useState<{ id: number; number: string } | null>(null);

  const rows = undeposited.data ?? [];
  const activeBanks = (banks.data ?? []).filter((b) => b.active);
  const chosenBank = bankId ?? (activeBanks.length === 1 ? String(activeBanks[0]!.id) : null);
  const chosen = rows.filter((r) => ticked.has(r.paymentId));
  const totals = totalsByMethod(chosen);
  const allTicked = rows.length > 0 && chosen.length === rows.length;

  const toggle = useCallback(
    (id: number) =>
      setTicked((t) => {
        const next = new Set(t);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  const columns = useMemo<GridColumns<DepositPaymentRow>>(
    () => [
      {
        id: 'tick',
        header: () => (
          <Checkbox
            aria-label="Choose every payment"
            checked={allTicked}
            indeterminate={chosen.length > 0 && !allTicked}
            onChange={() => setTicked(allTicked ? new Set() : new Set(rows.map((r) => r.paymentId)))}
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            aria-label={`Deposit ${row.original.number}`}
            checked={ticked.has(row.original.paymentId)}
            onChange={() => toggle(row.original.paymentId)}
            // The row toggles on a click too: the box's own click and keys stop here so one tick is one toggle.
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => e.stopPropagation()}
            data-testid={`deposit-tick-${row.original.paymentId}`}
          />
        ),
        enableSorting: false,
        meta: { width: 44 },
      },
      { id: 'date', header: 'Received', accessorKey: 'date', cell: ({ row }) => formatDate(row.original.date), meta: { minWidth: 110 } },
      { id: 'payer', header: 'Payer', accessorKey: 'accountName', meta: { minWidth: 200 } },
      { id: 'method', header: 'Method', accessorFn: (r) => paymentMethodLabels[r.method], meta: { minWidth: 80 } },
      { id: 'check', header: 'Check number', accessorKey: 'checkNumber', meta: { minWidth: 110 } },
      { id: 'number', header: 'Payment', accessorKey: 'number', meta: { minWidth: 110 } },
      {
        id: 'amount',
        header: 'Amount',
        accessorKey: 'amountCents',
        cell: ({ row }) => <Money cents={row.original.amountCents} size="sm" />,
        meta: { numeric: true, minWidth: 110 },
      },
    ],
    [rows, ticked, allTicked, chosen.length, toggle],
  );

  const make = useMutation({
    mutationFn: () =>
      unwrap(
        window.api.deposits.create({ officeBankAccountId: Number(chosenBank), depositDate: date ?? today, paymentIds: chosen.map((r) => r.paymentId), memo }),
      ),
    onSuccess: (d) => {
      setTicked(new Set());
      setMemo('');
      setSlipOf({ id: d.id, number: d.number });
      notifications.show({ color: 'teal', message: `Deposit ${d.number} made: ${d.count} items.` });
    },
  });

  return (
    <FullHeight>
      <PageHeader
        title="Deposits"
        description="Cash and checks received and not yet taken to the bank. Tick what goes in today's deposit, then print its slip."
      />
      {banks.data && activeBanks.length === 0 && (
        <Alert color="yellow" mb="sm" icon={<IconBuildingBank size={16} />}>
          No bank account of the office is set up yet. A supervisor adds one in Settings, under Bank accounts of the office.
        </Alert>
      )}
      {make.error && (
        <Alert color="red" mb="sm" data-testid="deposit-error">
          {make.error.message}
        </Alert>
      )}
      <Group align="flex-end" gap="sm" mb="sm" wrap="nowrap">
        <Select
          label="Bank account"
          data={activeBanks.map((b) => ({ value: String(b.id), label: `${b.name} ${maskAccountNumber(b.last4)}` }))}
          value={chosenBank}
          onChange={setBankId}
          w={260}
          data-testid="deposit-bank"
        />
        <DateInput label="Deposit date" value={date ?? today} onChange={(v) => v && setDate(v)} maxDate={today} w={160} data-testid="deposit-date" />
        <TextInput label="Memo" value={memo} onChange={(e) => setMemo(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
        <Button
          onClick={() => make.mutate()}
          loading={make.isPending}
          disabled={chosen.length === 0 || !chosenBank}
          leftSection={<IconBuildingBank size={16} />}
          data-testid="make-deposit"
        >
          Make deposit
        </Button>
      </Group>
      <SimpleGrid cols={4} spacing="sm" mb="sm" data-testid="deposit-totals">
        <Figure label="Cash" cents={totals.cashCents} testId="deposit-cash" />
        <Figure label="Checks" cents={totals.checkCents} testId="deposit-checks" />
        <Figure label="Total" cents={totals.totalCents} testId="deposit-total" />
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Items
          </Text>
          <Text fw={600} data-testid="deposit-count">
            {totals.count} of {rows.length}
          </Text>
        </Paper>
      </SimpleGrid>
      <Box style={{ flex: 3, minHeight: 0 }}>
        <DataGrid
          label="Payments not yet deposited"
          testId="undeposited-grid"
          data={rows}
          columns={columns}
          loading={undeposited.isLoading}
          getRowId={(r) => String(r.paymentId)}
          onRowClick={(r) => toggle(r.paymentId)}
          empty="Every cash and check payment is in a deposit."
        />
      </Box>
      <Text fw={600} mt="sm" mb={4}>
        Deposits made
      </Text>
      <Box style={{ flex: 2, minHeight: 0 }}>
        <DataGrid
          label="Deposits made"
          testId="deposits-grid"
          data={past.data ?? []}
          columns={pastColumns}
          loading={past.isLoading}
          getRowId={(r) => String(r.id)}
          onRowClick={(r) => setSlipOf({ id: r.id, number: r.number })}
          empty="No deposit has been made yet."
        />
      </Box>
      {slipOf !== null && <SlipModal deposit={slipOf} onClose={() => setSlipOf(null)} />}
    </FullHeight>
  );
}

function Figure({ label, cents, testId }: { label: string; cents: number; testId: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Money cents={cents} fw={600} data-testid={testId} />
    </Paper>
  );
}

/**
 * The slip as it prints (documents.preview), printed or saved as a PDF through the document pipeline
 * like every document that leaves: each copy is archived, and the modal says how often it went out and when last.
 */
function SlipModal({ deposit, onClose }: { deposit: { id: number; number: string }; onClose: () => void }) {
  const ref = { kind: 'deposit_slip', depositId: deposit.id } as const;
  const name = usePersonName();
  const sent = useQuery({
    queryKey: ['documents', 'archive', 'deposit_slip', deposit.number],
    queryFn: () => unwrap(window.api.documents.archiveList({ kind: 'deposit_slip', number: deposit.number, limit: 20 })),
  });
  return (
    <Modal opened onClose={onClose} title={`Deposit slip ${deposit.number}`} size="xl" data-testid="slip-modal">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed" data-testid="slip-sent">
            {sent.data?.length
              ? `Went out ${sent.data.length} ${sent.data.length === 1 ? 'time' : 'times'}, last ${archivedWords(sent.data[0]!, name(sent.data[0]!.createdBy) ?? automaticActorName)}.`
              : 'Not printed or saved yet.'}
          </Text>
          <DocumentActions documents={[ref]} number={deposit.number} channels={['print', 'pdf']} shortcut onDelivered={() => void sent.refetch()} />
        </Group>
        <DocumentPreview document={ref} title={`Deposit slip ${deposit.number}`} />
      </Stack>
    </Modal>
  );
}

/** "printed on Office Laser, Mar 12, 2026 3:04 PM by Clara Diaz". */
function archivedWords(a: ArchivedDocument, by: string): string {
  const how = a.channel === 'print' ? `printed on ${a.destination}` : `saved as ${a.destination}`;
  return `${how}, ${formatInstant(a.createdAt)} by ${by}`;
}
