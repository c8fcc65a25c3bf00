import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardCopy, IconDatabase, IconFolderOpen, IconInfoCircle, IconReceipt2, IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { ADMINISTRATORS_ONLY, diagnosticsText, formatBytes, lastBackupText, NO_BACKUP_YET, schemaText } from '@shared/domain/diagnostics';
import type { StoreDiagnostics } from '@shared/ipc/contract/diagnostics';
import { unwrap } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';

/**
 * About Ledgerdesk: versions, the store, the last backup and the log folder, and the plain-text block an
 * office sends to support (src-shared/domain/diagnostics.ts). Every signed-in user sees it; the store's
 * path comes only to administrators (the backend leaves it out for everyone else).
 */
export function AboutScreen() {
  // Sizes change as people work: fetched fresh each time the page opens.
  const store = useQuery({ queryKey: ['diagnostics', 'store'], queryFn: () => unwrap(window.api.diagnostics.store()), staleTime: 0 });
  const shell = useQuery({ queryKey: ['diagnostics', 'shell'], queryFn: () => unwrap(window.api.diagnostics.shell()), staleTime: Number.POSITIVE_INFINITY });
  const [manualCopy, setManualCopy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const copy = async () => {
    if (!store.data) return;
    const text = diagnosticsText(store.data, shell.data ?? null, new Date());
    try {
      await navigator.clipboard.writeText(text);
      notifications.show({ color: 'teal', message: 'Diagnostics copied. Paste them into your message to support.' });
    } catch {
      setManualCopy(text); // no clipboard access: let the user copy it by hand
    }
  };
  const openLogFolder = async () => {
    setError(null);
    try {
      const opened = await unwrap(window.api.diagnostics.openLogFolder());
      if (!opened) setError(`Open the folder yourself: ${shell.data?.logFolder ?? 'the log folder'}.`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const failed = store.error ?? shell.error;
  return (
    <>
      <PageHeader
        title="About Ledgerdesk"
        description="Versions, where this office's data lives, and what to send to support."
        actions={
          <>
            <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void openLogFolder()} disabled={!shell.data}>
              Open log folder
            </Button>
            <Button leftSection={<IconClipboardCopy size={16} />} onClick={() => void copy()} disabled={!store.data}>
              Copy diagnostics
            </Button>
          </>
        }
      />
      {failed && (
        <Alert color="red" mb="md">
          {failed.message}
        </Alert>
      )}
      {error && (
        <Alert color="orange" mb="md" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      <Paper withBorder radius="md" p="md" mb="md">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={46} radius="md" variant="filled">
            <IconReceipt2 size={30} />
          </ThemeIcon>
          <Stack gap={2} style={{ flex: 1 }}>
            <Group gap="xs">
              <Title order={3} fz={20}>
                Ledgerdesk
              </Title>
              {shell.data ? (
                <Badge variant="light" size="lg" data-testid="about-version">
                  Version {shell.data.appVersion}
                </Badge>
              ) : (
                <Skeleton h={22} w={110} />
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Billing and collections for office receivables teams.
            </Text>
          </Stack>
          <Group gap={6}>
            <IconShieldLock size={18} color="var(--mantine-color-ledger-7)" />
            <Text size="sm" c="dimmed">
              The store is encrypted at rest
            </Text>
          </Group>
        </Group>
      </Paper>

      <SimpleGrid cols={2} spacing="md">
        <Stack gap="md">
          <Section title="Versions" icon={<IconInfoCircle size={18} />}>
            <Facts
              label="Versions"
              loading={!shell.data}
              rows={[
                ['Ledgerdesk', shell.data?.appVersion],
                [
                  'Electron',
                  shell.data
                    ? (shell.data.electron ?? (
                        <Text span size="sm" c="dimmed">
                          Not running in Electron (browser test bridge)
                        </Text>
                      ))
                    : undefined,
                ],
                ['Chromium', shell.data?.chromium],
                ['Node.js', shell.data?.node],
                ['Operating system', shell.data?.os],
              ]}
            />
          </Section>

          <Section title="Log" icon={<IconFolderOpen size={18} />}>
            <Stack gap="xs">
              <Text size="sm">
                Ledgerdesk records what it does and every unexpected error in <Code>ledgerdesk.log</Code> (up to 5 files of 5 MB, the oldest removed first).
              </Text>
              <Text size="sm" c="dimmed">
                The log holds event codes, counts, timings and error codes. Names, account and card numbers, amounts, e-mail addresses and other customer data
                are never written to it.
              </Text>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt={4}>
                Log folder
              </Text>
              {shell.data ? (
                <Code block data-testid="about-log-folder">
                  {shell.data.logFolder}
                </Code>
              ) : (
                <Skeleton h={34} />
              )}
            </Stack>
          </Section>
        </Stack>

        <Stack gap="md">
          <Section title="Store" icon={<IconDatabase size={18} />}>
            <Facts label="Store" loading={!store.data} rows={store.data ? storeRows(store.data) : []} />
          </Section>

          <Section title="Send to support" icon={<IconClipboardCopy size={18} />}>
            <Stack gap="xs">
              <Text size="sm">
                <b>Copy diagnostics</b> puts this text on the clipboard. Paste it into your message to support, and attach <Code>ledgerdesk.log</Code> if they
                ask for it.
              </Text>
              {store.data ? (
                <Code block data-testid="about-diagnostics" fz={11} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {diagnosticsText(store.data, shell.data ?? null, new Date())}
                </Code>
              ) : (
                <Skeleton h={180} />
              )}
            </Stack>
          </Section>
        </Stack>
      </SimpleGrid>

      <Modal opened={manualCopy !== null} onClose={() => setManualCopy(null)} title="Copy diagnostics" size="lg">
        <Stack gap="sm">
          <Text size="sm">The clipboard is not available here. Select the text below (Ctrl+A, then Ctrl+C) and paste it into your message to support.</Text>
          <Textarea
            value={manualCopy ?? ''}
            readOnly
            autosize
            minRows={12}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            onFocus={(e) => e.currentTarget.select()}
            data-autofocus
          />
        </Stack>
      </Modal>
    </>
  );
}

function storeRows(s: StoreDiagnostics): [string, ReactNode][] {
  return [
    ['Schema version', schemaText(s)],
    [
      'Store size',
      <Stack gap={0} key="size">
        <Text span size="sm">
          {formatBytes(s.storeBytes + s.walBytes)}
        </Text>
        <Text span size="xs" c="dimmed">
          Store file {s.storeBytes.toLocaleString('en-US')} bytes + write-ahead log {s.walBytes.toLocaleString('en-US')} bytes
        </Text>
      </Stack>,
    ],
    [
      'Location',
      s.storePath ? (
        <Text key="path" span size="sm" className="mono" style={{ wordBreak: 'break-all' }}>
          {s.storePath}
        </Text>
      ) : (
        <Text key="path" span size="sm" c="dimmed">
          {ADMINISTRATORS_ONLY}
        </Text>
      ),
    ],
    [
      'Last backup',
      s.lastBackup ? (
        <Group key="backup" gap={6}>
          <Badge size="sm" variant="light" color={s.lastBackup.ok ? 'teal' : 'red'}>
            {s.lastBackup.ok ? 'Succeeded' : 'Failed'}
          </Badge>
          <Text span size="sm">
            {lastBackupText(s.lastBackup)}
          </Text>
        </Group>
      ) : (
        <Badge key="backup" size="sm" variant="light" color="orange">
          {NO_BACKUP_YET}
        </Badge>
      ),
    ],
  ];
}

function Section({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap={8} mb="sm">
        <ThemeIcon size={26} radius="sm" variant="light">
          {icon}
        </ThemeIcon>
        <Title order={4} fz={16}>
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  );
}

/** Label / value rows; `undefined` values show as loading. */
function Facts({ label, rows, loading }: { label: string; rows: [string, ReactNode | undefined][]; loading: boolean }) {
  if (loading && rows.length === 0) return <Skeleton h={120} />;
  return (
    <Table aria-label={label} withRowBorders={false} verticalSpacing={5}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w={150} fw={500} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
              {name}
            </Table.Th>
            <Table.Td fz="sm">{value ?? <Skeleton h={16} w={120} />}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
