import { useState } from 'react';
import { Alert, Badge, Button, FileButton, Grid, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { formatDate } from '@shared/dates';
import { maskAccountNumber } from '@shared/domain/bank-accounts';
import type { BankStatementError, BankStatementFormat, BankStatementImportSummary, BankStatementPreview } from '@shared/ipc/contract/bank-statements';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';

interface ChosenFile {
  name: string;
  base64: string;
  stamp: number;
}

/** The file's bytes as base64 (the contract's contentBase64). */
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

const errCol = createColumnHelper<BankStatementError>();
const errorColumns: GridColumns<BankStatementError> = [
  errCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 64 } }),
  errCol.accessor('field', { header: 'Field', meta: { width: 190 } }),
  errCol.accessor('reason', { header: 'Problem', meta: { minWidth: 240, grow: 3, wrap: true }, cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
];

/**
 * Import the office's bank statement (docs/money-in.md, Bank statements): the file (CSV, BAI2 or
 * camt.053, told by the file unless chosen), a preview of its lines and of every problem by
 * line and field, then Import: all lines or none, and a line imported before is never imported twice.
 */
export function ImportStatement() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [format, setFormat] = useState<'auto' | BankStatementFormat>('auto');
  const [result, setResult] = useState<BankStatementImportSummary | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
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
  const preview = useQuery({
    queryKey: ['bankStatements', 'preview', file?.stamp, format, bankId],
    queryFn: () => unwrap(window.api.bankStatements.preview(input!)),
    enabled: input !== null,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  const p = preview.data;

  const choose = async (f: File | null) => {
    if (!f) return;
    setResult(null);
    setImportError(null);
    setFile({ name: f.name, base64: await readAsBase64(f), stamp: Date.now() });
  };
  const runImport = async () => {
    if (!input) return;
    setImporting(true);
    setImportError(null);
    try {
      setResult(await unwrap(window.api.bankStatements.import(input)));
      for (const d of ['bankStatements', 'reconciliation']) void queryClient.invalidateQueries({ queryKey: [d] });
    } catch (err) {
      setImportError(err instanceof Error ? err.message : String(err));
    } finally {
      setImporting(false);
    }
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
        actions={
          <Button component={Link} to="/import" variant="default" size="sm">
            Back to Import
          </Button>
        }
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
                  setResult(null);
                }}
                clearable
                data-testid="statement-bank-account"
              />
              <FileButton onChange={(f) => void choose(f)} accept=".csv,.txt,.xlsx,.bai,.bai2,.xml">
                {(props) => (
                  <Button {...props} leftSection={<IconFileUpload size={16} />} variant="light" data-testid="statement-choose-file">
                    Choose the statement file…
                  </Button>
                )}
              </FileButton>
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
                    setResult(null);
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
            {!file ? (
              <Alert color="blue" icon={<IconInfoCircle size={18} />}>
                Choose the statement file your bank gives you: a CSV download, a BAI2 file or a camt.053 statement.
              </Alert>
            ) : preview.isError ? (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The file could not be read" data-testid="statement-status">
                {preview.error instanceof Error ? preview.error.message : String(preview.error)}
              </Alert>
            ) : !p ? (
              <Text c="dimmed">Reading the file…</Text>
            ) : result ? (
              <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Statement imported" data-testid="statement-status">
                {result.imported} {result.imported === 1 ? 'line was' : 'lines were'} imported
                {result.alreadyImported ? `; ${result.alreadyImported} imported before were skipped` : ''}.
              </Alert>
            ) : importError ? (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Nothing was imported" data-testid="statement-status">
                {importError}
              </Alert>
            ) : p.errors.length > 0 ? (
              <Alert
                color="red"
                icon={<IconAlertTriangle size={18} />}
                title={`${p.errors.length} ${p.errors.length === 1 ? 'problem' : 'problems'} to fix`}
                data-testid="statement-status"
              >
                Nothing will be imported from this file until it has none.
              </Alert>
            ) : p.totals.toImport === 0 ? (
              <Alert color="blue" icon={<IconInfoCircle size={18} />} title="Nothing new to import" data-testid="statement-status">
                Every line of this statement was imported before.
              </Alert>
            ) : (
              <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Ready to import" data-testid="statement-status">
                {p.totals.toImport} {p.totals.toImport === 1 ? 'line' : 'lines'}
                {period}: {formatMoney(p.totals.creditsCents)} in, {formatMoney(p.totals.debitsCents)} out
                {p.openingBalanceCents !== null && p.closingBalanceCents !== null
                  ? `; balance ${formatMoney(p.openingBalanceCents)} to ${formatMoney(p.closingBalanceCents)}`
                  : ''}
                {p.totals.alreadyImported ? `; ${p.totals.alreadyImported} imported before will be skipped` : ''}.
              </Alert>
            )}
            {p && p.errors.length > 0 && (
              <DataGrid label="Statement problems" testId="statement-errors" data={p.errors} columns={errorColumns} height={200} rowHeight={48} />
            )}
            {p && <DataGrid label="Statement lines" testId="statement-lines" data={p.lines} columns={lineColumns} height={300} empty="No lines read." />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
