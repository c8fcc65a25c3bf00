import { YourDrafts } from '../invoices/YourDrafts';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  Badge,
  Box,
  Button,
  CloseButton,
  Group,
  Kbd,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import {
  accountSortKeys,
  type AccountKind,
  type AccountListSort,
  type AccountSearchHit,
  type AccountStatus,
  type AccountSummary,
} from '@shared/domain/accounts';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { DataGrid } from '../../components/DataGrid';
import { GridExportMenu, useGridExporter } from '../../components/GridExport';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { accountKindLabels, accountStatusColors, accountStatusLabels } from './api';
import { NewAccountModal } from './AccountForm';

const PAGE = 200;
/** The most rows accounts.list gives in one answer. */
const EXPORT_PAGE = 500;
/** Tall enough for a long name on two lines (names wrap rather than end in "..."). */
const ROW_HEIGHT = 44;

/** A list row; `loading` rows hold the place of a page not fetched yet (the grid knows the full count). */
type ListRow =
  | (Partial<AccountSummary> & { id: number; accountNumber: string; name: string; balanceCents: number; pastDueCents?: number; loading?: false })
  | { loading: true; id: number };

const matchedLabels: Record<AccountSearchHit['matchedOn'], string> = {
  accountNumber: 'Account #',
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  invoiceNumber: 'Document #',
};

export function AccountsScreen() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const open = (id: number) => navigate(`/accounts/${id}`);
  return (
    <Box
      style={{
        height: 'calc(100dvh - var(--app-shell-header-offset, 0px) - var(--app-shell-footer-offset, 0px) - 2 * var(--mantine-spacing-md))',
        minHeight: 420,
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <PageHeader
        title="Accounts"
        description="Find a customer by name, account number, phone, email or invoice number, or browse the whole list."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            New account
          </Button>
        }
      />
      <YourDrafts />
      <SearchBox query={query} onChange={setQuery} onOpen={open} />
      {query.trim() ? null : <BrowseList onOpen={open} />}
      <NewAccountModal opened={adding} onClose={() => setAdding(false)} onCreated={(a) => open(a.id)} />
    </Box>
  );
}

