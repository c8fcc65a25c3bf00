import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { formatInstant } from '@shared/dates';
import type { LetterTemplateVersion } from '@shared/domain/letters';
import { RichTextEditor } from '../editor/RichTextEditor';
import { usePersonName } from '../../users/names';

/** Every version, newest first: when and by whom; any one opens read-only (versions are never edited). */
export function VersionHistory({ versions, onCopy }: { versions: LetterTemplateVersion[]; onCopy: (v: LetterTemplateVersion) => void }) {
  const [viewing, setViewing] = useState<LetterTemplateVersion | null>(null);
  const name = usePersonName();
  const current = versions[0]?.version;
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} size="sm" mb="xs">
        Version history
      </Text>
      <Table verticalSpacing={4} data-testid="template-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Saved</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>
                <Group gap={6}>
                  {v.version}
                  {v.version === current && (
                    <Badge size="xs" variant="light">
                      Current
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{formatInstant(v.createdAt)}</Table.Td>
              <Table.Td>{name(v.createdBy) ?? '—'}</Table.Td>
              <Table.Td ta="right">
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconEye size={12} />}
                  onClick={() => setViewing(v)}
                  aria-label={`View version ${v.version}`}
                >
                  View
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={viewing !== null} onClose={() => setViewing(null)} size="xl" title={viewing ? `Version ${viewing.version} (read-only)` : ''}>
        {viewing && (
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              Saved {formatInstant(viewing.createdAt)} by {name(viewing.createdBy) ?? '—'}. A saved version is never changed; copy it into the editor to save it
              again as a new version.
            </Text>
            <TextInput label="Subject" value={viewing.subject} readOnly />
            <RichTextEditor value={viewing.bodyHtml} onChange={() => undefined} readOnly minHeight={160} label={`Body of version ${viewing.version}`} />
            {viewing.version !== current && (
              <Group justify="flex-end">
                <Button
                  variant="light"
                  onClick={() => {
                    onCopy(viewing);
                    setViewing(null);
                  }}
                >
                  Copy into the editor
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
