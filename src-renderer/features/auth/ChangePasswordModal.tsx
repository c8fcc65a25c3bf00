import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { unwrap } from '../../api/client';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      newPassword: (v) => (v.length >= 8 ? null : 'At least 8 characters'),
      confirm: (v, all) => (v === all.newPassword ? null : 'The passwords do not match'),
    },
  });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await unwrap(window.api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }));
      notifications.show({ color: 'teal', message: 'Your password was changed.' });
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Change your password" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && <Alert color="red">{error}</Alert>}
          <PasswordInput label="Current password" data-autofocus autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label="New password" autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label="Confirm new password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
