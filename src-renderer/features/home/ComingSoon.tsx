import { Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';

/** A section whose module is not installed in this build yet. */
export function ComingSoon({ section }: { section: string }) {
  return (
    <>
      <PageHeader title={section} />
      <Center style={{ flex: 1 }}>
        <Paper withBorder p="xl" radius="md" maw={460}>
          <Stack align="center" gap="xs">
            <ThemeIcon size={44} radius="xl" variant="light">
              <IconTools />
            </ThemeIcon>
            <Title order={4}>{section} is not available in this build</Title>
            <Text c="dimmed" size="sm" ta="center">
              This section arrives with a later Ledgerdesk module. Your data is unaffected.
            </Text>
          </Stack>
        </Paper>
      </Center>
    </>
  );
}
