import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import type { BackupOverview, BackupSettings } from '@shared/domain/backups';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { FolderField } from './FolderField';

/** Where backups go, when the schedule takes them, and how many are kept. Saved whole; audited. */
export function BackupSettingsForm({ overview }: { overview: BackupOverview }) {
  const [values, setValues] = useState<BackupSettings>(overview.settings);
  const [folder, setFolder] = useState(overview.folder);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setValues(overview.settings);
    setFolder(overview.folder);
  }, [overview.settings, overview.folder]);

  const set = <K extends keyof BackupSettings>(k: K, v: BackupSettings[K]) => setValues((s) => ({ ...s, [k]: v }));
  const save = async () => {
    setSaving(true);
    setError(null);
    setErrors({});
    try {
      const chosen = folder.trim() === overview.defaultFolder ? null : folder.trim();
      await unwrap(
        window.api.backups.updateSettings({
          folder: chosen,
          scheduleEnabled: values.scheduleEnabled,
          timeOfDay: values.timeOfDay,
          keepDaily: values.keepDaily,
          keepMonthly: values.keepMonthly,
        }),
      );
      notifications.show({ color: 'teal', message: 'Backup settings saved.' });
      await queryClient.invalidateQueries({ queryKey: ['backups'] });
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Title order={4}>Schedule and folder</Title>
          {error && <Alert color="red">{error}</Alert>}
          <FolderField
            label="Backup folder"
            description={
              folder.trim() === overview.defaultFolder
                ? 'The suggested folder is on this computer: choose a network share or another disk, so a backup outlives this computer.'
                : 'A network share or another disk.'
            }
            value={folder}
            onChange={setFolder}
            error={errors.folder}
          />
          <Switch
            mt="xs"
            label="Back up automatically every day"
            description="A missed backup (the computer was off) is taken when Ledgerdesk next runs; a failed one is tried again an hour later."
            checked={values.scheduleEnabled}
            onChange={(e) => set('scheduleEnabled', e.currentTarget.checked)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TimeInput
              label="Time of day"
              description="The office’s time zone"
              value={values.timeOfDay}
              onChange={(e) => set('timeOfDay', e.currentTarget.value)}
              disabled={!values.scheduleEnabled}
              error={errors.timeOfDay}
            />
            <NumberInput
              label="Keep daily backups"
              description="The last N days"
              min={1}
              max={366}
              value={values.keepDaily}
              onChange={(v) => set('keepDaily', Number(v) || 1)}
              error={errors.keepDaily}
            />
            <NumberInput
              label="Keep monthly backups"
              description="One per month, M months"
              min={0}
              max={120}
              value={values.keepMonthly}
              onChange={(v) => set('keepMonthly', Number(v) || 0)}
              error={errors.keepMonthly}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Older backups in the folder are deleted after each new one. Exported copies are never deleted.
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={saving}>
              Save backup settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
