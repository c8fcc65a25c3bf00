import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  Paper,
  Progress,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  ActionIcon,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconDots, IconFileUpload, IconHistory, IconPackageExport, IconRestore } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { BackupEntry, BackupOverview } from '@shared/domain/backups';
import { formatBytes } from '@shared/domain/diagnostics';
import { formatInstant } from '@shared/dates';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { BackupSettingsForm } from './BackupSettingsForm';
import { ExportModal } from './ExportModal';
import { RestoreFlow } from './RestoreFlow';
import { stageLabels, triggerLabel } from './words';

/** Settings › Backups (administrators): the state of backups, Back up now, the schedule and folder, the list, export and restore. */
export function BackupsPanel() {
  const overview = useQuery({ queryKey: ['backups', 'overview'], queryFn: () => unwrap(window.api.backups.overview()) });
  const [exporting, setExporting] = useState<BackupEntry | null>(null);
  const [restoring, setRestoring] = useState<{ path: string | null } | null>(null);

  const pickBackup = async () => {
    const answer = await unwrap(window.api.backups.pickBackup());
    if (answer.kind === 'picked') setRestoring({ path: answer.path });
    else if (answer.kind === 'noDialog') setRestoring({ path: null });
  };

  if (overview.isPending) return <Loader />;
  if (overview.isError) return <Alert color="red">{overview.error.message}</Alert>;
  const o = overview.data;
  return (
    <Stack gap="md" maw={1100}>
      <StatusCard overview={o} />
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Backups</Title>
          <Button variant="default" leftSection={<IconFileUpload size={16} />} onClick={() => void pickBackup()}>
            Restore from a file…
          </Button>
        </Group>
        <BackupList entries={o.entries} onExport={setExporting} onRestore={(e) => setRestoring({ path: e.path })} />
      </Paper>
      <BackupSettingsForm overview={o} />
      {exporting && <ExportModal entry={exporting} onClose={() => setExporting(null)} />}
      {restoring && <RestoreFlow path={restoring.path} onClose={() => setRestoring(null)} />}
    </Stack>
  );
}

function StatusCard({ overview: o }: { overview: BackupOverview }) {
  const [stage, setStage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => window.api.on('progress', (p) => p.task === 'backup' && setStage(p.label ?? null)), []);
  const running = busy || o.running !== null;

  const backUpNow = async () => {
    setBusy(true);
    setError(null);
    setStage(null);
    try {
      const e = await unwrap(window.api.backups.backUpNow());
      notifications.show({
        color: e.findings.length > 0 ? 'yellow' : 'teal',
        title: 'Backup written and verified',
        message: `${e.fileName} · ${formatBytes(e.sizeBytes ?? 0)}`,
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['backups'] });
    }
  };

  const last = o.lastSuccess;
  const newest = o.entries[0];
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xl" style={{ flex: 1 }}>
          <Fact
            label="Last backup"
            value={last ? formatInstant(last.finishedAt ?? last.startedAt) : 'None yet'}
            detail={last ? `${formatBytes(last.sizeBytes ?? 0)} · verified` : 'Back up now, or wait for the schedule'}
          />
          <Fact
            label="Next backup"
            value={o.nextDueAt ? formatInstant(o.nextDueAt, o.timeZone) : 'Not scheduled'}
            detail={o.settings.scheduleEnabled ? `Daily at ${o.settings.timeOfDay}, the office’s time` : 'Automatic backups are off'}
          />
          <Fact
            label="Folder"
            value={o.folder}
            detail={o.folder === o.defaultFolder ? 'Suggested folder, on this computer' : 'Chosen by an administrator'}
            mono
          />
        </SimpleGrid>
        <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => void backUpNow()} loading={running} miw={160}>
          Back up now
        </Button>
      </Group>
      {running && (
        <Stack gap={4} mt="md">
          <Progress value={100} animated striped aria-label="Backup progress" />
          <Text size="xs" c="dimmed">
            {(stage && stageLabels[stage]) ?? 'Starting…'} Everyone can keep working meanwhile.
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" mt="md" title="The backup failed">
          {error}
        </Alert>
      )}
      {!error && newest?.result === 'failed' && !running && (
        <Alert color="red" mt="md" title={`The last backup failed (${formatInstant(newest.startedAt)})`}>
          {newest.error?.message}
        </Alert>
      )}
      {o.folderProblem && (
        <Alert color="orange" mt="md" title="The backup folder cannot be used now">
          {o.folderProblem.message}
        </Alert>
      )}
    </Paper>
  );
}

function Fact({ label, value, detail, mono }: { label: string; value: string; detail: string; mono?: boolean }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} size={mono ? 'sm' : 'md'} ff={mono ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Stack>
  );
}

function ResultBadge({ e }: { e: BackupEntry }) {
  if (e.result === 'failed')
    return (
      <Badge color="red" variant="light">
        Failed
      </Badge>
    );
  if (e.findings.length > 0) {
    return (
      <Tooltip label={`Copied faithfully, but the store has verify findings: ${e.findings.join('; ')}`} multiline w={360}>
        <Badge color="yellow" variant="light">
          Verified · findings
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge color="teal" variant="light">
      Verified
    </Badge>
  );
}

function BackupList({ entries, onExport, onRestore }: { entries: BackupEntry[]; onExport: (e: BackupEntry) => void; onRestore: (e: BackupEntry) => void }) {
  if (entries.length === 0) {
    return (
      <Group gap="xs" c="dimmed" py="md">
        <IconHistory size={18} />
        <Text size="sm">No backups yet.</Text>
      </Group>
    );
  }
  return (
    <ScrollArea.Autosize mah={300}>
      <Table stickyHeader striped verticalSpacing="xs" aria-label="Backups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th>Started by</Table.Th>
            <Table.Th>File or reason</Table.Th>
            <Table.Th w={48} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatInstant(e.startedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <ResultBadge e={e} />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" className="num">
                  {e.sizeBytes !== null ? formatBytes(e.sizeBytes) : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{triggerLabel(e)}</Text>
              </Table.Td>
              <Table.Td maw={420}>
                {e.result === 'failed' ? (
                  <Text size="sm" c="red.8">
                    {e.error?.message}
                  </Text>
                ) : (
                  <Text
                    size="sm"
                    ff="monospace"
                    c={e.present ? undefined : 'dimmed'}
                    td={e.present ? undefined : 'line-through'}
                    title={e.present ? (e.path ?? undefined) : 'Deleted by retention'}
                  >
                    {e.fileName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {e.result === 'ok' && e.present && (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${e.fileName}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconPackageExport size={16} />} onClick={() => onExport(e)}>
                        Export with a passphrase…
                      </Menu.Item>
                      <Menu.Item leftSection={<IconRestore size={16} />} color="red" onClick={() => onRestore(e)}>
                        Restore…
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
