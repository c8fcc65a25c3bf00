import { useState } from 'react';
import { Alert, Button, Group, Stack, Tooltip, type MantineSize } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconFileTypePdf, IconMail, IconPrinter } from '@tabler/icons-react';
import { billingEmailOf } from '@shared/domain/accounts';
import type { DeliveryChannel, OutputRef } from '@shared/domain/documents';
import { outputKindLabels } from '@shared/domain/documents-text';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { EmailDialog } from './EmailDialog';
import { PrintDialog } from './PrintDialog';
import { ProblemsModal } from './ProblemsModal';
import { printShortcutLabel, usePrintShortcut } from './printShortcut';
import { RunProgress } from './RunProgress';
import { useDocumentRun } from './useDocumentRun';

type Dialog = 'print' | 'email' | null;

/**
 * Print, Save as PDF and Email for one or more documents. `shortcut`: Ctrl+P (Cmd+P) opens the print
 * dialog while this is on screen. `accountId`: the account whose billing email a single email goes to.
 */
export function DocumentActions({
  documents,
  number,
  accountId,
  shortcut = false,
  size = 'sm',
  channels = ['print', 'pdf', 'email'],
  printLabel = 'Print',
  onDelivered,
}: {
  documents: OutputRef[];
  /** The document's number, to name it in the dialogs ("Invoice INV-000123"). */
  number?: string | null;
  accountId?: number;
  shortcut?: boolean;
  size?: MantineSize;
  /** The buttons to show (the calibration page is printed or saved, never emailed). */
  channels?: DeliveryChannel[];
  printLabel?: string;
  /** Called once documents left (printed, saved or emailed, at least one): e.g. a letter dialog closes. */
  onDelivered?: () => void;
}) {
  const run = useDocumentRun();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [pdfError, setPdfError] = useState<{ title: string; message: string } | null>(null);
  const account = useQuery({
    queryKey: ['accounts', 'get', accountId],
    queryFn: () => unwrap(window.api.accounts.get({ accountId: accountId! })),
    enabled: accountId !== undefined,
  });
  const first = documents[0];
  const kind = first?.kind ?? 'invoice';
  const count = documents.length;
  const billingEmail = count === 1 ? (account.data ? billingEmailOf(account.data) : null) : undefined;
  const what = count === 1 ? `${outputKindLabels[kind].toLowerCase()}${number ? ` ${number}` : ''}` : `${count} documents`;

  const open = (d: Dialog) => {
    if (run.running) return;
    setError(null);
    setDialog(d);
  };
  usePrintShortcut(() => open('print'), shortcut && count > 0);

  const print = async (choice: Parameters<typeof window.api.documents.print>[0]['choice']) => {
    setError(null);
    const end = await run.start('print', (r) => window.api.documents.print({ documents, choice, run: r }));
    if (end.ok || end.cancelled) setDialog(null);
    else setError(end);
    if (end.ok && end.outcome.delivered > 0) onDelivered?.();
  };
  const email = async (to: string | undefined) => {
    setError(null);
    const end = await run.start('email', (r) => window.api.documents.email({ documents, run: r, ...(to ? { to } : {}) }));
    if (end.ok || end.cancelled) setDialog(null);
    else setError(end);
    if (end.ok && end.outcome.delivered > 0) onDelivered?.();
  };
  const savePdf = async () => {
    if (run.running) return;
    setPdfError(null);
    const end = await run.start('pdf', (r) => window.api.documents.savePdf({ documents, run: r }));
    if (!end.ok && !end.cancelled) {
      setPdfError(end);
      notifications.show({ color: 'red', title: end.title, message: end.message });
    }
    if (end.ok && end.outcome.delivered > 0) onDelivered?.();
  };

  const busy = run.running !== null;
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap">
        {channels.includes('print') && (
          <Tooltip label={`Print (${printShortcutLabel()})`} disabled={!shortcut} withinPortal>
            <Button size={size} variant="default" leftSection={<IconPrinter size={16} />} onClick={() => open('print')} disabled={count === 0 || busy}>
              {printLabel}
            </Button>
          </Tooltip>
        )}
        {channels.includes('pdf') && (
          <Button
            size={size}
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            onClick={() => void savePdf()}
            loading={run.running === 'pdf'}
            disabled={count === 0 || (busy && run.running !== 'pdf')}
          >
            Save as PDF
          </Button>
        )}
        {channels.includes('email') && (
          <Button size={size} variant="default" leftSection={<IconMail size={16} />} onClick={() => open('email')} disabled={count === 0 || busy}>
            Email
          </Button>
        )}
      </Group>
      {run.running === 'pdf' && <RunProgress progress={run.progress} onCancel={run.cancel} />}
      {pdfError && run.running === null && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} title={pdfError.title} withCloseButton onClose={() => setPdfError(null)} py={8}>
          {pdfError.message}
        </Alert>
      )}
      {dialog === 'print' && (
        <PrintDialog
          kind={kind}
          what={what}
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
          key={billingEmail ?? ''}
          count={count}
          what={what}
          billingEmail={billingEmail}
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
