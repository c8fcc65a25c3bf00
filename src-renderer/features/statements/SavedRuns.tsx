import { automaticActorName } from '@shared/domain/users';
import { useState } from 'react';
import { Alert, Button, Center, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { IconRepeat } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatInstant } from '@shared/dates';
import type { StatementRun } from '@shared/domain/statements';
import { runChannelLabels, statementRunTitle } from '@shared/domain/statements-text';
import { unwrap } from '../../api/client';
import { DocumentActions } from '../documents/DocumentActions';
import { usePersonName } from '../users/names';

/** Saved statement runs, newest first; Reprint sends the same statements again (same date, type, period, accounts). */
export function SavedRuns() {
  const runs = useQuery({ queryKey: ['statements', 'runs'], queryFn: () => unwrap(window.api.statements.runs({ limit: 50 })) });
  const [open, setOpen] = useState<StatementRun | null>(null);
  const name = usePersonName();
  if (runs.isPending)
    return (
      <Center p="md">
        <Loader size="sm" />
      </Center>
    );
  if (runs.isError) return <Alert color="red">{runs.error.message}</Alert>;
  if (runs.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No statement run yet. A run is saved when its statements go out.
      </Text>
    );
  return (
    <>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Table aria-label="Saved statement runs" verticalSpacing={6} highlightOnHover>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>Run</Table.Th>
              <Table.Th>Statements</Table.Th>
              <Table.Th ta="right">Accounts</Table.Th>
              <Table.Th>First sent</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((r) => (
              <Table.Tr key={r.id} data-testid={`statement-run-${r.id}`}>
                <Table.Td className="num">{r.id}</Table.Td>
                <Table.Td>{statementRunTitle(r)}</Table.Td>
                <Table.Td ta="right" className="num">
                  {r.accountIds.length.toLocaleString('en-US')}
                </Table.Td>
                <Table.Td>{runChannelLabels[r.channel]}</Table.Td>
                <Table.Td c="dimmed">{name(r.createdBy) ?? automaticActorName}</Table.Td>
                <Table.Td>{formatInstant(r.createdAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconRepeat size={12} />}
                    onClick={() => setOpen(r)}
                    aria-label={`Reprint run ${r.id}`}
                  >
                    Reprint
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {open && (
        <Modal opened onClose={() => setOpen(null)} title={<Text fw={600}>Reprint run {open.id}</Text>} size={560} centered>
          <Stack gap="sm">
            <Text size="sm">
              {statementRunTitle(open)}: the same {open.accountIds.length.toLocaleString('en-US')} {open.accountIds.length === 1 ? 'account' : 'accounts'}, in
              the same order. The figures are as of the run’s date, so each statement reads as it did; one that already left on the same channel is marked COPY.
            </Text>
            <DocumentActions documents={open.statements} />
          </Stack>
        </Modal>
      )}
    </>
  );
}
