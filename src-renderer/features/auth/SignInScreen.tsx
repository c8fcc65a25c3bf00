import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { unwrap } from '../../api/client';
import { AuthLayout } from './AuthLayout';

export function SignInScreen({ companyName, onDone }: { companyName: string; onDone: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { username: '', password: '' } });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await unwrap(window.api.auth.signIn(v));
      await onDone();
    } catch (err) {
      form.setFieldValue('password', '');
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <AuthLayout title="Sign in" subtitle={companyName}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />} role="alert">
              {error}
            </Alert>
          )}
          <TextInput label="User name" autoComplete="username" autoFocus {...form.getInputProps('username')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" mt="sm" loading={form.submitting}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
