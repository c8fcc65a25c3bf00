import { useState } from 'react';
import { Alert, Button, Code, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import type { StoreStatus } from '@shared/ipc/contract/store';
import { unwrap } from '../../api/client';
import { AuthLayout } from './AuthLayout';

/** Shown only when the OS keychain cannot hold the store key: the passphrase unlocks or creates it. */
export function StoreKeyScreen({ status, onDone, onReady }: { status: StoreStatus; onDone: (s: StoreStatus) => void; onReady: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const creating = status.state === 'needsNewPassphrase';
  const form = useForm({
    initialValues: { passphrase: '', confirm: '' },
    validate: creating
      ? {
          passphrase: (v) => (v.length >= 10 ? null : 'At least 10 characters'),
          confirm: (v, all) => (v === all.passphrase ? null : 'The passphrases do not match'),
        }
      : {},
  });
  if (status.state === 'error') {
    return (
      <AuthLayout title="The store cannot be opened">
        <Stack>
          <Alert color="red" icon={<IconAlertCircle size={16} />}>
            {status.message}
          </Alert>
          <Text size="sm">
            Store file: <Code>{status.storePath}</Code>
          </Text>
        </Stack>
      </AuthLayout>
    );
  }
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const next = await unwrap(creating ? window.api.store.create({ passphrase: v.passphrase }) : window.api.store.unlock({ passphrase: v.passphrase }));
      onDone(next);
      if (next.state === 'ready') await onReady();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <AuthLayout
      title={creating ? 'Protect the store with a passphrase' : 'Unlock the store'}
      subtitle={creating ? status.message : 'The store key is protected by the administrator passphrase on this computer.'}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <PasswordInput label="Passphrase" autoFocus {...form.getInputProps('passphrase')} />
          {creating && <PasswordInput label="Confirm passphrase" {...form.getInputProps('confirm')} />}
          {creating && (
            <Text size="xs" c="dimmed">
              Keep it somewhere safe: without it the store cannot be opened on a computer without a keychain.
            </Text>
          )}
          <Button type="submit" loading={form.submitting}>
            {creating ? 'Create the store' : 'Unlock'}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
