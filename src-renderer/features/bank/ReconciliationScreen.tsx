import { useState } from 'react';
import { Alert, Box, Button, Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addDays, addMonths, dateInZone, formatDate, startOfMonth } from '@shared/dates';
import type { ReconciliationSummary } from '@shared/domain/reconciliation';
import { reconciliationStatusWords } from '@shared/domain/reconciliation-text';
import { unwrap } from '../../api/client';
import { useCompanySettings } from '../accounts/api';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { FullHeight } from '../../components/FullHeight';
import { PageHeader } from '../../components/PageHeader';
import { ReconciliationWork } from './ReconciliationWork';

/** Last month, first to last day: the period a reconciliation usually covers. */
function lastMonth(today: string) {
  const from = addMonths(startOfMonth(today), -1);
  return { from, to: addDays(startOfMonth(today), -1) };
}

const pastColumns: GridColumns<ReconciliationSummary> = [
  { id: 'account', header: 'Office account', accessorFn: (r) => r.officeBankAccountName, meta: { minWidth: 200, grow: 2 } },
  { id: 'from', header: 'From', accessorFn: (r) => r.periodFrom, cell: ({ row }) => formatDate(row.original.periodFrom), meta: { width: 140 } },
  { id: 'to', header: 'To', accessorFn: (r) => r.periodTo, cell: ({ row }) => formatDate(row.original.periodTo), meta: { width: 140 } },
  { id: 'status', header: 'State', accessorFn: (r) => reconciliationStatusWords[r.status], meta: { width: 120 } },
];

/**
 * Bank reconciliation (docs/money-in.md, "Reconciliation"): pick the office account and the period and
 * start (the bank's imported statement lines are matched to deposits and electronic payments), or open
 * an earlier one from the list. Clerks and supervisors reconcile, explain and finish.
 */
export function ReconciliationScreen() {
  const client = useQueryClient();
  const [openId, setOpenId] = useState<number | null>(null);
  // Last month in the office's time zone (near midnight the workstation's own date can be another day).
  const company = useCompanySettings();
  const [chosenPeriod, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const period = chosenPeriod ?? lastMonth(company.data ? dateInZone(new Date(), company.data.timeZone) : new Date().toISOString().slice(0, 10));
  const [accountId, setAccountId] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['reconciliation', 'list'], queryFn: () => unwrap(window.api.reconciliations.list({})) });
  const active = (list.data?.officeBankAccounts ?? []).filter((a) => a.active);
  const chosenAccount = accountId ?? (active.length === 1 ? String(active[0]!.id) : null);
  const start = useMutation({
    mutationFn: () => unwrap(window.api.reconciliations.start({ officeBankAccountId: Number(chosenAccount), periodFrom: period.from, periodTo: period.to })),
    onSuccess: (v) => {
      client.setQueryData(['reconciliation', 'one', v.id], v);
      void client.invalidateQueries({ queryKey: ['reconciliation', 'list'] });
      setOpenId(v.id);
    },
  });

  if (openId !== null) return <ReconciliationWork id={openId} onBack={() => setOpenId(null)} />;

  const accountOptions = active.map((a) => ({ value: String(a.id), label: `${a.name} (ending ${a.last4})` }));
  return (
    <FullHeight>
      <PageHeader
        title="Bank reconciliation"
        description="Match the bank’s statement to the deposits and electronic payments of a period, explain what is left open, and finish."
      />
      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={4} spacing="sm" style={{ alignItems: 'end' }}>
          <Select
            label="Office bank account"
            placeholder={accountOptions.length === 0 ? 'No office account yet' : 'Choose'}
            data={accountOptions}
            value={chosenAccount}
            onChange={setAccountId}
            data-testid="reconciliation-account"
          />
          <DateInput label="From" value={period.from} onChange={(v) => v && setPeriod({ ...period, from: v })} data-testid="reconciliation-from" />
          <DateInput label="To" value={period.to} onChange={(v) => v && setPeriod({ ...period, to: v })} data-testid="reconciliation-to" />
          <Group>
            <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!chosenAccount} data-testid="reconciliation-start">
              Start
            </Button>
          </Group>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          Import the bank’s statement for the period first. Starting matches each bank credit to a deposit of the same amount made up to five business days
          before, or to an electronic payment whose reference the bank line carries.
        </Text>
        {start.error && (
          <Alert color="red" mt="sm" data-testid="reconciliation-start-error">
            {start.error.message}
          </Alert>
        )}
      </Paper>
      <Text fw={600} size="sm" mb={4}>
        Reconciliations
      </Text>
      <Box style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          label="Reconciliations"
          testId="reconciliations-grid"
          data={list.data?.reconciliations ?? []}
          columns={pastColumns}
          loading={list.isLoading}
          getRowId={(r) => String(r.id)}
          onRowClick={(r) => setOpenId(r.id)}
          empty="No reconciliation yet."
          height="100%"
        />
      </Box>
    </FullHeight>
  );
}
