import { Drawer, Stack, Table, Text } from '@mantine/core';
import { formatInstant } from '@shared/dates';
import type { AuditLogRow } from '@shared/domain/audit-log';

/** One record's changes as a table of fields (label, before, after): the values in words, never JSON. */
export function AuditChangesDrawer({ row, timeZone, onClose }: { row: AuditLogRow | null; timeZone?: string; onClose: () => void }) {
  const changed = row?.changes.some((c) => c.before !== '') ?? false;
  return (
    <Drawer opened={row !== null} onClose={onClose} position="right" size="lg" title={row?.description ?? ''}>
      {row && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {row.actionText} by {row.userName ?? 'the system'}, {formatInstant(row.at, timeZone)}. Record {row.seq.toLocaleString('en-US')} of the log.
          </Text>
          {row.changes.length === 0 ? (
            <Text size="sm">This record keeps no values.</Text>
          ) : (
            <Table striped withTableBorder aria-label="Changes" layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="30%">Field</Table.Th>
                  {changed && <Table.Th>Before</Table.Th>}
                  <Table.Th>{changed ? 'After' : 'Value'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {row.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{c.field}</Table.Td>
                    {changed && <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.before}</Table.Td>}
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.after}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
