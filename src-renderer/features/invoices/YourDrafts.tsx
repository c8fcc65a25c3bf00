import { Anchor, Group, Paper, Text } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatInstant } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { unwrap } from '../../api/client';

const SHOWN = 4;

/** The signed-in user's unposted invoices, on the landing page: nothing typed is lost, and nothing forgotten. */
export function YourDrafts() {
  const drafts = useQuery({
    queryKey: ['invoices', 'drafts', 'mine'],
    queryFn: () => unwrap(window.api.invoices.list({ status: 'draft', mine: true, limit: SHOWN })),
  });
  const rows = drafts.data?.rows ?? [];
  if (!rows.length) return null;
  const more = (drafts.data?.total ?? 0) - rows.length;
  return (
    <Paper withBorder radius="md" px="md" py={8} mb="sm" bg="blue.0" role="region" aria-label="Your drafts">
      <Group gap="lg" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <IconFileInvoice size={16} color="var(--mantine-color-blue-7)" />
          <Text size="sm" fw={600}>
            Your drafts
          </Text>
        </Group>
        {rows.map((d) => (
          <Text key={d.id} size="sm" data-testid={`my-draft-${d.id}`}>
            {d.accountName} · {formatMoney(d.totalCents)} · dated {formatDate(d.invoiceDate)}, changed {formatInstant(d.updatedAt)} ·{' '}
            <Anchor component={Link} to={`/accounts/${d.accountId}/invoices/${d.id}`} size="sm" fw={600}>
              Continue
            </Anchor>
          </Text>
        ))}
        {more > 0 && (
          <Text size="xs" c="dimmed">
            and {more} more on their accounts
          </Text>
        )}
      </Group>
    </Paper>
  );
}
