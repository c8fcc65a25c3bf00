import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { formatDate } from '@shared/dates';
import { returnReasonText } from '@shared/domain/nacha';
import type { PaymentReturn, ReturnEntryPreview, ReturnsImportResult } from '@shared/domain/returns';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';
import { ReturnedFeeInput, parseFee } from '../accounts/payment-reversal';
import { BackToImport, ChooseFileButton, ImportStatus, ProblemsGrid } from '../imports/FileImportParts';
import { useFileImport, useFilePreview } from '../imports/useFileImport';

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
  const { file, choose, result, clearResult, error: postError, running: posting, run } = useFileImport<ReturnsImportResult>();
  const [fee, setFee] = useState('');
  const { cents: feeCents, ok: feeOk } = parseFee(fee);

  const preview = useFilePreview(
    ['returns', 'preview', file?.stamp, feeCents],
    () => unwrap(window.api.returns.preview({ fileName: file!.name, contentBase64: file!.base64, feeCents: feeCents ?? 0 })),
    file !== null && feeOk,
  );
  const list = useQuery({ queryKey: ['returns', 'list'], queryFn: () => unwrap(window.api.returns.list({ limit: 200 })) });
  const p = preview.data;

  const post = async () => {
    if (!file || !feeOk) return;
    await run(
      () => unwrap(window.api.returns.importNacha({ fileName: file.name, contentBase64: file.base64, feeCents: feeCents ?? 0 })),
      ['returns', 'ledger', 'accounts', 'invoices', 'aging', 'payments'],
    );
  };
  const canPost = !!p && !preview.isFetching && p.errors.length === 0 && p.totals.toPost > 0 && !result;

  return (
    <>
      <PageHeader
        title="Returned payments"
        description="Import the bank's NACHA return file: each returned ACH debit reverses its payment, reopens what it paid and keeps the reason. Nothing is posted while the file has a problem, and a file imported twice posts nothing twice."
        actions={<BackToImport />}
      />
      <Stack gap="sm">
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Text fw={600} size="sm">
                Return file
              </Text>
              <ChooseFileButton onChoose={(f) => void choose(f)} accept=".ach,.txt,.nacha,text/plain" testId="returns-choose-file">
                {file ? 'Choose another file…' : 'Choose the return file…'}
              </ChooseFileButton>
            </Stack>
            {file && (
              <Text size="sm" pb={8} data-testid="returns-file-name">
                {file.name}
              </Text>
            )}
            <ReturnedFeeInput
              w={260}
              description="For each returned payment; empty for none"
              value={fee}
              onChange={(e) => {
                setFee(e.currentTarget.value);
                clearResult();
              }}
              invalid={!feeOk}
            />
            <Button ml="auto" onClick={() => void post()} disabled={!canPost} loading={posting} color="red" data-testid="returns-post">
              {p && p.totals.toPost > 0 ? `Record ${p.totals.toPost} returned ${p.totals.toPost === 1 ? 'payment' : 'payments'}` : 'Record returned payments'}
            </Button>
          </Group>
        </Paper>
        <ImportStatus
          testId="returns-status"
          intro="Choose the return file your bank sent. Each return is matched to its payment by the trace number kept as the payment's reference, or by the account number, amount and date."
          chosen={file !== null}
          preview={preview}
          result={result}
          error={postError}
          done={(r) => ({
            title: 'Returns recorded',
            text: `${r.posted.length} ${r.posted.length === 1 ? 'payment was' : 'payments were'} recorded as returned and reversed${r.alreadyReturned ? `; ${r.alreadyReturned} recorded before were skipped` : ''}.`,
          })}
          failed="Nothing was posted"
          heldBack="Nothing will be posted from this file until it has none."
          nothingNew={(q) => (q.totals.toPost === 0 ? { title: 'Nothing new to post', text: 'Every return in this file was recorded before.' } : null)}
          ready={(q) => ({
            title: 'Ready to post',
            text: `${q.totals.toPost} returned ${q.totals.toPost === 1 ? 'payment' : 'payments'} of ${formatMoney(q.totals.amountCents)} in all${q.totals.alreadyReturned ? `; ${q.totals.alreadyReturned} recorded before will be skipped` : ''}.`,
          })}
        />
        <ProblemsGrid label="Return file problems" testId="returns-errors" problems={p?.errors} />
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
