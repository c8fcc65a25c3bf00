import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { RunProgressState } from './useDocumentRun';

/** The progress of a run that renders documents, with Cancel (nothing of a cancelled run leaves). */
export function RunProgress({ progress, onCancel }: { progress: RunProgressState | null; onCancel: () => void }) {
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const known = total > 0;
  return (
    <Stack gap={4} data-testid="documents-progress">
      <Progress value={known ? (done / total) * 100 : 100} animated={!known} striped={!known} aria-label="Documents progress" />
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {progress?.label ?? (known ? `Preparing ${done} of ${total} documents…` : 'Preparing the documents…')}
        </Text>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
