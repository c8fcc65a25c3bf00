import { useEffect, useState } from 'react';
import { Alert, Group, Loader, Paper, Text } from '@mantine/core';
import type { LetterTemplateSaved } from '@shared/domain/letters';
import { TemplateForm } from './TemplateForm';
import { TemplateList } from './TemplateList';
import { useTemplate, useTemplateList } from './api';

/** The Templates tab (supervisors): the library on the left, the open template on the right. */
export function TemplatesPanel() {
  const list = useTemplateList();
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [saved, setSaved] = useState<LetterTemplateSaved | null>(null);
  const open = (s: number | 'new') => {
    setSaved(null);
    setSelected(s);
  };
  const detail = useTemplate(typeof selected === 'number' ? selected : null);

  // Open the first template when the library arrives, so the editor is never an empty page.
  useEffect(() => {
    if (selected === null && list.data?.[0]) setSelected(list.data[0].id);
  }, [list.data, selected]);

  if (list.error) return <Alert color="red">{list.error.message}</Alert>;
  if (!list.data) return <Loader size="sm" />;
  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <TemplateList templates={list.data} selected={selected} onSelect={open} onNew={() => open('new')} />
      {selected === 'new' ? (
        <TemplateForm key="new" detail={null} onCreated={setSelected} saved={saved} setSaved={setSaved} />
      ) : detail.data ? (
        <TemplateForm key={detail.data.id} detail={detail.data} onCreated={setSelected} saved={saved} setSaved={setSaved} />
      ) : detail.error ? (
        <Alert color="red">{detail.error.message}</Alert>
      ) : (
        <Paper withBorder radius="md" p="lg" style={{ flex: 1 }}>
          <Text size="sm" c="dimmed">
            {selected === null ? 'The library is empty: make a new template.' : 'Opening the template…'}
          </Text>
        </Paper>
      )}
    </Group>
  );
}
