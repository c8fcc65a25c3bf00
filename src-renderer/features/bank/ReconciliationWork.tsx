import { useState } from 'react';
import { Alert, Badge, Box, Button, Group, Modal, Radio, SimpleGrid, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatInstant } from '@shared/dates';
import type { Discrepancy, ReconciliationMatchView, ReconciliationView } from '@shared/domain/reconciliation';
import {
  discrepancyItemWords,
  discrepancyKindExplained,
  discrepancyKindWords,
  reconciliationItemWords,
  matchMethodWords,
  statementLineWords,
} from '@shared/domain/reconciliation-text';
import { unwrap } from '../../api/client';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { downloadBase64 } from '../../components/download';
import { FullHeight } from '../../components/FullHeight';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { DocumentActions } from '../documents/DocumentActions';
import { DocumentPreview } from '../documents/DocumentPreview';

type OpenLine = ReconciliationView['unmatchedLines'][number];
type OpenItem = ReconciliationView['unmatchedItems'][number];
const itemKey = (i: { kind: string; id: number }) => `${i.kind}-${i.id}`;

const money = (header: string) => ({
  id: 'amount',
  header,
  accessorFn: (r: { amountCents: number }) => r.amountCents,
  cell: ({ getValue }: { getValue: () => unknown }) => <Money cents={getValue() as number} />,
  meta: { width: 120, numeric: true },
});

/**
 * One reconciliation: Matched, Unmatched (the bank's credits beside the office's deposits and payments:
 * choose one of each and Match) and Discrepancies (each explained by a note). Finishing locks it; the
 * report lists what was left open with the notes.
 */
