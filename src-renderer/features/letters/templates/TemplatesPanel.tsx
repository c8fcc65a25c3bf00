import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, Text } from '@mantine/core';
import type { LetterTemplateSaved } from '@shared/domain/letters';
import { TemplateForm } from './TemplateForm';
import { TemplateList } from './TemplateList';
import { useTemplate, useTemplateList } from './api';

/** The Templates tab (supervisors): the library on the left, the open template on the right. */
export function TemplatesPanel() {
  const list = useTemplateList();
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [saved, setSaved] = useState<LetterTemplateSaved | null>(null);
  const [dirty, setDirty] = useState(false);
  const [leaving, setLeaving] = useState<number | 'new' | null>(null);
  const go = (s: number | 'new') => {
    setSaved(null);
    setDirty(false);
    setLeaving(null);
    setSelected(s);
  };
  // Opening another template with changes not saved asks first: a draft is not kept anywhere.
  const open = (s: number | 'new') => (dirty && s !== selected ? setLeaving(s) : go(s));
  const detail = useTemplate(typeof selected === 'number' ? selected : null);

  // Open the first template when the library arrives, so the editor is never an empty page.
  useEffect(() => {
    if (selected === null && list.data?.[0]) setSelected(list.data[0].id);
  }, [list.data, selected]);

  if (list.error) return <Alert color="red">{list.error.message}</Alert>;
  if (!list.data) return <Loader size="sm" />;
  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <Modal opened={leaving !== null} onClose={() => setLeaving(null)} title="Discard the changes?">
        <Text size="sm">The changes to this template are not saved. Opening another template discards them.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setLeaving(null)}>
            Keep editing
          </Button>
          <Button color="red" onClick={() => leaving !== null && go(leaving)}>
            Discard changes
          </Button>
        </Group>
      </Modal>
      <TemplateList templates={list.data} selected={selected} onSelect={open} onNew={() => open('new')} />
      {selected === 'new' ? (
        <TemplateForm key="new" detail={null} onCreated={setSelected} saved={saved} setSaved={setSaved} onDirty={setDirty} />
      ) : detail.data ? (
        <TemplateForm key={detail.data.id} detail={detail.data} onCreated={setSelected} saved={saved} setSaved={setSaved} onDirty={setDirty} />
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
