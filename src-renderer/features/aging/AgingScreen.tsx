import { memo, startTransition, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import type { AccountKind } from '@shared/domain/accounts';
import { DateInput } from '@mantine/dates';
import { IconAlertCircle, IconCalendar, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import { Link, useSearchParams } from 'react-router';
import {
  agingPresentationOf,
  type AgingBasis,
  type AgingDetail,
  type AgingDetailRow,
  type AgingPresentation,
  type AgingSummaryRow,
} from '@shared/domain/aging';
import { addDays, addMonths, formatDate, isIsoDate, startOfMonth } from '@shared/dates';
import { formatMoney, parseMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { FullHeight } from '../../components/FullHeight';
import { GridExportMenu, useGridExporter, type GridExporter } from '../../components/GridExport';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { sortRows, type SortKey } from '../../components/sortRows';
import { AgingDrillDrawer, DaysText, type DrillTarget } from './AgingDrillDrawer';
import { AgingOverview } from './AgingOverview';
import { detailTotals, filterDetail, filterSummary, isFiltered, summaryTotals, type AgingFilters } from './filters';
import { choiceOf, presentationChoices, presentationOfChoice } from './presentation';

type View = 'summary' | 'detail';

/**
 * Aging: what each account owes by days past due, as of any date, on the due-date or invoice-date
 * basis. Summary (one row per account, drill-down from a bucket cell) and detail (one row per open
 * invoice). As-of date, basis, view and a one-off choice of how open credits show (not saved; the
 * settings hold the office's own) live in the URL so Back from an account returns to the same report.
 */
export function AgingScreen() {
  const [params, setParams] = useSearchParams();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && isIsoDate(asOfParam) ? asOfParam : undefined;
  const basisParam = params.get('basis');
  const basis: AgingBasis | undefined = basisParam === 'due' || basisParam === 'invoice' ? basisParam : undefined;
  const view: View = params.get('view') === 'detail' ? 'detail' : 'summary';
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const settings = useQuery({ queryKey: ['aging', 'settings'], queryFn: () => unwrap(window.api.aging.getSettings()) });
  const effectiveBasis = basis ?? settings.data?.defaultBasis;
  const savedPresentation = settings.data ? agingPresentationOf(settings.data) : undefined;
  const presentation: AgingPresentation | undefined = presentationOfChoice(params.get('credits')) ?? savedPresentation;
  const credits = presentation ? choiceOf(presentation) : undefined;

  const summary = useQuery({
    queryKey: ['aging', 'summary', asOf ?? 'today', effectiveBasis, credits],
    queryFn: () => unwrap(window.api.aging.summary({ asOf, basis: effectiveBasis, presentation })),
    enabled: view === 'summary' && effectiveBasis !== undefined && presentation !== undefined,
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    queryKey: ['aging', 'detail', asOf ?? 'today', effectiveBasis, credits],
    queryFn: () => fetchAllDetail(asOf, effectiveBasis, presentation),
    enabled: view === 'detail' && effectiveBasis !== undefined && presentation !== undefined,
    placeholderData: keepPreviousData,
  });
  const current = view === 'summary' ? summary : detail;
  // "Today" is the company's business date, as the backend resolves it.
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    if (!asOf && current.data?.asOf) setToday(current.data.asOf);
  }, [asOf, current.data?.asOf]);
  const shownAsOf = asOf ?? current.data?.asOf ?? null;
  const resolvedBasis: AgingBasis = current.data?.basis ?? effectiveBasis ?? 'due';
  const shownPresentation: AgingPresentation = current.data?.presentation ?? presentation ?? presentationChoices[0]!.p;
  const creditsLabel = presentationChoices.find((c) => c.value === choiceOf(shownPresentation))?.label ?? '';

  // Renaming an account changes the report too; its change event names only 'accounts'.
  useEffect(
    () =>
      window.api.on('data.changed', ({ domains }) => {
        if (domains.includes('accounts') && !domains.includes('aging')) void queryClient.invalidateQueries({ queryKey: ['aging'] });
      }),
    [],
  );

  const [text, setText] = useState('');
  // Bumped by Clear filters so the Find box, which holds what is typed, starts empty again.
  const [findKey, setFindKey] = useState(0);
  const [minText, setMinText] = useState('');
  const [pastDueOnly, setPastDueOnly] = useState(false);
  const [accountKind, setAccountKind] = useState<AccountKind | null>(null);
  const minCents = minText.trim() === '' ? null : parseMoney(minText);
  const minInvalid = minText.trim() !== '' && (minCents === null || minCents < 0);
  const typed = useMemo<AgingFilters>(
    () => ({ text, minCents: minInvalid ? null : minCents, pastDueOnly, accountKind }),
    [text, minCents, minInvalid, pastDueOnly, accountKind],
  );
  // Filtering 50,000 rows must not hold up typing: the grid follows a beat behind the keyboard. The views
  // are memoized, so a keystroke's urgent render stops here and only the deferred one rebuilds the grid.
  const filters = useDeferredValue(typed);
  const clearFilters = () => {
    setText('');
    setFindKey((k) => k + 1);
    setMinText('');
    setPastDueOnly(false);
    setAccountKind(null);
  };

  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const labels = current.data?.bucketLabels ?? [];
  const basisLabel = `As of ${formatDate(shownAsOf)} · aged by ${resolvedBasis === 'due' ? 'due date' : 'invoice date'}`;

  const presets = useMemo(() => (today ? datePresets(today) : []), [today]);

  // Export: the grid's rows after these filters, every one (the grid holds them all; only the visible are drawn).
  const summaryExporter = useGridExporter<AgingSummaryRow>();
  const detailExporter = useGridExporter<AgingDetailRow>();
  const exportFilters: [string, string][] = [
    ['Aged by', resolvedBasis === 'due' ? 'Due date' : 'Invoice date'],
    ['Open credits', creditsLabel],
    ...(filters.text.trim() ? [['Find', filters.text.trim()] as [string, string]] : []),
    ...(filters.minCents !== null ? [[view === 'summary' ? 'Total at least' : 'Open at least', formatMoney(filters.minCents)] as [string, string]] : []),
    ...(filters.accountKind ? [['Accounts', filters.accountKind === 'consumer' ? 'Consumer' : 'Commercial'] as [string, string]] : []),
    ...(filters.pastDueOnly ? [['Past due only', 'Yes'] as [string, string]] : []),
  ];
  const exportProps = { filters: exportFilters, asOf: shownAsOf, disabled: !current.data || current.isFetching };

  return (
    <FullHeight>
      <PageHeader
        title="Aging"
        description="Open receivables by days past due. Pick any as-of date: payments and credits dated after it do not count."
        actions={
          <Group gap="sm">
            <SegmentedControl
              aria-label="View"
              value={view}
              onChange={(v) => setParam('view', v === 'detail' ? 'detail' : null)}
              data={[
                { value: 'summary', label: 'Summary by account' },
                { value: 'detail', label: 'Detail by invoice' },
              ]}
            />
            {view === 'summary' ? (
              <GridExportMenu exporter={summaryExporter} grid="agingSummary" {...exportProps} />
            ) : (
              <GridExportMenu exporter={detailExporter} grid="agingDetail" {...exportProps} order="Account name, then due date" />
            )}
          </Group>
        }
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <DateInput
          label="As of"
          w={170}
          value={shownAsOf}
          onChange={(v) => setParam('asOf', v && v !== today ? v : null)}
          leftSection={<IconCalendar size={16} />}
          presets={presets}
          popoverProps={{ position: 'bottom-start' }}
          data-testid="aging-as-of"
        />
        <div>
          <Text size="sm" fw={500} mb={3}>
            Age by
          </Text>
          <SegmentedControl
            aria-label="Age by"
            value={resolvedBasis}
            onChange={(v) => setParam('basis', v === settings.data?.defaultBasis ? null : v)}
            data={[
              { value: 'due', label: 'Due date' },
              { value: 'invoice', label: 'Invoice date' },
            ]}
          />
        </div>
        <Select
          label="Open credits"
          w={290}
          value={credits ?? null}
          onChange={(v) => setParam('credits', v === null || (savedPresentation && v === choiceOf(savedPresentation)) ? null : v)}
          data={presentationChoices.map((c) => ({ value: c.value, label: c.label }))}
          allowDeselect={false}
          comboboxProps={{ width: 320, position: 'bottom-start' }}
          data-testid="aging-credits"
        />
        <FindBox key={findKey} placeholder={view === 'summary' ? 'Account name or number' : 'Account or invoice number'} onChange={setText} />
        <TextInput
          label={view === 'summary' ? 'Total at least' : 'Open at least'}
          placeholder="0.00"
          leftSection={
            <Text size="sm" c="dimmed">
              $
            </Text>
          }
          value={minText}
          onChange={(e) => setMinText(e.currentTarget.value)}
          error={minInvalid ? 'Not an amount' : undefined}
          w={140}
          styles={{ input: { textAlign: 'right' } }}
        />
        <Select
          label="Accounts"
          w={170}
          value={accountKind ?? 'all'}
          onChange={(v) => setAccountKind(v === 'consumer' || v === 'commercial' ? v : null)}
          data={[
            { value: 'all', label: 'All accounts' },
            { value: 'consumer', label: 'Consumer' },
            { value: 'commercial', label: 'Commercial' },
          ]}
          allowDeselect={false}
          data-testid="aging-account-kind"
        />
        <Checkbox label="Past due only" checked={pastDueOnly} onChange={(e) => setPastDueOnly(e.currentTarget.checked)} mb={8} />
        {isFiltered(filters) && (
          <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={clearFilters} mb={2}>
            Clear filters
          </Button>
        )}
      </Group>
      {current.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="sm">
          {current.error.message}
        </Alert>
      )}
      {view === 'summary' ? (
        <SummaryView
          rows={summary.data?.rows}
          labels={labels}
          filters={filters}
          loading={summary.isFetching}
          basisLabel={basisLabel}
          basis={resolvedBasis}
          presentation={shownPresentation}
          asOf={shownAsOf}
          onDrill={setDrill}
          exporter={summaryExporter}
        />
      ) : (
        <DetailView
          rows={detail.data?.rows}
          labels={labels}
          filters={filters}
          loading={detail.isFetching}
          basisLabel={basisLabel}
          basis={resolvedBasis}
          presentation={shownPresentation}
          exporter={detailExporter}
        />
      )}
      {shownAsOf && (
        <AgingDrillDrawer
          target={drill}
          asOf={shownAsOf}
          basis={resolvedBasis}
          presentation={shownPresentation}
          labels={labels}
          onClose={() => setDrill(null)}
        />
      )}
    </FullHeight>
  );
}

