import { useRef } from 'react';
import { TextInput } from '@mantine/core';
import { FieldPicker } from '../editor/FieldPicker';

/** The subject line with the same merge-field picker as the body; a field goes in at the cursor. */
export function SubjectInput({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const insert = (name: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? start;
    const token = `{{${name}}}`;
    onChange(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  return (
    <TextInput
      ref={ref}
      label="Subject"
      description="The subject of an emailed letter."
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      rightSectionWidth={130}
      rightSection={<FieldPicker onPick={insert} ariaLabel="Insert a merge field in the subject" />}
      styles={{ section: { pointerEvents: 'auto' } }}
    />
  );
}
