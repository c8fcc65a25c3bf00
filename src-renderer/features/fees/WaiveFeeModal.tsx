import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';

export interface FeeRef {
  documentId: number;
  number: string | null;
  amountCents: number;
  accountName?: string;
}

/** Waive (reverse) a fee with a reason: a credit adjustment for the whole fee. Supervisors. */
export function WaiveFeeModal({ fee, onClose, onWaived }: { fee: FeeRef; onClose: () => void; onWaived?: (creditNumber: string) => void }) {
  const [reason, setReason] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setShow(true);
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(window.api.fees.waive({ feeDocumentId: fee.documentId, reason: reason.trim() }));
      for (const d of ['ledger', 'accounts', 'aging', 'fees']) void queryClient.invalidateQueries({ queryKey: [d] });
      notifications.show({ color: 'teal', message: `Fee ${fee.number ?? ''} waived by ${r.number}; balance now ${formatMoney(r.accountBalanceCents)}.` });
      onWaived?.(r.number);
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Text fw={600} size="lg">
          Waive fee {fee.number}
        </Text>
      }
      centered
      size={480}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Posts a credit adjustment of {formatMoney(fee.amountCents)}
            {fee.accountName ? ` on ${fee.accountName}` : ''} that cancels the fee. The month stays charged: the invoice is not charged again for it.
          </Text>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <Textarea
            label="Reason"
            placeholder="e.g. First late payment in five years; courtesy waiver"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={show && !reason.trim() ? 'Say why; it is kept with the credit' : undefined}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Waive {formatMoney(fee.amountCents)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
