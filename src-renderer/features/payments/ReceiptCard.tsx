import { Alert, Box, Center, Divider, Group, Loader, Modal, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { documentKindLabels, type DocumentKind } from '@shared/domain/ledger';
import { paymentMethodLabels, type Receipt } from '@shared/domain/payments';
import { formatDate, formatInstant } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { Money } from '../../components/Money';
import { useSession } from '../../app/session';
import { DocumentActions } from '../documents/DocumentActions';

export function methodText(r: Pick<Receipt, 'method' | 'checkNumber' | 'cardLast4'>): string {
  return `${paymentMethodLabels[r.method]}${r.checkNumber ? ` #${r.checkNumber}` : ''}${r.cardLast4 ? ` ending ${r.cardLast4}` : ''}`;
}

/** The receipt as the customer gets it: a paper-like card, with Print, Save as PDF and Email above it (Ctrl+P prints it). */
export function ReceiptCard({ receipt: r }: { receipt: Receipt }) {
  const { session } = useSession();
  // The receipt names the clerk by user name; show the signed-in clerk's full name when it is them.
  const clerk = r.clerk === session.username ? session.displayName : r.clerk;
  return (
    <Stack gap="sm">
      <DocumentActions documents={[{ kind: 'receipt', documentId: r.paymentId }]} number={r.receiptNumber} accountId={r.accountId} shortcut size="xs" />
      <ReceiptPaper r={r} clerk={clerk} />
    </Stack>
  );
}

function ReceiptPaper({ r, clerk }: { r: Receipt; clerk: string }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="xl"
      shadow="xs"
      data-testid="receipt"
      style={{ background: 'white', borderTop: '4px solid var(--mantine-color-ledger-7)' }}
    >
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Text fw={700} size="lg">
            {r.companyName}
          </Text>
          <Text size="xs" c="dimmed">
            Payment receipt
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Receipt
          </Text>
          <Text fw={700} className="mono" data-testid="receipt-number">
            {r.receiptNumber}
          </Text>
        </Stack>
      </Group>
      <Divider my="md" variant="dashed" />
      <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
        <Stack gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Received from
          </Text>
          <Text size="sm" fw={500}>
            {r.accountName}
          </Text>
          <Text size="xs" c="dimmed" className="mono">
            {r.accountNumber}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Date
          </Text>
          <Text size="sm">{formatDate(r.date)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Method
          </Text>
          <Text size="sm" data-testid="receipt-method">
            {methodText(r)}
          </Text>
          {r.reference && (
            <Text size="xs" c="dimmed">
              Ref. {r.reference}
            </Text>
          )}
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Amount received
          </Text>
          <Text fz={22} fw={700} className="num" data-testid="receipt-amount">
            {formatMoney(r.amountCents)}
          </Text>
        </Stack>
      </SimpleGrid>
      <Box mt="md">
        <Table fz="sm" verticalSpacing={5} aria-label="Applied to">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Applied to</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.allocations.map((a) => (
              <Table.Tr key={a.documentId}>
                <Table.Td>
                  {documentKindLabels[a.kind as DocumentKind] ?? a.kind}{' '}
                  <Text span inherit className="mono">
                    {a.number}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={a.amountCents} />
                </Table.Td>
              </Table.Tr>
            ))}
            {r.earlyPaymentDiscounts.map((d) => (
              <Table.Tr key={`discount-${d.documentId}`} data-testid="receipt-discount">
                <Table.Td c="teal.8">
                  Early-payment discount on{' '}
                  <Text span inherit className="mono">
                    {d.number}
                  </Text>{' '}
                  <Text span size="xs" c="dimmed">
                    (credit note{' '}
                    <Text span inherit className="mono">
                      {d.creditNoteNumber}
                    </Text>
                    )
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={d.amountCents} c="teal.8" />
                </Table.Td>
              </Table.Tr>
            ))}
            {r.unappliedCents > 0 && (
              <Table.Tr>
                <Table.Td c="dimmed">Left on account as credit</Table.Td>
                <Table.Td ta="right">
                  <Money cents={r.unappliedCents} data-testid="receipt-unapplied" />
                </Table.Td>
              </Table.Tr>
            )}
            {r.allocations.length === 0 && r.unappliedCents === 0 && (
              <Table.Tr>
                <Table.Td colSpan={2} c="dimmed">
                  Nothing applied.
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Box>
      <Divider my="md" variant="dashed" />
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Received by {clerk} · {formatInstant(r.postedAt)}
        </Text>
        <Text size="xs" c="dimmed">
          Thank you for your payment.
        </Text>
      </Group>
    </Paper>
  );
}

/** Shows a posted payment's receipt (from the ledger or right after posting). */
export function ReceiptModal({ paymentId, receipt, onClose }: { paymentId?: number; receipt?: Receipt; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['payments', 'receipt', paymentId],
    queryFn: () => unwrap(window.api.payments.receipt({ paymentId: paymentId! })),
    enabled: !receipt && paymentId !== undefined,
  });
  const r = receipt ?? q.data;
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Group gap={6}>
          <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" />
          <Text fw={600}>Receipt</Text>
        </Group>
      }
      size={560}
      centered
    >
      {q.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {q.error.message}
        </Alert>
      )}
      {r ? (
        <ReceiptCard receipt={r} />
      ) : (
        !q.error && (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        )
      )}
    </Modal>
  );
}
