import { useState } from 'react';
import { Alert, Button, Divider, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { fieldErrors, unwrap } from '../../api/client';
import { AuthLayout } from './AuthLayout';
import { DemoCompanyButton } from './DemoCompanyButton';
import { usTimeZones } from './timeZones';

interface Values {
  companyName: string;
  timeZone: string;
  displayName: string;
  username: string;
  password: string;
  confirm: string;
}

/** First run: create the company and its administrator. */
export function FirstRunScreen({ onDone }: { onDone: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { companyName: '', timeZone: 'America/New_York', displayName: '', username: '', password: '', confirm: '' },
    validate: {
      companyName: (v) => (v.trim() ? null : 'Enter the company name'),
      displayName: (v) => (v.trim() ? null : 'Enter your name'),
      username: (v) => (/^[A-Za-z0-9._-]{2,40}$/.test(v.trim()) ? null : 'Letters, digits, dot, dash or underscore; 2 to 40 characters'),
      password: (v) => (v.length >= 8 ? null : 'At least 8 characters'),
      confirm: (v, all) => (v === all.password ? null : 'The passwords do not match'),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await unwrap(
        window.api.app.createCompany({
          companyName: v.companyName,
          timeZone: v.timeZone,
          displayName: v.displayName,
          username: v.username,
          password: v.password,
        }),
      );
      await onDone();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err instanceof Error ? err.message : String(err));
    }
  });

  return (
    <AuthLayout title="Set up your office" subtitle="Create the company and the administrator account. You can add clerks and supervisors next.">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <TextInput label="Company name" placeholder="Riverside Medical Billing" data-autofocus autoFocus {...form.getInputProps('companyName')} />
          <Select label="Office time zone" data={usTimeZones} allowDeselect={false} {...form.getInputProps('timeZone')} />
          <Divider label="Administrator" labelPosition="left" my={4} />
          <TextInput label="Your name" placeholder="Jordan Lee" {...form.getInputProps('displayName')} />
          <TextInput label="User name" placeholder="jlee" autoComplete="username" {...form.getInputProps('username')} />
          <PasswordInput label="Password" description="At least 8 characters" autoComplete="new-password" {...form.getInputProps('password')} />
          <PasswordInput label="Confirm password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Button type="submit" mt="sm" loading={form.submitting}>
            Create company
          </Button>
        </Stack>
      </form>
      <DemoCompanyButton onDone={onDone} />
    </AuthLayout>
  );
}
