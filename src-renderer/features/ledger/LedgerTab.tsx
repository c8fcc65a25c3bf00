import { useMemo } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { documentKindLabels, type DocumentKind, type LedgerEntryRow, type LedgerView } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { DataGrid } from '../../components/DataGrid';
import { GridExportMenu, useGridExporter } from '../../components/GridExport';
import { Money } from '../../components/Money';

export const kindColors: Record<DocumentKind, string> = {
  invoice: 'blue',
  credit_note: 'grape',
  payment: 'teal',
  refund: 'cyan',
  reversal: 'red',
  fee: 'orange',
  adjustment: 'gray',
  write_off: 'pink',
};

export function KindBadge({ kind }: { kind: DocumentKind }) {
  return (
    <Badge size="sm" variant="light" color={kindColors[kind]} radius="sm" styles={{ root: { textTransform: 'none', fontWeight: 600 } }}>
      {documentKindLabels[kind]}
    </Badge>
  );
}

/** Every posted document in date order with the running balance; a click opens the document. */
export function LedgerTab({ ledger, onOpen }: { ledger: LedgerView; onOpen: (documentId: number) => void }) {
  const columns = useMemo<ColumnDef<LedgerEntryRow, unknown>[]>(
    () => [
      { id: 'date', header: 'Date', meta: { width: 104, exportAs: 'date', exportValue: (r) => r.date }, cell: ({ row }) => formatDate(row.original.date) },
      {
        id: 'kind',
        header: 'Type',
        meta: { width: 100, exportAs: 'text', exportValue: (r) => documentKindLabels[r.kind] },
        cell: ({ row }) => <KindBadge kind={row.original.kind} />,
      },
      {
        id: 'number',
        header: 'Number',
        meta: { width: 112, exportAs: 'text', exportValue: (r) => r.number },
        cell: ({ row }) => (
          <Text span size="sm" className="mono">
            {row.original.number ?? ''}
          </Text>
        ),
      },
      {
        id: 'description',
        header: 'Description',
        // The description says which invoice is which ("Office visit ... +2 more"): it wraps rather than ending in "...".
        meta: { minWidth: 180, wrap: true, exportAs: 'text', exportValue: (r) => r.description },
        cell: ({ row }) => (
          <Text span size="sm" c="gray.7">
            {row.original.description}
          </Text>
        ),
      },
      {
        id: 'due',
        header: 'Due',
        meta: { width: 104, exportAs: 'date', exportValue: (r) => r.dueDate },
        cell: ({ row }) => (
          <Text span size="sm" c="dimmed">
            {formatDate(row.original.dueDate)}
          </Text>
        ),
      },
      {
        id: 'debit',
        header: 'Charges',
        meta: { numeric: true, width: 104, total: <Money cents={ledger.totals.debitsCents} />, exportAs: 'money', exportValue: (r) => r.debitCents || null },
        cell: ({ row }) => (row.original.debitCents ? <Money cents={row.original.debitCents} /> : null),
      },
      {
        id: 'credit',
        header: 'Credits',
        meta: { numeric: true, width: 104, total: <Money cents={ledger.totals.creditsCents} />, exportAs: 'money', exportValue: (r) => r.creditCents || null },
        cell: ({ row }) => (row.original.creditCents ? <Money cents={row.original.creditCents} /> : null),
      },
      {
        id: 'open',
        header: 'Open',
        meta: { numeric: true, width: 96, exportAs: 'money', exportValue: (r) => r.openCents || null },
        cell: ({ row }) => (row.original.openCents ? <Money cents={row.original.openCents} c="gray.7" /> : null),
      },
      {
        id: 'balance',
        header: 'Balance',
        // The grid's total is the account's balance; in the workbook a SUBTOTAL of running balances would mean nothing.
        meta: {
          numeric: true,
          width: 112,
          total: <Money cents={ledger.totals.balanceCents} />,
          exportAs: 'money',
          exportTotal: false,
          exportValue: (r) => r.runningBalanceCents,
        },
        cell: ({ row }) => <Money cents={row.original.runningBalanceCents} fw={600} />,
      },
    ],
    [ledger.totals],
  );
  const exporter = useGridExporter<LedgerEntryRow>();
  return (
    <>
      <Group justify="flex-end" mb="xs">
        <GridExportMenu
          exporter={exporter}
          grid="ledger"
          asOf={ledger.asOf}
          filters={[['Account', `${ledger.account.accountNumber} ${ledger.account.name}`]]}
          order="Date, oldest first"
          disabled={ledger.entries.length === 0}
        />
      </Group>
      <DataGrid
        label="Account ledger"
        testId="ledger-grid"
        exporter={exporter}
        data={ledger.entries}
        columns={columns}
        getRowId={(r) => `${r.documentId}-${r.date}-${r.amountCents}`}
        onRowClick={(r) => onOpen(r.documentId)}
        showTotals
        rowHeight={48}
        empty="Nothing posted on this account yet. New invoice and Post payment start its ledger."
      />
    </>
  );
}