/**
 * The Find box keeps what is typed itself, so a keystroke redraws only the box; the screen follows in a
 * transition (interruptible by the next keystroke), and the grid after it through the deferred filters.
 */
function FindBox({ placeholder, onChange }: { placeholder: string; onChange: (text: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <TextInput
      label="Find"
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setValue(next);
        startTransition(() => onChange(next));
      }}
      w={240}
    />
  );
}

/** Every open invoice (and aged credit) in one call: the grid is virtualized, so the row count costs no DOM. */
function fetchAllDetail(asOf: string | undefined, basis: AgingBasis | undefined, presentation: AgingPresentation | undefined): Promise<AgingDetail> {
  return unwrap(window.api.aging.detail({ asOf, basis, presentation }));
}

/** Month, quarter and year ends: the dates offices run aging for. */
function datePresets(today: string) {
  const monthStart = startOfMonth(today);
  const quarterStart = addMonths(monthStart, -((Number(today.slice(5, 7)) - 1) % 3));
  return [
    { value: today, label: 'Today' },
    { value: addDays(monthStart, -1), label: 'End of last month' },
    { value: addDays(quarterStart, -1), label: 'End of last quarter' },
    { value: `${Number(today.slice(0, 4)) - 1}-12-31`, label: 'End of last year' },
  ];
}

