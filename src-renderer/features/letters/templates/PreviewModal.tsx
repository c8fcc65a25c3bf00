import { useState } from 'react';
import { Alert, Box, Button, Group, List, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { problemText } from '@shared/domain/documents-text';
import { unwrap } from '../../../api/client';
import { PageFrame } from '../../documents/DocumentPreview';

/**
 * The draft as a letter to one account, built by the documents pipeline (documents.preview: the page as
 * it would print, nothing recorded). Shown in a script-free sandboxed frame.
 */
export function PreviewButton({ templateId, subject, bodyHtml }: { templateId: number; subject: string; bodyHtml: string }) {
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const [account, setAccount] = useState<{ id: number; label: string } | null>(null);
  const hits = useQuery({
    queryKey: ['accounts', 'search', 'letterPreview', query],
    queryFn: () => unwrap(window.api.accounts.search({ query, limit: 20 })),
    enabled: opened && query.length > 0,
  });
  const preview = useQuery({
    queryKey: ['documents', 'letterPreview', templateId, account?.id, subject, bodyHtml],
    queryFn: () => unwrap(window.api.documents.preview({ document: { kind: 'letter', accountId: account?.id ?? 0, templateId, subject, bodyHtml } })),
    enabled: opened && account !== null,
    staleTime: 0,
  });
  const options = new Map((hits.data ?? []).map((h) => [String(h.id), `${h.accountNumber} · ${h.name}`]));
  if (account) options.set(String(account.id), account.label);

  return (
    <>
      <Button variant="default" leftSection={<IconEye size={16} />} onClick={() => setOpened(true)}>
        Preview
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} size={980} title="Preview: this wording as a letter to one account">
        <Stack gap="sm">
          <Select
            label="Account"
            description="The letter is filled with this account's figures; nothing is sent or recorded."
            placeholder="Account number or name"
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: o }) => o}
            data={[...options].map(([value, label]) => ({ value, label }))}
            value={account ? String(account.id) : null}
            onChange={(id) => setAccount(id ? { id: Number(id), label: options.get(id) ?? id } : null)}
            nothingFoundMessage={query ? 'No account matches' : undefined}
          />
          {account === null ? (
            <Text size="sm" c="dimmed">
              Pick an account to see the letter.
            </Text>
          ) : preview.isPending ? (
            <Loader size="sm" />
          ) : preview.error ? (
            <Alert color="red">{preview.error.message}</Alert>
          ) : (
            <>
              {preview.data.problems.length > 0 && (
                <Alert color="orange" title="This letter could not go out as it is">
                  <List size="sm">
                    {preview.data.problems.map((p) => (
                      <List.Item key={`${p.code}-${p.missing.join()}`}>{problemText(p)}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {preview.data.html && (
                <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, overflow: 'hidden' }}>
                  <PageFrame html={preview.data.html} title="Letter preview" />
                </Box>
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Close
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
