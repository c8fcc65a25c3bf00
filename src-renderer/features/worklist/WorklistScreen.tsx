import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconFilterOff, IconHandStop, IconPhoneCall, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  worklistReasons,
  type HoldReason,
  type WorklistHeld,
  type WorklistItem,
  type WorklistQuery,
  type WorklistReason,
} from '@shared/domain/collections-policy';
import { callOutcomeLabels } from '@shared/domain/collections';
import { holdLabel, holdText, worklistReasonLabels as reasonLabels, worklistReasonText } from '@shared/domain/collections-text';
import { formatDate } from '@shared/dates';
import { formatMoney, parseMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { FullHeight } from '../../components/FullHeight';
import { GridExportMenu, useGridExporter } from '../../components/GridExport';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { LogCallModal } from '../calls/LogCallModal';
import { LastEvaluation } from '../stages/LastEvaluation';
import { usePersonName } from '../users/names';
import { CallableCell, callableExportText, LastContactCell, PhoneCell, PromiseCell, useNow } from './CallingCells';

const reasonColors: Record<WorklistReason, string> = {
  stage_action: 'orange',
  promise_due: 'blue',
  promise_broken: 'red',
  installment_missed: 'grape',
  callback: 'teal',
};

/** A hold's badge: its short name (shared words) and colour. */
function holdKind(h: HoldReason): { label: string; color: string } {
  const color =
    h.code === 'flag'
      ? h.flag === 'disputed'
        ? 'orange'
        : h.flag === 'deceased'
          ? 'gray'
          : 'red'
      : h.code === 'plan'
        ? 'teal'
        : h.code === 'promise'
          ? 'blue'
          : 'indigo';
  return { label: holdLabel(h), color };
}

type Assignee = 'mine' | 'unassigned' | 'all' | number;

/**
 * The worklist: the signed-in clerk's queue for today, highest score first (docs/collections.md,
 * "Worklist score"), with the accounts held off it and why. Supervisors see everyone's queue and assign
 * rows. Filters live in the URL so Back from an account returns to the same list.
 */
export function WorklistScreen() {
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const reasonParam = params.get('reason');
  const reason = worklistReasons.includes(reasonParam as WorklistReason) ? (reasonParam as WorklistReason) : undefined;
  const stageId = Number(params.get('stage')) || undefined;
  const callableOnly = params.get('callable') === 'now';
  const assigneeParam = params.get('assignee');
  const assignee: Assignee = !supervisor
    ? 'mine'
    : assigneeParam === 'mine' || assigneeParam === 'unassigned' || assigneeParam === 'all'
      ? assigneeParam
      : Number(assigneeParam) > 0
        ? Number(assigneeParam)
        : 'all';
  const [minText, setMinText] = useState(params.get('min') ?? '');
  const minCents = minText.trim() === '' ? undefined : parseMoney(minText);
  const minInvalid = minCents === null || (minCents !== undefined && minCents < 0);
  const deferredMin = useDeferredValue(minInvalid ? undefined : (minCents ?? undefined));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the amount goes into the URL once the deferred value settles, not on every keystroke
  useEffect(() => setParam('min', minInvalid ? null : minText.trim() || null), [deferredMin]);

  const query: WorklistQuery = { reason, stageId, assignee, minPastDueCents: deferredMin, callableNow: callableOnly || undefined, limit: 2000 };
  const worklist = useQuery({
    queryKey: ['collections', 'worklist', query],
    queryFn: () => unwrap(window.api.worklist.get(query)),
    placeholderData: keepPreviousData,
    // Who may be called changes with the clock: ask again every minute.
    refetchInterval: 60_000,
  });
  const now = useNow();
  const personName = usePersonName();
  const stages = useQuery({ queryKey: ['stages', 'list'], queryFn: () => unwrap(window.api.stages.list()), staleTime: 60_000 });
  const users = useQuery({ queryKey: ['users', 'assignees'], queryFn: () => unwrap(window.api.users.assignees()), enabled: supervisor, staleTime: 60_000 });
  const assignees = useMemo(() => {
    const m = new Map<number, string>();
    m.set(session.userId, session.displayName);
    // Every active user (users.assignees), and anyone no longer active who still holds a row on the list.
    for (const u of users.data ?? []) m.set(u.id, u.displayName);
    for (const i of worklist.data?.items ?? [])
      if (i.assignedUserId && i.assignedTo && !m.has(i.assignedUserId)) m.set(i.assignedUserId, personName(i.assignedTo) ?? i.assignedTo);
    return [...m]
      .map(([id, name]) => ({ value: String(id), label: id === session.userId ? `${name} (me)` : name }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [users.data, worklist.data, session.userId, session.displayName, personName]);

  // Payments, postings and stage moves change the list too.
  useEffect(
    () =>
      window.api.on('data.changed', ({ domains }) => {
        if (domains.some((d) => d !== 'collections')) void queryClient.invalidateQueries({ queryKey: ['collections', 'worklist'] });
      }),
    [],
  );

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [calling, setCalling] = useState<number | null>(null);
  const items = useMemo(() => worklist.data?.items ?? [], [worklist.data]);
  useEffect(() => {
    // Keep only rows still on the list.
    setSelected((s) => {
      const ids = new Set(items.map((i) => i.accountId));
      const next = new Set([...s].filter((x) => ids.has(x)));
      return next.size === s.size ? s : next;
    });
  }, [items]);

  const assign = async (userId: number | null) => {
    setAssigning(true);
    try {
      const r = await unwrap(window.api.worklist.assign({ accountIds: [...selected], userId }));
      const name = userId === null ? null : assignees.find((a) => a.value === String(userId))?.label;
      notifications.show({
        color: 'teal',
        message:
          userId === null
            ? `${r.assigned} ${r.assigned === 1 ? 'account' : 'accounts'} unassigned.`
            : `${r.assigned} ${r.assigned === 1 ? 'account' : 'accounts'} assigned to ${name}.`,
      });
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['collections'] });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Not assigned', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setAssigning(false);
    }
  };

  const asOf = worklist.data?.asOf ?? '';
  const columns = useMemo(
    () => worklistColumns({ supervisor, selected, setSelected, items, onCall: setCalling, now, asOf, personName }),
    [supervisor, selected, items, now, asOf, personName],
  );
  const filtered = callableOnly || reason !== undefined || stageId !== undefined || (supervisor && assignee !== 'all') || minText.trim() !== '';
  const clear = () => {
    setMinText('');
    setParams(new URLSearchParams(), { replace: true });
  };
  const totalPastDue = items.reduce((a, i) => a + i.pastDueCents, 0);
  const held = worklist.data?.held ?? [];

  // Export: the list the filters give, every row; the backend caps one answer, so a longer list is fetched in pages.
  const exporter = useGridExporter<WorklistItem>();
  const exportFilters: [string, string][] = [
    ...(reason ? [['Reason', reasonLabels[reason]] as [string, string]] : []),
    ...(stageId ? [['Stage', stages.data?.find((s) => s.id === stageId)?.name ?? String(stageId)] as [string, string]] : []),
    ...(supervisor && assignee !== 'all'
      ? [
          ['Assigned to', assignees.find((a) => a.value === String(assignee))?.label ?? (assignee === 'mine' ? 'Me and unassigned' : 'Unassigned')] as [
            string,
            string,
          ],
        ]
      : []),
    ...(deferredMin !== undefined ? [['Past due at least', formatMoney(deferredMin)] as [string, string]] : []),
    ...(callableOnly ? [['Callable', 'Now only'] as [string, string]] : []),
  ];
  const fetchAll = async (): Promise<WorklistItem[]> => {
    const d = worklist.data;
    if (!d || d.total <= d.items.length) return items;
    const all: WorklistItem[] = [];
    for (let offset = 0; offset < d.total; offset += EXPORT_PAGE) {
      const page = await unwrap(window.api.worklist.get({ ...query, asOf: d.asOf, limit: EXPORT_PAGE, offset }));
      all.push(...page.items);
      if (page.items.length < EXPORT_PAGE) break;
    }
    return all;
  };

  return (
    <FullHeight>
      <PageHeader
        title="Worklist"
        description={
          worklist.data ? (
            <>
              {`${supervisor && assignee === 'all' ? 'Everyone’s queue' : 'Your queue'} for ${formatDate(worklist.data.asOf)}: those that can be called now first, then by priority. Click an account to work it.`}{' '}
              <LastEvaluation run={worklist.data.lastEvaluation} />
            </>
          ) : (
            'Accounts that need an action today: those that can be called now first, then by priority.'
          )
        }
        actions={
          worklist.data && (
            <Group gap="lg">
              <Stat label="To work" value={<span data-testid="worklist-count">{worklist.data.total.toLocaleString('en-US')}</span>} />
              <Stat label="Past due" value={<Money cents={totalPastDue} />} />
              <Stat label="Held" value={held.length.toLocaleString('en-US')} />
            </Group>
          )
        }
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <Select
          label="Reason"
          placeholder="Any reason"
          data={worklistReasons.map((r) => ({ value: r, label: reasonLabels[r] }))}
          value={reason ?? null}
          onChange={(v) => setParam('reason', v)}
          clearable
          w={170}
        />
        <Select
          label="Stage"
          placeholder="Any stage"
          data={(stages.data ?? []).map((s) => ({ value: String(s.id), label: `${s.name} (${s.daysPastDue}+ days)` }))}
          value={stageId ? String(stageId) : null}
          onChange={(v) => setParam('stage', v)}
          clearable
          w={200}
        />
        {supervisor && (
          <Select
            label="Assigned to"
            data={[
              { value: 'all', label: 'Everyone' },
              { value: 'mine', label: 'Me and unassigned' },
              { value: 'unassigned', label: 'Unassigned' },
              ...assignees,
            ]}
            value={String(assignee)}
            onChange={(v) => setParam('assignee', v === 'all' ? null : v)}
            allowDeselect={false}
            w={200}
          />
        )}
        <TextInput
          label="Past due at least"
          placeholder="0.00"
          leftSection={
            <Text size="sm" c="dimmed">
              $
            </Text>
          }
          value={minText}
          onChange={(e) => setMinText(e.currentTarget.value)}
          error={minInvalid ? 'Not an amount' : undefined}
          w={130}
          styles={{ input: { textAlign: 'right' } }}
        />
        <Switch
          label="Callable now"
          checked={callableOnly}
          onChange={(e) => setParam('callable', e.currentTarget.checked ? 'now' : null)}
          mb={8}
          data-testid="callable-filter"
        />
        {filtered && (
          <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={clear} mb={2}>
            Clear filters
          </Button>
        )}
        <Box style={{ flex: 1 }} />
        <GridExportMenu
          exporter={exporter}
          grid="worklist"
          filters={exportFilters}
          asOf={worklist.data?.asOf}
          order="Callable now first; then Score, highest first"
          fetchAll={fetchAll}
          disabled={items.length === 0}
        />
        {supervisor && selected.size > 0 && (
          <Paper withBorder radius="md" px="sm" py={6} bg="ledger.0" data-testid="assign-bar">
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={600}>
                {selected.size} selected
              </Text>
              <Select aria-label="Assign to" placeholder="Assign to…" data={assignees} value={assignTo} onChange={setAssignTo} size="xs" w={170} searchable />
              <Button
                size="xs"
                leftSection={<IconUserCheck size={14} />}
                disabled={!assignTo}
                loading={assigning}
                onClick={() => void assign(Number(assignTo))}
              >
                Assign
              </Button>
              <Tooltip label="Back to the shared queue" withinPortal>
                <Button size="xs" variant="default" leftSection={<IconUserOff size={14} />} loading={assigning} onClick={() => void assign(null)}>
                  Unassign
                </Button>
              </Tooltip>
            </Group>
          </Paper>
        )}
      </Group>
      {worklist.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="sm">
          {worklist.error.message}
        </Alert>
      )}
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <DataGrid
            label="Worklist"
            testId="worklist"
            exporter={exporter}
            data={items}
            columns={columns}
            loading={worklist.isFetching}
            getRowId={(r) => String(r.accountId)}
            onRowClick={(r) => navigate(`/accounts/${r.accountId}?tab=collections`)}
            rowHeight={60}
            empty={
              filtered
                ? 'No accounts match these filters.'
                : 'Nothing to work today. Accounts appear here when a stage action, a promise, an installment or a callback comes due.'
            }
          />
        </Box>
        {/* Nothing held: the grid takes the width (the header's Held figure still says 0). */}
        {held.length > 0 && <HeldPanel held={held} />}
      </Group>
      {calling !== null && <LogCallModal accountId={calling} onClose={() => setCalling(null)} />}
    </FullHeight>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text fz={18} fw={650} className="num" lh={1.2}>
        {value}
      </Text>
    </Stack>
  );
}

const col = createColumnHelper<WorklistItem>();
/** The most rows worklist.get gives in one answer. */
const EXPORT_PAGE = 5000;

function worklistColumns(o: {
  supervisor: boolean;
  selected: Set<number>;
  setSelected: (s: Set<number>) => void;
  items: WorklistItem[];
  onCall: (accountId: number) => void;
  now: Date;
  asOf: string;
  /** The assignee's display name: worklist rows carry the sign-in name. */
  personName: (username: string | null) => string | null;
}): GridColumns<WorklistItem> {
  const allSelected = o.items.length > 0 && o.items.every((i) => o.selected.has(i.accountId));
  const toggle = (id: number) => {
    const next = new Set(o.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    o.setSelected(next);
  };
  // The caller's columns first (name, past due, number, local time and callable, promise, last contact),
  // then why, stage, score and assignee; a narrow window scrolls sideways to them.
  return [
    ...(o.supervisor
      ? [
          col.display({
            id: 'select',
            header: () => (
              <Checkbox
                aria-label="Select all"
                size="xs"
                checked={allSelected}
                indeterminate={!allSelected && o.selected.size > 0}
                onChange={() => o.setSelected(allSelected ? new Set() : new Set(o.items.map((i) => i.accountId)))}
              />
            ),
            meta: { width: 40 },
            cell: (c) => (
              <Box onClick={(e) => e.stopPropagation()} style={{ display: 'flex', alignItems: 'center', height: '100%' }}>
                <Checkbox
                  size="xs"
                  aria-label={`Select ${c.row.original.accountNumber}`}
                  checked={o.selected.has(c.row.original.accountId)}
                  onChange={() => toggle(c.row.original.accountId)}
                />
              </Box>
            ),
          }),
        ]
      : []),
    col.accessor('name', {
      header: 'Account',
      meta: {
        minWidth: 190,
        grow: 2,
        exportColumns: [
          { header: 'Account number', kind: 'text', value: (r) => r.accountNumber },
          { header: 'Name', kind: 'text', value: (r) => r.name },
        ],
      },
      // The name wraps (two lines in a row) rather than end in an ellipsis.
      cell: (c) => (
        <Box style={{ minWidth: 0, lineHeight: 1.25 }}>
          <Text size="sm" fw={500} style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid="worklist-name">
            {c.getValue()}
          </Text>
          <Anchor
            component={Link}
            to={`/accounts/${c.row.original.accountId}?tab=collections`}
            size="xs"
            className="mono"
            c="dimmed"
            onClick={(e) => e.stopPropagation()}
          >
            {c.row.original.accountNumber}
          </Anchor>
        </Box>
      ),
    }),
    col.accessor('pastDueCents', {
      header: 'Past due',
      sortDescFirst: true,
      meta: {
        numeric: true,
        width: 104,
        exportColumns: [
          { header: 'Past due', kind: 'money', value: (r) => r.pastDueCents },
          { header: 'Oldest (days past due)', kind: 'integer', value: (r) => r.oldestDaysPastDue },
        ],
      },
      cell: (c) => {
        const days = c.row.original.oldestDaysPastDue;
        return (
          <Box style={{ lineHeight: 1.25 }}>
            <Money cents={c.getValue()} fw={500} />
            <Text size="xs" c={days > 90 ? 'red.7' : days > 60 ? 'orange.8' : 'dimmed'}>
              {days} {days === 1 ? 'day' : 'days'}
            </Text>
          </Box>
        );
      },
    }),
    col.accessor((r) => r.calling.phone ?? '', {
      id: 'phone',
      header: 'Phone',
      enableSorting: false,
      meta: {
        minWidth: 140,
        exportColumns: [
          { header: 'Phone', kind: 'text', value: (r) => r.calling.phone ?? '' },
          { header: 'Contact', kind: 'text', value: (r) => r.calling.contactName ?? '' },
        ],
      },
      cell: (c) => <PhoneCell c={c.row.original.calling} accountName={c.row.original.name} />,
    }),
    col.accessor((r) => (r.calling.callableNow ? 0 : r.calling.callableFrom ? 1 : 2), {
      id: 'callable',
      header: 'Local time',
      meta: {
        minWidth: 190,
        exportColumns: [{ header: 'Callable', kind: 'text', value: (r) => callableExportText(r.calling, o.now) }],
      },
      cell: (c) => <CallableCell c={c.row.original.calling} now={o.now} />,
    }),
    col.accessor((r) => r.calling.promise?.amountCents ?? 0, {
      id: 'promise',
      header: 'Promise',
      sortDescFirst: true,
      meta: {
        width: 112,
        numeric: true,
        exportColumns: [
          { header: 'Promise due', kind: 'money', value: (r) => r.calling.promise?.amountCents ?? null },
          { header: 'Promised for', kind: 'date', value: (r) => r.calling.promise?.dueDate ?? null },
        ],
      },
      cell: (c) => <PromiseCell c={c.row.original.calling} today={o.asOf} />,
    }),
    col.accessor((r) => r.calling.lastContact?.at ?? '', {
      id: 'lastContact',
      header: 'Last contact',
      sortDescFirst: true,
      meta: {
        minWidth: 130,
        exportColumns: [
          { header: 'Last contact', kind: 'datetime', value: (r) => r.calling.lastContact?.at ?? null },
          { header: 'Last outcome', kind: 'text', value: (r) => (r.calling.lastContact ? callOutcomeLabels[r.calling.lastContact.outcome] : '') },
        ],
      },
      cell: (c) => <LastContactCell c={c.row.original.calling} />,
    }),
    col.accessor((r) => r.reasons.map((x) => reasonLabels[x.reason]).join(' '), {
      id: 'reasons',
      header: 'Why today',
      enableSorting: false,
      meta: {
        minWidth: 140,
        exportAs: 'text',
        exportValue: (r) =>
          dedupe(r.reasons)
            .map((x) => `${reasonLabels[x.reason]}: ${x.details.join('; ')}`)
            .join(' | '),
      },
      cell: (c) => (
        <Group gap={3} wrap="wrap" style={{ overflow: 'hidden', maxHeight: 44 }}>
          {dedupe(c.row.original.reasons).map((r) => (
            <Tooltip key={r.reason} label={r.details.join('; ')} withinPortal multiline maw={360}>
              <Badge size="sm" radius="sm" variant="light" color={reasonColors[r.reason]} style={{ textTransform: 'none', flexShrink: 0 }}>
                {reasonLabels[r.reason]}
                {r.details.length > 1 ? ` ×${r.details.length}` : ''}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      ),
    }),
    col.accessor((r) => r.stageName ?? '', {
      id: 'stage',
      header: 'Stage',
      meta: { minWidth: 140, exportAs: 'text' },
      cell: (c) =>
        c.getValue() ? (
          <Text
            size="sm"
            style={{ whiteSpace: 'normal' }}
            lineClamp={2}
            title={c.row.original.stageEnteredOn ? `Since ${formatDate(c.row.original.stageEnteredOn)}` : undefined}
          >
            {c.getValue()}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    }),
    col.accessor('score', {
      header: 'Score',
      sortDescFirst: true,
      meta: { width: 86, numeric: true, exportAs: 'integer' },
      cell: (c) => <ScoreCell item={c.row.original} />,
    }),
    ...(o.supervisor
      ? [
          col.accessor((r) => o.personName(r.assignedTo) ?? '', {
            id: 'assignee',
            header: 'Assigned',
            meta: { width: 120, exportAs: 'text', exportValue: (r) => o.personName(r.assignedTo) ?? 'Shared' },
            cell: (c) =>
              c.getValue() ? (
                <Text size="sm" truncate>
                  {c.getValue()}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Shared
                </Text>
              ),
          }),
        ]
      : []),
    col.display({
      id: 'call',
      header: '',
      meta: { width: 52 },
      cell: (c) => (
        <Tooltip label="Log a call" withinPortal>
          <ActionIcon
            variant="subtle"
            aria-label={`Log a call for ${c.row.original.accountNumber}`}
            onClick={(e) => {
              e.stopPropagation();
              o.onCall(c.row.original.accountId);
            }}
          >
            <IconPhoneCall size={17} />
          </ActionIcon>
        </Tooltip>
      ),
    }),
  ];
}

function dedupe(reasons: WorklistItem['reasons']) {
  const m = new Map<WorklistReason, string[]>();
  for (const r of reasons) m.set(r.reason, [...(m.get(r.reason) ?? []), worklistReasonText(r)]);
  return [...m].map(([reason, details]) => ({ reason, details }));
}

function ScoreCell({ item }: { item: WorklistItem }) {
  const parts = [
    `${formatMoney(item.pastDueCents)} past due: ${Math.min(1000, Math.floor(item.pastDueCents / 1000))}`,
    `${item.oldestDaysPastDue} days: ${Math.min(365, item.oldestDaysPastDue)}`,
    item.brokenPromises ? `${item.brokenPromises} broken promise(s): ${100 * item.brokenPromises}` : null,
    item.missedInstallments ? `${item.missedInstallments} installment(s) unpaid: ${75 * item.missedInstallments}` : null,
  ].filter(Boolean);
  const hot = item.score >= 600 ? 'red' : item.score >= 300 ? 'orange' : 'ledger';
  return (
    <Tooltip label={parts.join(' · ')} withinPortal multiline maw={300}>
      <Badge variant="light" color={hot} radius="sm" size="md" style={{ minWidth: 46, fontVariantNumeric: 'tabular-nums' }}>
        {item.score}
      </Badge>
    </Tooltip>
  );
}

function HeldPanel({ held }: { held: WorklistHeld[] }) {
  const [kind, setKind] = useState<string | null>(null);
  const counts = useMemo(() => {
    const m = new Map<string, { n: number; color: string }>();
    for (const h of held) {
      const k = holdKind(h.reason);
      m.set(k.label, { n: (m.get(k.label)?.n ?? 0) + 1, color: k.color });
    }
    return m;
  }, [held]);
  const shown = kind ? held.filter((h) => holdKind(h.reason).label === kind) : held;
  return (
    <Paper withBorder radius="md" w={{ base: 240, xl: 290 }} style={{ display: 'flex', flexDirection: 'column', flexShrink: 0 }} data-testid="held-panel">
      <Box p="sm" pb={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap={8} mb={4}>
          <ThemeIcon variant="light" color="gray" size={24} radius="md">
            <IconHandStop size={15} />
          </ThemeIcon>
          <Text fw={600} size="sm">
            Held
          </Text>
          <Badge size="sm" variant="light" color="gray" circle={held.length < 10}>
            {held.length}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" mb={6}>
          Accounts that would be due today but must not be worked, and why.
        </Text>
        {counts.size > 0 && (
          <Group gap={4}>
            {[...counts].map(([label, { n, color }]) => (
              <Badge
                key={label}
                size="sm"
                radius="sm"
                variant={kind === label ? 'filled' : 'light'}
                color={color}
                style={{ cursor: 'pointer', textTransform: 'none' }}
                onClick={() => setKind(kind === label ? null : label)}
              >
                {label} {n}
              </Badge>
            ))}
          </Group>
        )}
      </Box>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            No accounts held.
          </Text>
        ) : (
          shown.map((h) => {
            const k = holdKind(h.reason);
            return (
              <Anchor key={h.accountId} component={Link} to={`/accounts/${h.accountId}?tab=collections`} underline="never" c="inherit" data-testid="held-row">
                <Box px="sm" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} className="held-row">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={500} truncate>
                      {h.name}
                    </Text>
                    <Badge size="xs" radius="sm" variant="light" color={k.color} style={{ textTransform: 'none', flexShrink: 0 }}>
                      {k.label}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    <Text span inherit className="mono">
                      {h.accountNumber}
                    </Text>{' '}
                    · {holdText(h.reason)}
                  </Text>
                </Box>
              </Anchor>
            );
          })
        )}
      </ScrollArea>
    </Paper>
  );
}