function SearchBox({ query, onChange, onOpen }: { query: string; onChange: (q: string) => void; onOpen: (id: number) => void }) {
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const [active, setActive] = useState(0);
  const hits = useQuery({
    queryKey: ['accounts', 'search', debounced],
    queryFn: () => unwrap(window.api.accounts.search({ query: debounced, limit: 25 })),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const rows = debounced ? (hits.data ?? []) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts at its first hit
  useEffect(() => setActive(0), [debounced]);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.max(rows.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      const hit = rows[active];
      if (hit) onOpen(hit.id);
    } else if (e.key === 'Escape') {
      onChange('');
    }
  };
  const searching = query.trim().length > 0;
  const activeId = rows[active] ? `account-hit-${rows[active]!.id}` : undefined;
  return (
    <>
      <TextInput
        size="md"
        mb="sm"
        autoFocus
        placeholder="Search accounts: name, account #, phone, email or invoice #"
        aria-label="Search accounts"
        role="combobox"
        aria-expanded={searching}
        aria-controls="account-search-results"
        aria-activedescendant={searching ? activeId : undefined}
        aria-autocomplete="list"
        value={query}
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        leftSection={<IconSearch size={18} />}
        rightSection={
          hits.isFetching && searching ? <Loader size={16} /> : query ? <CloseButton aria-label="Clear search" onClick={() => onChange('')} /> : null
        }
      />
      {searching && (
        <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <Group
            justify="space-between"
            px="md"
            py={8}
            style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', background: 'var(--mantine-color-gray-0)' }}
          >
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {debounced && hits.data ? `${rows.length} ${rows.length === 1 ? 'match' : 'matches'}` : 'Searching…'}
            </Text>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move, <Kbd size="xs">Enter</Kbd> to open, <Kbd size="xs">Esc</Kbd> to clear
            </Text>
          </Group>
          <div id="account-search-results" role="listbox" aria-label="Matching accounts" ref={listRef}>
            {rows.map((h, i) => (
              <UnstyledButton
                key={h.id}
                id={`account-hit-${h.id}`}
                role="option"
                aria-selected={i === active}
                data-index={i}
                data-testid={`account-hit-${h.accountNumber}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => onOpen(h.id)}
                w="100%"
                px="md"
                py={9}
                style={{
                  display: 'block',
                  borderBottom: '1px solid var(--mantine-color-gray-1)',
                  background: i === active ? 'var(--mantine-color-ledger-0)' : undefined,
                  borderLeft: `3px solid ${i === active ? 'var(--mantine-color-ledger-6)' : 'transparent'}`,
                }}
              >
                <Group justify="space-between" wrap="nowrap" gap="md">
                  <Box style={{ minWidth: 0 }}>
                    <Group gap={8} wrap="nowrap">
                      <Text fw={600} size="sm" truncate>
                        {h.name}
                      </Text>
                      <Text size="xs" c="dimmed" className="mono">
                        {h.accountNumber}
                      </Text>
                      {h.status !== 'active' && (
                        <Badge size="xs" variant="light" color={accountStatusColors[h.status]} style={{ flexShrink: 0 }}>
                          {accountStatusLabels[h.status]}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" truncate>
                      <Text span inherit fw={500} c="gray.7">
                        {matchedLabels[h.matchedOn]}:
                      </Text>{' '}
                      {h.matchedText}
                      {h.primaryPhone && h.matchedOn !== 'phone' ? ` · ${h.primaryPhone}` : ''}
                      {h.primaryEmail && h.matchedOn !== 'email' ? ` · ${h.primaryEmail}` : ''}
                    </Text>
                  </Box>
                  <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                    <Text size="xs" c="dimmed">
                      Balance
                    </Text>
                    <Money cents={h.balanceCents} fw={600} size="sm" />
                  </Stack>
                </Group>
              </UnstyledButton>
            ))}
            {debounced && hits.data && rows.length === 0 && (
              <Stack align="center" gap={4} p="xl">
                <Text fw={500}>No account matches “{debounced}”</Text>
                <Text size="sm" c="dimmed">
                  Try part of the name, the account number, any four or more digits of a phone number, or an invoice number.
                </Text>
              </Stack>
            )}
          </div>
        </Paper>
      )}
    </>
  );
}

/** The whole list, paged from the backend as the clerk scrolls; only visible rows are in the DOM. */
function BrowseList({ onOpen }: { onOpen: (id: number) => void }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [status, setStatus] = useState<'all' | AccountStatus>('all');
  const [kind, setKind] = useState<'all' | AccountKind>('all');
  const sortId = sorting[0]?.id;
  const sort: AccountListSort = accountSortKeys.find((k) => k === sortId) ?? 'name';
  const direction = sorting[0]?.desc ? 'desc' : 'asc';
  const [range, setRange] = useState({ first: 0, last: 40 });
  const filterKey = { sort, direction, status, kind };

  const fetchPage = async (page: number): Promise<{ rows: ListRow[]; total: number }> => {
    const p = await unwrap(
      window.api.accounts.list({
        sort,
        direction,
        status: status === 'all' ? undefined : status,
        kind: kind === 'all' ? undefined : kind,
        limit: PAGE,
        offset: page * PAGE,
      }),
    );
    return { rows: p.rows, total: p.total };
  };
  const keyOf = (page: number) => ['accounts', 'browse', filterKey, page];
  const first = useQuery({ queryKey: keyOf(0), queryFn: () => fetchPage(0), placeholderData: keepPreviousData });
  const total = first.data?.total ?? 0;
  const wanted = useMemo(() => {
    const out: number[] = [];
    for (let p = Math.floor(range.first / PAGE); p <= Math.floor(range.last / PAGE); p++) if (p > 0 && p * PAGE < total) out.push(p);
    return out;
  }, [range, total]);
  const pages = useQueries({ queries: wanted.map((p) => ({ queryKey: keyOf(p), queryFn: () => fetchPage(p) })) });
  const pagesVersion = pages.map((p) => p.dataUpdatedAt).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the first page, the total or any fetched page (pagesVersion) changes; the other pages are read from the query cache, pages scrolled past included, and keyOf follows the filters through first.data
  const data = useMemo<ListRow[]>(() => {
    const out: ListRow[] = new Array(total);
    const pageCount = Math.ceil(total / PAGE);
    for (let p = 0; p < pageCount; p++) {
      const page = p === 0 ? first.data : queryClient.getQueryData<{ rows: ListRow[] }>(keyOf(p));
      for (let i = 0; i < PAGE && p * PAGE + i < total; i++) {
        const r = page?.rows[i];
        out[p * PAGE + i] = r && !r.loading ? r : { loading: true, id: -(p * PAGE + i + 1) };
      }
    }
    return out;
  }, [first.data, pagesVersion, total]);

  // Export: the backend pages this list, so every page of the same query is fetched, in its order.
  const exporter = useGridExporter<ListRow>();
  const fetchAll = async (): Promise<ListRow[]> => {
    const all: ListRow[] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const p = await unwrap(
        window.api.accounts.list({
          sort,
          direction,
          status: status === 'all' ? undefined : status,
          kind: kind === 'all' ? undefined : kind,
          limit: EXPORT_PAGE,
          offset,
        }),
      );
      all.push(...p.rows);
      if (p.rows.length < EXPORT_PAGE || all.length >= p.total) return all;
    }
  };
  const exportFilters: [string, string][] = [
    ...(status !== 'all' ? [['Status', accountStatusLabels[status]] as [string, string]] : []),
    ...(kind !== 'all' ? [['Kind', accountKindLabels[kind]] as [string, string]] : []),
  ];

  // The grid scrolls itself; follow its scroll position to fetch the pages coming into view.
  const wrapRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onScroll = (e: Event) => {
      const t = e.target as HTMLElement;
      if (t.getAttribute?.('role') !== 'grid') return;
      setRange({ first: Math.floor(t.scrollTop / ROW_HEIGHT), last: Math.ceil((t.scrollTop + t.clientHeight) / ROW_HEIGHT) + 20 });
    };
    el.addEventListener('scroll', onScroll, true);
    return () => el.removeEventListener('scroll', onScroll, true);
  }, []);

  // Sortable columns have an accessor (the table library sorts only those); the backend does the sorting.
  const columns = useMemo<ColumnDef<ListRow, unknown>[]>(
    () => [
      {
        id: 'accountNumber',
        accessorFn: (r) => (r.loading ? null : r.accountNumber),
        header: 'Account #',
        meta: { width: 100, exportAs: 'text', exportHeader: 'Account number', exportValue: (r) => (r.loading ? null : r.accountNumber) },
        cell: ({ row }) =>
          row.original.loading ? (
            <Placeholder />
          ) : (
            <Text span size="sm" className="mono">
              {row.original.accountNumber}
            </Text>
          ),
      },
      {
        id: 'name',
        accessorFn: (r) => (r.loading ? null : r.name),
        header: 'Name',
        meta: { minWidth: 220, grow: 2, wrap: true, exportAs: 'text', exportValue: (r) => (r.loading ? null : r.name) },
        cell: ({ row }) =>
          row.original.loading ? (
            <Placeholder />
          ) : (
            <Text span size="sm" fw={500} title={row.original.name}>
              {row.original.name}
            </Text>
          ),
      },
      {
        id: 'status',
        accessorFn: (r) => (r.loading ? null : r.status),
        header: 'Status',
        meta: { width: 104, exportAs: 'text', exportValue: (r) => (!r.loading && r.status ? accountStatusLabels[r.status] : null) },
        cell: ({ row }) =>
          !row.original.loading && row.original.status ? (
            <Badge
              size="sm"
              style={{ flexShrink: 0 }}
              variant={row.original.status === 'active' ? 'dot' : 'light'}
              color={accountStatusColors[row.original.status]}
            >
              {accountStatusLabels[row.original.status]}
            </Badge>
          ) : null,
      },
      {
        id: 'balance',
        accessorFn: (r) => (r.loading ? null : r.balanceCents),
        header: 'Balance',
        sortDescFirst: true,
        meta: { numeric: true, width: 120, exportAs: 'money', exportValue: (r) => (r.loading ? null : r.balanceCents) },
        cell: ({ row }) => (row.original.loading ? null : <Money cents={row.original.balanceCents} dimZero />),
      },
      {
        id: 'pastDue',
        accessorFn: (r) => (r.loading ? null : r.pastDueCents),
        header: 'Past due',
        sortDescFirst: true,
        meta: { numeric: true, width: 120, exportAs: 'money', exportValue: (r) => (r.loading ? null : r.pastDueCents) },
        cell: ({ row }) =>
          row.original.loading || row.original.pastDueCents === undefined ? null : row.original.pastDueCents > 0 ? (
            <Money cents={row.original.pastDueCents} c="red.7" fw={600} />
          ) : (
            <Money cents={0} dimZero />
          ),
      },
      {
        id: 'phone',
        header: 'Phone',
        enableSorting: false,
        meta: { width: 128, exportAs: 'text', exportValue: (r) => (r.loading ? null : r.primaryPhone) },
        cell: ({ row }) =>
          !row.original.loading ? (
            <Text span size="sm" c="gray.7">
              {row.original.primaryPhone ?? ''}
            </Text>
          ) : null,
      },
      {
        id: 'kind',
        accessorFn: (r) => (r.loading ? null : r.kind),
        header: 'Kind',
        meta: { width: 100, exportAs: 'text', exportValue: (r) => (!r.loading && r.kind ? accountKindLabels[r.kind] : null) },
        cell: ({ row }) =>
          !row.original.loading && row.original.kind ? (
            <Text span size="sm" c="gray.7">
              {accountKindLabels[row.original.kind]}
            </Text>
          ) : null,
      },
      {
        id: 'email',
        header: 'Email',
        enableSorting: false,
        meta: { width: 196, exportAs: 'text', exportValue: (r) => (r.loading ? null : r.primaryEmail) },
        cell: ({ row }) =>
          !row.original.loading ? (
            <Text span size="sm" c="gray.7">
              {row.original.primaryEmail ?? ''}
            </Text>
          ) : null,
      },
    ],
    [],
  );

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            aria-label="Status"
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'active', label: 'Active' },
              { value: 'on_hold', label: 'On hold' },
              { value: 'closed', label: 'Closed' },
            ]}
          />
          <Select
            size="xs"
            w={150}
            aria-label="Kind"
            value={kind}
            onChange={(v) => setKind((v ?? 'all') as typeof kind)}
            allowDeselect={false}
            data={[
              { value: 'all', label: 'All kinds' },
              { value: 'consumer', label: 'Consumer' },
              { value: 'commercial', label: 'Commercial' },
            ]}
          />
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="accounts-count">
            {first.isLoading ? 'Loading…' : `${total.toLocaleString('en-US')} ${total === 1 ? 'account' : 'accounts'}`}
          </Text>
          <GridExportMenu exporter={exporter} grid="accounts" filters={exportFilters} fetchAll={fetchAll} disabled={total === 0} />
        </Group>
      </Group>
      {first.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="sm">
          {first.error.message}
        </Alert>
      )}
      <Box ref={wrapRef} style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          label="Accounts"
          testId="accounts-grid"
          exporter={exporter}
          data={data}
          columns={columns}
          rowHeight={ROW_HEIGHT}
          loading={first.isLoading}
          manualSorting
          sorting={sorting}
          onSortingChange={(s) => {
            // A header click sorts by that column (money largest first), a second click reverses it; the
            // third, which would unsort, reverses again: the backend always pages in some order.
            const next = s[0];
            setSorting(next ? [{ id: next.id, desc: next.desc }] : [{ id: sort, desc: direction === 'asc' }]);
          }}
          getRowId={(r) => String(r.id)}
          onRowClick={(r) => !r.loading && onOpen(r.id)}
          empty={status !== 'all' || kind !== 'all' ? 'No accounts match these filters.' : 'No accounts yet. Create the first one with New account.'}
        />
      </Box>
    </>
  );
}

function Placeholder() {
  return <Box h={10} w="70%" style={{ borderRadius: 4, background: 'var(--mantine-color-gray-1)', display: 'inline-block' }} />;
}
