import { useState } from 'react';
import { Badge, Button, Grid, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { formatDate } from '@shared/dates';
import { maskAccountNumber } from '@shared/domain/bank-accounts';
import type { BankStatementFormat, BankStatementImportSummary, BankStatementPreview } from '@shared/ipc/contract/bank-statements';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';
import { BackToImport, ChooseFileButton, ImportStatus, ProblemsGrid } from '../imports/FileImportParts';
import { useFileImport, useFilePreview } from '../imports/useFileImport';

const formatWords: Record<BankStatementFormat, string> = { csv: 'CSV', bai2: 'BAI2', camt053: 'camt.053' };
type Line = BankStatementPreview['lines'][number];

const lineCol = createColumnHelper<Line>();
const lineColumns: GridColumns<Line> = [
  lineCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 56 } }),
  lineCol.accessor('bookingDate', { header: 'Booked', meta: { width: 110 }, cell: (c) => formatDate(c.getValue()) }),
  lineCol.accessor('amountCents', { header: 'Amount', meta: { numeric: true, width: 110 }, cell: (c) => formatMoney(c.getValue()) }),
  lineCol.accessor('description', { header: 'Description', meta: { minWidth: 120, grow: 3 } }),
  // The bank's reference, then yours (a check number, the reference you gave the payment).
  lineCol.accessor((r) => [r.bankReference, r.customerReference].filter(Boolean).join(' · '), { id: 'references', header: 'References', meta: { width: 160 } }),
  lineCol.accessor('alreadyImported', {
    header: 'State',
    meta: { width: 130 },
    cell: (c) => (
      <Badge variant="light" color={c.getValue() ? 'gray' : 'teal'}>
        {c.getValue() ? 'Imported before' : 'To import'}
      </Badge>
    ),
  }),
];

/**
 * Import the office's bank statement (docs/money-in.md, Bank statements): the file (CSV, BAI2 or
 * camt.053, told by the file unless chosen), a preview of its lines and of every problem by
 * line and field, then Import: all lines or none, and a line imported before is never imported twice.
 */
export function ImportStatement() {
  const { file, choose, result, clearResult, error: importError, running: importing, run } = useFileImport<BankStatementImportSummary>();
  const [format, setFormat] = useState<'auto' | BankStatementFormat>('auto');
  // The office account the statement is of: reconciliation looks at that account's statements. The one
  // active account is chosen by itself; with several, the clerk picks.
  const banks = useQuery({ queryKey: ['deposits', 'officeBankAccounts'], queryFn: () => unwrap(window.api.officeBankAccounts.list()) });
  const activeBanks = (banks.data ?? []).filter((b) => b.active);
  // undefined: not chosen yet (the one account by itself); null: cleared on purpose (no account named).
  const [chosenBank, setChosenBank] = useState<string | null | undefined>(undefined);
  const bankId = chosenBank !== undefined ? chosenBank : activeBanks.length === 1 ? String(activeBanks[0]!.id) : null;
  const input = file && {
    fileName: file.name,
    contentBase64: file.base64,
    format: format === 'auto' ? undefined : format,
    officeBankAccountId: bankId === null ? null : Number(bankId),
  };
  const preview = useFilePreview(
    ['bankStatements', 'preview', file?.stamp, format, bankId],
    () => unwrap(window.api.bankStatements.preview(input!)),
    input !== null,
  );
  const p = preview.data;

  const runImport = async () => {
    if (!input) return;
    await run(() => unwrap(window.api.bankStatements.import(input)), ['bankStatements', 'reconciliation']);
  };
  const canImport = !!p && !preview.isFetching && p.errors.length === 0 && p.totals.toImport > 0 && !result;
  const period =
    p?.statementFrom && p.statementTo
      ? p.statementFrom === p.statementTo
        ? ` of ${formatDate(p.statementFrom)}`
        : ` from ${formatDate(p.statementFrom)} to ${formatDate(p.statementTo)}`
      : '';

  return (
    <>
      <PageHeader
        title="Import bank statement"
        description="Bring in the bank's statement of an office account as CSV, BAI2 or camt.053, so that reconciliation can match its lines. Nothing is imported while the file has a problem, and a line imported before is never imported twice."
        actions={<BackToImport />}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={4} fz="md">
                Statement
              </Title>
              <Select
                label="Bank account"
                description={
                  activeBanks.length === 0 ? 'No bank account of the office is set up (Settings › Company).' : 'The office account this statement is of.'
                }
                placeholder="Not named"
                data={activeBanks.map((b) => ({ value: String(b.id), label: `${b.name} ${maskAccountNumber(b.last4)}` }))}
                value={bankId}
                onChange={(v) => {
                  setChosenBank(v);
                  clearResult();
                }}
                clearable
                data-testid="statement-bank-account"
              />
              <ChooseFileButton onChoose={(f) => void choose(f)} accept=".csv,.txt,.xlsx,.bai,.bai2,.xml" testId="statement-choose-file">
                Choose the statement file…
              </ChooseFileButton>
              {file && (
                <Text size="sm" data-testid="statement-file-name">
                  {file.name}
                </Text>
              )}
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Format
                </Text>
                <SegmentedControl
                  size="xs"
                  value={format}
                  onChange={(v) => {
                    setFormat(v as typeof format);
                    clearResult();
                  }}
                  data={[
                    { value: 'auto', label: p && format === 'auto' ? `As read: ${formatWords[p.format]}` : 'As read' },
                    { value: 'csv', label: 'CSV' },
                    { value: 'bai2', label: 'BAI2' },
                    { value: 'camt053', label: 'camt.053' },
                  ]}
                  data-testid="statement-format"
                />
              </Stack>
              <Button onClick={() => void runImport()} disabled={!canImport} loading={importing} data-testid="statement-import">
                {p && p.totals.toImport > 0 ? `Import ${p.totals.toImport} ${p.totals.toImport === 1 ? 'line' : 'lines'}` : 'Import'}
              </Button>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <ImportStatus
              testId="statement-status"
              intro="Choose the statement file your bank gives you: a CSV download, a BAI2 file or a camt.053 statement."
              chosen={file !== null}
              preview={preview}
              result={result}
              error={importError}
              done={(r) => ({
                title: 'Statement imported',
                text: `${r.imported} ${r.imported === 1 ? 'line was' : 'lines were'} imported${r.alreadyImported ? `; ${r.alreadyImported} imported before were skipped` : ''}.`,
              })}
              failed="Nothing was imported"
              heldBack="Nothing will be imported from this file until it has none."
              nothingNew={(q) =>
                q.totals.toImport === 0 ? { title: 'Nothing new to import', text: 'Every line of this statement was imported before.' } : null
              }
              ready={(q) => ({
                title: 'Ready to import',
                text: (
                  <>
                    {q.totals.toImport} {q.totals.toImport === 1 ? 'line' : 'lines'}
                    {period}: {formatMoney(q.totals.creditsCents)} in, {formatMoney(q.totals.debitsCents)} out
                    {q.openingBalanceCents !== null && q.closingBalanceCents !== null
                      ? `; balance ${formatMoney(q.openingBalanceCents)} to ${formatMoney(q.closingBalanceCents)}`
                      : ''}
                    {q.totals.alreadyImported ? `; ${q.totals.alreadyImported} imported before will be skipped` : ''}.
                  </>
                ),
              })}
            />
            <ProblemsGrid label="Statement problems" testId="statement-errors" problems={p?.errors} />
            {p && <DataGrid label="Statement lines" testId="statement-lines" data={p.lines} columns={lineColumns} height={300} empty="No lines read." />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
