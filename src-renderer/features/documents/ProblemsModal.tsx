import { Button, Group, Modal, Table, Text } from '@mantine/core';
import type { DeliveryChannel, OutputProblem } from '@shared/domain/documents';
import { problemDocument, problemsTitle, problemText } from '@shared/domain/documents-text';

/** The documents a run left out, each with its reason in words. */
export function ProblemsModal({ channel, problems, onClose }: { channel: DeliveryChannel; problems: OutputProblem[]; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{problemsTitle(channel)}</Text>} size={620} centered>
      <Text size="sm" c="dimmed" mb="sm">
        {problems.length === 1 ? 'This document was left out.' : `These ${problems.length} documents were left out.`} Correct the account, then try again.
      </Text>
      <Table aria-label={problemsTitle(channel)} fz="sm" verticalSpacing={6} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Document</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once and never reordered
            <Table.Tr key={i}>
              <Table.Td>{problemDocument(p)}</Table.Td>
              <Table.Td>{problemText(p)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end" mt="md">
        <Button onClick={onClose}>Close</Button>
      </Group>
    </Modal>
  );
}
