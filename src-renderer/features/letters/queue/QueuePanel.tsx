import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconFilter, IconPrinter, IconPlayerSkipForward } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import { formatDate } from '@shared/dates';
import type { LetterCandidate, LetterSelect } from '@shared/domain/letter-runs';
import { letterExceptionLabels, letterExceptionText } from '@shared/domain/letter-runs-text';
import { unwrap } from '../../../api/client';
import { queryClient } from '../../../api/query';
import { atLeast, useSession } from '../../../app/session';
import { DataGrid } from '../../../components/DataGrid';
import { Money } from '../../../components/Money';
import { errorWords } from '../../documents/api';
import { PrintDialog } from '../../documents/PrintDialog';
import { RunProgress } from '../../documents/RunProgress';
import { RunResult } from './RunResult';
import { SelectAccountsModal } from './SelectAccountsModal';
import { useLetterRun, type ProduceMode } from './useLetterRun';

type StatusFilter = 'all' | 'open' | 'blocked';
const rowKey = (r: LetterCandidate) => (r.taskId ? `t${r.taskId}` : `a${r.accountId}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Letters › Queue: the letters the collection stages queued (or a supervisor's ad-hoc selection),
 * filtered and reviewed, skipped with a reason, then produced as one run: one print job or one PDF in
 * postal-code order, emailed where the account asked for it; the accounts that cannot get the letter
 * are listed apart with the reason. A cancelled or failed run resumes without sending a letter twice.
 */
export function QueuePanel() {
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [stageId, setStageId] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [selection, setSelection] = useState<{ filters: LetterSelect; rows: LetterCandidate[] } | null>(null);
  const [selecting, setSelecting] = useState<{ busy: boolean; error: string | null } | null>(null);
  const [skipping, setSkipping] = useState<{ reason: string; busy: boolean; error: string | null } | null>(null);
  const [printing, setPrinting] = useState(false);
  const [email, setEmail] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const run = useLetterRun();

  const templates = useQuery({ queryKey: ['documents', 'letterTemplates'], queryFn: () => unwrap(window.api.letters['templates.list']()) });
  const stages = useQuery({ queryKey: ['stages', 'list'], queryFn: () => unwrap(window.api.stages.list()) });
  // Under 'collections': a stage evaluation, a skip or a letter closing its task elsewhere refreshes it (data.changed).
  const queue = useQuery({
    queryKey: ['collections', 'letterQueue', templateId, stageId, status],
    queryFn: () =>
      unwrap(
        window.api.letters.queue({
          ...(templateId ? { templateId: Number(templateId) } : {}),
          ...(stageId ? { stageId: Number(stageId) } : {}),
          ...(status !== 'all' ? { status } : {}),
        }),
      ),
    enabled: selection === null,
  });

  const rows = selection?.rows ?? queue.data ?? [];
  const chosen = rows.filter((r) => picked.has(rowKey(r)));
  const templateOptions = (templates.data ?? []).filter((t) => t.active).map((t) => ({ value: String(t.id), label: t.name }));
  const stageOptions = (stages.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  const chosenTemplates = new Set(chosen.map((r) => r.templateId));
  const oneTemplate = chosenTemplates.size === 1 && !chosenTemplates.has(null) ? chosen[0]!.templateId : null;
  const canSkip = selection === null && chosen.length > 0 && chosen.every((r) => r.taskId !== null);

  const columns = useMemo<ColumnDef<LetterCandidate, unknown>[]>(
    () => [
      {
        id: 'pick',
        header: () => (
          <Checkbox
            size="xs"
            aria-label="Select every letter that can go"
            checked={picked.size > 0 && picked.size === rows.length}
            indeterminate={picked.size > 0 && picked.size < rows.length}
            onChange={() => setPicked(picked.size ? new Set() : new Set(rows.filter((r) => r.exception === null).map(rowKey)))}
          />
        ),
        meta: { width: 44 },
        cell: ({ row }) => (
          <Checkbox
            size="xs"
            aria-label={`Select ${row.original.accountNumber}`}
            checked={picked.has(rowKey(row.original))}
            onChange={() =>
              setPicked((s) => {
                const n = new Set(s);
                const key = rowKey(row.original);
                if (n.has(key)) n.delete(key);
                else n.add(key);
                return n;
              })
            }
          />
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
      { id: 'name', header: 'Name', accessorFn: (r) => r.accountName, meta: { minWidth: 140, grow: 2 } },
      { id: 'template', header: 'Letter', accessorFn: (r) => r.templateName ?? '', meta: { minWidth: 120, grow: 1.5 } },
      { id: 'stage', header: 'Stage', accessorFn: (r) => r.stageName ?? '', meta: { minWidth: 110, grow: 1 } },
      {
        id: 'queuedOn',
        header: 'Queued',
        accessorFn: (r) => r.queuedOn ?? '',
        meta: { width: 105 },
        cell: ({ row }) => (row.original.queuedOn ? formatDate(row.original.queuedOn) : ''),
      },
      {
        id: 'pastDue',
        header: 'Past due now',
        accessorFn: (r) => r.pastDueCents,
        meta: { numeric: true, width: 120 },
        cell: ({ row }) => <Money cents={row.original.pastDueCents} dimZero />,
      },
      { id: 'days', header: 'Days', accessorFn: (r) => r.daysPastDue, meta: { numeric: true, width: 64 } },
      {
        id: 'mail',
        header: 'Mail to',
        accessorFn: (r) => r.postalCode,
        meta: { width: 96 },
        cell: ({ row }) =>
          row.original.addressMissing.length ? (
            <Text span size="sm" c="red">
              No address
            </Text>
          ) : (
            <Text span size="sm" className="mono">
              {row.original.postalCode}
            </Text>
          ),
      },
      {
        id: 'email',
        header: 'Email',
        accessorFn: (r) => (r.emailConsent ? 1 : 0),
        meta: { width: 64 },
        cell: ({ row }) => (row.original.emailConsent ? 'Yes' : ''),
      },
      {
        id: 'canGo',
        header: 'Can go',
        accessorFn: (r) => r.exception ?? '',
        meta: { width: 130 },
        cell: ({ row }) => {
          const r = row.original;
          if (!r.exception)
            return (
              <Badge color="teal" variant="light" radius="sm">
                Ready
              </Badge>
            );
          return (
            <Tooltip
              label={letterExceptionText({ accountId: r.accountId, code: r.exception, missing: r.addressMissing, blocks: r.blocks })}
              multiline
              w={320}
              withArrow
            >
              <Badge color={r.exception === 'BLOCKED' ? 'red' : 'yellow'} variant="light" radius="sm" style={{ cursor: 'help' }}>
                {letterExceptionLabels[r.exception]}
              </Badge>
            </Tooltip>
          );
        },
      },
    ],
    [picked, rows],
  );

  const select = async (filters: LetterSelect) => {
    setSelecting({ busy: true, error: null });
    try {
      const found = await unwrap(window.api.letters.select(filters));
      setSelection({ filters, rows: found });
      setPicked(new Set(found.filter((r) => r.exception === null).map(rowKey)));
      setSelecting(null);
    } catch (err) {
      setSelecting({ busy: false, error: errorWords(err).message });
    }
  };

  const skip = async () => {
    if (!skipping?.reason.trim()) return;
    setSkipping({ ...skipping, busy: true, error: null });
    try {
      const r = await unwrap(window.api.letters.skip({ taskIds: chosen.map((c) => c.taskId!), reason: skipping.reason.trim() }));
      notifications.show({ color: 'teal', message: `${plural(r.skipped, 'letter')} skipped.` });
      setSkipping(null);
      setPicked(new Set());
      void queryClient.invalidateQueries({ queryKey: ['collections', 'letterQueue'] });
    } catch (err) {
      setSkipping({ ...skipping, busy: false, error: errorWords(err).message });
    }
  };

  const produce = async (mode: ProduceMode) => {
    if (!oneTemplate) return;
    setError(null);
    try {
      await run.start(
        {
          templateId: oneTemplate,
          channel: mode.paper,
          filters: selection
            ? Object.fromEntries(Object.entries(selection.filters).filter(([, v]) => v !== undefined) as [string, number | string][])
            : { source: 'queue', ...(stageId ? { stageId: Number(stageId) } : {}), ...(status !== 'all' ? { status } : {}) },
          accounts: chosen.map((c) => ({ accountId: c.accountId, taskId: c.taskId })),
        },
        mode,
      );
      setPicked(new Set());
      setPrinting(false);
      if (selection) setSelection(null);
    } catch (err) {
      setError(errorWords(err).message);
    }
  };

  const busy = run.busy || run.docs.running !== null;

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      {selection ? (
        <Alert color="blue" title={`Selected for ${templateOptions.find((t) => t.value === String(selection.filters.templateId))?.label ?? 'a letter'}`}>
          <Group justify="space-between">
            <Text size="sm">{selection.rows.length === 1 ? '1 account matches' : `${selection.rows.length} accounts match`} the filters.</Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setSelection(null);
                setPicked(new Set());
              }}
            >
              Back to the queue
            </Button>
          </Group>
        </Alert>
      ) : (
        <Group gap="sm" align="flex-end">
          <Select
            label="Letter"
            placeholder="Every letter"
            data={templateOptions}
            value={templateId}
            onChange={(v) => {
              setTemplateId(v);
              setPicked(new Set());
            }}
            clearable
            w={220}
          />
          <Select
            label="Stage"
            placeholder="Every stage"
            data={stageOptions}
            value={stageId}
            onChange={(v) => {
              setStageId(v);
              setPicked(new Set());
            }}
            clearable
            w={200}
          />
          <SegmentedControl
            aria-label="Task status"
            value={status}
            onChange={(v) => {
              setStatus(v as StatusFilter);
              setPicked(new Set());
            }}
            data={[
              { value: 'all', label: 'All' },
              { value: 'open', label: 'Queued' },
              { value: 'blocked', label: 'Blocked when queued' },
            ]}
          />
          {supervisor && (
            <Button variant="default" leftSection={<IconFilter size={16} />} onClick={() => setSelecting({ busy: false, error: null })} ml="auto">
              Select accounts…
            </Button>
          )}
        </Group>
      )}

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {chosen.length ? `${plural(chosen.length, 'letter')} selected` : `${plural(rows.length, 'letter')}; select the ones to send`}
          {chosenTemplates.size > 1 ? ' · choose letters of one template (filter by letter) to send them' : ''}
        </Text>
        <Group gap="xs">
          {selection === null && (
            <Button
              variant="default"
              leftSection={<IconPlayerSkipForward size={16} />}
              disabled={!canSkip || busy}
              onClick={() => setSkipping({ reason: '', busy: false, error: null })}
            >
              Skip…
            </Button>
          )}
          <Checkbox label="Email where the account asked for it" checked={email} onChange={(e) => setEmail(e.currentTarget.checked)} disabled={busy} />
          <Button leftSection={<IconPrinter size={16} />} disabled={!oneTemplate || busy} onClick={() => setPrinting(true)}>
            Print…
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            disabled={!oneTemplate || busy}
            loading={run.docs.running === 'pdf'}
            onClick={() => void produce({ paper: 'pdf', email })}
          >
            Save one PDF
          </Button>
        </Group>
      </Group>

      {(run.docs.running === 'pdf' || run.docs.running === 'email') && <RunProgress progress={run.docs.progress} onCancel={run.docs.cancel} />}
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {run.result && (
        <RunResult
          result={run.result}
          busy={busy}
          onResume={() => {
            const r = run.result!;
            if (r.mode.paper === 'print' && !r.mode.choice) return;
            void run.resume(r.runId, r.mode).catch((err: unknown) => setError(errorWords(err).message));
          }}
          onClose={run.clearResult}
        />
      )}

      <DataGrid
        data={rows}
        columns={columns}
        label="Letter queue"
        loading={selection === null && queue.isLoading}
        getRowId={rowKey}
        height={480}
        testId="letter-queue-grid"
        empty={selection ? 'No account matches these filters.' : 'No letters are queued. The collection stages queue letters when accounts enter a stage.'}
        initialSorting={[{ id: 'account', desc: false }]}
      />

      {selecting && (
        <SelectAccountsModal
          templates={templateOptions}
          stages={stageOptions}
          busy={selecting.busy}
          error={selecting.error}
          onSelect={(f) => void select(f)}
          onClose={() => setSelecting(null)}
        />
      )}
      {skipping && (
        <Modal opened onClose={() => setSkipping(null)} title={<Text fw={600}>Skip {plural(chosen.length, 'letter')}</Text>} centered>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Skipped letters leave the queue and are not sent; the reason is kept with each account's task and in the audit log.
            </Text>
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              maxLength={500}
              value={skipping.reason}
              onChange={(e) => setSkipping({ ...skipping, reason: e.currentTarget.value })}
            />
            {skipping.error && <Alert color="red">{skipping.error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSkipping(null)}>
                Cancel
              </Button>
              <Button onClick={() => void skip()} loading={skipping.busy} disabled={!skipping.reason.trim()}>
                Skip letters
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {printing && (
        <PrintDialog
          kind="letter"
          what={plural(chosen.length, 'letter')}
          busy={run.docs.running === 'print'}
          progress={run.docs.progress}
          error={null}
          onPrint={(choice) => void produce({ paper: 'print', email, choice })}
          onCancelRun={run.docs.cancel}
          onClose={() => setPrinting(false)}
        />
      )}
    </Stack>
  );
}
