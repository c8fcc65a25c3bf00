import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, SegmentedControl, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { WriteoffRequest } from '@shared/domain/collections-policy';
import { formatInstant } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { useSession } from '../../app/session';
import { DataGrid } from '../../components/DataGrid';
import { Money } from '../../components/Money';
import { FormModal } from './ReferralModals';
import { usePersonName } from '../users/names';

type Status = WriteoffRequest['status'];
const statusColors: Record<Status, string> = { pending: 'yellow', approved: 'teal', rejected: 'red' };
const statusLabels: Record<Status, string> = { pending: 'Waiting', approved: 'Approved', rejected: 'Rejected' };

/** The supervisor's queue of write-off requests: approve (posts the write-offs) or reject with a reason. */
export function WriteoffApprovalsPanel() {
  const { session } = useSession();
  const name = usePersonName();
  const [status, setStatus] = useState<Status>('pending');
  const list = useQuery({ queryKey: ['writeoffs', 'list', status], queryFn: () => unwrap(window.api.writeoffs.list({ status })) });
  const rows = list.data ?? [];
  const [deciding, setDeciding] = useState<{ request: WriteoffRequest; approve: boolean } | null>(null);
  const total = rows.reduce((s, r) => s + r.amountCents, 0);

  const columns = useMemo<ColumnDef<WriteoffRequest, unknown>[]>(() => {
    const cols: ColumnDef<WriteoffRequest, unknown>[] = [
      {
        id: 'id',
        header: '#',
        accessorFn: (r) => r.id,
        meta: { width: 60, total: 'Total' },
        cell: ({ row }) => (
          <Text span size="sm" c="dimmed" className="num">
            {row.original.id}
          </Text>
        ),
      },
      {
        id: 'account',
        header: 'Account',
        accessorFn: (r) => r.accountNumber,
        meta: { width: 110 },
        cell: ({ row }) => (
          <Anchor component={Link} to={`/accounts/${row.original.accountId}`} size="sm" className="mono">
            {row.original.accountNumber}
          </Anchor>
        ),
      },
      {
        id: 'name',
        header: 'Name',
        accessorFn: (r) => r.accountName,
        meta: { minWidth: 170, grow: 1.5, total: `${rows.length} ${rows.length === 1 ? 'request' : 'requests'}` },
      },
      {
        id: 'amount',
        header: 'Amount',
        accessorFn: (r) => r.amountCents,
        meta: { numeric: true, width: 120, total: <Money cents={total} /> },
        cell: ({ row }) => <Money cents={row.original.amountCents} fw={600} />,
      },
      {
        id: 'reason',
        header: 'Reason',
        accessorFn: (r) => r.reason,
        meta: { minWidth: 220, grow: 2.5 },
        cell: ({ row }) => (
          <Text span size="sm" title={row.original.reason} truncate>
            {row.original.reason}
          </Text>
        ),
      },
      {
        id: 'requested',
        header: 'Requested',
        accessorFn: (r) => r.requestedAt,
        meta: { width: 190 },
        cell: ({ row }) => (
          <Text span size="sm">
            {name(row.original.requestedBy) ?? ''}{' '}
            <Text span size="xs" c="dimmed">
              {formatInstant(row.original.requestedAt)}
            </Text>
          </Text>
        ),
      },
    ];
    if (status === 'pending')
      cols.push({
        id: 'decide',
        header: '',
        meta: { width: 236 },
        cell: ({ row }) => {
          const own = row.original.requestedBy === session.username;
          return (
            <Group gap={6} wrap="nowrap">
              <Tooltip label="Someone else must approve your own request" disabled={!own}>
                <Button
                  size="compact-sm"
                  color="teal"
                  variant="light"
                  leftSection={<IconCheck size={14} />}
                  disabled={own}
                  onClick={() => setDeciding({ request: row.original, approve: true })}
                >
                  Approve
                </Button>
              </Tooltip>
              <Button
                size="compact-sm"
                color="red"
                variant="subtle"
                leftSection={<IconX size={14} />}
                onClick={() => setDeciding({ request: row.original, approve: false })}
              >
                Reject
              </Button>
            </Group>
          );
        },
      });
    else
      cols.push({
        id: 'decision',
        header: 'Decision',
        meta: { minWidth: 220, grow: 2 },
        cell: ({ row }) => {
          const r = row.original;
          return (
            <Group gap={6} wrap="nowrap">
              <Badge size="sm" variant="light" color={statusColors[r.status]}>
                {statusLabels[r.status]}
              </Badge>
              <Text span size="xs" c="dimmed" truncate>
                {name(r.decidedBy) ?? ''}
                {r.writeOffDocuments.length ? ` · ${r.writeOffDocuments.map((d) => d.number).join(', ')}` : ''}
                {r.decisionNote ? ` · ${r.decisionNote}` : ''}
              </Text>
            </Group>
          );
        },
      });
    return cols;
  }, [status, rows.length, total, session.username, name]);

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Request status"
          value={status}
          onChange={(v) => setStatus(v as Status)}
          data={[
            { value: 'pending', label: 'Waiting for approval' },
            { value: 'approved', label: 'Approved' },
            { value: 'rejected', label: 'Rejected' },
          ]}
        />
        <Text size="sm" c="dimmed">
          Clerks request write-offs from the account page (More → Request write-off). Approving posts them at once.
        </Text>
      </Group>
      {list.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {list.error.message}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 260 }}>
        <DataGrid
          label="Write-off requests"
          testId="writeoff-requests"
          data={rows}
          columns={columns}
          getRowId={(r) => String(r.id)}
          loading={list.isFetching}
          showTotals={rows.length > 0}
          empty={status === 'pending' ? 'No write-off requests are waiting.' : `No ${statusLabels[status].toLowerCase()} requests.`}
        />
      </div>
      {deciding && <DecideModal request={deciding.request} approve={deciding.approve} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}

function DecideModal({ request, approve, onClose }: { request: WriteoffRequest; approve: boolean; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [show, setShow] = useState(false);
  const name = usePersonName();
  return (
    <FormModal
      title={approve ? `Approve write-off #${request.id}` : `Reject write-off #${request.id}`}
      intro={
        approve
          ? `Writes off ${formatMoney(request.amountCents)} on ${request.accountName} (${request.accountNumber}), oldest due items first. One write-off document is posted per item.`
          : `${name(request.requestedBy) ?? 'The requester'} asked to write off ${formatMoney(request.amountCents)} on ${request.accountName}. Nothing is posted; say why so they can follow up.`
      }
      confirm={approve ? `Approve and post ${formatMoney(request.amountCents)}` : 'Reject request'}
      color={approve ? 'teal' : 'red'}
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!approve && !note.trim()) return null;
        const r = approve
          ? await unwrap(window.api.writeoffs.approve({ requestId: request.id, note: note.trim() }))
          : await unwrap(window.api.writeoffs.reject({ requestId: request.id, note: note.trim() }));
        for (const d of ['writeoffs', 'ledger', 'accounts', 'aging', 'collections']) void queryClient.invalidateQueries({ queryKey: [d] });
        return approve ? `Write-off approved: ${r.writeOffDocuments.map((d) => d.number).join(', ')} posted.` : `Write-off request #${r.id} rejected.`;
      }}
    >
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          Reason given:{' '}
        </Text>
        {request.reason}
      </Text>
      <Textarea
        label={approve ? 'Note' : 'Reason for rejecting'}
        placeholder={approve ? 'Optional' : 'e.g. Send to the agency first'}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={show && !approve && !note.trim() ? 'Say why' : undefined}
        autosize
        minRows={2}
        data-autofocus
      />
    </FormModal>
  );
}
