import { useState } from 'react';
import { Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { unwrap } from '../../../api/client';
import { queryClient } from '../../../api/query';
import { errorWords } from '../../documents/api';
import { ComposeLetterModal } from './ComposeLetterModal';

const preferenceKey = (accountId: number) => ['documents', 'letterDelivery', accountId] as const;

/** The account's letters, on its Documents tab: write one, and whether the account takes its letters by email. */
export function AccountLetters({ accountId, accountName }: { accountId: number; accountName: string }) {
  const [writing, setWriting] = useState(false);
  const preference = useQuery({
    queryKey: preferenceKey(accountId),
    queryFn: () => unwrap(window.api.letters.deliveryPreference({ accountId })),
  });
  const save = useMutation({
    mutationFn: (lettersByEmail: boolean) => unwrap(window.api.letters.setLettersByEmail({ accountId, lettersByEmail })),
    onSuccess: (p) => queryClient.setQueryData(preferenceKey(accountId), p),
    onError: (err) => {
      const w = errorWords(err);
      notifications.show({ color: 'red', title: w.title, message: w.message });
    },
  });
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          Letters
        </Text>
        <Group gap="lg" align="center" wrap="wrap">
          <Button size="xs" leftSection={<IconMailForward size={16} />} onClick={() => setWriting(true)}>
            Write a letter
          </Button>
          <Switch
            label="Letters by email"
            description="The account asked to get its letters by email (otherwise they go on paper)"
            checked={preference.data?.lettersByEmail ?? false}
            disabled={!preference.data || save.isPending}
            onChange={(e) => save.mutate(e.currentTarget.checked)}
          />
        </Group>
      </Stack>
      {writing && <ComposeLetterModal accountId={accountId} accountName={accountName} onClose={() => setWriting(false)} />}
    </Paper>
  );
}
