import { automaticActorName } from '@shared/domain/users';
import { useState } from 'react';
import { Alert, Badge, Button, Center, Loader, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink } from '@tabler/icons-react';
import type { ArchivedDocument } from '@shared/domain/documents';
import { archiveChannelText, outputKindLabels } from '@shared/domain/documents-text';
import { formatInstant } from '@shared/dates';
import { unwrap } from '../../api/client';
import { errorWords, useArchive } from './api';
import { usePersonName } from '../users/names';

/** The account's archive: every document that left (printed, saved, emailed), reopened exactly as it left. */
export function DocumentsTab({ accountId }: { accountId: number }) {
  const archive = useArchive(accountId);
  const [opening, setOpening] = useState<number | null>(null);
  const name = usePersonName();

  const open = async (a: ArchivedDocument) => {
    setOpening(a.id);
    try {
      await unwrap(window.api.documents.openArchived({ archiveId: a.id }));
    } catch (err) {
      const w = errorWords(err);
      notifications.show({ color: 'red', title: w.title, message: w.message });
    } finally {
      setOpening(null);
    }
  };

  if (archive.isPending)
    return (
      <Center p="xl">
        <Loader size="sm" />
      </Center>
    );
  if (archive.isError) return <Alert color="red">{archive.error.message}</Alert>;
  const rows = archive.data;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" p="md">
        No document has left for this account yet. Invoices and receipts printed, saved as PDF or emailed are kept here, exactly as they left.
      </Text>
    );
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table aria-label="Documents that left" verticalSpacing={6} highlightOnHover>
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Table.Th>Document</Table.Th>
            <Table.Th>How it left</Table.Th>
            <Table.Th ta="right">Pages</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} data-testid={`archive-row-${a.id}`}>
              <Table.Td>
                {outputKindLabels[a.kind]}{' '}
                <Text span inherit className="mono">
                  {a.number ?? ''}
                </Text>
                {a.copy && (
                  <Badge ml={6} size="xs" variant="light" color="gray">
                    Copy
                  </Badge>
                )}
              </Table.Td>
              <Table.Td title={a.channel === 'pdf' ? a.destination : undefined}>{archiveChannelText(a)}</Table.Td>
              <Table.Td ta="right" className="num">
                {a.pages}
              </Table.Td>
              <Table.Td c="dimmed">{name(a.createdBy) ?? automaticActorName}</Table.Td>
              <Table.Td>{formatInstant(a.createdAt)}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconExternalLink size={12} />}
                  loading={opening === a.id}
                  onClick={() => void open(a)}
                  aria-label={`Open ${outputKindLabels[a.kind]} ${a.number ?? ''}`.trim()}
                >
                  Open
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
