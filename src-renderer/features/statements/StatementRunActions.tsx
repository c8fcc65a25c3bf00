import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconFileTypePdf, IconMail, IconPrinter } from '@tabler/icons-react';
import { MAX_BATCH, type DeliveryChannel, type DeliveryOutcome, type OutputRef, type PrintChoice } from '@shared/domain/documents';
import type { StatementCandidate, StatementSaveRunInput } from '@shared/domain/statements';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { EmailDialog } from '../documents/EmailDialog';
import { errorWords } from '../documents/api';
import { PrintDialog } from '../documents/PrintDialog';
import { ProblemsModal } from '../documents/ProblemsModal';
import { RunProgress } from '../documents/RunProgress';
import { useDocumentRun } from '../documents/useDocumentRun';

type Params = Omit<StatementSaveRunInput, 'accountIds' | 'channel'>;
type StatementRef = Extract<OutputRef, { kind: 'statement' }>;

const refsOf = (p: Params, list: readonly StatementCandidate[]): StatementRef[] =>
  list.map((c) => ({ kind: 'statement', accountId: c.accountId, asOf: p.asOf, type: p.type, ...(p.from ? { from: p.from } : {}) }));

/**
 * Print as one job, save one PDF, or email each statement to its billing address, through the
 * document pipeline; when statements went out, the run is saved (its parameters and the accounts it
 * covered, those left out excepted) so it can be reprinted identically.
 */
export function StatementRunActions({ params, accounts, emailable }: { params: Params; accounts: StatementCandidate[]; emailable: StatementCandidate[] }) {
  const run = useDocumentRun();
  const [dialog, setDialog] = useState<'print' | 'email' | null>(null);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [saved, setSaved] = useState<{ id: number; count: number } | null>(null);
  const tooMany = accounts.length > MAX_BATCH;
  const busy = run.running !== null;

  /** Records the run with the accounts whose statement left (a problem's account did not get one). */
  const record = async (channel: DeliveryChannel, list: StatementCandidate[], outcome: DeliveryOutcome) => {
    if (outcome.delivered === 0) return;
    const left = new Set(outcome.problems.map((p) => (p.ref.kind === 'statement' ? p.ref.accountId : 0)));
    const accountIds = list.map((c) => c.accountId).filter((id) => !left.has(id));
    try {
      const r = await unwrap(window.api.statements.saveRun({ ...params, accountIds, channel }));
      setSaved({ id: r.id, count: accountIds.length });
      void queryClient.invalidateQueries({ queryKey: ['statements', 'runs'] });
    } catch (err) {
      const w = errorWords(err);
      notifications.show({ color: 'red', title: 'The statements left, but the run was not saved', message: w.message });
    }
  };

  const go = async (
    channel: DeliveryChannel,
    list: StatementCandidate[],
    call: (documents: StatementRef[], r: string) => ReturnType<typeof window.api.documents.print>,
  ) => {
    setError(null);
    setSaved(null);
    const end = await run.start(channel, (r) => call(refsOf(params, list), r));
    if (end.ok) await record(channel, list, end.outcome);
    if (end.ok || end.cancelled) setDialog(null);
    else if (channel === 'pdf') notifications.show({ color: 'red', title: end.title, message: end.message });
    else setError(end);
  };
  const print = (choice: PrintChoice) => go('print', accounts, (documents, r) => window.api.documents.print({ documents, choice, run: r }));
  const savePdf = () => go('pdf', accounts, (documents, r) => window.api.documents.savePdf({ documents, run: r }));
  const email = (to: string | undefined) => go('email', emailable, (documents, r) => window.api.documents.email({ documents, run: r, ...(to ? { to } : {}) }));

  return (
    <Stack gap={6}>
      {tooMany && (
        <Alert color="orange" icon={<IconAlertCircle size={16} />} py={8}>
          {accounts.length.toLocaleString('en-US')} accounts: a run sends at most {MAX_BATCH.toLocaleString('en-US')}. Narrow the filters.
        </Alert>
      )}
      <Group gap="xs">
        <Button
          leftSection={<IconPrinter size={16} />}
          onClick={() => setDialog('print')}
          disabled={accounts.length === 0 || tooMany || busy}
          data-testid="statement-run-print"
        >
          Print {accounts.length.toLocaleString('en-US')} as one job
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileTypePdf size={16} />}
          onClick={() => void savePdf()}
          loading={run.running === 'pdf'}
          disabled={accounts.length === 0 || tooMany || (busy && run.running !== 'pdf')}
        >
          Save one PDF
        </Button>
        <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setDialog('email')} disabled={emailable.length === 0 || tooMany || busy}>
          Email {emailable.length.toLocaleString('en-US')} to their billing address
        </Button>
      </Group>
      {run.running === 'pdf' && <RunProgress progress={run.progress} onCancel={run.cancel} />}
      {saved && (
        <Text size="sm" c="teal.8" data-testid="statement-run-saved">
          Saved as run {saved.id}: {saved.count.toLocaleString('en-US')} {saved.count === 1 ? 'statement' : 'statements'}. Reprint it from Saved runs below.
        </Text>
      )}
      {dialog === 'print' && (
        <PrintDialog
          kind="statement"
          what={`${accounts.length} statements`}
          busy={run.running === 'print'}
          progress={run.progress}
          error={error}
          onPrint={(c) => void print(c)}
          onCancelRun={run.cancel}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'email' && (
        <EmailDialog
          count={emailable.length}
          what={`${emailable.length} statements`}
          billingEmail={emailable.length === 1 ? emailable[0]?.email : undefined}
          busy={run.running === 'email'}
          progress={run.progress}
          error={error}
          onSend={(to) => void email(to)}
          onCancelRun={run.cancel}
          onClose={() => setDialog(null)}
        />
      )}
      {run.problems && <ProblemsModal channel={run.problems.channel} problems={run.problems.list} onClose={run.clearProblems} />}
    </Stack>
  );
}
