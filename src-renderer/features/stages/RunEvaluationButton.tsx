import { useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar, IconStairsUp } from '@tabler/icons-react';
import type { HoldReason, StageEvaluation } from '@shared/domain/collections-policy';
import type { EvaluationRun } from '@shared/domain/daily-evaluation';
import { holdLabel } from '@shared/domain/collections-text';
import { formatDate } from '@shared/dates';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { useBusinessToday } from '../accounts/api';

/** Supervisors: move every past-due account to the stage its age calls for and queue the stage actions. */
export function RunEvaluationButton({ variant = 'default' }: { variant?: 'default' | 'light' | 'filled' }) {
  const today = useBusinessToday();
  const [open, setOpen] = useState(false);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<(StageEvaluation & { run: EvaluationRun }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setResult(null);
    setError(null);
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      // The same run as the automatic one: stages, plans, promises, then the new accounts handed out (docs/clerks-day.md).
      const { run, evaluation: r } = await unwrap(window.api.evaluations.run({ asOf: asOf ?? today }));
      setResult({ ...r, run });
      for (const d of ['collections', 'stages', 'worklist', 'ledger', 'accounts', 'plans']) void queryClient.invalidateQueries({ queryKey: [d] });
      notifications.show({
        color: 'teal',
        message: `Stage evaluation done: ${r.movedUp} moved up, ${r.movedDown} down, ${r.cleared} left the ladder, ${run.assigned} assigned.`,
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant={variant} leftSection={<IconStairsUp size={16} />} onClick={() => setOpen(true)}>
        Run stage evaluation
      </Button>
      <Modal
        opened={open}
        onClose={close}
        title={
          <Text fw={600} size="lg">
            Run stage evaluation
          </Text>
        }
        centered
        size={520}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Moves every past-due account to the stage its oldest past-due item calls for, and queues that stage’s letters, calls, statements and fees. Accounts
            on hold, on a current payment plan or with an agency are not moved. New worklist accounts are then assigned by the office’s rules. It also runs by
            itself every morning.
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          {!result ? (
            <>
              <DateInput label="As of" w={200} value={asOf ?? today} onChange={setAsOf} leftSection={<IconCalendar size={16} />} />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button onClick={() => void run()} loading={busy}>
                  Run evaluation
                </Button>
              </Group>
            </>
          ) : (
            <>
              <Text size="sm" fw={600}>
                As of {formatDate(result.asOf)}: {result.evaluated.toLocaleString('en-US')} accounts looked at
              </Text>
              <SimpleGrid cols={3} spacing="xs" data-testid="evaluation-result">
                <Stat label="Moved up" value={result.movedUp} />
                <Stat label="Moved down" value={result.movedDown} />
                <Stat label="Left the ladder" value={result.cleared} />
                <Stat label="Tasks created" value={result.tasksCreated} />
                <Stat label="Fees posted" value={result.feesPosted} />
                <Stat label="Not moved" value={result.skipped.length} />
                <Stat label="Assigned" value={result.run.assigned} />
                <Stat label="Plans broken" value={result.run.plansBroken} />
                <Stat label="Promises broken" value={result.run.promisesBroken} />
              </SimpleGrid>
              {result.skipped.length > 0 && (
                <Text size="xs" c="dimmed">
                  Not moved: {summarize(result.skipped.map((s) => s.reason))}
                </Text>
              )}
              <Group justify="flex-end">
                <Button onClick={close}>Done</Button>
              </Group>
            </>
          )}
        </Stack>
      </Modal>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz={20} fw={650} className="num">
        {value.toLocaleString('en-US')}
      </Text>
    </div>
  );
}

/** "Current plan (3), Disputed (1)": the holds grouped by kind. */
function summarize(reasons: HoldReason[]) {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    const k = holdLabel(r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} (${n})`).join(', ');
}
