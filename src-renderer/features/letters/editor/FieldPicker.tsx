import { Button, Menu, ScrollArea, Text } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { type LetterField, letterFieldNames, letterFields } from '@shared/domain/letters';

/**
 * The merge-field menu: every field of `letterFields` by its label. Picking one hands back its name;
 * the caller inserts `{{name}}`, so no field is ever typed from memory.
 */
export function FieldPicker({
  onPick,
  disabled,
  label = 'Insert field',
  ariaLabel,
}: {
  onPick: (field: LetterField) => void;
  disabled?: boolean;
  label?: string;
  /** Tells two pickers on one form apart (subject, body). */
  ariaLabel?: string;
}) {
  return (
    // The caller puts focus back at the inserted field; the menu's own return of focus to its button
    // would land after that and swallow what the user types next.
    <Menu position="bottom-start" shadow="md" width={300} withinPortal returnFocus={false}>
      <Menu.Target>
        <Button size="compact-sm" variant="default" leftSection={<IconBraces size={14} />} disabled={disabled} aria-label={ariaLabel}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={320} type="auto">
          {letterFieldNames.map((name) => (
            <Menu.Item
              key={name}
              onClick={() => onPick(name)}
              rightSection={
                <Text size="xs" c="dimmed" ff="monospace">
                  {`{{${name}}}`}
                </Text>
              }
            >
              {letterFields[name].label}
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
