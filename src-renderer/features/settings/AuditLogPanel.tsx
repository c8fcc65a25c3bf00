import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { AuditVerifyReport } from '@shared/domain/audit';
import { formatInstant } from '@shared/dates';
import { unwrap } from '../../api/client';
import { useSession } from '../../app/session';

export function AuditLogPanel() {
  const { session } = useSession();
  const log = useQuery({ queryKey: ['audit', 'list'], queryFn: () => unwrap(window.api.audit.list({ limit: 200 })) });
  const [report, setReport] = useState<AuditVerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const verify = async () => {
    setError(null);
    try {
      setReport(await unwrap(window.api.audit.verify()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          The most recent 200 records. The log is append-only and hash-chained: any edited, removed or reordered record is detected.
        </Text>
        {session.role === 'administrator' && (
          <Button variant="light" leftSection={<IconShieldCheck size={16} />} onClick={() => void verify()}>
            Verify chain
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" mb="sm">
          {error}
        </Alert>
      )}
      {report && (
        <Alert color={report.ok ? 'teal' : 'red'} mb="sm" title={report.ok ? 'Audit chain intact' : 'Audit chain broken'}>
          {report.records} records checked.{' '}
          {report.problems
            .slice(0, 5)
            .map((p) => `#${p.seq}: ${p.problem}`)
            .join('; ')}
        </Alert>
      )}
      <ScrollArea h={480}>
        <Table stickyHeader striped aria-label="Audit log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Record</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data?.map((r) => (
              <Table.Tr key={r.seq}>
                <Table.Td className="num">{r.seq}</Table.Td>
                <Table.Td>
                  <Text size="xs">{formatInstant(r.at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.username ?? 'system'}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    size="sm"
                    color={r.action.includes('Failed') || r.action.includes('denied') || r.action.includes('lockout') ? 'red' : 'gray'}
                  >
                    {r.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {r.entity}
                    {r.entityId ? ` ${r.entityId}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td maw={360}>
                  <Code block={false} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block', maxWidth: 360 }}>
                    {r.after ? JSON.stringify(r.after) : ''}
                  </Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