export function ReconciliationWork({ id, onBack }: { id: number; onBack: () => void }) {
  const client = useQueryClient();
  const key = ['reconciliation', 'one', id];
  const q = useQuery({ queryKey: key, queryFn: () => unwrap(window.api.reconciliations.get({ reconciliationId: id })) });
  const [tab, setTab] = useState<string | null>('unmatched');
  const [line, setLine] = useState<number | null>(null);
  const [item, setItem] = useState<string | null>(null);
  const [explaining, setExplaining] = useState<Discrepancy | null>(null);
  const [finishing, setFinishing] = useState(false);
  const done = (v: ReconciliationView) => {
    client.setQueryData(key, v);
    void client.invalidateQueries({ queryKey: ['reconciliation', 'list'] });
  };
  const match = useMutation({
    mutationFn: (m: { statementLineId: number; item: OpenItem }) =>
      unwrap(
        window.api.reconciliations.match({
          reconciliationId: id,
          statementLineId: m.statementLineId,
          ...(m.item.kind === 'deposit' ? { depositId: m.item.id } : { paymentDocumentId: m.item.id }),
        }),
      ),
    onSuccess: (v) => {
      done(v);
      setLine(null);
      setItem(null);
      notifications.show({ color: 'teal', message: 'Matched.' });
    },
  });
  const unmatch = useMutation({
    mutationFn: (matchId: number) => unwrap(window.api.reconciliations.unmatch({ reconciliationId: id, matchId })),
    onSuccess: done,
  });
  const finish = useMutation({
    mutationFn: () => unwrap(window.api.reconciliations.finish({ reconciliationId: id })),
    onSuccess: (v) => {
      done(v);
      setFinishing(false);
      notifications.show({ color: 'teal', message: 'Reconciliation finished and locked.' });
    },
  });
  const [reportOpen, setReportOpen] = useState(false);
  // The page is built afresh each time: a note or a match made since shows in it.
  const openReport = () => {
    void client.invalidateQueries({ queryKey: ['documents', 'preview', { kind: 'discrepancy_report', reconciliationId: id }] });
    setReportOpen(true);
  };
  const report = useMutation({
    mutationFn: () => unwrap(window.api.reconciliations.report({ reconciliationId: id, format: 'xlsx' })),
    onSuccess: (r) => downloadBase64(r.fileName, r.base64, r.mimeType),
  });

  const v = q.data;
  if (!v) {
    return (
      <FullHeight>
        <PageHeader title="Bank reconciliation" />
        {q.error ? <Alert color="red">{q.error.message}</Alert> : <Text c="dimmed">Loading…</Text>}
      </FullHeight>
    );
  }
  const locked = v.status === 'finished';
  const chosenLine = v.unmatchedLines.find((l) => l.id === line);
  const chosenItem = v.unmatchedItems.find((i) => itemKey(i) === item);
  const unexplained = v.discrepancies.filter((d) => d.note === null).length;
  const error = match.error ?? unmatch.error ?? report.error;

  return (
    <FullHeight>
      <PageHeader
        title={`Bank reconciliation: ${v.officeBankAccountName}`}
        description={
          locked
            ? `${formatDate(v.periodFrom)} to ${formatDate(v.periodTo)}. Finished ${v.finishedAt ? formatInstant(v.finishedAt) : ''}${v.finishedBy ? ` by ${v.finishedBy}` : ''}: locked.`
            : `${formatDate(v.periodFrom)} to ${formatDate(v.periodTo)}. Match what the automatic matching left, explain each discrepancy, then finish.`
        }
        actions={
          <>
            <Button variant="default" onClick={onBack} data-testid="reconciliation-back">
              All reconciliations
            </Button>
            <Button variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={openReport} data-testid="reconciliation-report-pdf">
              Discrepancy report
            </Button>
            <Button variant="default" onClick={() => report.mutate()} loading={report.isPending} data-testid="reconciliation-report-xlsx">
              Download report (Excel)
            </Button>
            {!locked && (
              <Button onClick={() => setFinishing(true)} data-testid="reconciliation-finish">
                Finish…
              </Button>
            )}
          </>
        }
      />
      <Group gap="xs" mb="xs">
        <Badge color={locked ? 'gray' : 'blue'} variant="light" data-testid="reconciliation-status">
          {locked ? 'Finished, locked' : 'Open'}
        </Badge>
        <Text size="sm" c="dimmed">
          Bank credits <Money cents={v.totals.statementCreditsCents} />, matched <Money cents={v.totals.matchedCents} />, open on the bank’s side{' '}
          <Money cents={v.totals.unmatchedLinesCents} />, open on ours <Money cents={v.totals.unmatchedItemsCents} />.
        </Text>
      </Group>
      {error && (
        <Alert color="red" mb="xs" data-testid="reconciliation-error">
          {error.message}
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          <Tabs.Tab value="matched" data-testid="reconciliation-tab-matched">
            Matched ({v.matched.length})
          </Tabs.Tab>
          <Tabs.Tab value="unmatched" data-testid="reconciliation-tab-unmatched">
            Unmatched ({v.unmatchedLines.length} | {v.unmatchedItems.length})
          </Tabs.Tab>
          <Tabs.Tab value="discrepancies" data-testid="reconciliation-tab-discrepancies">
            Discrepancies ({v.discrepancies.length}
            {unexplained > 0 ? `, ${unexplained} to explain` : ''})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="matched" pt="xs" style={{ flex: 1, minHeight: 0 }}>
          <DataGrid
            label="Matched"
            testId="reconciliation-matched"
            data={v.matched}
            columns={matchedColumns(locked, (m) => unmatch.mutate(m.id))}
            getRowId={(m) => String(m.id)}
            empty="Nothing matched yet."
            height="100%"
          />
        </Tabs.Panel>
        <Tabs.Panel value="unmatched" pt="xs" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          {!locked && (
            <Group mb="xs" justify="space-between" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {chosenLine && chosenItem
                  ? `Match the bank credit of ${formatDate(chosenLine.bookingDate)} to ${reconciliationItemWords(chosenItem)}.`
                  : 'Choose a bank credit on the left and a deposit or payment of the same amount on the right.'}
              </Text>
              <Button
                disabled={!chosenLine || !chosenItem}
                loading={match.isPending}
                onClick={() => chosenLine && chosenItem && match.mutate({ statementLineId: chosenLine.id, item: chosenItem })}
                data-testid="reconciliation-match"
              >
                Match
              </Button>
            </Group>
          )}
          <SimpleGrid cols={2} spacing="sm" style={{ flex: 1, minHeight: 0 }}>
            <Stack gap={4} style={{ minHeight: 0 }}>
              <Text size="sm" fw={600}>
                Bank credits not matched
              </Text>
              <Box style={{ flex: 1, minHeight: 0 }}>
                <DataGrid
                  label="Bank credits not matched"
                  testId="reconciliation-open-lines"
                  data={v.unmatchedLines}
                  columns={lineColumns(locked, line, setLine)}
                  getRowId={(l) => String(l.id)}
                  onRowClick={locked ? undefined : (l) => setLine(l.id)}
                  empty="Every bank credit is matched."
                  height="100%"
                />
              </Box>
            </Stack>
            <Stack gap={4} style={{ minHeight: 0 }}>
              <Text size="sm" fw={600}>
                Deposits and payments not matched
              </Text>
              <Box style={{ flex: 1, minHeight: 0 }}>
                <DataGrid
                  label="Deposits and payments not matched"
                  testId="reconciliation-open-items"
                  data={v.unmatchedItems}
                  columns={itemColumns(locked, item, setItem)}
                  getRowId={itemKey}
                  onRowClick={locked ? undefined : (i) => setItem(itemKey(i))}
                  empty="Every deposit and payment is matched."
                  height="100%"
                />
              </Box>
            </Stack>
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="discrepancies" pt="xs" style={{ flex: 1, minHeight: 0 }}>
          <DataGrid
            label="Discrepancies"
            testId="reconciliation-discrepancies"
            data={v.discrepancies}
            columns={discrepancyColumns(v, locked, setExplaining)}
            getRowId={(d) => `${d.subject}-${d.subjectId}`}
            rowHeight={48}
            empty="No discrepancies."
            height="100%"
          />
        </Tabs.Panel>
      </Tabs>
      {explaining && <ExplainModal reconciliationId={id} discrepancy={explaining} onClose={() => setExplaining(null)} onSaved={done} />}
      {reportOpen && (
        <Modal opened onClose={() => setReportOpen(false)} title="Discrepancy report" size="xl" data-testid="reconciliation-report-modal">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {locked ? 'What this reconciliation left open, with each note.' : 'Not finished yet: the report shows what is open now.'}
              </Text>
              <DocumentActions documents={[{ kind: 'discrepancy_report', reconciliationId: id }]} channels={['print', 'pdf']} shortcut />
            </Group>
            <DocumentPreview document={{ kind: 'discrepancy_report', reconciliationId: id }} title="Discrepancy report" />
          </Stack>
        </Modal>
      )}
      <Modal opened={finishing} onClose={() => setFinishing(false)} title="Finish the reconciliation?" data-testid="reconciliation-finish-modal">
        <Stack>
          <Text size="sm">
            Finishing locks this reconciliation: no match or note can change afterwards. {v.matched.length} matched, {v.discrepancies.length} discrepancies
            {unexplained > 0 ? `, ${unexplained} not explained yet: each needs a note first.` : ', each explained.'}
          </Text>
          {finish.error && (
            <Alert color="red" data-testid="reconciliation-finish-error">
              {finish.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setFinishing(false)}>
              Cancel
            </Button>
            <Button onClick={() => finish.mutate()} loading={finish.isPending} data-testid="reconciliation-finish-confirm">
              Finish and lock
            </Button>
          </Group>
        </Stack>
      </Modal>
    </FullHeight>
  );
}

function matchedColumns(locked: boolean, onUnmatch: (m: ReconciliationMatchView) => void): GridColumns<ReconciliationMatchView> {
  return [
    {
      id: 'date',
      header: 'Bank date',
      accessorFn: (m) => m.line.bookingDate,
      cell: ({ row }) => formatDate(row.original.line.bookingDate),
      meta: { width: 130 },
    },
    {
      id: 'amount',
      header: 'Amount',
      accessorFn: (m) => m.line.amountCents,
      cell: ({ row }) => <Money cents={row.original.line.amountCents} />,
      meta: { width: 120, numeric: true },
    },
    { id: 'bank', header: 'Bank line', accessorFn: (m) => statementLineWords(m.line), meta: { minWidth: 200, grow: 2 } },
    { id: 'item', header: 'Matched to', accessorFn: (m) => reconciliationItemWords(m.item), meta: { minWidth: 200, grow: 2 } },
    { id: 'how', header: 'How', accessorFn: (m) => matchMethodWords[m.method], meta: { width: 110 } },
    ...(locked
      ? []
      : [
          {
            id: 'unmatch',
            header: '',
            enableSorting: false,
            cell: ({ row }: { row: { original: ReconciliationMatchView } }) => (
              <Button size="compact-xs" variant="subtle" onClick={() => onUnmatch(row.original)} data-testid={`reconciliation-unmatch-${row.original.id}`}>
                Unmatch
              </Button>
            ),
            meta: { width: 100 },
          },
        ]),
  ];
}

/** The radio that chooses one row of a side for a manual match (none once the reconciliation is locked). */
function pickColumn<T>(
  locked: boolean,
  pick: { label: (r: T) => string; chosen: (r: T) => boolean; choose: (r: T) => void; testId: (r: T) => string },
): GridColumns<T> {
  if (locked) return [];
  return [
    {
      id: 'pick',
      header: '',
      enableSorting: false,
      cell: ({ row }: { row: { original: T } }) => (
        <Radio
          aria-label={pick.label(row.original)}
          checked={pick.chosen(row.original)}
          onChange={() => pick.choose(row.original)}
          data-testid={pick.testId(row.original)}
        />
      ),
      meta: { width: 44 },
    },
  ];
}

function lineColumns(locked: boolean, chosen: number | null, choose: (id: number) => void): GridColumns<OpenLine> {
  return [
    ...pickColumn<OpenLine>(locked, {
      label: (l) => `Choose the bank credit of ${formatDate(l.bookingDate)}`,
      chosen: (l) => chosen === l.id,
      choose: (l) => choose(l.id),
      testId: (l) => `reconciliation-pick-line-${l.id}`,
    }),
    { id: 'date', header: 'Bank date', accessorFn: (l) => l.bookingDate, cell: ({ row }) => formatDate(row.original.bookingDate), meta: { width: 120 } },
    money('Amount'),
    { id: 'text', header: 'Reference and description', accessorFn: statementLineWords, meta: { minWidth: 160, grow: 2 } },
  ];
}

function itemColumns(locked: boolean, chosen: string | null, choose: (key: string) => void): GridColumns<OpenItem> {
  return [
    ...pickColumn<OpenItem>(locked, {
      label: (i) => `Choose ${reconciliationItemWords(i)}`,
      chosen: (i) => chosen === itemKey(i),
      choose: (i) => choose(itemKey(i)),
      testId: (i) => `reconciliation-pick-${itemKey(i)}`,
    }),
    { id: 'date', header: 'Date', accessorFn: (i) => i.date, cell: ({ row }) => formatDate(row.original.date), meta: { width: 120 } },
    money('Amount'),
    { id: 'what', header: 'Deposit or payment', accessorFn: reconciliationItemWords, meta: { minWidth: 160, grow: 2 } },
  ];
}

function discrepancyColumns(v: ReconciliationView, locked: boolean, explain: (d: Discrepancy) => void): GridColumns<Discrepancy> {
  const describe = (d: Discrepancy) => discrepancyItemWords(v, d);
  return [
    {
      id: 'kind',
      header: 'Discrepancy',
      accessorFn: (d) => discrepancyKindWords[d.kind],
      cell: ({ row }) => (
        <Text size="sm" title={discrepancyKindExplained[row.original.kind]}>
          {discrepancyKindWords[row.original.kind]}
        </Text>
      ),
      meta: { width: 180 },
    },
    { id: 'date', header: 'Date', accessorFn: (d) => d.date, cell: ({ row }) => formatDate(row.original.date), meta: { width: 120 } },
    money('Amount'),
    {
      id: 'expected',
      header: 'Expected',
      accessorFn: (d) => d.expectedCents ?? 0,
      cell: ({ row }) => (row.original.expectedCents === null ? '' : <Money cents={row.original.expectedCents} />),
      meta: { width: 110, numeric: true },
    },
    { id: 'what', header: 'Item', accessorFn: describe, meta: { minWidth: 160, grow: 2, wrap: true } },
    {
      id: 'note',
      header: 'Note',
      accessorFn: (d) => d.note ?? '',
      cell: ({ row }) =>
        row.original.note ?? (
          <Text size="sm" c="orange.8">
            Not explained
          </Text>
        ),
      meta: { minWidth: 160, grow: 2, wrap: true },
    },
    ...(locked
      ? []
      : [
          {
            id: 'explain',
            header: '',
            enableSorting: false,
            cell: ({ row }: { row: { original: Discrepancy } }) => (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => explain(row.original)}
                data-testid={`reconciliation-explain-${row.original.subject}-${row.original.subjectId}`}
              >
                Explain
              </Button>
            ),
            meta: { width: 90 },
          },
        ]),
  ];
}

function ExplainModal(props: { reconciliationId: number; discrepancy: Discrepancy; onClose: () => void; onSaved: (v: ReconciliationView) => void }) {
  const { discrepancy: d } = props;
  const [note, setNote] = useState(d.note ?? '');
  const save = useMutation({
    mutationFn: () => unwrap(window.api.reconciliations.note({ reconciliationId: props.reconciliationId, subject: d.subject, subjectId: d.subjectId, note })),
    onSuccess: (v) => {
      props.onSaved(v);
      props.onClose();
    },
  });
  return (
    <Modal opened onClose={props.onClose} title={`Explain: ${discrepancyKindWords[d.kind]}`} data-testid="reconciliation-explain-modal">
      <Stack>
        <Text size="sm" c="dimmed">
          {discrepancyKindExplained[d.kind]}
        </Text>
        <Textarea
          label="Note"
          description="Why it is left open, and what was done about it. It goes into the discrepancy report."
          autosize
          minRows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="reconciliation-note"
          data-autofocus
        />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={note.trim() === ''} data-testid="reconciliation-note-save">
            Save note
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
