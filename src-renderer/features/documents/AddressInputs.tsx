import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Letterhead } from '@shared/domain/documents';
import { usStates } from '../accounts/usStates';

type Lines = Letterhead['address'];

/** An address as four rows of inputs; `errors` keyed by the address field name. */
export function AddressInputs({
  label,
  value,
  onChange,
  disabled,
  errors = {},
}: {
  label: string;
  value: Lines;
  onChange: (v: Lines) => void;
  disabled?: boolean;
  errors?: Record<string, string | undefined>;
}) {
  const set = (patch: Partial<Lines>) => onChange({ ...value, ...patch });
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <TextInput
        aria-label={`${label}: line 1`}
        placeholder="Street address"
        value={value.line1}
        error={errors.line1}
        disabled={disabled}
        onChange={(e) => set({ line1: e.currentTarget.value })}
      />
      <TextInput
        aria-label={`${label}: line 2`}
        placeholder="Suite, floor (optional)"
        value={value.line2}
        error={errors.line2}
        disabled={disabled}
        onChange={(e) => set({ line2: e.currentTarget.value })}
      />
      <Group gap={6} grow wrap="nowrap" align="flex-start">
        <TextInput
          aria-label={`${label}: city`}
          placeholder="City"
          style={{ flexGrow: 2 }}
          value={value.city}
          error={errors.city}
          disabled={disabled}
          onChange={(e) => set({ city: e.currentTarget.value })}
        />
        <Select
          aria-label={`${label}: state`}
          placeholder="State"
          searchable
          data={usStates}
          value={value.state || null}
          error={errors.state}
          disabled={disabled}
          onChange={(v) => set({ state: v ?? '' })}
        />
        <TextInput
          aria-label={`${label}: ZIP code`}
          placeholder="ZIP"
          value={value.postalCode}
          error={errors.postalCode}
          disabled={disabled}
          onChange={(e) => set({ postalCode: e.currentTarget.value })}
        />
      </Group>
    </Stack>
  );
}

/** The errors of one address, out of a form's errors keyed by path ("letterhead.address.city"). */
export function addressErrors(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}
