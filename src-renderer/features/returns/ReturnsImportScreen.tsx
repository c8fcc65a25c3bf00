import { useState } from 'react';
import { Alert, Anchor, Badge, Button, FileButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { formatDate } from '@shared/dates';
import { returnReasonText } from '@shared/domain/nacha';
import type { NachaError, PaymentReturn, ReturnEntryPreview, ReturnsImportResult } from '@shared/domain/returns';
import { formatMoney, parseMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';

interface ChosenFile {
  name: string;
  base64: string;
  stamp: number;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

const statusWords: Record<ReturnEntryPreview['status'], [string, string]> = {
  to_post: ['To post', 'teal'],
  already_returned: ['Already recorded', 'gray'],
  not_found: ['No payment found', 'red'],
};

const entryCol = createColumnHelper<ReturnEntryPreview>();
const entryColumns: GridColumns<ReturnEntryPreview> = [
  entryCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 64 } }),
  entryCol.accessor('status', {
    header: 'Status',
    meta: { width: 150 },
    cell: (c) => (
      <Badge variant="light" color={statusWords[c.row.original.status][1]}>
        {statusWords[c.row.original.status][0]}
      </Badge>
    ),
  }),
  entryCol.accessor('accountName', { header: 'Account', meta: { minWidth: 150, grow: 2 }, cell: (c) => c.getValue() ?? c.row.original.name }),
  entryCol.accessor('paymentNumber', { header: 'Payment', meta: { width: 120 }, cell: (c) => c.getValue() ?? '' }),
  entryCol.accessor('amountCents', { header: 'Amount', meta: { numeric: true, width: 110 }, cell: (c) => formatMoney(c.getValue()) }),
  entryCol.accessor('returnCode', { header: 'Reason', meta: { minWidth: 200, grow: 3 }, cell: (c) => returnReasonText(c.getValue()) }),
  entryCol.accessor('returnDate', { header: 'Returned on', meta: { width: 120 }, cell: (c) => (c.getValue() ? formatDate(c.getValue()!) : '') }),
];

