import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconMail } from '@tabler/icons-react';
import { z } from 'zod';
import { RunProgress } from './RunProgress';
import type { RunProgressState } from './useDocumentRun';

const isEmail = (s: string) => z.email().safeParse(s).success;

/**
 * Email asks first, showing where it goes: the account's billing email, which may be changed for one
 * document; a batch goes to each account's own billing email.
 */
export function EmailDialog({
  count,
  what,
  billingEmail,
  busy,
  progress,
  error,
  onSend,
  onCancelRun,
  onClose,
}: {
  count: number;
  what: string;
  /** The account's billing email (one document), or undefined for a batch. */
  billingEmail: string | null | undefined;
  busy: boolean;
  progress: RunProgressState | null;
  error: { title: string; message: string } | null;
  /** `to`: a changed recipient (one document only). */
  onSend: (to: string | undefined) => void;
  onCancelRun: () => void;
  onClose: () => void;
}) {
  const single = count === 1;
  const [to, setTo] = useState(billingEmail ?? '');
  const typed = to.trim();
  const bad = single && typed !== '' && !isEmail(typed);
  const changed = single && typed !== '' && typed !== (billingEmail ?? '');
  return (
    <Modal
      opened
      onClose={busy ? () => undefined : onClose}
      title={
        <Group gap={6}>
          <IconMail size={18} />
          <Text fw={600}>Email {what}</Text>
        </Group>
      }
      size={500}
      centered
    >
      <Stack gap="sm">
        {single ? (
          <TextInput
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={bad ? 'Not an email address' : undefined}
            description={
              billingEmail
                ? changed
                  ? `Instead of the account’s billing email, ${billingEmail}. The account is not changed.`
                  : 'The account’s billing email.'
                : 'The account has no email address; type one to email this document.'
            }
            disabled={busy}
            data-autofocus
          />
        ) : (
          <Text size="sm">Each of the {count} documents goes to its account’s billing email. Accounts without one are listed afterwards.</Text>
        )}
        <Text size="xs" c="dimmed">
          The PDF is attached to a message made from the template in Settings › Documents.
        </Text>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} title={error.title} data-testid="email-error">
            {error.message}
          </Alert>
        )}
        {busy && <RunProgress progress={progress} onCancel={onCancelRun} />}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Close
          </Button>
          <Button
            leftSection={<IconMail size={16} />}
            loading={busy}
            disabled={bad || (single && typed === '')}
            onClick={() => onSend(changed ? typed : undefined)}
          >
            {single && typed ? `Email to ${typed}` : 'Email'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
