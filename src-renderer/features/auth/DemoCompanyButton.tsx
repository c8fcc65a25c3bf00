import { useEffect, useState } from 'react';
import { Alert, Button, CopyButton, Divider, Group, Modal, Progress, Stack, Table, Text, ThemeIcon, Tooltip, ActionIcon } from '@mantine/core';
import { IconCheck, IconCopy, IconFlask, IconSparkles } from '@tabler/icons-react';
import type { OpenDemoResult } from '@shared/ipc/contract/demo';
import { roleLabels, type Role } from '@shared/domain/users';
import { unwrap } from '../../api/client';

/**
 * First run, the other way in: "Explore the demo company" creates Riverside Medical Billing with
 * generated accounts and 18 months of history (app.openDemo), then shows the demo users and passwords.
 */
export function DemoCompanyButton({ onDone }: { onDone: () => Promise<void> }) {
  const [state, setState] = useState<'idle' | 'working' | 'ready'>('idle');
  const [progress, setProgress] = useState<{ done: number; total: number; label?: string } | null>(null);
  const [result, setResult] = useState<OpenDemoResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      window.api.on('progress', (p) => {
        if (p.task === 'demo') setProgress({ done: p.done, total: p.total, label: p.label });
      }),
    [],
  );

  const open = async () => {
    setError(null);
    setProgress(null);
    setState('working');
    try {
      setResult(await unwrap(window.api.app.openDemo()));
      setState('ready');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setState('idle');
    }
  };

  const pct = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : null;
  return (
    <>
      <Divider label="or look around first" labelPosition="center" my="md" />
      {error && (
        <Alert color="red" mb="sm">
          {error}
        </Alert>
      )}
      <Button variant="light" fullWidth leftSection={<IconFlask size={16} />} onClick={() => void open()} loading={state === 'working'}>
        Explore the demo company
      </Button>
      <Text size="xs" c="dimmed" ta="center" mt={6}>
        A sample billing office with 200 accounts and 18 months of invoices and payments. Not for real customers.
      </Text>

      <Modal
        opened={state !== 'idle'}
        onClose={() => undefined}
        withCloseButton={false}
        closeOnClickOutside={false}
        closeOnEscape={false}
        centered
        size={state === 'ready' ? 600 : 440}
        styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
        title={state === 'ready' ? 'The demo company is ready' : 'Creating the demo company'}
      >
        {state === 'working' ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Generating Riverside Medical Billing: accounts, invoices, payments and collections history. This takes a few seconds.
            </Text>
            <Progress value={pct ?? 100} animated={pct === null} striped={pct === null} size="md" radius="sm" aria-label="Demo company progress" />
            <Text size="xs" c="dimmed">
              {progress?.label ?? 'Starting…'}
              {pct !== null ? ` · ${Math.round(pct)}%` : ''}
            </Text>
          </Stack>
        ) : result ? (
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" color="teal" radius="xl" size={36}>
                <IconSparkles size={20} />
              </ThemeIcon>
              <Text size="sm">
                <b>{result.companyName}</b>: {result.demo.accounts.toLocaleString('en-US')} accounts, {result.demo.invoices.toLocaleString('en-US')} invoices
                and {result.demo.payments.toLocaleString('en-US')} payments up to today. You are signed in as the administrator; sign in as the others to see
                what each role can do.
              </Text>
            </Group>
            <Table withTableBorder verticalSpacing={6} aria-label="Demo users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User name</Table.Th>
                  <Table.Th>Password</Table.Th>
                  <Table.Th>Role</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.users.map((u) => (
                  <Table.Tr key={u.username}>
                    <Table.Td className="mono">{u.username}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm" className="mono">
                          {u.password}
                        </Text>
                        <CopyButton value={u.password}>
                          {({ copied, copy }) => (
                            <Tooltip label={copied ? 'Copied' : 'Copy'}>
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color={copied ? 'teal' : 'gray'}
                                onClick={copy}
                                aria-label={`Copy the password of ${u.username}`}
                              >
                                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                              </ActionIcon>
                            </Tooltip>
                          )}
                        </CopyButton>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {roleLabels[u.role as Role] ?? u.role}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              These passwords are public: use the demo company only for trying Ledgerdesk. For your office, start a new store and create your own company.
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => void onDone()} data-autofocus>
                Start exploring
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
