import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import type { RunProgressState } from '../documents/useDocumentRun';
import type { ExportEnd } from './useReportExport';

/** What a workbook is worth in words ("48 KB"). */
export const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * The foot of a report form: why it cannot run yet, how the last export ended (the backend's words),
 * the progress with Cancel while it runs, and Export to Excel.
 */
export function ExportFooter(props: {
  problem: string | null;
  running: boolean;
  progress: RunProgressState | null;
  end: ExportEnd | null;
  onExport: () => void;
  onCancel?: () => void;
  /** The button and the line beside it, for an export that is not a workbook. */
  label?: string;
  hint?: string;
}) {
  const { problem, running, progress, end, onExport, onCancel } = props;
  const total = progress?.total ?? 0;
  // Nothing done yet draws as a moving stripe: an empty bar looks stuck.
  const known = total > 0 && (progress?.done ?? 0) > 0;
  return (
    <Stack gap="sm">
      {end?.kind === 'failed' && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} title={end.title} data-testid="report-error">
          {end.message}
        </Alert>
      )}
      {end?.kind === 'cancelled' && (
        <Alert color="gray" icon={<IconAlertCircle size={16} />} data-testid="report-cancelled">
          Cancelled, nothing was saved.
        </Alert>
      )}
      {end?.kind === 'saved' && (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="report-saved">
          Exported <b>{end.fileName}</b> ({sizeText(end.bytes)}).
        </Alert>
      )}
      {running && (
        <Stack gap={4} data-testid="report-progress">
          <Progress value={known ? (100 * (progress?.done ?? 0)) / total : 100} animated={!known} striped={!known} aria-label="Report progress" />
          <Group justify="space-between" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {progress?.label ?? 'Building the workbook…'}
            </Text>
            {onCancel && (
              <Button size="compact-xs" variant="subtle" color="gray" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      )}
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c={problem ? 'red.7' : 'dimmed'}>
          {problem ?? props.hint ?? 'An Excel workbook (.xlsx) that opens the same in Excel and LibreOffice.'}
        </Text>
        <Button leftSection={<IconFileSpreadsheet size={18} />} onClick={onExport} loading={running} disabled={problem !== null} data-testid="report-export">
          {props.label ?? 'Export to Excel'}
        </Button>
      </Group>
    </Stack>
  );
}
