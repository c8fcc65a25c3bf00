import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Checkbox, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { Referral } from '@shared/domain/collections-policy';
import { formatDate } from '@shared/dates';
import { unwrap } from '../../api/client';
import { DataGrid } from '../../components/DataGrid';
import { downloadText } from '../../components/download';
import { Money } from '../../components/Money';
import { RecallModal } from './ReferralModals';
import { usePersonName } from '../users/names';

/** Accounts with an agency: who, since when, the balance then; placement files and recalls. */
export function ReferralsPanel() {
  const [status, setStatus] = useState<'referred' | 'recalled'>('referred');
  const name = usePersonName();
  const list = useQuery({ queryKey: ['referrals', 'list', status], queryFn: () => unwrap(window.api.referrals.list({ status })) });
  const rows = list.data ?? [];
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [recalling, setRecalling] = useState<Referral | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = status === 'referred' ? rows.filter((r) => picked.size === 0 || picked.has(r.accountId)) : [];
  const agencies = new Set(chosen.map((r) => r.agencyName));

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const f = await unwrap(window.api.referrals.placementFile({ accountIds: chosen.map((r) => r.accountId) }));
      downloadText(f.fileName, f.csv);
      notifications.show({
        color: 'teal',
        message: `${f.fileName} saved: ${f.rows} ${f.rows === 1 ? 'account' : 'accounts'}. Send it to the agency over its secure upload.`,
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<ColumnDef<Referral, unknown>[]>(() => {
    const cols: ColumnDef<Referral, unknown>[] = [];
    if (status === 'referred')
      cols.push({
        id: 'pick',
        header: () => (
          <Checkbox
            size="xs"
            aria-label="Select all referred accounts"
            checked={picked.size > 0 && picked.size === rows.length}
            indeterminate={picked.size > 0 && picked.size < rows.length}
            onChange={() => setPicked(picked.size ? new Set() : new Set(rows.map((r) => r.accountId)))}
          />
        ),
        meta: { width: 44, total: '' },
        cell: ({ row }) => (
          <Checkbox
            size="xs"
            aria-label={`Select ${row.original.accountNumber}`}
            checked={picked.has(row.original.accountId)}
            onChange={() =>
              setPicked((s) => {
                const n = new Set(s);
                if (n.has(row.original.accountId)) n.delete(row.original.accountId);
                else n.add(row.original.accountId);
                return n;
              })
            }
          />
        ),
      });
    cols.push(
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
      { id: 'name', header: 'Name', accessorFn: (r) => r.accountName, meta: { minWidth: 180, grow: 2 } },
      { id: 'agency', header: 'Agency', accessorFn: (r) => r.agencyName, meta: { minWidth: 170, grow: 1.5 } },
      { id: 'referredOn', header: 'Referred', accessorFn: (r) => r.referredOn, meta: { width: 120 }, cell: ({ row }) => formatDate(row.original.referredOn) },
      {
        id: 'by',
        header: 'By',
        accessorFn: (r) => name(r.referredBy),
        meta: { width: 110 },
        cell: ({ row }) => (
          <Text span size="sm" c="dimmed">
            {name(row.original.referredBy) ?? ''}
          </Text>
        ),
      },
      {
        id: 'balance',
        header: 'Balance at referral',
        accessorFn: (r) => r.balanceCents,
        // Wide enough for the header in capitals (at 150 px it read "ALANCE AT REFERRAL").
        meta: { numeric: true, width: 190 },
        cell: ({ row }) => <Money cents={row.original.balanceCents} />,
      },
    );
    if (status === 'referred')
      cols.push({
        id: 'recall',
        header: '',
        meta: { width: 96 },
        cell: ({ row }) => (
          <Button size="compact-xs" variant="subtle" onClick={() => setRecalling(row.original)}>
            Recall…
          </Button>
        ),
      });
    else
      cols.push({
        id: 'recalled',
        header: 'Recalled',
        meta: { minWidth: 200, grow: 2 },
        cell: ({ row }) => (
          <Text span size="sm">
            {formatDate(row.original.recalledOn)}{' '}
            <Text span c="dimmed" size="sm">
              {row.original.recallReason}
            </Text>
          </Text>
        ),
      });
    return cols;
  }, [status, picked, rows, name]);

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Referral status"
          value={status}
          onChange={(v) => {
            setStatus(v as 'referred' | 'recalled');
            setPicked(new Set());
          }}
          data={[
            { value: 'referred', label: 'With an agency' },
            { value: 'recalled', label: 'Recalled' },
          ]}
        />
        {status === 'referred' && (
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              {picked.size ? `${picked.size} selected` : `All ${rows.length}`}
              {agencies.size > 1 ? ` · ${agencies.size} agencies` : ''}
            </Text>
            <Button leftSection={<IconDownload size={16} />} onClick={() => void download()} loading={busy} disabled={chosen.length === 0}>
              Download placement file
            </Button>
          </Group>
        )}
      </Group>
      {error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {error}
        </Alert>
      )}
      {list.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {list.error.message}
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        The placement file lists each account’s contact details and open items. No payment data and no notes are exported, and every download is recorded in the
        audit log. Refer an account from its page (More → Refer to agency).
      </Text>
      <div style={{ flex: 1, minHeight: 260 }}>
        <DataGrid
          label="Referred accounts"
          testId="referrals"
          data={rows}
          columns={columns}
          getRowId={(r) => String(r.id)}
          loading={list.isFetching}
          empty={status === 'referred' ? 'No account is with an agency.' : 'No account has been recalled.'}
        />
      </div>
      {recalling && <RecallModal referral={recalling} onClose={() => setRecalling(null)} />}
    </Stack>
  );
}