const errCol = createColumnHelper<NachaError>();
const errorColumns: GridColumns<NachaError> = [
  errCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 64 } }),
  errCol.accessor('field', { header: 'Field', meta: { width: 190 } }),
  errCol.accessor('reason', { header: 'Problem', meta: { minWidth: 220, grow: 3, wrap: true }, cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
];

const listCol = createColumnHelper<PaymentReturn>();
const listColumns: GridColumns<PaymentReturn> = [
  listCol.accessor('returnDate', { header: 'Returned on', meta: { width: 120 }, cell: (c) => formatDate(c.getValue()) }),
  listCol.accessor('accountName', {
    header: 'Account',
    meta: { minWidth: 150, grow: 2 },
    cell: (c) => (
      <Anchor component={Link} to={`/accounts/${c.row.original.accountId}?document=${c.row.original.paymentId}`} size="sm">
        {c.getValue()}
      </Anchor>
    ),
  }),
  listCol.accessor('paymentNumber', { header: 'Payment', meta: { width: 120 } }),
  listCol.accessor('amountCents', { header: 'Amount', meta: { numeric: true, width: 110 }, cell: (c) => formatMoney(c.getValue()) }),
  listCol.accessor('returnCode', { header: 'Reason', meta: { minWidth: 200, grow: 3 }, cell: (c) => returnReasonText(c.getValue()) }),
  listCol.accessor('source', { header: 'From', meta: { width: 120 }, cell: (c) => (c.getValue() === 'nacha' ? 'Return file' : 'Entered by hand') }),
];

/**
 * Import a NACHA return file from the bank (docs/money-in.md, Returned payments): the preview lists each
 * return with the payment it undoes and every problem of the file (line and field); posting records every
 * return at once or none. A file imported again posts nothing twice.
 */
export function ReturnsImportScreen() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fee, setFee] = useState('');
  const [result, setResult] = useState<ReturnsImportResult | null>(null);
  const [postError, setPostError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const feeCents = fee.trim() ? parseMoney(fee) : 0;
  const feeOk = feeCents !== null && feeCents >= 0;

  const preview = useQuery({
    queryKey: ['returns', 'preview', file?.stamp, feeCents],
    queryFn: () => unwrap(window.api.returns.preview({ fileName: file!.name, contentBase64: file!.base64, feeCents: feeCents ?? 0 })),
    enabled: file !== null && feeOk,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  const list = useQuery({ queryKey: ['returns', 'list'], queryFn: () => unwrap(window.api.returns.list({ limit: 200 })) });
  const p = preview.data;

  const choose = async (f: File | null) => {
    if (!f) return;
    setResult(null);
    setPostError(null);
    setFile({ name: f.name, base64: await readAsBase64(f), stamp: Date.now() });
  };
  const post = async () => {
    if (!file || !feeOk) return;
    setPosting(true);
    setPostError(null);
    try {
      setResult(await unwrap(window.api.returns.importNacha({ fileName: file.name, contentBase64: file.base64, feeCents: feeCents ?? 0 })));
      for (const d of ['returns', 'ledger', 'accounts', 'invoices', 'aging', 'payments']) void queryClient.invalidateQueries({ queryKey: [d] });
    } catch (err) {
      setPostError(err instanceof Error ? err.message : String(err));
    } finally {
      setPosting(false);
    }
  };
  const canPost = !!p && !preview.isFetching && p.errors.length === 0 && p.totals.toPost > 0 && !result;

  return (
    <>
      <PageHeader
        title="Returned payments"
        description="Import the bank's NACHA return file: each returned ACH debit reverses its payment, reopens what it paid and keeps the reason. Nothing is posted while the file has a problem, and a file imported twice posts nothing twice."
        actions={
          <Button component={Link} to="/import" variant="default" size="sm">
            Back to Import
          </Button>
        }
      />
      <Stack gap="sm">
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Text fw={600} size="sm">
                Return file
              </Text>
              <FileButton onChange={(f) => void choose(f)} accept=".ach,.txt,.nacha,text/plain">
                {(props) => (
                  <Button {...props} leftSection={<IconFileUpload size={16} />} variant="light" data-testid="returns-choose-file">
                    {file ? 'Choose another file…' : 'Choose the return file…'}
                  </Button>
                )}
              </FileButton>
            </Stack>
            {file && (
              <Text size="sm" pb={8} data-testid="returns-file-name">
                {file.name}
              </Text>
            )}
            <TextInput
              w={260}
              label="Returned-payment fee"
              description="For each returned payment; empty for none"
              placeholder="0.00"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              value={fee}
              onChange={(e) => {
                setFee(e.currentTarget.value);
                setResult(null);
              }}
              error={feeOk ? undefined : 'Not an amount'}
              styles={{ input: { textAlign: 'right' } }}
            />
            <Button ml="auto" onClick={() => void post()} disabled={!canPost} loading={posting} color="red" data-testid="returns-post">
              {p && p.totals.toPost > 0 ? `Record ${p.totals.toPost} returned ${p.totals.toPost === 1 ? 'payment' : 'payments'}` : 'Record returned payments'}
            </Button>
          </Group>
        </Paper>
        {!file ? (
          <Alert color="blue" icon={<IconInfoCircle size={18} />}>
            Choose the return file your bank sent. Each return is matched to its payment by the trace number kept as the payment's reference, or by the account
            number, amount and date.
          </Alert>
        ) : preview.isError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The file could not be read">
            {preview.error instanceof Error ? preview.error.message : String(preview.error)}
          </Alert>
        ) : !p ? (
          <Text c="dimmed">Reading the file…</Text>
        ) : result ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Returns recorded" data-testid="returns-status">
            {result.posted.length} {result.posted.length === 1 ? 'payment was' : 'payments were'} recorded as returned and reversed
            {result.alreadyReturned ? `; ${result.alreadyReturned} recorded before were skipped` : ''}.
          </Alert>
        ) : postError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Nothing was posted" data-testid="returns-status">
            {postError}
          </Alert>
        ) : p.errors.length > 0 ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={`${p.errors.length} ${p.errors.length === 1 ? 'problem' : 'problems'} to fix`}
            data-testid="returns-status"
          >
            Nothing will be posted from this file until it has none.
          </Alert>
        ) : p.totals.toPost === 0 ? (
          <Alert color="blue" icon={<IconInfoCircle size={18} />} title="Nothing new to post" data-testid="returns-status">
            Every return in this file was recorded before.
          </Alert>
        ) : (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Ready to post" data-testid="returns-status">
            {p.totals.toPost} returned {p.totals.toPost === 1 ? 'payment' : 'payments'} of {formatMoney(p.totals.amountCents)} in all
            {p.totals.alreadyReturned ? `; ${p.totals.alreadyReturned} recorded before will be skipped` : ''}.
          </Alert>
        )}
        {p && p.errors.length > 0 && (
          <DataGrid label="Return file problems" testId="returns-errors" data={p.errors} columns={errorColumns} height={200} rowHeight={48} />
        )}
        {p && <DataGrid label="Returns in the file" testId="returns-entries" data={p.entries} columns={entryColumns} height={220} empty="No return entries." />}
      </Stack>
      <Group mt="lg" mb={6}>
        <Title order={4} fz="md">
          Recorded returns
        </Title>
      </Group>
      <DataGrid
        label="Recorded returns"
        testId="returns-list"
        data={list.data ?? []}
        columns={listColumns}
        loading={list.isLoading}
        height={240}
        empty="No returned payments yet."
      />
    </>
  );
}
