import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { agingBucketLabels, defaultAgingSettings } from '@shared/domain/aging';
import type { DocumentSettingsView } from '@shared/domain/documents';
import { useAgingSettings } from '../accounts/api';
import { saveDocumentSettings, saveProblem } from '../documents/settingsApi';

/** The message for a bucket as statements choose it: past the end of the list, the last one. */
const messageAt = (list: readonly string[], i: number) => list[Math.min(i, list.length - 1)] ?? '';

/**
 * Statement messages (Settings › Documents): the dunning message a statement prints, one per aging
 * bucket, chosen by the account's oldest open item. One box per bucket of the aging settings.
 */
export function StatementMessagesForm({ view, canEdit }: { view: DocumentSettingsView; canEdit: boolean }) {
  const aging = useAgingSettings();
  const labels = agingBucketLabels(aging.data ?? defaultAgingSettings);
  const [edited, setEdited] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const value = labels.map((_, i) => edited[i] ?? messageAt(view.statementMessages, i));

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await saveDocumentSettings({ statementMessages: value });
      setEdited({});
      notifications.show({ color: 'teal', message: 'Statement messages saved.' });
    } catch (err) {
      setProblem(saveProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb={4}>
        Statement messages
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Printed beside a statement’s totals, chosen by the age of the account’s oldest open item. Leave one empty to print no message for that age.
      </Text>
      <Stack gap="sm">
        {labels.map((label, i) => (
          <Textarea
            key={label}
            label={label}
            autosize
            minRows={2}
            maxLength={600}
            value={value[i]}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setEdited((m) => ({ ...m, [i]: text }));
            }}
            error={problem?.fields[`statementMessages.${i}`]}
            disabled={!canEdit}
            data-testid={`statement-message-${i}`}
          />
        ))}
        {problem && <Alert color="red">{problem.message}</Alert>}
        {canEdit && (
          <Group justify="flex-end">
            <Button onClick={() => void save()} loading={busy} disabled={Object.keys(edited).length === 0 && view.statementMessages.length === labels.length}>
              Save statement messages
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
