import type { ReactNode } from 'react';
import { Box, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock, IconReceipt2, IconShieldCheck, IconTimeline } from '@tabler/icons-react';

/** The frame of every screen shown before the shell: the product on the left, the form on the right. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Box style={{ display: 'flex', height: '100%' }}>
      <Box
        visibleFrom="sm"
        p={48}
        style={{
          flex: '0 0 42%',
          background: 'linear-gradient(160deg, var(--mantine-color-ledger-9), var(--mantine-color-ledger-6))',
          color: 'white',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
        }}
      >
        <Group gap="sm">
          <ThemeIcon size={40} radius="md" color="white" variant="white">
            <IconReceipt2 color="var(--mantine-color-ledger-8)" />
          </ThemeIcon>
          <Title order={2} c="white">
            Ledgerdesk
          </Title>
        </Group>
        <Stack gap="lg" maw={420}>
          <Title order={3} c="white" fw={500}>
            Receivables, collections and compliance for the billing office.
          </Title>
          <Feature icon={<IconTimeline size={18} />} text="Ledgers, aging and worklists that add up to the cent." />
          <Feature icon={<IconShieldCheck size={18} />} text="Calling-hour and contact-frequency rules checked before every call." />
          <Feature icon={<IconLock size={18} />} text="Encrypted store, roles and a tamper-evident audit log." />
        </Stack>
        <Text size="xs" c="ledger.1">
          Your data stays on this computer, encrypted at rest.
        </Text>
      </Box>
      {/* Scrolls when the card is taller than the window (the first-run form at 1280x800); margin auto
          centres it when it fits, where align-items: center cut off its top and bottom. */}
      <Box style={{ flex: 1, display: 'flex', overflowY: 'auto' }} p="lg">
        <Paper w={420} p="xl" radius="md" withBorder shadow="sm" style={{ margin: 'auto', flexShrink: 0 }}>
          <Stack gap={4} mb="md">
            <Title order={3}>{title}</Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
      </Box>
    </Box>
  );
}

function Feature({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon variant="light" color="white" radius="xl" style={{ background: 'rgba(255,255,255,0.15)', color: 'white' }}>
        {icon}
      </ThemeIcon>
      <Text size="sm" c="white">
        {text}
      </Text>
    </Group>
  );
}
