import { useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatInstant } from '@shared/dates';
import { auditActions, type AuditAction } from '@shared/domain/audit';
import {
  auditActionGroups,
  auditRecordKindLabels,
  auditRecordKinds,
  type AuditActionGroup,
  type AuditLogFilter,
  type AuditLogRow,
  type AuditRecordKind,
} from '@shared/domain/audit-log';
import { auditActionWords } from '@shared/domain/audit-words';
import { unwrap } from '../../api/client';
import { useSession } from '../../app/session';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { dateInputProps } from '../reports/DateRangeFields';
import { AuditChainStatus } from './AuditChainStatus';
import { AuditChangesDrawer } from './AuditChangesDrawer';
import { AuditExportMenu } from './AuditExportMenu';

const PAGE = 100;

/** The action filter: each group ("All payments and refunds") and its actions in words, by value "group:<id>" or the action. */
const actionData = Object.entries(auditActionGroups)
  .filter(([, g]) => g.actions.length > 0)
  .map(([id, g]) => ({
    group: g.label,
    items: [
      { value: `group:${id}`, label: `All: ${g.label.toLowerCase()}` },
      ...[...g.actions].sort((a, b) => auditActionWords[a].localeCompare(auditActionWords[b])).map((a) => ({ value: a, label: auditActionWords[a] })),
    ],
  }));
const actionFilter = (v: string | null): Pick<AuditLogFilter, 'action' | 'actionGroup'> =>
  !v
    ? {}
    : v.startsWith('group:')
      ? { actionGroup: v.slice(6) as AuditActionGroup }
      : (auditActions as readonly string[]).includes(v)
        ? { action: v as AuditAction }
        : {};

/**
 * The audit log for an auditor (docs/clerks-day.md, The audit log): every record, a page of 100 at a
 * time newest first with the total, filtered by office days, person, action and record, searched, in
 * words; a record's changes as before/after fields; the filtered records exported; the chain verified.
 */
