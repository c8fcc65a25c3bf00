import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CHECKSUM_CAVEAT, maskAccountNumber } from '@shared/domain/bank-accounts';
import type { OfficeBankAccount } from '@shared/domain/deposits';
import { unwrap } from '../../api/client';
import { atLeast, useSession } from '../../app/session';

/**
 * Settings › Company: the office's own bank accounts, which deposits go to. Supervisors add and rename
 * them; the account number shows by its last 4 only and, once saved, is kept unless a new one is typed.
 */
export function OfficeBankAccountsPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const list = useQuery({ queryKey: ['deposits', 'officeBankAccounts'], queryFn: () => unwrap(window.api.officeBankAccounts.list()) });
  const [editing, setEditing] = useState<OfficeBankAccount | 'new' | null>(null);
  return (
    <Paper withBorder p="md" mt="md" maw={760} data-testid="office-bank-accounts">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Bank accounts of the office</Title>
        {canEdit && editing === null && (
          <Button size="xs" variant="light" onClick={() => setEditing('new')} data-testid="office-bank-add">
            Add bank account
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The accounts deposits are made to. {CHECKSUM_CAVEAT}
      </Text>
      {(list.data ?? []).length > 0 && (
        <Table mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Routing number</Table.Th>
              <Table.Th>Account number</Table.Th>
              <Table.Th>In use</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td>{b.routingNumber}</Table.Td>
                <Table.Td>{maskAccountNumber(b.last4)}</Table.Td>
                <Table.Td>{b.active ? 'Yes' : 'No'}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(b)}>
                      Edit
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing !== null && <OfficeBankAccountForm account={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
    </Paper>
  );
}

function OfficeBankAccountForm({ account, onDone }: { account: OfficeBankAccount | null; onDone: () => void }) {
  const [name, setName] = useState(account?.name ?? '');
  const [routingNumber, setRouting] = useState(account?.routingNumber ?? '');
  const [accountNumber, setNumber] = useState('');
  const [active, setActive] = useState(account?.active ?? true);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        window.api.officeBankAccounts.save({
          ...(account ? { id: account.id } : {}),
          name,
          routingNumber,
          ...(accountNumber ? { accountNumber } : {}),
          active,
        }),
      ),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', message: `${b.name} saved.` });
      onDone();
    },
  });
  return (
    <Stack gap="xs">
      {save.error && <Alert color="red">{save.error.message}</Alert>}
      <Group align="flex-end" gap="sm">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} w={220} data-autofocus />
        <TextInput label="Routing number" value={routingNumber} onChange={(e) => setRouting(e.currentTarget.value)} maxLength={11} w={140} />
        <TextInput
          label="Account number"
          placeholder={account ? `Keep ${maskAccountNumber(account.last4)}` : ''}
          value={accountNumber}
          onChange={(e) => setNumber(e.currentTarget.value)}
          maxLength={20}
          w={180}
        />
        <Checkbox label="In use" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} mb={8} />
      </Group>
      <Group gap="xs">
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} data-testid="office-bank-save">
          Save
        </Button>
        <Button size="xs" variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
