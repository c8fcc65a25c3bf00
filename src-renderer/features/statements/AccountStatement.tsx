import { useState } from 'react';
import { Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';

import type { StatementType } from '@shared/domain/documents';
import { statementTypeLabels } from '@shared/domain/statements-text';
import { useBusinessToday } from '../accounts/api';
import { DocumentActions } from '../documents/DocumentActions';

/** One account's statement, from its Documents tab: as of a date, open-item or balance-forward (the last 30 days). */
export function AccountStatement({ accountId, accountNumber }: { accountId: number; accountNumber: string }) {
  const today = useBusinessToday();
  const [asOf, setAsOf] = useState<string | null>(null);
  const [type, setType] = useState<StatementType>('open_item');
  const date = asOf ?? today;
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          Statement
        </Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <DateInput label="As of" w={170} size="xs" value={date} onChange={setAsOf} leftSection={<IconCalendar size={14} />} />
          <SegmentedControl
            size="xs"
            value={type}
            onChange={(v) => setType(v as StatementType)}
            data={(['open_item', 'balance_forward'] as const).map((t) => ({ value: t, label: statementTypeLabels[t] }))}
          />
          <DocumentActions
            size="xs"
            accountId={accountId}
            number={`${accountNumber} ${date}`}
            documents={[{ kind: 'statement', accountId, asOf: date, type }]}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