export function AuditLogPanel() {
  const { session } = useSession();
  const company = useQuery({ queryKey: ['settings', 'company'], queryFn: () => unwrap(window.api.settings.get()), staleTime: 5 * 60_000 });
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [recordKind, setRecordKind] = useState<AuditRecordKind>('account');
  const [recordNumber, setRecordNumber] = useState('');
  const [search, setSearch] = useState('');
  const [typed] = useDebouncedValue({ recordNumber: recordNumber.trim(), search: search.trim() }, 300);
  const filter: AuditLogFilter = useMemo(
    () => ({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(userId ? { userId: Number(userId) } : {}),
      ...actionFilter(action),
      ...(typed.recordNumber ? { recordKind, recordNumber: typed.recordNumber } : {}),
      ...(typed.search ? { search: typed.search } : {}),
    }),
    [from, to, userId, action, recordKind, typed.recordNumber, typed.search],
  );
  const filterKey = JSON.stringify(filter);
  // Keyset pages: the last record of each page shown is where the next one starts; the first page pins the log.
  const [cursor, setCursor] = useState<{ key: string; starts: number[]; upToSeq?: number }>({ key: filterKey, starts: [] });
  const current = cursor.key === filterKey ? cursor : { key: filterKey, starts: [] };
  const beforeSeq = current.starts.at(-1);
  const page = useQuery({
    queryKey: ['audit', 'page', filterKey, beforeSeq ?? null, current.upToSeq ?? null],
    queryFn: () => unwrap(window.api.audit.page({ ...filter, limit: PAGE, beforeSeq, upToSeq: current.upToSeq })),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const [open, setOpen] = useState<AuditLogRow | null>(null);
  const timeZone = company.data?.timeZone;
  const columns = useMemo<GridColumns<AuditLogRow>>(
    () => [
      { id: 'at', header: 'When', enableSorting: false, meta: { width: 215 }, cell: ({ row }) => formatInstant(row.original.at, timeZone) },
      { id: 'who', header: 'Who', enableSorting: false, meta: { width: 130 }, cell: ({ row }) => row.original.userName ?? 'System' },
      { id: 'action', header: 'Action', enableSorting: false, meta: { width: 170 }, cell: ({ row }) => row.original.actionText },
      {
        id: 'description',
        header: 'What happened',
        enableSorting: false,
        meta: { minWidth: 320, grow: 3, wrap: true },
        cell: ({ row }) => row.original.description,
      },
      {
        id: 'changes',
        header: 'Changes',
        enableSorting: false,
        meta: { width: 110, onCellClick: (r) => setOpen(r), cellClickable: (r) => r.changes.length > 0, cellLabel: (r) => `Changes: ${r.description}` },
        cell: ({ row }) => (row.original.changes.length ? `${row.original.changes.length} ${row.original.changes.length === 1 ? 'field' : 'fields'}` : ''),
      },
    ],
    [timeZone],
  );
  const data = page.data;
  const first = current.starts.length * PAGE;
  const rows = data?.rows ?? [];
  const users = (data?.users ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  const error = page.error instanceof Error ? page.error.message : null;
  const recordError = error && /numbered|record number/i.test(error) ? error : null;
  const next = () => {
    const last = rows.at(-1);
    if (last && data) setCursor({ key: filterKey, starts: [...current.starts, last.seq], upToSeq: data.upToSeq });
  };
  const previous = () => setCursor({ ...current, starts: current.starts.slice(0, -1) });

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <AuditChainStatus canVerify={session.role === 'administrator'} />
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <DateInput {...dateInputProps} label="From" placeholder="First record" value={from} onChange={setFrom} clearable w={140} maxDate={to ?? undefined} />
          <DateInput {...dateInputProps} label="To" placeholder="Last record" value={to} onChange={setTo} clearable w={140} minDate={from ?? undefined} />
          <Select label="Who" placeholder="Anyone" data={users} value={userId} onChange={setUserId} clearable searchable w={150} />
          <Select
            label="Action"
            placeholder="Any action"
            data={actionData}
            value={action}
            onChange={setAction}
            clearable
            searchable
            w={200}
            maxDropdownHeight={360}
          />
          <Select
            label="Record"
            aria-label="Record kind"
            data={auditRecordKinds.map((k) => ({ value: k, label: auditRecordKindLabels[k] }))}
            value={recordKind}
            onChange={(v) => v && setRecordKind(v as AuditRecordKind)}
            allowDeselect={false}
            w={150}
          />
          <TextInput
            label="Number"
            placeholder={recordKind === 'account' ? 'e.g. C-2004' : 'e.g. RCT-000812'}
            value={recordNumber}
            onChange={(e) => setRecordNumber(e.currentTarget.value)}
            error={recordError}
            w={130}
          />
        </Group>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label="Search"
            placeholder="Names, numbers, words"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 180 }}
          />
          <AuditExportMenu filter={filter} disabled={!data || data.total === 0 || Boolean(error)} />
        </Group>
        {error && !recordError && <Alert color="red">{error}</Alert>}
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="audit-count">
            {data
              ? data.total === 0
                ? 'No records match.'
                : `Records ${(first + 1).toLocaleString('en-US')}–${(first + rows.length).toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')}, newest first`
              : 'Reading the log…'}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" leftSection={<IconArrowLeft size={14} />} disabled={current.starts.length === 0} onClick={previous}>
              Newer
            </Button>
            <Button
              variant="default"
              size="xs"
              rightSection={<IconArrowRight size={14} />}
              disabled={!data || first + rows.length >= data.total}
              onClick={next}
            >
              Older
            </Button>
          </Group>
        </Group>
        <DataGrid
          label="Audit log"
          testId="audit-log"
          data={rows}
          columns={columns}
          getRowId={(r) => String(r.seq)}
          loading={page.isFetching}
          onRowClick={(r) => setOpen(r)}
          manualSorting
          height={460}
          rowHeight={44}
          empty="No records match these filters."
        />
      </Stack>
      <AuditChangesDrawer row={open} timeZone={timeZone} onClose={() => setOpen(null)} />
    </Paper>
  );
}
