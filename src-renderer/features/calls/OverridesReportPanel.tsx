import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconMail, IconPhoneOutgoing } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { ruleCitations, ruleLabels, type ComplianceOverride } from '@shared/domain/collections';
import { blockText } from '@shared/domain/collections-text';
import { addDays, addMonths, formatInstant, formatInZone, startOfMonth } from '@shared/dates';
import { unwrap } from '../../api/client';
import { DataGrid } from '../../components/DataGrid';
import { GridExportMenu, useGridExporter } from '../../components/GridExport';
import { useBusinessToday } from '../accounts/api';
import { usePersonName } from '../users/names';

type Period = 'all' | 'month' | 'lastMonth' | 'days90';
const periodLabels: Record<Period, string> = { all: 'All', month: 'This month', lastMonth: 'Last month', days90: 'Last 90 days' };

/** "Nov 22, 2026, 6:30 AM CST": when it happened where the consumer is (calling hours are judged there). */
const consumerTime = (r: ComplianceOverride) => formatInstant(r.actionAt, r.timeZone);

/** The period as instants (local midnight of the office's machine), both ends optional. */
function periodRange(period: Period, today: string): { from?: string; to?: string } {
  const at = (d: string) => new Date(`${d}T00:00:00`).toISOString();
  const monthStart = startOfMonth(today);
  if (period === 'month') return { from: at(monthStart) };
  if (period === 'lastMonth') return { from: at(addMonths(monthStart, -1)), to: at(monthStart) };
  if (period === 'days90') return { from: at(addDays(today, -89)) };
  return {};
}

/**
 * The compliance overrides report (supervisors): every call or letter a supervisor let through a rule
 * that blocked it, with the written reason, who and when. Audited at the time; this is where it is read.
 */
export function OverridesReportPanel() {
  const today = useBusinessToday();
  const [period, setPeriod] = useState<Period>('all');
  const name = usePersonName();
  const range = periodRange(period, today);
  const list = useQuery({
    queryKey: ['collections', 'overrides', period, range.from, range.to],
    queryFn: () => unwrap(window.api.compliance.overrides(range)),
  });
  const rows = list.data ?? [];

  const columns = useMemo<ColumnDef<ComplianceOverride, unknown>[]>(
    () => [
      {
        id: 'when',
        header: 'When (consumer’s time)',
        accessorFn: (r) => r.actionAt,
        meta: {
          width: 215,
          exportColumns: [
            { header: 'When (office time)', kind: 'datetime', value: (r) => r.actionAt },
            { header: 'When (consumer’s time)', kind: 'text', value: consumerTime },
            { header: 'Consumer’s time zone', kind: 'text', value: (r) => r.timeZone },
          ],
        },
        cell: ({ row }) => (
          <Text span size="sm">
            {consumerTime(row.original)}
          </Text>
        ),
      },
      {
        id: 'account',
        header: 'Account',
        accessorFn: (r) => r.accountNumber,
        meta: { width: 100, exportAs: 'text', exportHeader: 'Account number' },
        cell: ({ row }) => (
          <Anchor component={Link} to={`/accounts/${row.original.accountId}?tab=collections`} size="sm" className="mono">
            {row.original.accountNumber}
          </Anchor>
        ),
      },
      {
        id: 'name',
        header: 'Name',
        accessorFn: (r) => r.accountName,
        meta: { minWidth: 120, grow: 1, total: `${rows.length} ${rows.length === 1 ? 'override' : 'overrides'}`, exportAs: 'text' },
      },
      {
        id: 'action',
        header: 'Action',
        accessorFn: (r) => r.action,
        meta: {
          width: 100,
          exportColumns: [
            { header: 'Action', kind: 'text', value: (r) => (r.action === 'call' ? 'Call' : 'Letter') },
            { header: 'Contact', kind: 'text', value: (r) => r.contactName ?? '' },
            { header: 'Phone', kind: 'text', value: (r) => r.phone ?? '' },
          ],
        },
        cell: ({ row }) => {
          const r = row.original;
          return (
            <Group gap={6} wrap="nowrap" title={[r.contactName, r.phone].filter(Boolean).join(' · ')}>
              {r.action === 'call' ? <IconPhoneOutgoing size={14} /> : <IconMail size={14} />}
              <Text span size="sm">
                {r.action === 'call' ? 'Call' : 'Letter'}
              </Text>
            </Group>
          );
        },
      },
      {
        id: 'rules',
        header: 'Rules overridden',
        accessorFn: (r) => r.rules.map((x) => ruleLabels[x]).join(', '),
        meta: {
          width: 170,
          exportColumns: [
            { header: 'Rules overridden', kind: 'text', value: (r) => r.rules.map((x) => ruleLabels[x]).join('; ') },
            { header: 'Citations', kind: 'text', value: (r) => r.rules.map((x) => ruleCitations[x]).join('; ') },
          ],
        },
        cell: ({ row }) => (
          <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
            {row.original.blocks.map((b) => (
              <Tooltip key={b.rule} label={blockText(b, (at) => formatInZone(at, row.original.timeZone))} multiline w={320}>
                <Badge size="sm" variant="light" color="red" style={{ flexShrink: 0 }}>
                  {ruleLabels[b.rule]}
                </Badge>
              </Tooltip>
            ))}
          </Group>
        ),
      },
      {
        id: 'reason',
        header: 'Reason',
        accessorFn: (r) => r.reason,
        meta: { minWidth: 180, grow: 2, exportAs: 'text' },
        cell: ({ row }) => (
          <Text span size="sm" title={row.original.reason} truncate>
            {row.original.reason}
          </Text>
        ),
      },
      {
        id: 'by',
        header: 'By',
        accessorFn: (r) => name(r.username) ?? '',
        meta: { width: 110, exportAs: 'text' },
        cell: ({ row }) => (
          <Text span size="sm" title={row.original.role} truncate>
            {name(row.original.username) ?? ''}
          </Text>
        ),
      },
    ],
    [rows.length, name],
  );

  const exporter = useGridExporter<ComplianceOverride>();

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Period"
          value={period}
          onChange={(v) => setPeriod(v as Period)}
          data={(Object.keys(periodLabels) as Period[]).map((p) => ({ value: p, label: periodLabels[p] }))}
        />
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            Calls and letters a supervisor let through a blocking rule, with the reason given.
          </Text>
          <GridExportMenu
            exporter={exporter}
            grid="complianceOverrides"
            filters={[['Period', periodLabels[period]]]}
            order="Newest first"
            disabled={rows.length === 0}
          />
        </Group>
      </Group>
      {list.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {list.error.message}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 260 }}>
        <DataGrid
          label="Compliance overrides"
          testId="compliance-overrides"
          exporter={exporter}
          data={rows}
          columns={columns}
          getRowId={(r) => String(r.id)}
          loading={list.isFetching}
          showTotals={rows.length > 0}
          empty={period === 'all' ? 'No compliance overrides yet.' : `No compliance overrides in ${periodLabels[period].toLowerCase()}.`}
        />
      </div>
    </Stack>
  );
}
