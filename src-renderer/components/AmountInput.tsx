import { Text, TextInput, type TextInputProps } from '@mantine/core';

/** A dollar amount typed as text (the form parses it with parseMoney): the dollar sign before it, the figures right-aligned. */
export function AmountInput(props: TextInputProps) {
  return (
    <TextInput
      leftSection={
        <Text size="sm" c="dimmed">
          $
        </Text>
      }
      styles={{ input: { textAlign: 'right' } }}
      {...props}
    />
  );
}
