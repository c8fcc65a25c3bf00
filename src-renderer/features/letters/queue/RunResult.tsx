import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { problemDocument, problemText } from '@shared/domain/documents-text';
import { letterExceptionText } from '@shared/domain/letter-runs-text';
import type { LetterRunResult } from './useLetterRun';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a letter run did: the letters that left, then every account left out with its reason (never dropped silently). */
export function RunResult({ result, busy, onResume, onClose }: { result: LetterRunResult; busy: boolean; onResume: () => void; onClose: () => void }) {
  const apart = [
    ...result.exceptions.map((e) => ({ key: `e${e.accountId}`, who: `${e.accountNumber} · ${e.accountName}`, why: letterExceptionText(e) })),
    ...result.problems.map((p, i) => ({ key: `p${i}`, who: problemDocument(p), why: problemText(p) })),
  ];
  return (
    <Stack gap="xs" data-testid="letter-run-result">
      <Alert color={result.stopped ? 'yellow' : result.sent > 0 ? 'teal' : 'gray'} title={`${result.templateName}: ${plural(result.sent, 'letter')} sent`}>
        <Stack gap={4}>
          {result.earlier > 0 && <Text size="sm">{plural(result.earlier, 'letter')} of this run went out before.</Text>}
          {result.destination && <Text size="sm">Sent to {result.destination}.</Text>}
          {result.stopped && (
            <Text size="sm">
              {result.stopped.title}: {result.stopped.message} Resume the run to produce only the letters still missing; none goes out twice.
            </Text>
          )}
          <Group gap="xs" mt={4}>
            {result.stopped && (
              <Button size="xs" onClick={onResume} loading={busy}>
                Resume run
              </Button>
            )}
            <Button size="xs" variant="default" onClick={onClose}>
              Close
            </Button>
          </Group>
        </Stack>
      </Alert>
      {apart.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            Not sent ({apart.length})
          </Text>
          <Table aria-label="Letters not sent" fz="sm" verticalSpacing={4} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Account</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apart.map((a) => (
                <Table.Tr key={a.key}>
                  <Table.Td>{a.who}</Table.Td>
                  <Table.Td>{a.why}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
