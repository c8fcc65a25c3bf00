import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Grid, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertCircle, IconCalendar, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { addDays } from '@shared/dates';
import { STATEMENT_PERIOD_DAYS, type StatementType } from '@shared/domain/documents';
import type { StatementCandidate, StatementSelectInput } from '@shared/domain/statements';
import { mailProblemText, statementTypeLabels, withoutEmail } from '@shared/domain/statements-text';
import { formatMoney, parseMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { Money } from '../../components/Money';
import { accountKindLabels, useBusinessToday } from '../accounts/api';
import { AccountPicker, type PickedAccount } from './AccountPicker';
import { SavedRuns } from './SavedRuns';
import { DocumentPreview } from '../documents/DocumentPreview';
import { StatementRunActions } from './StatementRunActions';

interface Asked {
  asOf: string;
  type: StatementType;
  from?: string;
  filters: NonNullable<StatementSelectInput['filters']>;
}

/**
 * Statement runs (Letters › Statements): as-of date, type and filters; the accounts it will cover with
 * their figures as of the date; one statement previewed as it prints; then print as one job, save one
 * PDF or email each to its billing address (accounts without one are listed apart). Saved runs below.
 */
export function StatementsPanel() {
  const today = useBusinessToday();
  const [asOf, setAsOf] = useState<string | null>(null);
  const [type, setType] = useState<StatementType>('open_item');
  const [from, setFrom] = useState<string | null>(null);
  const [minBalance, setMinBalance] = useState('0.01');
  const [pastDueOnly, setPastDueOnly] = useState(false);
  const [queuedOnly, setQueuedOnly] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const [stageIds, setStageIds] = useState<string[]>([]);
  const [picked, setPicked] = useState<PickedAccount[]>([]);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [left, setLeft] = useState<Set<number>>(new Set());
  const [previewId, setPreviewId] = useState<number | null>(null);

  const stages = useQuery({ queryKey: ['stages', 'list'], queryFn: () => unwrap(window.api.stages.list()), staleTime: 60_000 });
  const date = asOf ?? today;
  const periodStart = from ?? addDays(date, -STATEMENT_PERIOD_DAYS);
  const minCents = minBalance.trim() ? parseMoney(minBalance) : null;
  const minBad = minBalance.trim() !== '' && (minCents === null || minCents < 0);
  const fromBad = type === 'balance_forward' && periodStart > date;

  const selection = useQuery({
    queryKey: ['statements', 'select', asked],
    queryFn: () => unwrap(window.api.statements.select(asked!)),
    enabled: asked !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const find = () => {
    if (minBad || fromBad) return;
    setLeft(new Set());
    setPreviewId(null);
    setAsked({
      asOf: date,
      type,
      ...(type === 'balance_forward' ? { from: periodStart } : {}),
      filters: {
        ...(minCents ? { minBalanceCents: minCents } : {}),
        ...(pastDueOnly ? { pastDueOnly: true } : {}),
        ...(queuedOnly ? { queuedOnly: true } : {}),
        ...(kind === 'consumer' || kind === 'commercial' ? { accountKind: kind } : {}),
        ...(stageIds.length ? { stageIds: stageIds.map(Number) } : {}),
        ...(picked.length ? { accountIds: picked.map((p) => p.id) } : {}),
      },
    });
  };

  const all = selection.data?.accounts ?? [];
  const chosen = useMemo(() => all.filter((c) => !left.has(c.accountId)), [all, left]);
  const noEmail = withoutEmail(chosen);
  const emailable = chosen.filter((c) => c.email !== null);
  const totals = chosen.reduce((t, c) => ({ balance: t.balance + c.balanceCents, pastDue: t.pastDue + c.pastDueCents }), { balance: 0, pastDue: 0 });
  const previewed = chosen.find((c) => c.accountId === previewId) ?? chosen[0] ?? null;
  const toggle = (id: number) =>
    setLeft((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <DateInput label="Statement date (as of)" value={date} onChange={setAsOf} leftSection={<IconCalendar size={16} />} data-testid="statement-as-of" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Text size="sm" fw={500} mb={4}>
              Type
            </Text>
            <SegmentedControl
              fullWidth
              value={type}
              onChange={(v) => setType(v as StatementType)}
              data={(['open_item', 'balance_forward'] as const).map((t) => ({ value: t, label: statementTypeLabels[t] }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            {type === 'balance_forward' && (
              <DateInput
                label="Period starts"
                value={periodStart}
                onChange={setFrom}
                leftSection={<IconCalendar size={16} />}
                error={fromBad ? 'After the statement date' : undefined}
              />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput
              label="Balance at least"
              value={minBalance}
              onChange={(e) => setMinBalance(e.currentTarget.value)}
              error={minBad ? 'Not an amount' : undefined}
              leftSection="$"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Select
              label="Accounts"
              placeholder="Consumer and commercial"
              clearable
              value={kind}
              onChange={setKind}
              data={(['consumer', 'commercial'] as const).map((k) => ({ value: k, label: accountKindLabels[k] }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <MultiSelect
              label="Collection stage"
              placeholder={stageIds.length ? undefined : 'Any stage or none'}
              clearable
              value={stageIds}
              onChange={setStageIds}
              data={(stages.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Stack gap={6} mb={4}>
              <Checkbox label="Past due only" checked={pastDueOnly} onChange={(e) => setPastDueOnly(e.currentTarget.checked)} />
              <Checkbox
                label="Queued by a collection stage"
                description="A stage asked for a statement not yet sent"
                checked={queuedOnly}
                onChange={(e) => setQueuedOnly(e.currentTarget.checked)}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <AccountPicker value={picked} onChange={setPicked} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Button fullWidth leftSection={<IconSearch size={16} />} onClick={find} loading={selection.isFetching} disabled={minBad || fromBad}>
              Find accounts
            </Button>
          </Grid.Col>
        </Grid>
      </Paper>

      {selection.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {selection.error.message}
        </Alert>
      )}
      {asked && selection.data && (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <Text size="sm" data-testid="statement-run-summary">
              <b>{chosen.length.toLocaleString('en-US')}</b> {chosen.length === 1 ? 'statement' : 'statements'} · balance {formatMoney(totals.balance)} · past
              due {formatMoney(totals.pastDue)}
              {left.size > 0 && ` · ${left.size} left out by hand`}
            </Text>
            <StatementRunActions params={asked} accounts={chosen} emailable={emailable} />
          </Group>
          {all.length === 0 ? (
            <Text size="sm" c="dimmed">
              No account matches: nothing is open as of that date with these filters.
            </Text>
          ) : (
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <CandidateTable rows={all} left={left} onToggle={toggle} previewId={previewed?.accountId ?? null} onPreview={setPreviewId} />
                {noEmail.length > 0 && <WithoutEmail rows={noEmail} />}
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 6 }}>
                {previewed && (
                  <Stack gap={6}>
                    <Text size="sm" fw={600}>
                      Preview: {previewed.accountNumber} · {previewed.accountName}
                    </Text>
                    <DocumentPreview
                      title={`Statement preview for ${previewed.accountNumber}`}
                      document={{
                        kind: 'statement',
                        accountId: previewed.accountId,
                        asOf: asked.asOf,
                        type: asked.type,
                        ...(asked.from ? { from: asked.from } : {}),
                      }}
                    />
                  </Stack>
                )}
              </Grid.Col>
            </Grid>
          )}
        </Stack>
      )}

      <Stack gap="xs">
        <Title order={4}>Saved runs</Title>
        <SavedRuns />
      </Stack>
    </Stack>
  );
}

function CandidateTable({
  rows,
  left,
  onToggle,
  previewId,
  onPreview,
}: {
  rows: StatementCandidate[];
  left: Set<number>;
  onToggle: (id: number) => void;
  previewId: number | null;
  onPreview: (id: number) => void;
}) {
  const shown = rows.slice(0, 500);
  return (
    <Paper withBorder radius="md" style={{ overflow: 'auto', maxHeight: 1000 }}>
      <Table aria-label="Accounts the run covers" verticalSpacing={4} highlightOnHover stickyHeader fz="sm">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>Account</Table.Th>
            <Table.Th ta="right">Balance</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Past due
            </Table.Th>
            <Table.Th>Email</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((c) => (
            <Table.Tr
              key={c.accountId}
              data-testid={`statement-candidate-${c.accountNumber}`}
              bg={c.accountId === previewId ? 'blue.0' : undefined}
              style={{ cursor: 'pointer' }}
              onClick={() => onPreview(c.accountId)}
            >
              <Table.Td onClick={(e) => e.stopPropagation()}>
                <Checkbox size="xs" checked={!left.has(c.accountId)} onChange={() => onToggle(c.accountId)} aria-label={`Include ${c.accountNumber}`} />
              </Table.Td>
              <Table.Td>
                <Text span inherit className="mono">
                  {c.accountNumber}
                </Text>{' '}
                {c.accountName}
                {c.mailProblem && (
                  <Badge ml={6} size="xs" color="orange" variant="light" title={mailProblemText(c.mailProblem, c.accountId)}>
                    Not mailable
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Money cents={c.balanceCents} />
              </Table.Td>
              <Table.Td ta="right">
                <Money cents={c.pastDueCents} dimZero />
              </Table.Td>
              <Table.Td c={c.email ? undefined : 'dimmed'}>{c.email ?? 'none'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > shown.length && (
        <Text size="xs" c="dimmed" p="xs">
          The first {shown.length} of {rows.length.toLocaleString('en-US')} accounts are listed; the run covers them all.
        </Text>
      )}
    </Paper>
  );
}

/** Accounts an email run leaves out: no billing email on file (print or save theirs instead). */
function WithoutEmail({ rows }: { rows: StatementCandidate[] }) {
  return (
    <Alert color="yellow" mt="sm" title={`${rows.length} without a billing email`} data-testid="statement-without-email">
      <Text size="sm" mb={4}>
        Email leaves these out; print or save their statements instead.
      </Text>
      {rows.slice(0, 50).map((c) => (
        <Text key={c.accountId} size="sm">
          <Text span inherit className="mono">
            {c.accountNumber}
          </Text>{' '}
          {c.accountName}
          {c.mailProblem && ` — ${mailProblemText(c.mailProblem, c.accountId)}`}
        </Text>
      ))}
      {rows.length > 50 && (
        <Text size="sm" c="dimmed">
          and {rows.length - 50} more
        </Text>
      )}
    </Alert>
  );
}
