import { Chip, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { type DateRange, presetRange, type RangePreset, rangePresetLabels } from '@shared/dates/ranges';

/** A date input as every report form has it: typed or picked; shown and read as every screen shows dates (the theme's DateInput defaults). */
export const dateInputProps = {
  leftSection: <IconCalendar size={16} />,
  popoverProps: { position: 'bottom-start' as const },
};

/**
 * From and to, with the named ranges a supervisor asks for as chips; `shape` widens a preset (the
 * billing pack takes whole months or quarters only).
 */
export function DateRangeFields(props: {
  value: DateRange;
  onChange: (r: DateRange) => void;
  today: string;
  presets: readonly RangePreset[];
  shape?: (r: DateRange) => DateRange;
  errors?: { from?: string | boolean; to?: string | boolean };
}) {
  const { value, onChange, today, presets, shape = (r) => r, errors = {} } = props;
  const active = presets.find((p) => {
    const r = shape(presetRange(p, today));
    return r.from === value.from && r.to === value.to;
  });
  return (
    <Stack gap={8}>
      <Group gap={6} aria-label="Date range presets" role="group">
        <Text size="xs" c="dimmed" mr={2}>
          Quick ranges
        </Text>
        {presets.map((p) => (
          <Chip key={p} size="xs" radius="sm" variant="outline" checked={active === p} onChange={() => onChange(shape(presetRange(p, today)))}>
            {rangePresetLabels[p]}
          </Chip>
        ))}
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <DateInput
          label="From"
          value={value.from}
          onChange={(v) => v && onChange({ ...value, from: v })}
          error={errors.from}
          data-testid="report-from"
          {...dateInputProps}
        />
        <DateInput
          label="To"
          value={value.to}
          onChange={(v) => v && onChange({ ...value, to: v })}
          error={errors.to}
          data-testid="report-to"
          {...dateInputProps}
        />
      </SimpleGrid>
    </Stack>
  );
}
