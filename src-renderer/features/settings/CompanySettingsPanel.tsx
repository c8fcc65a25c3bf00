import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import type { CompanySettings } from '@shared/domain/settings';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { useSession } from '../../app/session';
import { usTimeZones } from '../auth/timeZones';

export function CompanySettingsPanel() {
  const { session, refresh } = useSession();
  const canEdit = session.role === 'administrator';
  const settings = useQuery({ queryKey: ['settings', 'company'], queryFn: () => unwrap(window.api.settings.get()) });
  const [error, setError] = useState<string | null>(null);
  const form = useForm<CompanySettings>({
    initialValues: { companyName: '', currency: 'USD', timeZone: 'America/New_York', idleLockMinutes: 15, complianceEnabled: true },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the saved settings into the form when they arrive; the form object changes on every keystroke
  useEffect(() => {
    if (settings.data) form.setValues(settings.data);
  }, [settings.data]);

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await unwrap(
        window.api.settings.update({
          companyName: v.companyName,
          timeZone: v.timeZone,
          idleLockMinutes: v.idleLockMinutes,
          complianceEnabled: v.complianceEnabled,
        }),
      );
      notifications.show({ color: 'teal', message: 'Company settings saved.' });
      await queryClient.invalidateQueries({ queryKey: ['settings'] });
      await refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  });

  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {!canEdit && <Alert color="gray">Only an administrator can change company settings.</Alert>}
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label="Company name" disabled={!canEdit} {...form.getInputProps('companyName')} />
          <Select label="Office time zone" data={usTimeZones} disabled={!canEdit} allowDeselect={false} {...form.getInputProps('timeZone')} />
          <TextInput label="Currency" disabled description="One company currency for now." {...form.getInputProps('currency')} />
          <NumberInput label="Lock the session after (minutes idle)" min={1} max={240} disabled={!canEdit} {...form.getInputProps('idleLockMinutes')} />
          <Switch
            mt="xs"
            label="Apply Regulation F contact limits to consumer accounts"
            description="Calling hours, call frequency, cease-communication and dispute pauses (recommended, on by default)."
            disabled={!canEdit}
            {...form.getInputProps('complianceEnabled', { type: 'checkbox' })}
          />
          {canEdit && (
            <Group justify="flex-end" mt="sm">
              <Button type="submit" loading={form.submitting}>
                Save settings
              </Button>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            Changes apply to every user and are recorded in the audit log.
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