const count = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${n === 1 ? unit : `${unit}s`}`;
/** Credits show as negative amounts; never as -$0.00. */
const negate = (c: number) => (c === 0 ? 0 : -c);
const zero = (
  <Text span c="gray.4">
    —
  </Text>
);
const moneyCell = (cents: number) => (cents === 0 ? zero : <Money cents={cents} />);

const sumHelper = createColumnHelper<AgingSummaryRow>();

const SummaryView = memo(function SummaryView(props: {
  rows: AgingSummaryRow[] | undefined;
  labels: string[];
  filters: AgingFilters;
  loading: boolean;
  basisLabel: string;
  basis: AgingBasis;
  presentation: AgingPresentation;
  asOf: string | null;
  onDrill: (t: DrillTarget) => void;
  exporter: GridExporter<AgingSummaryRow>;
}) {
  const { labels, onDrill } = props;
  // The Unapplied column while credits sit there; Prepayments when payments are kept apart.
  const showUnapplied = props.presentation.creditPresentation === 'column';
  const showPrepayments = props.presentation.prepaymentsApart;
  const all = props.rows ?? [];
  const rows = useMemo(() => filterSummary(all, props.filters), [all, props.filters]);
  const totals = useMemo(() => summaryTotals(rows, labels.length), [rows, labels.length]);
  // The backend answers in name order; other orders are sorted here (fast on 50,000 rows).
  const [sorting, setSorting] = useState<SortingState>([{ id: 'accountName', desc: false }]);
  const keys = useMemo(() => {
    const k: Record<string, SortKey<AgingSummaryRow>> = {
      accountNumber: (r) => r.accountNumber,
      unapplied: (r) => -r.unappliedCents,
      prepayments: (r) => -r.prepaymentCents,
      totalCents: (r) => r.totalCents,
    };
    for (const i of labels.keys()) k[`b${i}`] = (r) => r.buckets[i] ?? 0;
    return k;
  }, [labels]);
  const sorted = useMemo(
    () => (sorting[0]?.id === 'accountName' && !sorting[0].desc ? rows : sortRows(rows, sorting, { ...keys, accountName: (r) => r.accountName })),
    [rows, sorting, keys],
  );
  const columns = useMemo<GridColumns<AgingSummaryRow>>(
    () => [
      sumHelper.accessor('accountNumber', {
        header: 'Account',
        meta: { width: 104, total: 'Total', exportAs: 'text', exportHeader: 'Account number' },
        cell: (c) => (
          <Anchor component={Link} to={`/accounts/${c.row.original.accountId}`} size="sm" className="mono" onClick={(e) => e.stopPropagation()}>
            {c.getValue()}
          </Anchor>
        ),
      }),
      sumHelper.accessor('accountName', {
        header: 'Name',
        meta: { minWidth: 150, grow: 1, wrap: true, total: count(rows.length, 'account'), exportAs: 'text' },
        cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
      }),
      ...labels.map((label, i) =>
        sumHelper.accessor((r) => r.buckets[i] ?? 0, {
          id: `b${i}`,
          header: label,
          sortDescFirst: true,
          meta: {
            numeric: true,
            minWidth: 92,
            total: <Money cents={totals.buckets[i] ?? 0} />,
            exportAs: 'money',
            cellClickable: (r: AgingSummaryRow) => (r.buckets[i] ?? 0) !== 0,
            onCellClick: (r: AgingSummaryRow) =>
              onDrill({ accountId: r.accountId, accountNumber: r.accountNumber, accountName: r.accountName, bucket: i, cents: r.buckets[i] ?? 0 }),
            cellLabel: (r: AgingSummaryRow) => `${label}: ${formatMoney(r.buckets[i] ?? 0)} for ${r.accountName}, show the invoices`,
          },
          cell: (c) => moneyCell(c.getValue() as number),
        }),
      ),
      ...(showUnapplied
        ? [
            sumHelper.accessor((r) => negate(r.unappliedCents), {
              id: 'unapplied',
              header: 'Unapplied',
              sortDescFirst: false,
              meta: { numeric: true, minWidth: 112, total: <Money cents={negate(totals.unappliedCents)} />, exportAs: 'money' },
              cell: (c) => moneyCell(c.getValue() as number),
            }),
          ]
        : []),
      ...(showPrepayments
        ? [
            sumHelper.accessor((r) => negate(r.prepaymentCents), {
              id: 'prepayments',
              header: 'Prepayments',
              sortDescFirst: false,
              meta: { numeric: true, minWidth: 124, grow: 1.4, total: <Money cents={negate(totals.prepaymentCents)} />, exportAs: 'money' },
              cell: (c) => moneyCell(c.getValue() as number),
            }),
          ]
        : []),
      sumHelper.accessor('totalCents', {
        header: 'Total',
        sortDescFirst: true,
        meta: { numeric: true, minWidth: 104, total: <Money cents={totals.totalCents} />, exportAs: 'money' },
        cell: (c) => <Money cents={c.getValue()} fw={600} />,
      }),
    ],
    [labels, totals, rows.length, onDrill, showUnapplied, showPrepayments],
  );
  return (
    <>
      <AgingOverview
        totalLabel="Total receivable"
        labels={labels}
        buckets={totals.buckets}
        unappliedCents={showUnapplied ? totals.unappliedCents : undefined}
        prepaymentCents={showPrepayments ? totals.prepaymentCents : undefined}
        totalCents={totals.totalCents}
        rowCount={rows.length}
        unit="accounts"
        basisLabel={props.basisLabel}
      />
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          label="Aging summary"
          testId="aging-summary"
          exporter={props.exporter}
          data={sorted as AgingSummaryRow[]}
          columns={columns}
          getRowId={(r) => String(r.accountId)}
          loading={props.loading}
          showTotals
          rowHeight={40}
          windowed
          sorting={sorting}
          onSortingChange={setSorting}
          empty={all.length === 0 ? `No open receivables as of ${formatDate(props.asOf)}.` : 'No accounts match the filters.'}
        />
      </div>
    </>
  );
});

const detHelper = createColumnHelper<AgingDetailRow>();

const DetailView = memo(function DetailView(props: {
  rows: AgingDetailRow[] | undefined;
  labels: string[];
  filters: AgingFilters;
  loading: boolean;
  basisLabel: string;
  basis: AgingBasis;
  presentation: AgingPresentation;
  exporter: GridExporter<AgingDetailRow>;
}) {
  const { labels } = props;
  // Aged credits are rows too (negative open amounts): the rows are then documents, not only invoices.
  const aged = props.presentation.creditPresentation === 'aged';
  const unit = aged ? 'item' : 'invoice';
  const all = props.rows ?? [];
  const rows = useMemo(() => filterDetail(all, props.filters), [all, props.filters]);
  const totals = useMemo(() => detailTotals(rows, labels.length), [rows, labels.length]);
  // The backend answers by account name, then due date; other orders are sorted here.
  const [sorting, setSorting] = useState<SortingState>([]);
  const sorted = useMemo(
    () =>
      sortRows(rows, sorting, {
        accountNumber: (r) => r.accountNumber,
        accountName: (r) => r.accountName,
        number: (r) => r.number ?? r.kind,
        docDate: (r) => r.docDate,
        dueDate: (r) => r.dueDate,
        daysPastDue: (r) => r.daysPastDue,
        bucket: (r) => r.bucket,
        totalCents: (r) => r.totalCents,
        openCents: (r) => r.openCents,
      }),
    [rows, sorting],
  );
  const columns = useMemo<GridColumns<AgingDetailRow>>(
    () => [
      detHelper.accessor('accountNumber', {
        header: 'Account',
        meta: { width: 104, total: 'Total', exportAs: 'text', exportHeader: 'Account number' },
        cell: (c) => (
          <Anchor component={Link} to={`/accounts/${c.row.original.accountId}`} size="sm" className="mono">
            {c.getValue()}
          </Anchor>
        ),
      }),
      detHelper.accessor('accountName', {
        header: 'Name',
        meta: { minWidth: 160, grow: 2, wrap: true, total: count(rows.length, unit), exportAs: 'text' },
        cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
      }),
      detHelper.accessor((r) => r.number ?? r.kind, {
        id: 'number',
        header: aged ? 'Document' : 'Invoice',
        meta: { width: 118, exportAs: 'text' },
        cell: (c) => <span className="mono">{c.getValue() as string}</span>,
      }),
      detHelper.accessor('docDate', { header: aged ? 'Date' : 'Invoice date', meta: { width: 116, exportAs: 'date' }, cell: (c) => formatDate(c.getValue()) }),
      detHelper.accessor('dueDate', { header: 'Due date', meta: { width: 116, exportAs: 'date' }, cell: (c) => formatDate(c.getValue()) }),
      detHelper.accessor('daysPastDue', {
        header: props.basis === 'due' ? 'Days past due' : 'Days old',
        sortDescFirst: true,
        meta: { numeric: true, width: 132, exportAs: 'integer' },
        cell: (c) => <DaysText days={c.getValue()} />,
      }),
      detHelper.accessor('bucket', {
        header: 'Bucket',
        sortDescFirst: true,
        meta: { width: 92, exportAs: 'text', exportValue: (r) => labels[r.bucket] ?? '' },
        cell: (c) => labels[c.getValue()] ?? '',
      }),
      detHelper.accessor('totalCents', {
        header: 'Original',
        sortDescFirst: true,
        meta: { numeric: true, minWidth: 104, total: <Money cents={totals.originalCents} />, exportAs: 'money' },
        cell: (c) => <Money cents={c.getValue()} />,
      }),
      detHelper.accessor('openCents', {
        header: 'Open',
        sortDescFirst: true,
        meta: { numeric: true, minWidth: 104, total: <Money cents={totals.openCents} />, exportAs: 'money' },
        cell: (c) => <Money cents={c.getValue()} fw={600} />,
      }),
    ],
    [labels, totals, rows.length, props.basis, aged, unit],
  );
  return (
    <>
      <AgingOverview
        totalLabel={aged ? 'Open items' : 'Open invoices'}
        labels={labels}
        buckets={totals.buckets}
        totalCents={totals.openCents}
        rowCount={rows.length}
        unit={aged ? 'items' : 'invoices'}
        basisLabel={props.basisLabel}
      />
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          label="Aging detail"
          testId="aging-detail"
          exporter={props.exporter}
          data={sorted as AgingDetailRow[]}
          rowHeight={40}
          windowed
          sorting={sorting}
          onSortingChange={setSorting}
          columns={columns}
          getRowId={(r) => String(r.documentId)}
          loading={props.loading}
          showTotals
          empty={all.length === 0 ? `No open ${unit}s as of this date.` : `No ${unit}s match the filters.`}
        />
      </div>
    </>
  );
});
