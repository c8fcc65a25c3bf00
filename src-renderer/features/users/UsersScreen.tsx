import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Paper, PasswordInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDots, IconKey, IconUserCheck, IconUserOff, IconUserPlus, IconUserShield } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { roleLabels, roles, type Role, type UserSummary } from '@shared/domain/users';
import { formatInstant } from '@shared/dates';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../app/session';

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));
const roleColor: Record<Role, string> = { clerk: 'gray', supervisor: 'blue', administrator: 'grape' };

export function UsersScreen() {
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap(window.api.users.list()) });
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [changingRole, setChangingRole] = useState<UserSummary | null>(null);
  const { session } = useSession();

  const setActive = useMutation({
    mutationFn: (v: { userId: number; active: boolean }) => unwrap(window.api.users.setActive(v)),
    onSuccess: (u) => {
      notifications.show({ color: 'teal', message: `${u.displayName} is now ${u.active ? 'active' : 'deactivated'}.` });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Not changed', message: err.message }),
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and what each role may do. Users are deactivated, never deleted, so their names stay on the records they made."
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      />
      {users.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="md">
          {users.error.message}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <Table highlightOnHover aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>User name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.map((u) => (
              <Table.Tr key={u.id} data-testid={`user-row-${u.username}`} style={{ opacity: u.active ? 1 : 0.55 }}>
                <Table.Td fw={500}>
                  {u.displayName}
                  {u.id === session.userId && (
                    <Text span c="dimmed" size="xs">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="mono">{u.username}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={roleColor[u.role]}>
                    {roleLabels[u.role]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {!u.active ? (
                    <Badge color="gray" variant="outline">
                      Deactivated
                    </Badge>
                  ) : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                    <Badge color="orange" variant="light">
                      Locked out
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="dot">
                      Active
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {u.lastSignInAt ? formatInstant(u.lastSignInAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${u.username}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconUserShield size={16} />} onClick={() => setChangingRole(u)}>
                        Change role…
                      </Menu.Item>
                      <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetting(u)}>
                        Reset password…
                      </Menu.Item>
                      {u.active ? (
                        <Menu.Item
                          color="red"
                          leftSection={<IconUserOff size={16} />}
                          disabled={u.id === session.userId}
                          onClick={() => setActive.mutate({ userId: u.id, active: false })}
                        >
                          Deactivate
                        </Menu.Item>
                      ) : (
                        <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => setActive.mutate({ userId: u.id, active: true })}>
                          Reactivate
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder radius="md" p="md" mt="md">
        <Text fw={600} size="sm" mb={4}>
          What each role may do
        </Text>
        <Text size="sm" c="dimmed">
          <b>Billing clerk</b>: accounts, invoices, payments, receipts, calls, statements and letters. <b>Collections supervisor</b>: everything a clerk does,
          plus collection policy, write-offs, overrides, reports and the audit log. <b>Administrator</b>: everything, plus users, company settings, backups and
          the encryption key.
        </Text>
      </Paper>
      <AddUserModal opened={adding} onClose={() => setAdding(false)} />
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      {changingRole && <ChangeRoleModal user={changingRole} onClose={() => setChangingRole(null)} />}
    </>
  );
}

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: '', username: '', role: 'clerk' as Role, password: '' },
    validate: {
      displayName: (v) => (v.trim() ? null : 'Enter a name'),
      username: (v) => (/^[A-Za-z0-9._-]{2,40}$/.test(v.trim()) ? null : 'Letters, digits, dot, dash or underscore; 2 to 40 characters'),
      password: (v) => (v.length >= 8 ? null : 'At least 8 characters'),
    },
  });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const u = await unwrap(window.api.users.create(v));
      notifications.show({ color: 'teal', message: `${u.displayName} can now sign in as ${u.username}.` });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      close();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Add user" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <TextInput label="Name" data-autofocus {...form.getInputProps('displayName')} />
          <TextInput label="User name" {...form.getInputProps('username')} />
          <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
          <PasswordInput label="Temporary password" description="At least 8 characters; tell the user to change it." {...form.getInputProps('password')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' }, validate: { password: (v) => (v.length >= 8 ? null : 'At least 8 characters') } });
  const submit = form.onSubmit(async (v) => {
    try {
      await unwrap(window.api.users.resetPassword({ userId: user.id, password: v.password }));
      notifications.show({ color: 'teal', message: `Password reset for ${user.displayName}; any lockout is cleared.` });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <Modal opened onClose={onClose} title={`Reset password: ${user.displayName}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && <Alert color="red">{error}</Alert>}
          <PasswordInput label="New password" data-autofocus {...form.getInputProps('password')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Reset password</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ChangeRoleModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<Role>(user.role);
  const save = async () => {
    try {
      await unwrap(window.api.users.update({ userId: user.id, role }));
      notifications.show({ color: 'teal', message: `${user.displayName} is now ${roleLabels[role].toLowerCase()}.` });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Change role: ${user.displayName}`} centered>
      <Stack gap="sm">
        {error && <Alert color="red">{error}</Alert>}
        <Select label="Role" data={roleOptions} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()}>Save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
