import { Badge, Button, Group, NavLink, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { letterPurposes, type LetterTemplateSummary } from '@shared/domain/letters';
import { purposeWords } from './words';

/** The library grouped by purpose; inactive templates stay listed, marked. */
export function TemplateList({
  templates,
  selected,
  onSelect,
  onNew,
}: {
  templates: LetterTemplateSummary[];
  selected: number | 'new' | null;
  onSelect: (id: number) => void;
  onNew: () => void;
}) {
  return (
    <Paper withBorder radius="md" p="sm" w={320} style={{ flexShrink: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Template library
          </Text>
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={onNew} aria-pressed={selected === 'new'}>
            New template
          </Button>
        </Group>
        {letterPurposes.map((purpose) => {
          const group = templates.filter((t) => t.purpose === purpose);
          return (
            <Stack key={purpose} gap={2} role="group" aria-label={purposeWords[purpose].title}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {purposeWords[purpose].title}
              </Text>
              <Text size="xs" c="dimmed" mb={2}>
                {purposeWords[purpose].description}
              </Text>
              {group.length === 0 && (
                <Text size="xs" c="dimmed" fs="italic">
                  None yet.
                </Text>
              )}
              {group.map((t) => (
                <NavLink
                  key={t.id}
                  component="button"
                  aria-current={selected === t.id ? 'true' : undefined}
                  active={selected === t.id}
                  onClick={() => onSelect(t.id)}
                  label={t.name}
                  description={`${t.key} · version ${t.currentVersion}`}
                  rightSection={
                    t.active ? null : (
                      <Badge size="xs" color="gray" variant="light">
                        Inactive
                      </Badge>
                    )
                  }
                  styles={{ label: { opacity: t.active ? 1 : 0.6 } }}
                />
              ))}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
