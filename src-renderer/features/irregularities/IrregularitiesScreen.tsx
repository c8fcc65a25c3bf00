import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Box, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate } from '@shared/dates';
import type { IrregularityCheck, IrregularityItem, IrregularityLink, IrregularitySection } from '@shared/domain/irregularities';
import { paymentMethodLabels, type PaymentMethod } from '@shared/domain/payments';
import { CallError, fieldErrors, unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { FullHeight } from '../../components/FullHeight';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';

/** Each check in words: its title, what it lists, and what to do about it. */
const checkText: Record<IrregularityCheck, { title: string; lists: (days: number | null) => string; empty: string }> = {
  undeposited: {
    title: 'Not yet deposited',
    lists: (d) => `Cash and check payments received more than ${dayWords(d)} ago that are in no bank deposit yet.`,
    empty: 'Every cash and check payment of that age is in a deposit.',
  },
  unapplied: {
    title: 'Unapplied credits',
    lists: (d) => `Payments and credit notes with money left on the account for more than ${dayWords(d)}, applied to no invoice.`,
    empty: 'No credit has been left unapplied that long.',
  },
  unmatched: {
    title: 'Unmatched deposits',
    lists: (d) => `Deposits made more than ${dayWords(d)} ago that no bank statement line has been matched to.`,
    empty: 'Every deposit of that age is matched to the bank statement.',
  },
  mismatch: {
    title: 'Balances that disagree',
    lists: () => 'Accounts whose balance is not their open invoices less their unapplied credit. Tell your administrator: this needs a correction.',
    empty: 'Every account balance agrees with its open items.',
  },
  duplicates: {
    title: 'Possible duplicates',
    lists: () => 'Payments with the same account, amount and date as another payment, neither reversed. Check that each was really received.',
    empty: 'No two payments look alike.',
  },
};
const dayWords = (d: number | null) => (d === 1 ? '1 day' : `${d ?? 0} days`);
const datedChecks = ['undeposited', 'unapplied', 'unmatched'] as const;
type DatedCheck = (typeof datedChecks)[number];
const isDated = (c: IrregularityCheck): c is DatedCheck => (datedChecks as readonly string[]).includes(c);

const subjectWords: Record<IrregularityItem['subject'], string> = { payment: 'Payment', credit_note: 'Credit note', deposit: 'Deposit', account: 'Account' };

/**
 * Where a row leads: the account (its ledger), the document open on its account, or for a deposit the
 * bank reconciliation, where it is matched to the statement (no screen shows one deposit on its own yet).
 */
function linkTo(l: IrregularityLink): string {
  if (l.kind === 'account') return `/accounts/${l.accountId}`;
  if (l.kind === 'document') return `/accounts/${l.accountId}?document=${l.documentId}`;
  return '/reconciliation';
}

function columnsFor(check: IrregularityCheck): GridColumns<IrregularityItem> {
  const what: GridColumns<IrregularityItem>[number] = {
    id: 'what',
    header: 'What',
    accessorFn: (r) => `${subjectWords[r.subject]} ${r.number ?? ''}`.trim(),
    cell: ({ row }) => (
      <Anchor component={Link} to={linkTo(row.original.link)} size="sm" data-testid={`irregularity-link-${row.original.key}`}>
        {subjectWords[row.original.subject]} {row.original.number ?? row.original.accountNumber}
      </Anchor>
    ),
    meta: { minWidth: 170 },
  };
  const account: GridColumns<IrregularityItem>[number] = {
    id: 'account',
    header: 'Account',
    accessorFn: (r) => (r.accountName ? `${r.accountName} (${r.accountNumber})` : ''),
    cell: ({ row }) =>
      row.original.accountId ? (
        <Anchor component={Link} to={`/accounts/${row.original.accountId}`} size="sm">
          {row.original.accountName} ({row.original.accountNumber})
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          The office’s bank account
        </Text>
      ),
    meta: { minWidth: 220, grow: 2, wrap: true },
  };
  const method: GridColumns<IrregularityItem>[number] = {
    id: 'method',
    header: 'Method',
    accessorFn: (r) => (r.method ? (paymentMethodLabels[r.method as PaymentMethod] ?? r.method) : ''),
    meta: { width: 120 },
  };
  const date: GridColumns<IrregularityItem>[number] = {
    id: 'date',
    header: 'Date',
    accessorFn: (r) => r.date ?? '',
    cell: ({ row }) => formatDate(row.original.date),
    meta: { width: 130 },
  };
  const age: GridColumns<IrregularityItem>[number] = {
    id: 'age',
    header: 'Days old',
    accessorFn: (r) => r.ageDays ?? 0,
    meta: { width: 100, numeric: true },
  };
  const amount = (header: string): GridColumns<IrregularityItem>[number] => ({
    id: 'amount',
    header,
    accessorFn: (r) => r.amountCents,
    cell: ({ row }) => <Money cents={row.original.amountCents} />,
    meta: { width: 140, numeric: true },
  });
  switch (check) {
    case 'undeposited':
      return [what, account, method, date, age, amount('Amount')];
    case 'unapplied':
      return [what, account, date, age, amount('Unapplied')];
    case 'unmatched':
      return [what, account, date, age, amount('Deposit total')];
    case 'duplicates':
      return [
        what,
        account,
        method,
        date,
        amount('Amount'),
        { id: 'group', header: 'Alike', accessorFn: (r) => r.groupSize ?? 0, cell: ({ getValue }) => `${getValue<number>()} payments`, meta: { width: 120 } },
      ];
    case 'mismatch':
      return [
        what,
        account,
        {
          id: 'balance',
          header: 'Balance',
          accessorFn: (r) => r.figures?.balanceCents ?? 0,
          cell: ({ getValue }) => <Money cents={getValue<number>()} />,
          meta: { width: 140, numeric: true },
        },
        {
          id: 'openItems',
          header: 'Open items less credit',
          accessorFn: (r) => r.figures?.openItemsCents ?? 0,
          cell: ({ getValue }) => <Money cents={getValue<number>()} />,
          meta: { width: 190, numeric: true },
        },
        amount('Difference'),
      ];
  }
}

/**
 * Irregularities (docs/money-in.md): the specialist's discrepancy view. A card per check with its count;
 * the chosen check's items in a grid below, each linked to its account, payment or deposit. Supervisors
 * set how many days old an item must be before a dated check lists it.
 */
export function IrregularitiesScreen() {
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const report = useQuery({ queryKey: ['payments', 'irregularities'], queryFn: () => unwrap(window.api.irregularities.get({})) });
  const [chosen, setChosen] = useState<IrregularityCheck>('undeposited');
  const sections = report.data?.sections ?? [];
  const section = sections.find((s) => s.check === chosen);
  const columns = useMemo(() => columnsFor(chosen), [chosen]);

  return (
    <FullHeight>
      <PageHeader
        title="Irregularities"
        description={
          report.data
            ? `Money in that needs a look, as of ${formatDate(report.data.today)}. Choose a check to see its items; each links to its account, its payment or the bank reconciliation.`
            : 'Money in that needs a look.'
        }
      />
      {report.error && (
        <Alert color="red" mb="sm">
          {report.error.message}
        </Alert>
      )}
      <SimpleGrid cols={5} spacing="sm" mb="sm">
        {sections.map((s) => (
          <CheckCard key={s.check} section={s} active={s.check === chosen} onClick={() => setChosen(s.check)} />
        ))}
      </SimpleGrid>
      {section && (
        <Group justify="space-between" align="flex-end" mb="xs" wrap="nowrap" gap="md">
          <Text size="sm" c="dimmed" data-testid="irregularities-explanation">
            {section.available ? checkText[section.check].lists(section.olderThanDays) : 'Deposits and bank reconciliation are not set up in this store yet.'}
            {section.count > section.items.length && ` The first ${section.items.length.toLocaleString('en-US')} are listed.`}
          </Text>
          {isDated(section.check) && supervisor && report.data && <DaysEditor check={section.check} saved={report.data.settings[section.check]} />}
        </Group>
      )}
      <Box style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          label={section ? checkText[section.check].title : 'Irregularities'}
          testId="irregularities-grid"
          data={section?.items ?? []}
          columns={columns}
          loading={report.isLoading}
          getRowId={(r) => r.key}
          empty={section ? checkText[section.check].empty : undefined}
          height="100%"
        />
      </Box>
    </FullHeight>
  );
}

function CheckCard({ section, active, onClick }: { section: IrregularitySection; active: boolean; onClick: () => void }) {
  const text = checkText[section.check];
  const found = section.count > 0;
  return (
    <UnstyledButton onClick={onClick} aria-pressed={active} data-testid={`irregularities-card-${section.check}`}>
      <Paper
        withBorder
        p="sm"
        radius="md"
        bg={active ? 'var(--mantine-color-blue-light)' : undefined}
        style={{ borderColor: active ? 'var(--mantine-color-blue-filled)' : undefined }}
      >
        <Stack gap={4}>
          <Text size="sm" fw={600} lineClamp={1}>
            {text.title}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Badge color={found ? 'orange' : 'teal'} variant="light" size="lg" data-testid={`irregularities-count-${section.check}`}>
              {section.count.toLocaleString('en-US')}
            </Badge>
            {section.totalCents !== 0 && <Money cents={section.totalCents} size="sm" c="dimmed" />}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {!section.available ? 'Not set up yet' : section.olderThanDays !== null ? `More than ${dayWords(section.olderThanDays)} old` : 'Any date'}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

/** The days a dated check waits before listing an item, saved for the office (supervisors). */
function DaysEditor({ check, saved }: { check: DatedCheck; saved: number }) {
  const client = useQueryClient();
  const [days, setDays] = useState<number | string>(saved);
  useEffect(() => setDays(saved), [saved]);
  const save = useMutation({
    mutationFn: (n: number) => unwrap(window.api.irregularities.saveSettings({ [check]: n })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['payments', 'irregularities'] });
      notifications.show({ color: 'teal', message: `${checkText[check].title}: saved. The list now waits that many days.` });
    },
  });
  const error = save.error instanceof CallError ? (fieldErrors(save.error)[check] ?? save.error.message) : undefined;
  const valid = typeof days === 'number' && Number.isInteger(days);
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <NumberInput
        label="List after more than"
        suffix=" days"
        min={0}
        max={3650}
        allowDecimal={false}
        value={days}
        onChange={setDays}
        error={error}
        w={170}
        data-testid="irregularities-days"
      />
      <Button
        variant="default"
        disabled={!valid || days === saved}
        loading={save.isPending}
        onClick={() => valid && save.mutate(days)}
        data-testid="irregularities-days-save"
      >
        Save
      </Button>
    </Group>
  );
}
