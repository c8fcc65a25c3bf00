import { useState } from 'react';
import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useHotkeys, useOs } from '@mantine/hooks';
import { hotkeyWords, shortcuts, type Shortcut, type ShortcutScope } from '@shared/shortcuts';

const scopes: ShortcutScope[] = ['Anywhere', 'Account page', 'Invoice editor', 'Dialogs'];

/** "?" (outside a text field) lists every shortcut, from the one table the handlers use. */
export function ShortcutsOverlay() {
  const [open, setOpen] = useState(false);
  const mac = useOs() === 'macos';
  useHotkeys([[shortcuts.help.hotkey, () => setOpen(true)]]);
  const list: Shortcut[] = Object.values(shortcuts);
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" size={640} centered>
      <Table aria-label="Keyboard shortcuts" verticalSpacing={6}>
        <Table.Tbody>
          {scopes.map((scope) => [
            <Table.Tr key={scope}>
              <Table.Th colSpan={2} pt="sm">
                {scope}
              </Table.Th>
            </Table.Tr>,
            ...list
              .filter((s) => s.scope === scope)
              .map((s) => (
                <Table.Tr key={`${scope}-${s.hotkey}`}>
                  <Table.Td w={150}>
                    <Group gap={4} wrap="nowrap">
                      {hotkeyWords(s.hotkey, mac).map((k, i) => (
                        <Group key={k} gap={4} wrap="nowrap">
                          {i > 0 && (
                            <Text span size="xs" c="dimmed">
                              +
                            </Text>
                          )}
                          <Kbd size="sm">{k}</Kbd>
                        </Group>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.does}</Text>
                  </Table.Td>
                </Table.Tr>
              )),
          ])}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Letter keys and ? work when the cursor is not in a text field. In a dialog, Tab moves through the fields in the order you read them.
      </Text>
    </Modal>
  );
}
