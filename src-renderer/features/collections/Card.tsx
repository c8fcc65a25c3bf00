import type { ReactNode } from 'react';
import { Group, Paper, Title } from '@mantine/core';

/** A titled panel of the Collections tab. */
export function Card({
  title,
  icon,
  actions,
  children,
  testId,
}: {
  title: string;
  icon?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap={8}>
          {icon}
          <Title order={4} fz={15}>
            {title}
          </Title>
        </Group>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
