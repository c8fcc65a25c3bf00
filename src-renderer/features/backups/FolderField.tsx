import { useRef, useState } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import { unwrap } from '../../api/client';

/**
 * A folder: the path as text (a UNC share can be typed or pasted) and "Choose…", which opens the
 * system's folder dialog. Where there is none (the browser test bridge) it asks for the path typed.
 */
export function FolderField({
  label,
  description,
  value,
  onChange,
  error,
  disabled,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [hint, setHint] = useState<string | null>(null);
  const choose = async () => {
    setHint(null);
    const answer = await unwrap(window.api.backups.pickFolder());
    if (answer.kind === 'picked') onChange(answer.path);
    else if (answer.kind === 'noDialog') {
      setHint('Type or paste the folder’s full path.');
      input.current?.focus();
    }
  };
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        ref={input}
        style={{ flex: 1 }}
        label={label}
        description={hint ?? description}
        placeholder="\\\\server\\share\\Ledgerdesk backups"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        disabled={disabled}
        spellCheck={false}
      />
      <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void choose()} disabled={disabled}>
        Choose…
      </Button>
    </Group>
  );
}
