import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { AuditVerifyReport } from '@shared/domain/audit';
import { auditActionText, auditChanges, auditChangesText, describeAudit } from '@shared/domain/audit-words';
import { formatInstant } from '@shared/dates';
import { unwrap } from '../../api/client';
import { useSession } from '../../app/session';

export function AuditLogPanel() {
  const { session } = useSession();
  const log = useQuery({ queryKey: ['audit', 'list'], queryFn: () => unwrap(window.api.audit.list({ limit: 200 })) });
  const company = useQuery({ queryKey: ['settings', 'company'], queryFn: () => unwrap(window.api.settings.get()), staleTime: 5 * 60_000 });
  const currency = company.data?.currency ?? 'USD';
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
              <Table.Th>What happened</Table.Th>
              <Table.Th>Recorded values</Table.Th>
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
                  {/* The words on screen; the code (as the audit trail workbook lists it) on hover. */}
                  <Tooltip label={r.action} openDelay={400}>
                    <Badge
                      variant="light"
                      size="sm"
                      color={r.action.includes('Failed') || r.action.includes('denied') || r.action.includes('lockout') ? 'red' : 'gray'}
                    >
                      {auditActionText(r.action)}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeAudit(r, undefined, currency)}</Text>
                </Table.Td>
                <Table.Td maw={380}>
                  <ValuesText
                    before={auditChangesText(auditChanges(r.before, r.after, undefined, currency), 'before')}
                    after={auditChangesText(auditChanges(r.before, r.after, undefined, currency), 'after')}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

/** Before and after as readable text on one line; the whole of it on hover. */
function ValuesText({ before, after }: { before: string; after: string }) {
  const text = before && after ? `${before} → ${after}` : after || before;
  if (!text) return null;
  return (
    <Tooltip label={text} multiline maw={520} openDelay={400}>
      <Text size="xs" c="dimmed" truncate="end" maw={380}>
        {text}
      </Text>
    </Tooltip>
  );
}
