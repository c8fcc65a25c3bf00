import { Alert, Badge, Button, Drawer, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight, IconFileInvoice } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { AgingBasis, AgingPresentation } from '@shared/domain/aging';
import { formatDate } from '@shared/dates';
import { unwrap } from '../../api/client';
import { Money } from '../../components/Money';
import { bucketColor } from './filters';

export interface DrillTarget {
  accountId: number;
  accountNumber: string;
  accountName: string;
  bucket: number;
  /** The summary cell's amount, to check the drill against. */
  cents: number;
}

/** The invoices (and, when credits are aged, the credits) behind one summary cell (aging.drill), with the way to the account. */
export function AgingDrillDrawer({
  target,
  asOf,
  basis,
  presentation,
  labels,
  onClose,
}: {
  target: DrillTarget | null;
  asOf: string;
  basis: AgingBasis;
  presentation: AgingPresentation;
  labels: string[];
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const drill = useQuery({
    queryKey: ['aging', 'drill', asOf, basis, presentation, target?.accountId, target?.bucket],
    queryFn: () => unwrap(window.api.aging.drill({ asOf, basis, presentation, accountId: target!.accountId, bucket: target!.bucket })),
    enabled: target !== null,
  });
  const label = target ? (labels[target.bucket] ?? '') : '';
  const bucketText = target?.bucket === 0 ? 'Current (not yet past due)' : `${label} days ${basis === 'due' ? 'past due' : 'since invoice'}`;
  const rows = drill.data?.rows ?? [];
  // Credits aged into the bucket are rows too (negative open amounts).
  const unit = presentation.creditPresentation === 'aged' ? 'item' : 'invoice';
  const open = rows.reduce((s, r) => s + r.openCents, 0);
  const original = rows.reduce((s, r) => s + r.totalCents, 0);
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={720}
      title={
        <Stack gap={2}>
          <Text fw={600} size="lg">
            {target?.accountName}
          </Text>
          <Text size="sm" c="dimmed" className="mono">
            {target?.accountNumber}
          </Text>
        </Stack>
      }
      aria-label="Invoices behind the amount"
    >
      {target && (
        <Stack gap="md">
          <Paper withBorder radius="md" p="sm" bg="gray.0">
            <Group justify="space-between" align="center">
              <Stack gap={2}>
                <Group gap="xs">
                  <Badge variant="light" color={bucketColor(target.bucket, labels.length).split('.')[0]} radius="sm">
                    {label}
                  </Badge>
                  <Text size="sm">{bucketText}</Text>
                </Group>
                <Text size="xs" c="dimmed">
                  As of {formatDate(asOf)}, aged by {basis === 'due' ? 'due date' : 'invoice date'}
                </Text>
              </Stack>
              <Stack gap={0} align="flex-end">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Open in this bucket
                </Text>
                <Money cents={target.cents} fz="xl" fw={600} />
              </Stack>
            </Group>
          </Paper>
          {drill.error && <Alert color="red">{drill.error.message}</Alert>}
          {drill.isLoading ? (
            <Group justify="center" p="xl">
              <Loader size="sm" />
            </Group>
          ) : (
            <Paper withBorder radius="md">
              <Table aria-label="Invoices in the bucket" striped highlightOnHover verticalSpacing={7}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Invoice</Table.Th>
                    <Table.Th>Invoice date</Table.Th>
                    <Table.Th>Due date</Table.Th>
                    <Table.Th ta="right">{basis === 'due' ? 'Days past due' : 'Days old'}</Table.Th>
                    <Table.Th ta="right">Original</Table.Th>
                    <Table.Th ta="right">Open</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.documentId}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <IconFileInvoice size={15} color="var(--mantine-color-gray-6)" />
                          <Text size="sm" className="mono">
                            {r.number ?? r.kind}
                          </Text>
                          {r.kind !== 'invoice' && (
                            <Badge size="xs" variant="outline" color="gray">
                              {r.kind.replace(/_/g, ' ')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(r.docDate)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(r.dueDate)}</Text>
                      </Table.Td>
                      <Table.Td className="num">
                        <DaysText days={r.daysPastDue} />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money cents={r.totalCents} />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money cents={r.openCents} fw={500} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {rows.length === 0 && !drill.error && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <Text c="dimmed" size="sm" ta="center" py="md">
                          No open {unit}s in this bucket.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
                {rows.length > 0 && (
                  <Table.Tfoot>
                    <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
                      <Table.Th colSpan={4}>
                        {rows.length} {rows.length === 1 ? unit : `${unit}s`}
                      </Table.Th>
                      <Table.Th className="num">
                        <Money cents={original} />
                      </Table.Th>
                      <Table.Th className="num" data-testid="drill-open-total">
                        <Money cents={open} />
                      </Table.Th>
                    </Table.Tr>
                  </Table.Tfoot>
                )}
              </Table>
            </Paper>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Open amounts count only payments and credits dated on or before the as-of date.
            </Text>
            <Button variant="light" rightSection={<IconArrowRight size={16} />} onClick={() => navigate(`/accounts/${target.accountId}`)}>
              Open account
            </Button>
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}

/** Days past due: negative (not yet due) reads "due in N days" in the dimmed color. */
export function DaysText({ days }: { days: number }) {
  if (days < 0)
    return (
      <Text span size="sm" c="dimmed">
        in {-days}
      </Text>
    );
  return (
    <Text span size="sm" c={days > 0 ? undefined : 'dimmed'}>
      {days}
    </Text>
  );
}
