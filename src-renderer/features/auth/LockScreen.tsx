import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import type { SessionInfo } from '@shared/domain/users';
import { unwrap } from '../../api/client';
import { AuthLayout } from './AuthLayout';

export function LockScreen({ session, onUnlocked, onSignOut }: { session: SessionInfo; onUnlocked: () => Promise<void>; onSignOut: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' } });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await unwrap(window.api.auth.unlock(v));
      await onUnlocked();
    } catch (err) {
      form.setFieldValue('password', '');
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <AuthLayout
      title="Session locked"
      subtitle={`${session.displayName} (${session.username}) · locked after ${session.idleLockMinutes} minutes without activity`}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />} role="alert">
              {error}
            </Alert>
          )}
          <PasswordInput label="Password" autoFocus autoComplete="current-password" {...form.getInputProps('password')} />
          <Group justify="space-between" mt="sm">
            <Button variant="subtle" color="gray" onClick={() => void onSignOut()}>
              Sign out
            </Button>
            <Button type="submit" loading={form.submitting}>
              Unlock
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
