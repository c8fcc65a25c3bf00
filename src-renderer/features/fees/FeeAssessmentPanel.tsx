import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Checkbox, Group, Modal, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar, IconCircleCheck, IconEye, IconReceiptTax, IconSettings } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { FeePostResult, FeePreviewRow } from '@shared/domain/collections-policy';
import { feeAdjustmentText, feeExclusionText } from '@shared/domain/collections-text';
import { formatDate, formatMonth } from '@shared/dates';
import { formatBasisPoints, formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { useBusinessToday } from '../accounts/api';
import { DataGrid } from '../../components/DataGrid';
import { GridExportMenu, useGridExporter } from '../../components/GridExport';
import { Money } from '../../components/Money';
import { WaiveFeeModal, type FeeRef } from './WaiveFeeModal';

type View = 'charge' | 'excluded';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Why a row is not charged, in words. */
const notCharged = (r: FeePreviewRow) =>
  r.excludedReason ? feeExclusionText(r.excludedReason) : r.adjustment ? feeAdjustmentText(r.adjustment) : 'Nothing to charge';

/**
 * Late fee assessment: preview as of a date, choose the invoices, post; the run is idempotent per month.
 * The preview reads every past-due invoice, so it runs when the supervisor asks for it, not on every
 * visit to Collections.
 */
export function FeeAssessmentPanel() {
  const today = useBusinessToday();
  const [asOf, setAsOf] = useState<string | null>(null);
  // The as-of date of the preview asked for; null until the supervisor asks.
  const [requested, setRequested] = useState<string | null>(null);
  const [view, setView] = useState<View>('charge');
  const [deselected, setDeselected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [posting, setPosting] = useState(false);
  const [result, setResult] = useState<FeePostResult | null>(null);
  const [waiving, setWaiving] = useState<FeeRef | null>(null);
  const [waived, setWaived] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const preview = useQuery({
    queryKey: ['fees', 'preview', requested],
    queryFn: () => unwrap(window.api.fees.preview({ asOf: requested ?? undefined })),
    enabled: requested !== null,
  });
  const p = requested ? preview.data : undefined;
  const shownAsOf = asOf ?? today;
  // biome-ignore lint/correctness/useExhaustiveDependencies: another preview: start again with every invoice chosen
  useEffect(() => setDeselected(new Set()), [requested]);

  const chargeable = useMemo(() => (p?.rows ?? []).filter((r) => r.feeCents > 0 && !r.excludedReason), [p]);
  const excluded = useMemo(() => (p?.rows ?? []).filter((r) => !(r.feeCents > 0 && !r.excludedReason)), [p]);
  const selected = chargeable.filter((r) => !deselected.has(r.invoiceId));
  const selectedCents = selected.reduce((s, r) => s + r.feeCents, 0);
  const selectedAccounts = new Set(selected.map((r) => r.accountId)).size;
  const allOn = selected.length === chargeable.length && chargeable.length > 0;
  const someOn = selected.length > 0 && !allOn;

  const toggle = useCallback(
    (id: number) =>
      setDeselected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );

  const columns = useMemo<ColumnDef<FeePreviewRow, unknown>[]>(() => {
    const cols: ColumnDef<FeePreviewRow, unknown>[] = [];
    if (view === 'charge')
      cols.push({
        id: 'pick',
        header: () => (
          <Checkbox
            aria-label="Select all fees"
            size="xs"
            checked={allOn}
            indeterminate={someOn}
            onChange={() => setDeselected(allOn || someOn ? new Set(chargeable.map((r) => r.invoiceId)) : new Set())}
          />
        ),
        meta: { width: 44, total: '', exportAs: 'text', exportHeader: 'To post', exportValue: (r) => (deselected.has(r.invoiceId) ? 'No' : 'Yes') },
        cell: ({ row }) => (
          <Checkbox
            size="xs"
            aria-label={`Charge ${row.original.invoiceNumber ?? ''}`}
            checked={!deselected.has(row.original.invoiceId)}
            onChange={() => toggle(row.original.invoiceId)}
            onClick={(e) => e.stopPropagation()}
          />
        ),
      });
    cols.push(
      {
        id: 'account',
        header: 'Account',
        accessorFn: (r) => r.accountNumber,
        meta: { width: 104, total: 'Total', exportAs: 'text', exportHeader: 'Account number' },
        cell: ({ row }) => (
          <Anchor component={Link} to={`/accounts/${row.original.accountId}`} size="sm" className="mono" onClick={(e) => e.stopPropagation()}>
            {row.original.accountNumber}
          </Anchor>
        ),
      },
      {
        id: 'name',
        header: 'Name',
        accessorFn: (r) => r.accountName,
        meta: { minWidth: 170, grow: 2, total: plural(view === 'charge' ? selected.length : excluded.length, 'invoice'), exportAs: 'text' },
        cell: ({ row }) => <span title={row.original.accountName}>{row.original.accountName}</span>,
      },
      {
        id: 'invoice',
        header: 'Invoice',
        accessorFn: (r) => r.invoiceNumber,
        meta: { width: 118, exportAs: 'text' },
        cell: ({ row }) => <span className="mono">{row.original.invoiceNumber}</span>,
      },
      { id: 'due', header: 'Due', accessorFn: (r) => r.dueDate, meta: { width: 116, exportAs: 'date' }, cell: ({ row }) => formatDate(row.original.dueDate) },
      {
        id: 'days',
        header: 'Days past due',
        accessorFn: (r) => r.daysPastDue,
        sortDescFirst: true,
        meta: { numeric: true, width: 118, exportAs: 'integer' },
        cell: ({ row }) => row.original.daysPastDue,
      },
      {
        id: 'basis',
        header: 'Basis',
        accessorFn: (r) => r.basisCents,
        sortDescFirst: true,
        meta: {
          numeric: true,
          width: 120,
          total: <Money cents={(view === 'charge' ? selected : excluded).reduce((s, r) => s + r.basisCents, 0)} />,
          exportAs: 'money',
          // The grid totals the invoices chosen; the workbook sums every exported row.
          exportTotal: false,
        },
        cell: ({ row }) => <Money cents={row.original.basisCents} />,
      },
    );
    if (view === 'charge')
      cols.push(
        {
          id: 'fee',
          header: 'Fee',
          accessorFn: (r) => r.feeCents,
          sortDescFirst: true,
          meta: { numeric: true, width: 110, total: <Money cents={selectedCents} data-testid="fee-selected-total" />, exportAs: 'money', exportTotal: false },
          cell: ({ row }) => (
            <Money
              cents={row.original.feeCents}
              fw={600}
              c={deselected.has(row.original.invoiceId) ? 'dimmed' : undefined}
              td={deselected.has(row.original.invoiceId) ? 'line-through' : undefined}
            />
          ),
        },
        {
          id: 'note',
          header: 'Note',
          meta: { minWidth: 150, grow: 1.5, exportAs: 'text', exportValue: (r) => (r.adjustment ? feeAdjustmentText(r.adjustment) : '') },
          cell: ({ row }) => (
            <Text span size="xs" c="dimmed">
              {row.original.adjustment ? feeAdjustmentText(row.original.adjustment) : ''}
            </Text>
          ),
        },
      );
    else
      cols.push({
        id: 'reason',
        header: 'Not charged because',
        accessorFn: (r) => notCharged(r),
        meta: { minWidth: 220, grow: 2.5, exportAs: 'text' },
        cell: ({ row }) => (
          <Text span size="sm" c="gray.7">
            {notCharged(row.original)}
          </Text>
        ),
      });
    return cols;
  }, [view, allOn, someOn, chargeable, deselected, selected, excluded, selectedCents, toggle]);

  const post = async () => {
    if (!p) return;
    setPosting(true);
    setError(null);
    try {
      const r = await unwrap(window.api.fees.post({ asOf: p.asOf, invoiceIds: selected.map((x) => x.invoiceId) }));
      setResult(r);
      setConfirming(false);
      for (const d of ['fees', 'ledger', 'accounts', 'aging']) void queryClient.invalidateQueries({ queryKey: [d] });
      notifications.show({ color: 'teal', message: `${plural(r.posted.length, 'late fee')} posted, ${formatMoney(r.totalCents)} in all.` });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setConfirming(false);
    } finally {
      setPosting(false);
    }
  };

  const rules = p?.rules;
  const ruleLine = rules
    ? !rules.enabled
      ? 'Late fees are switched off in Settings.'
      : [
          rules.flatCents ? `${formatMoney(rules.flatCents)} flat` : '',
          rules.monthlyRateBp ? `${formatBasisPoints(rules.monthlyRateBp)} a month` : '',
          rules.minimumCents ? `minimum ${formatMoney(rules.minimumCents)}` : '',
          rules.maxPerInvoiceCents !== null ? `at most ${formatMoney(rules.maxPerInvoiceCents)} per invoice` : '',
          `after ${rules.graceDays} grace days`,
        ]
          .filter(Boolean)
          .join(' · ')
    : '';

  const exporter = useGridExporter<FeePreviewRow>();
  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group gap="sm" align="flex-end" justify="space-between" wrap="nowrap">
        <Group gap="sm" align="flex-end">
          <DateInput
            label="Assess as of"
            w={170}
            value={shownAsOf}
            onChange={(v) => {
              setAsOf(v);
              // A preview for another date is asked for again: nothing of the old one can be posted.
              setRequested(null);
              setResult(null);
            }}
            leftSection={<IconCalendar size={16} />}
            data-testid="fee-as-of"
          />
          <Button
            variant={p ? 'default' : 'filled'}
            leftSection={<IconEye size={16} />}
            loading={preview.isFetching}
            onClick={() => {
              setResult(null);
              if (requested === shownAsOf) void preview.refetch();
              else setRequested(shownAsOf);
            }}
            data-testid="fee-preview-run"
          >
            Preview late fees as of {formatDate(shownAsOf)}
          </Button>
          <SegmentedControl
            aria-label="Rows"
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: 'charge', label: `To charge (${chargeable.length})` },
              { value: 'excluded', label: `Not charged (${excluded.length})` },
            ]}
          />
        </Group>
        {/* One row at 1280 px: the choice of rows wraps under the date instead. */}
        <Group gap="xs" wrap="nowrap">
          <GridExportMenu
            exporter={exporter}
            grid={view === 'charge' ? 'feePreview' : 'feeExcluded'}
            asOf={p?.asOf}
            filters={p ? [['Period', formatMonth(p.period)]] : []}
            order="As the preview lists them"
            disabled={!p || (view === 'charge' ? chargeable : excluded).length === 0}
          />
          <Button variant="subtle" color="gray" leftSection={<IconSettings size={16} />} component={Link} to="/settings?tab=fees">
            Fee rules
          </Button>
          <Button
            leftSection={<IconReceiptTax size={16} />}
            disabled={selected.length === 0 || !p || preview.isFetching}
            onClick={() => setConfirming(true)}
            data-testid="fee-post"
          >
            {selected.length ? `Post ${plural(selected.length, 'fee')}` : 'Nothing to post'}
          </Button>
        </Group>
      </Group>
      {p && (
        <Paper withBorder radius="md" px="md" py="xs" bg="gray.0">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              Period <b>{formatMonth(p.period)}</b> · {plural(p.totals.invoices, 'past-due invoice')} looked at ·{' '}
              <b data-testid="fee-chargeable">{plural(chargeable.length, 'fee')}</b> to charge on {plural(p.totals.accounts, 'account')},{' '}
              <Money cents={p.totals.feeCents} fw={600} data-testid="fee-total" /> · {plural(excluded.length, 'invoice')} not charged
            </Text>
            <Text size="xs" c="dimmed" ta="right">
              {ruleLine}
            </Text>
          </Group>
        </Paper>
      )}
      {preview.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {preview.error.message}
        </Alert>
      )}
      {error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {error}
        </Alert>
      )}
      {result && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={16} />}
          title={`Posted ${plural(result.posted.length, 'late fee')} for ${formatMonth(result.period)}: ${formatMoney(result.totalCents)}`}
          withCloseButton
          onClose={() => setResult(null)}
          data-testid="fee-result"
        >
          {result.skipped.length > 0 && (
            <Text size="sm" mb={4}>
              {plural(result.skipped.length, 'invoice')} skipped:{' '}
              {result.skipped
                .slice(0, 3)
                .map((s) => feeExclusionText(s.reason))
                .join('; ')}
              {result.skipped.length > 3 ? '; …' : ''}
            </Text>
          )}
          <Text size="sm">
            The fees are on the accounts’ ledgers, dated {formatDate(result.asOf)} and due at once. To waive one, open it here or from the account’s ledger.
          </Text>
          {result.posted.length > 0 && result.posted.length <= 12 && (
            <Table fz="sm" verticalSpacing={2} mt={6} maw={640} aria-label="Posted fees">
              <Table.Tbody>
                {result.posted.map((f) => {
                  const row = p?.rows.find((r) => r.invoiceId === f.invoiceId);
                  const w = waived.get(f.feeDocumentId);
                  return (
                    <Table.Tr key={f.feeDocumentId}>
                      <Table.Td className="mono">{f.number}</Table.Td>
                      <Table.Td>{row?.accountName ?? ''}</Table.Td>
                      <Table.Td className="mono" c="dimmed">
                        {row?.invoiceNumber ?? ''}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money cents={f.amountCents} />
                      </Table.Td>
                      <Table.Td ta="right">
                        {w ? (
                          <Text span size="xs" c="dimmed">
                            Waived by {w}
                          </Text>
                        ) : (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() =>
                              setWaiving({ documentId: f.feeDocumentId, number: f.number, amountCents: f.amountCents, accountName: row?.accountName })
                            }
                          >
                            Waive…
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 280 }}>
        <DataGrid
          label={view === 'charge' ? 'Fees to charge' : 'Invoices not charged'}
          testId={view === 'charge' ? 'fee-preview' : 'fee-excluded'}
          exporter={exporter}
          data={view === 'charge' ? chargeable : excluded}
          columns={columns}
          getRowId={(r) => String(r.invoiceId)}
          loading={requested !== null && preview.isFetching}
          showTotals
          onRowClick={view === 'charge' ? (r) => toggle(r.invoiceId) : undefined}
          empty={
            !p
              ? `Nothing is computed yet: choose the date and press “Preview late fees” to see what the rules would charge.`
              : view === 'charge'
                ? p.rows.some((r) => r.excludedReason?.code === 'already_charged')
                  ? `Nothing new to post for ${formatMonth(p.period)}: every chargeable invoice has had its fee this month.`
                  : 'No invoice is past due beyond the grace days on this date.'
                : 'Every past-due invoice is charged.'
          }
        />
      </div>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={
          <Text fw={600} size="lg">
            Post late fees
          </Text>
        }
        centered
        size={480}
      >
        <Stack gap="sm">
          <Text size="sm">
            Post <b>{plural(selected.length, 'late fee')}</b> on {plural(selectedAccounts, 'account')}, <b>{formatMoney(selectedCents)}</b> in all, dated{' '}
            {formatDate(p?.asOf)} for {p ? formatMonth(p.period) : ''}?
          </Text>
          <Text size="sm" c="dimmed">
            Each fee is its own document on the account’s ledger. An invoice is charged once per month, so running this again later in the month posts nothing
            new.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button onClick={() => void post()} loading={posting}>
              Post {formatMoney(selectedCents)}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {waiving && <WaiveFeeModal fee={waiving} onClose={() => setWaiving(null)} onWaived={(n) => setWaived((m) => new Map(m).set(waiving.documentId, n))} />}
    </Stack>
  );
}
