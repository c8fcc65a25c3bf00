import { useCallback, useMemo } from 'react';
import { Badge, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { agingBucketIndex, agingBucketLabels, defaultAgingSettings } from '@shared/domain/aging';
import { documentKindLabels, type LedgerView, type OpenItemRow } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { DataGrid } from '../../components/DataGrid';
import { GridExportMenu, useGridExporter } from '../../components/GridExport';
import { Money } from '../../components/Money';
import { bucketColors, useAgingSettings } from '../accounts/api';
import { KindBadge } from './LedgerTab';

/** Open invoices, fees and charges with open amount and days past due, coloured by aging bucket. */
export function OpenItemsTab({ ledger, onOpen }: { ledger: LedgerView; onOpen: (documentId: number) => void }) {
  const settings = useAgingSettings().data ?? defaultAgingSettings;
  const labels = useMemo(() => agingBucketLabels(settings), [settings]);
  const asOf = ledger.asOf;
  const bucketOf = useCallback(
    (o: OpenItemRow) => agingBucketIndex(o.dueDate < asOf ? o.daysPastDue : o.dueDate === asOf ? 0 : -1, settings),
    [asOf, settings],
  );
  const byBucket = labels.map(() => 0);
  for (const o of ledger.openItems) byBucket[bucketOf(o)]! += o.openCents;
  // Columns with an accessor sort on a header click (the grid sorts these few rows itself).
  const columns = useMemo<ColumnDef<OpenItemRow, unknown>[]>(
    () => [
      {
        id: 'number',
        accessorFn: (r) => r.number ?? '',
        header: 'Number',
        meta: { width: 130, exportAs: 'text', exportValue: (r) => r.number },
        cell: ({ row }) => (
          <Text span size="sm" className="mono" fw={500}>
            {row.original.number ?? ''}
          </Text>
        ),
      },
      {
        id: 'kind',
        header: 'Type',
        meta: { width: 140, exportAs: 'text', exportValue: (r) => documentKindLabels[r.kind] },
        cell: ({ row }) => <KindBadge kind={row.original.kind} />,
      },
      {
        id: 'date',
        accessorFn: (r) => r.docDate,
        header: 'Dated',
        meta: { exportAs: 'date', exportValue: (r) => r.docDate },
        cell: ({ row }) => formatDate(row.original.docDate),
      },
      {
        id: 'due',
        accessorFn: (r) => r.dueDate,
        header: 'Due',
        meta: { exportAs: 'date', exportValue: (r) => r.dueDate },
        cell: ({ row }) => formatDate(row.original.dueDate),
      },
      {
        id: 'total',
        accessorFn: (r) => r.totalCents,
        sortDescFirst: true,
        header: 'Total',
        meta: { numeric: true, width: 130, exportAs: 'money', exportValue: (r) => r.totalCents },
        cell: ({ row }) => <Money cents={row.original.totalCents} c="gray.7" />,
      },
      {
        id: 'open',
        accessorFn: (r) => r.openCents,
        sortDescFirst: true,
        header: 'Open',
        meta: { numeric: true, width: 130, total: <Money cents={ledger.totals.openCents} />, exportAs: 'money', exportValue: (r) => r.openCents },
        cell: ({ row }) => <Money cents={row.original.openCents} fw={600} />,
      },
      {
        id: 'days',
        accessorFn: (r) => r.daysPastDue,
        sortDescFirst: true,
        header: 'Days past due',
        meta: { numeric: true, width: 130, exportAs: 'integer', exportValue: (r) => Math.max(0, r.daysPastDue) },
        cell: ({ row }) =>
          row.original.daysPastDue > 0 ? (
            <Text span size="sm" className="num">
              {row.original.daysPastDue}
            </Text>
          ) : (
            <Text span size="sm" c="dimmed">
              —
            </Text>
          ),
      },
      {
        id: 'bucket',
        header: 'Aging',
        meta: { width: 120, exportAs: 'text', exportValue: (r) => labels[bucketOf(r)] },
        cell: ({ row }) => {
          const b = bucketOf(row.original);
          return (
            <Badge size="sm" variant={b === 0 ? 'outline' : 'light'} color={bucketColors[b]} data-bucket={b}>
              {labels[b]}
            </Badge>
          );
        },
      },
    ],
    [ledger.totals.openCents, bucketOf, labels],
  );
  const exporter = useGridExporter<OpenItemRow>();
  return (
    <>
      <Group justify="flex-end" mb="xs">
        <GridExportMenu
          exporter={exporter}
          grid="openItems"
          asOf={asOf}
          filters={[['Account', `${ledger.account.accountNumber} ${ledger.account.name}`]]}
          order="As the account lists them"
          disabled={ledger.openItems.length === 0}
        />
      </Group>
      <SimpleGrid cols={labels.length} spacing={6} mb="sm">
        {labels.map((l, i) => (
          <Paper key={l} withBorder radius="sm" px="sm" py={6} style={{ borderTop: `3px solid var(--mantine-color-${bucketColors[i]}-${i === 0 ? 5 : 6})` }}>
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={600}>
                {l}
              </Text>
              <Money cents={byBucket[i]!} size="sm" fw={600} dimZero />
            </Group>
          </Paper>
        ))}
      </SimpleGrid>
      <DataGrid
        label="Open items"
        testId="open-items-grid"
        exporter={exporter}
        data={ledger.openItems}
        columns={columns}
        getRowId={(r) => String(r.documentId)}
        onRowClick={(r) => onOpen(r.documentId)}
        showTotals
        empty="No open items: everything on this account is paid."
      />
    </>
  );
}
