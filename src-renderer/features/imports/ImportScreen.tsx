import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  FileButton,
  Grid,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet, IconFileUpload, IconInfoCircle, IconRefresh, IconUpload } from '@tabler/icons-react';
import { DateInput } from '@mantine/dates';
import { createColumnHelper } from '@tanstack/react-table';
import { formatBytes } from '@shared/domain/diagnostics';
import type { AllocationMode, ImportAllocation, ImportError, ImportInput, ImportPreview, ImportSummary } from '@shared/ipc/contract/imports';
import { formatMoney } from '@shared/money';
import { CallError, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';
import { Link } from 'react-router';
import classes from './ImportScreen.module.css';
import { readAsBase64, useFilePreview } from './useFileImport';

type Kind = ImportInput['kind'];
const kinds: { value: Kind; label: string; what: string }[] = [
  { value: 'accounts', label: 'Accounts', what: 'Customers or patients, with contacts and addresses.' },
  { value: 'invoices', label: 'Invoices', what: 'One row per invoice, for existing accounts.' },
  { value: 'payments', label: 'Payments', what: 'Bank, lockbox or card-processor files.' },
  { value: 'credit_notes', label: 'Credit notes', what: 'Credits given, with or without the invoice they credit.' },
  { value: 'open_items', label: 'Opening balances', what: 'What is still open on the day you move in, without the history.' },
];
const modes: { value: AllocationMode; label: string; what: string }[] = [
  {
    value: 'as_in_file',
    label: 'As in the file',
    what: 'Each row names the invoice it pays and how much; what is not applied stays on the account as credit.',
  },
  { value: 'oldest_first', label: 'Oldest due first', what: 'The named invoice first, then whatever is due longest; the rest stays as credit.' },
];

interface ChosenFile {
  name: string;
  size: number;
  base64: string;
  /** Changes each time a file is chosen, even the same one again after fixing it. */
  stamp: number;
}

/** What QuickBooks Desktop file each kind takes (docs/quickbooks.md has the menu paths). */
const quickBooksHints: Record<string, string> = {
  accounts: 'The customer list: an IIF file (File › Utilities › Export › Lists to IIF Files) or the Customer Center’s Excel or CSV export.',
  invoices: 'An IIF file of invoices: its INVOICE transactions are imported.',
  open_items: 'The Open Invoices report as of the cut-over date, saved as Excel or CSV.',
};

/**
 * Import accounts, invoices or payments from CSV or XLSX: choose the kind and the file, check the
 * column mapping, read every row problem, then post all or nothing. Re-importing a file posts nothing twice.
 */
export function ImportScreen() {
  const [kind, setKind] = useState<Kind>('accounts');
  const [mode, setMode] = useState<AllocationMode>('oldest_first');
  const [cutOver, setCutOver] = useState<string>('');
  /** What the file is read with besides its bytes: the payments' mode, the open items' cut-over date. */
  const kindOptions = kind === 'payments' ? { allocationMode: mode } : kind === 'open_items' ? { cutOverDate: cutOver || undefined } : {};
  /** A QuickBooks Desktop export (docs/quickbooks.md): converted to the kind's columns before the same checks. */
  const [fromQuickBooks, setFromQuickBooks] = useState(false);
  const quickBooksKind = kind === 'accounts' || kind === 'invoices' || kind === 'open_items';
  const options = { ...kindOptions, ...(fromQuickBooks && quickBooksKind ? { source: 'quickbooks' as const } : {}) };
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  /** The mapping the clerk set; null until the first preview fills it from detection. */
  const [mapping, setMapping] = useState<Record<string, string | null> | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState<{ message: string; errors: ImportError[] } | null>(null);

  // Cleared after each pick, so choosing the same file again (after fixing it) is noticed.
  const resetFileInput = useRef<() => void>(null);
  const choose = async (f: File | null) => {
    resetFileInput.current?.();
    if (!f) return;
    setReadError(null);
    setResult(null);
    setPostError(null);
    try {
      const base64 = await readAsBase64(f);
      setFile({ name: f.name, size: f.size, base64, stamp: Date.now() });
    } catch (err) {
      setReadError(err instanceof Error ? err.message : String(err));
    }
  };
  /** The columns the clerk mapped by hand; kept for the next file of the same kind (the fixed file, next month's file). */
  const [overrides, setOverrides] = useState<Record<string, string | null>>({});
  // A new file or kind starts from the detected mapping...
  // biome-ignore lint/correctness/useExhaustiveDependencies: a reset that runs when the file or the kind changes, which it does not read
  useEffect(() => setMapping(null), [file?.stamp, kind]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a reset that runs when the kind changes, which it does not read
  useEffect(() => setOverrides({}), [kind]);

  const preview = useFilePreview(
    ['imports', 'preview', kind, file?.stamp, mapping, options],
    () => unwrap(window.api.imports.preview({ kind, fileName: file!.name, contentBase64: file!.base64, mapping: mapping ?? undefined, ...options })),
    file !== null,
  );
  const p = preview.data;
  const shownMapping = mapping ?? p?.mapping ?? null;
  // ...then re-applies the hand-made choices when the file still has those columns.
  useEffect(() => {
    if (mapping !== null || !p || Object.keys(overrides).length === 0) return;
    const entries = Object.entries(overrides);
    if (!entries.every(([c, src]) => c in p.mapping && (src === null || p.detectedColumns.includes(src)))) return;
    if (entries.every(([c, src]) => p.mapping[c] === src)) return;
    const next = { ...p.mapping };
    for (const [c, src] of entries) {
      if (src) for (const [other, s] of Object.entries(next)) if (s === src) next[other] = null;
      next[c] = src;
    }
    setMapping(next);
  }, [p, mapping, overrides]);

  const setColumn = (canonical: string, source: string | null) => {
    const next = { ...(shownMapping ?? {}) };
    // One file column feeds one canonical column.
    if (source) for (const [c, s] of Object.entries(next)) if (s === source) next[c] = null;
    next[canonical] = source;
    setMapping(next);
    setOverrides((o) => ({ ...o, [canonical]: source }));
    setResult(null);
    setPostError(null);
  };

  const canPost = !!p && !preview.isFetching && p.errors.length === 0 && p.totals.toPost > 0 && !result;
  const post = async () => {
    if (!file || !p) return;
    setPosting(true);
    setPostError(null);
    try {
      const r = await unwrap(
        window.api.imports.post({ kind, fileName: file.name, contentBase64: file.base64, mapping: shownMapping ?? undefined, ...options }),
      );
      setResult(r);
      // The preview now counts these rows as already imported.
      await queryClient.invalidateQueries({ queryKey: ['imports'] });
    } catch (err) {
      const errors =
        err instanceof CallError && err.details && typeof err.details === 'object' && Array.isArray((err.details as { errors?: unknown }).errors)
          ? (err.details as { errors: ImportError[] }).errors
          : [];
      setPostError({ message: err instanceof Error ? err.message : String(err), errors });
    } finally {
      setPosting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Import"
        description="Bring in accounts, invoices, payments, credit notes or opening balances from a CSV or Excel file. Nothing is posted until the preview shows no problems, and a file imported twice posts nothing twice."
        actions={
          <>
            <Button component={Link} to="/import/returns" variant="default" size="sm" data-testid="import-returns">
              Returned payments file…
            </Button>
            <Button component={Link} to="/import/bank-statement" variant="default" size="sm" data-testid="import-bank-statement">
              Bank statement…
            </Button>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Step n={1} title="What are you importing?">
              <SimpleGrid cols={3} spacing="xs" role="radiogroup" aria-label="What to import">
                {kinds.map((k) => (
                  <UnstyledButton
                    key={k.value}
                    role="radio"
                    aria-checked={kind === k.value}
                    className={classes.kind}
                    data-checked={kind === k.value || undefined}
                    onClick={() => setKind(k.value)}
                  >
                    <Text fw={600} size="sm">
                      {k.label}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.35} mt={2}>
                      {k.what}
                    </Text>
                  </UnstyledButton>
                ))}
              </SimpleGrid>
              {kind !== 'accounts' && (
                <Text size="xs" c="dimmed" mt="xs">
                  Import the accounts first: every row must name an account already in Ledgerdesk.
                </Text>
              )}
              {quickBooksKind && (
                <Switch
                  mt="sm"
                  label="From QuickBooks Desktop"
                  description={quickBooksHints[kind]}
                  checked={fromQuickBooks}
                  onChange={(e) => {
                    setFromQuickBooks(e.currentTarget.checked);
                    setResult(null);
                  }}
                  data-testid="import-from-quickbooks"
                />
              )}
              {kind === 'payments' && (
                <Radio.Group
                  mt="sm"
                  label="How payments are applied"
                  value={mode}
                  onChange={(v) => {
                    setMode(v as AllocationMode);
                    setResult(null);
                  }}
                >
                  <Stack gap={6} mt={4}>
                    {modes.map((m) => (
                      <Radio key={m.value} value={m.value} label={m.label} description={m.what} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              {kind === 'open_items' && (
                <DateInput
                  mt="sm"
                  label="Cut-over date"
                  description="The day the old system's open items are as of; every document is dated on or before it."
                  value={cutOver || null}
                  onChange={(v) => {
                    setCutOver(v ?? '');
                    setResult(null);
                  }}
                  maxDate={new Date()}
                  w={300}
                />
              )}
            </Step>
            <Step n={2} title="Choose the file">
              <Group justify="space-between" wrap="nowrap">
                {file ? (
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    <ThemeIcon variant="light" size={38} radius="md">
                      <IconFileSpreadsheet size={20} />
                    </ThemeIcon>
                    <Box style={{ minWidth: 0 }}>
                      <Text size="sm" fw={500} truncate data-testid="import-file-name">
                        {file.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatBytes(file.size)}
                        {p ? ` · ${p.format.toUpperCase()} · ${p.rows.toLocaleString('en-US')} data rows` : ''}
                      </Text>
                    </Box>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    CSV (comma, semicolon or tab separated) or Excel .xlsx, with a header row. Up to 25 MB.
                  </Text>
                )}
                <FileButton
                  resetRef={resetFileInput}
                  onChange={(f) => void choose(f)}
                  accept=".csv,.txt,.xlsx,.iif,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                >
                  {(props) => (
                    <Button {...props} variant={file ? 'default' : 'filled'} leftSection={<IconFileUpload size={16} />} style={{ flexShrink: 0 }}>
                      {file ? 'Choose another file' : 'Choose file…'}
                    </Button>
                  )}
                </FileButton>
              </Group>
              {readError && (
                <Alert color="red" mt="sm">
                  {readError}
                </Alert>
              )}
            </Step>
            {/* Always shown, so that the steps read 1, 2, 3, 4 before a file is chosen. */}
            <Step
              n={3}
              title="Match the columns"
              aside={
                p && (
                  <Text size="xs" c="dimmed">
                    {p.detectedColumns.length} columns in the file
                  </Text>
                )
              }
            >
              {p && shownMapping ? (
                <MappingTable preview={p} mapping={shownMapping} onChange={setColumn} />
              ) : preview.isFetching ? (
                <Center p="md">
                  <Loader size="sm" />
                </Center>
              ) : (
                <Text size="sm" c="dimmed">
                  The columns appear once the file is read.
                </Text>
              )}
            </Step>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Step n={4} title="Check and post" aside={preview.isFetching && <Loader size="xs" />}>
            {!file ? (
              <EmptyPreview />
            ) : preview.error ? (
              <Alert color="red" icon={<IconAlertTriangle size={16} />} title="The file cannot be imported">
                {preview.error.message}
              </Alert>
            ) : !p ? (
              <Center p="xl">
                <Loader size="sm" />
              </Center>
            ) : (
              <PreviewPanel preview={p} result={result} postError={postError} />
            )}
            {file && (
              <Group justify="space-between" mt="md" align="center">
                <Text size="xs" c="dimmed" maw={420}>
                  {p && p.errors.length > 0
                    ? 'Fix the problems in the file (or the mapping), then choose the file again. Nothing is posted while any row has a problem.'
                    : 'Posting is all or nothing: every row is posted in one step, or none is.'}
                </Text>
                {result ? (
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} />}
                    onClick={() => {
                      setFile(null);
                      setResult(null);
                    }}
                  >
                    Import another file
                  </Button>
                ) : (
                  <Tooltip
                    label={p && p.errors.length > 0 ? 'Fix every problem first' : p && p.totals.toPost === 0 ? 'Nothing new to post' : ''}
                    disabled={canPost || !p}
                  >
                    <span>
                      <Button leftSection={<IconUpload size={16} />} disabled={!canPost} loading={posting} onClick={() => void post()}>
                        {p && p.totals.toPost > 0 ? `Post ${p.totals.toPost.toLocaleString('en-US')} ${noun(kind, p.totals.toPost)}` : 'Post'}
                      </Button>
                    </span>
                  </Tooltip>
                )}
              </Group>
            )}
          </Step>
        </Grid.Col>
      </Grid>
    </>
  );
}

const nouns: Record<Kind, [string, string]> = {
  accounts: ['account', 'accounts'],
  invoices: ['invoice', 'invoices'],
  payments: ['payment', 'payments'],
  credit_notes: ['credit note', 'credit notes'],
  open_items: ['open item', 'open items'],
};
const noun = (kind: Kind, n: number) => nouns[kind][n === 1 ? 0 : 1];

function Step({ n, title, aside, children }: { n: number; title: string; aside?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <ThemeIcon size={22} radius="xl" variant="filled">
            <Text size="xs" fw={700}>
              {n}
            </Text>
          </ThemeIcon>
          <Title order={4} fz="md">
            {title}
          </Title>
        </Group>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

function EmptyPreview() {
  return (
    <Center py={48}>
      <Stack align="center" gap={6} maw={380}>
        <ThemeIcon size={44} radius="xl" variant="light" color="gray">
          <IconFileSpreadsheet size={24} />
        </ThemeIcon>
        <Text fw={500}>No file yet</Text>
        <Text size="sm" c="dimmed" ta="center">
          Choose a file: its rows are checked here, each problem with its line and column, before anything is posted.
        </Text>
      </Stack>
    </Center>
  );
}

function MappingTable({
  preview,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  mapping: Record<string, string | null>;
  onChange: (canonical: string, source: string | null) => void;
}) {
  const options = useMemo(
    () => [{ value: '', label: '— not in the file —' }, ...preview.detectedColumns.filter(Boolean).map((c) => ({ value: c, label: c }))],
    [preview.detectedColumns],
  );
  const used = new Set(Object.values(mapping).filter(Boolean));
  const unused = preview.detectedColumns.filter((c) => c && !used.has(c));
  return (
    <>
      <ScrollArea.Autosize mah={460} offsetScrollbars>
        <Table verticalSpacing={4} aria-label="Column mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ledgerdesk column</Table.Th>
              <Table.Th w={210}>Column in the file</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map((c) => {
              const missing = c.required && !mapping[c.name];
              return (
                <Table.Tr key={c.name}>
                  <Table.Td>
                    <Tooltip label={c.help} multiline w={300} withArrow position="top-start">
                      <Text size="sm" style={{ cursor: 'help', whiteSpace: 'nowrap' }}>
                        <span className="mono" style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
                          {c.name}
                        </span>
                        {c.required && (
                          <Text span c={missing ? 'red.7' : 'dimmed'} size="xs" ml={6}>
                            required
                          </Text>
                        )}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`File column for ${c.name}`}
                      size="xs"
                      data={options}
                      value={mapping[c.name] ?? ''}
                      onChange={(v) => onChange(c.name, v ? v : null)}
                      allowDeselect={false}
                      error={missing ? true : undefined}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed" mt="xs">
        {unused.length ? <>Not imported: {unused.join(', ')}.</> : 'Every column of the file is used.'} Guesses come from the file's headers; change any of
        them.
      </Text>
    </>
  );
}

const allocCol = createColumnHelper<ImportAllocation>();
const allocationColumns = (kind: Kind): GridColumns<ImportAllocation> => [
  allocCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 72 } }),
  allocCol.accessor('paymentReference', { header: kind === 'credit_notes' ? 'Credit note' : 'Payment', meta: { minWidth: 140, grow: 2 } }),
  allocCol.accessor('invoiceNumber', {
    header: 'Invoice',
    meta: { minWidth: 110, grow: 1 },
    cell: (c) => c.getValue() ?? (kind === 'payments' ? 'On account' : 'None named'),
  }),
  allocCol.accessor('appliedCents', { header: 'Applied', meta: { numeric: true, width: 100 }, cell: (c) => formatMoney(c.getValue()) }),
  allocCol.accessor('unappliedCents', {
    header: 'Unapplied',
    meta: { numeric: true, width: 110 },
    cell: (c) => (c.getValue() ? formatMoney(c.getValue()) : ''),
  }),
];

const errCol = createColumnHelper<ImportError>();
const errorColumns: GridColumns<ImportError> = [
  errCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 72 } }),
  errCol.accessor('column', { header: 'Column', meta: { width: 160 }, cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
  errCol.accessor('reason', { header: 'Problem', meta: { minWidth: 220, grow: 3, wrap: true }, cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
];

function PreviewPanel({
  preview: p,
  result,
  postError,
}: {
  preview: ImportPreview;
  result: ImportSummary | null;
  postError: { message: string; errors: ImportError[] } | null;
}) {
  const hasAmounts = p.kind !== 'accounts';
  const errors = postError?.errors.length ? postError.errors : p.errors;
  const [tab, setTab] = useState<string | null>(errors.length ? 'problems' : 'rows');
  useEffect(() => setTab(errors.length ? 'problems' : 'rows'), [errors.length]);
  const sampleColumns = p.columns.filter((c) => p.mapping[c.name]);
  return (
    <Stack gap="md">
      <SimpleGrid cols={hasAmounts ? 5 : 4} spacing="xs">
        <Count label="Rows in the file" value={p.totals.rows} testId="import-count-rows" />
        <Count label="Rows with problems" value={p.totals.rowsWithErrors} color={p.errors.length ? 'red' : undefined} testId="import-count-errors" />
        <Count label="Already imported" value={p.totals.duplicates} testId="import-count-duplicates" note="skipped" />
        <Count label="To post" value={p.totals.toPost} color={p.totals.toPost ? 'teal' : undefined} testId="import-count-to-post" />
        {hasAmounts && (
          <Count label={p.errors.length ? 'Amount, rows without problems' : 'Amount to post'} text={formatMoney(p.totals.amountCents)} testId="import-amount" />
        )}
      </SimpleGrid>

      {result ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Imported" data-testid="import-result">
          Posted {result.posted.toLocaleString('en-US')} {noun(result.kind, result.posted)}
          {result.skippedAsDuplicates ? `; skipped ${result.skippedAsDuplicates.toLocaleString('en-US')} already imported` : ''}
          {result.kind !== 'accounts' && result.posted ? `, ${formatMoney(result.amountCents)} in all` : ''}. Batch #{result.batchId}.
        </Alert>
      ) : postError ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Nothing was posted">
          {postError.message}
        </Alert>
      ) : p.errors.length > 0 ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title={`${p.errors.length.toLocaleString('en-US')} ${p.errors.length === 1 ? 'problem' : 'problems'} to fix`}
          data-testid="import-status"
        >
          {p.errorsTruncated ? 'The first 5,000 problems are listed. ' : ''}Post stays off until the file has none. Nothing has been written.
        </Alert>
      ) : p.totals.toPost === 0 ? (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title="Nothing new to post" data-testid="import-status">
          Every row of this file was imported before; posting it again would change nothing.
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Ready to post" data-testid="import-status">
          No problems found. {p.totals.toPost.toLocaleString('en-US')} {noun(p.kind, p.totals.toPost)} will be posted
          {p.totals.duplicates ? ` and ${p.totals.duplicates.toLocaleString('en-US')} already imported skipped` : ''}.
        </Alert>
      )}

      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab
            value="problems"
            color="red"
            rightSection={
              <Badge size="xs" variant={errors.length ? 'filled' : 'light'} color={errors.length ? 'red' : 'gray'} circle={errors.length < 10}>
                {errors.length}
              </Badge>
            }
          >
            Problems
          </Tabs.Tab>
          <Tabs.Tab value="rows">First rows</Tabs.Tab>
          {p.allocations.length > 0 && <Tabs.Tab value="applied">Applied and unapplied</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="problems" pt="sm">
          <DataGrid
            label="Import problems"
            testId="import-errors"
            data={errors}
            columns={errorColumns}
            height={300}
            rowHeight={48}
            initialSorting={[{ id: 'line', desc: false }]}
            empty="No problems: every row can be posted."
          />
        </Tabs.Panel>
        {p.allocations.length > 0 && (
          <Tabs.Panel value="applied" pt="sm">
            <Text size="xs" c="dimmed" mb={6} data-testid="import-applied-totals">
              {formatMoney(p.totals.appliedCents)} applied to invoices; {formatMoney(p.totals.unappliedCents)} stays on the accounts as unapplied credit.
            </Text>
            <DataGrid
              label="Applied and unapplied"
              testId="import-allocations"
              data={p.allocations}
              columns={allocationColumns(p.kind)}
              height={270}
              empty="No rows to apply."
            />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="rows" pt="sm">
          <ScrollArea h={300} type="auto" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}>
            <Table striped stickyHeader verticalSpacing={5} fz="sm" aria-label="First rows as mapped">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="right">Line</Table.Th>
                  {sampleColumns.map((c) => (
                    <Table.Th key={c.name} className="mono" style={{ whiteSpace: 'nowrap' }}>
                      {c.name}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.sample.map((r) => (
                  <Table.Tr key={r.line} bg={p.errors.some((e) => e.line === r.line) ? 'red.0' : undefined}>
                    <Table.Td className="num" c="dimmed">
                      {r.line}
                    </Table.Td>
                    {sampleColumns.map((c) => (
                      <Table.Td key={c.name} style={{ whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                        {r.values[c.name]}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Count({ label, value, text, color, note, testId }: { label: string; value?: number; text?: string; color?: string; note?: string; testId: string }) {
  return (
    <Paper radius="md" p="xs" bg="gray.0">
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Group gap={4} align="baseline">
        <Text fz="lg" fw={600} c={color && value ? `${color}.8` : undefined} className="num" ta="left" data-testid={testId}>
          {text ?? (value ?? 0).toLocaleString('en-US')}
        </Text>
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
