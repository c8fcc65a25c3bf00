import { ToastsFollowPages } from './toasts';
import { AppShell, Avatar, Badge, Box, Center, Group, Loader, Menu, NavLink, ScrollArea, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { IconChevronDown, IconInfoCircle, IconKey, IconLock, IconLogout, IconReceipt2, IconShieldLock } from '@tabler/icons-react';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { createHashRouter, Navigate, NavLink as RouterLink, Route, RouterProvider, Routes, useLocation, useNavigate } from 'react-router';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { AboutScreen } from '../features/about/AboutScreen';
import { useCompanySettings } from '../features/accounts/api';
import { roleLabels } from '@shared/domain/users';
import { atLeast, useSession } from './session';
import { sections } from './sections';

export function Shell() {
  // A data router (not <HashRouter>) so that a screen with typed work can ask before the route changes
  // (useBlocker); the routes themselves stay declared below in <Routes>.
  const [router] = useState(() => createHashRouter([{ path: '*', element: <Frame /> }]));
  return <RouterProvider router={router} />;
}

function Frame() {
  const { session } = useSession();
  const visible = sections.filter((s) => atLeast(session.role, s.minRole));
  // Screens default dates to today in the office's time zone (useBusinessToday), often once, on first
  // render: they wait for the company settings, or near midnight they would take the workstation's date.
  const company = useCompanySettings();
  const ready = company.isSuccess || company.isError;
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 216, breakpoint: 0 }} footer={{ height: 28 }} padding="md">
      <AppShell.Header style={{ background: 'var(--mantine-color-ledger-9)', borderBottom: 'none' }}>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <ThemeIcon size={30} radius="md" variant="white">
              <IconReceipt2 size={18} color="var(--mantine-color-ledger-8)" />
            </ThemeIcon>
            <Text fw={700} c="white" size="lg">
              Ledgerdesk
            </Text>
            <Text c="ledger.1" size="sm" ml="sm">
              {session.companyName}
            </Text>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" style={{ background: 'white' }}>
        <AppShell.Section grow component={ScrollArea}>
          <Nav items={visible} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main style={{ display: 'flex', flexDirection: 'column' }}>
        {ready ? (
          <Routes>
            <Route path="/" element={<Navigate to={`/${visible[0]?.path ?? 'settings'}`} replace />} />
            {visible.map((s) => (
              <Route key={s.path} path={`/${s.path}`}>
                <Route index element={s.element} />
                {s.children?.map((c) => (
                  <Route key={c.path} path={c.path} element={c.element} />
                ))}
              </Route>
            ))}
            <Route path="/about" element={<AboutScreen />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        ) : (
          <Center flex={1}>
            <Loader aria-label="Loading" />
          </Center>
        )}
      </AppShell.Main>
      <ToastsFollowPages />
      <ShortcutsOverlay />
      <AppShell.Footer px="md" style={{ display: 'flex', alignItems: 'center', background: 'var(--mantine-color-gray-1)' }}>
        <StatusBar />
      </AppShell.Footer>
    </AppShell>
  );
}

function Nav({ items }: { items: typeof sections }) {
  const location = useLocation();
  return (
    <Box component="nav" aria-label="Sections">
      {items.map((s) => (
        <NavLink
          key={s.path}
          component={RouterLink}
          to={`/${s.path}`}
          label={s.label}
          leftSection={s.icon}
          active={location.pathname === `/${s.path}` || location.pathname.startsWith(`/${s.path}/`)}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          mb={2}
        />
      ))}
    </Box>
  );
}

function UserMenu() {
  const { session, signOut, lock } = useSession();
  const [changing, setChanging] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <ChangePasswordModal opened={changing} onClose={() => setChanging(false)} />
      <Menu position="bottom-end" width={220}>
        <Menu.Target>
          <UnstyledButton aria-label="User menu">
            <Group gap={8}>
              <Avatar size={30} radius="xl" color="ledger" variant="white">
                {initials(session.displayName)}
              </Avatar>
              <Box>
                <Text size="sm" c="white" fw={500} lh={1.1}>
                  {session.displayName}
                </Text>
                <Text size="xs" c="ledger.1" lh={1.1}>
                  {roleLabels[session.role]}
                </Text>
              </Box>
              <IconChevronDown size={14} color="white" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{session.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)}>
            Change password…
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} onClick={() => void lock()}>
            Lock
          </Menu.Item>
          <Menu.Item leftSection={<IconInfoCircle size={16} />} onClick={() => void navigate('/about')}>
            About Ledgerdesk
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}

function StatusBar() {
  const { session } = useSession();
  return (
    <Group justify="space-between" w="100%" gap="md">
      <Group gap="md">
        <Text size="xs" c="dimmed" data-testid="status-user">
          Signed in as <b>{session.displayName}</b>
        </Text>
        <Badge size="xs" variant="light" color={session.role === 'administrator' ? 'grape' : session.role === 'supervisor' ? 'blue' : 'gray'}>
          {roleLabels[session.role]}
        </Badge>
      </Group>
      <Group gap="md">
        <Text size="xs" c="dimmed" data-testid="status-company">
          {session.companyName}
        </Text>
        <Tooltip label="The store is encrypted at rest">
          <Group gap={4}>
            <IconShieldLock size={14} color="var(--mantine-color-ledger-7)" />
            <Text size="xs" c="dimmed">
              Encrypted
            </Text>
          </Group>
        </Tooltip>
        <Text size="xs" c="dimmed">
          Locks after {session.idleLockMinutes} min idle
        </Text>
      </Group>
    </Group>
  );
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
