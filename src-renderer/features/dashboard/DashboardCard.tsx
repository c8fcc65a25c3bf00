import type { ReactNode } from 'react';
import { ActionIcon, Anchor, Center, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';

/** A figure's definition behind a small info icon (hover or focus). */
export function InfoTip({ label, definition }: { label: string; definition: string }) {
  return (
    <Tooltip label={definition} multiline w={320} withArrow position="top-start" events={{ hover: true, focus: true, touch: true }}>
      <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`About ${label}`}>
        <IconInfoCircle size={15} />
      </ActionIcon>
    </Tooltip>
  );
}

/** One dashboard card: a title with its definition, an optional link to the screen or report behind it. */
export function DashboardCard(props: { title: string; definition: string; link?: { to: string; label: string }; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={props.testId} style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
            {props.title}
          </Text>
          <InfoTip label={props.title} definition={props.definition} />
        </Group>
        {props.link && (
          <Anchor component={Link} to={props.link.to} size="xs">
            <Group gap={2} wrap="nowrap">
              {props.link.label}
              <IconArrowRight size={12} />
            </Group>
          </Anchor>
        )}
      </Group>
      <Stack gap={4} style={{ flex: 1 }}>
        {props.children}
      </Stack>
    </Paper>
  );
}

/** What a chart card shows when there is nothing to chart (a new office). */
export function EmptyChart({ height, children }: { height: number; children: ReactNode }) {
  return (
    <Center h={height} style={{ border: '1px dashed var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}>
      <Text size="sm" c="dimmed" ta="center" maw={320}>
        {children}
      </Text>
    </Center>
  );
}
