import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, List, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import { letterPurposes, type LetterPurpose, type LetterTemplateDetail, type LetterTemplateSaved } from '@shared/domain/letters';
import { fieldErrors, unwrap } from '../../../api/client';
import { queryClient } from '../../../api/query';
import { RichTextEditor } from '../editor/RichTextEditor';
import { templateKeys } from './api';
import { PreviewButton } from './PreviewModal';
import { SubjectInput } from './SubjectInput';
import { VersionHistory } from './VersionHistory';
import { purposeWords } from './words';

interface Draft {
  key: string;
  name: string;
  purpose: LetterPurpose;
  subject: string;
  bodyHtml: string;
}

const fromDetail = (d: LetterTemplateDetail): Draft => ({
  key: d.key,
  name: d.name,
  purpose: d.purpose,
  subject: d.versions[0]?.subject ?? '',
  bodyHtml: d.versions[0]?.bodyHtml ?? '',
});
const blank: Draft = { key: '', name: '', purpose: 'collection', subject: '', bodyHtml: '<p></p>' };

/**
 * One template: its name, subject and body, saved as a new version (never an edit of one), its
 * history, and retiring or restoring it. With no `detail`, a new template (key, name, purpose first).
 */
export function TemplateForm({
  detail,
  onCreated,
  saved,
  onDirty,
  setSaved,
}: {
  detail: LetterTemplateDetail | null;
  onCreated: (templateId: number) => void;
  /** The last save's answer, kept by the panel so that it outlives the form of a template just made. */
  saved: LetterTemplateSaved | null;
  setSaved: (s: LetterTemplateSaved | null) => void;
  /** Told whether the form holds changes not saved, so that leaving it can ask first. */
  onDirty: (dirty: boolean) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => (detail ? fromDetail(detail) : blank));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  // Another template, or a new current version: the form shows what is stored now.
  const version = detail?.currentVersion;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the template or its current version changes, not on every refetch
  useEffect(() => {
    setDraft(detail ? fromDetail(detail) : blank);
    setProblem(null);
  }, [detail?.id, version]);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const result = await unwrap(
        window.api.letters['templates.save']({
          ...(detail ? { templateId: detail.id } : { key: draft.key }),
          name: draft.name,
          purpose: draft.purpose,
          subject: draft.subject,
          bodyHtml: draft.bodyHtml,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      setSaved(result);
      if (!detail) onCreated(result.templateId);
    } catch (err) {
      setProblem({ message: err instanceof Error ? err.message : String(err), fields: fieldErrors(err) });
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (active: boolean) => {
    if (!detail) return;
    setBusy(true);
    try {
      await unwrap(window.api.letters['templates.setActive']({ templateId: detail.id, active }));
      await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      notifications.show({ color: 'teal', message: active ? `${detail.name} is active again.` : `${detail.name} is inactive: no new letters use it.` });
    } catch (err) {
      notifications.show({ color: 'red', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const stored = detail ? fromDetail(detail) : blank;
  const dirty = (Object.keys(stored) as (keyof Draft)[]).some((k) => stored[k] !== draft[k]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const fields = problem?.fields ?? {};
  return (
    <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={4}>{detail ? detail.name : 'New template'}</Title>
              <Text size="sm" c="dimmed">
                {detail
                  ? `${purposeWords[detail.purpose].title} · key ${detail.key} · version ${detail.currentVersion}`
                  : 'A new template starts at version 1. Its key and purpose cannot change later.'}
              </Text>
            </div>
            {detail && (
              <Group gap="xs">
                <Badge color={detail.active ? 'teal' : 'gray'} variant="light">
                  {detail.active ? 'Active' : 'Inactive'}
                </Badge>
                <Button size="compact-sm" variant="default" loading={busy} onClick={() => setActive(!detail.active)}>
                  {detail.active ? 'Deactivate' : 'Activate'}
                </Button>
              </Group>
            )}
          </Group>
          {problem && (
            <Alert color="red" icon={<IconAlertCircle size={16} />} title="Not saved">
              {problem.message}
            </Alert>
          )}
          {saved && (
            <Alert color="teal" icon={<IconCheck size={16} />} title={`Saved as version ${saved.version}`}>
              {saved.removed.length === 0 ? (
                'Nothing was removed.'
              ) : (
                <>
                  Sanitizing removed:
                  <List size="sm">
                    {saved.removed.map((r) => (
                      <List.Item key={r}>{r}</List.Item>
                    ))}
                  </List>
                </>
              )}
            </Alert>
          )}
          {detail ? (
            <TextInput label="Name" value={draft.name} error={fields.name} onChange={(e) => set({ name: e.currentTarget.value })} />
          ) : (
            <SimpleGrid cols={3} spacing="sm">
              <TextInput
                label="Key"
                description="Lowercase letters, digits and dashes"
                placeholder="second-reminder"
                value={draft.key}
                error={fields.key}
                onChange={(e) => set({ key: e.currentTarget.value })}
              />
              <TextInput
                label="Name"
                description="As listed in the library"
                value={draft.name}
                error={fields.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
              />
              <Select
                label="Purpose"
                description="Where the template is offered"
                data={letterPurposes.map((p) => ({ value: p, label: purposeWords[p].title }))}
                value={draft.purpose}
                allowDeselect={false}
                onChange={(p) => p && set({ purpose: p as LetterPurpose })}
              />
            </SimpleGrid>
          )}
          <SubjectInput value={draft.subject} onChange={(subject) => set({ subject })} error={fields.subject} />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Body
            </Text>
            <RichTextEditor value={draft.bodyHtml} onChange={(bodyHtml) => set({ bodyHtml })} fields minHeight={320} />
            {fields.bodyHtml && (
              <Text size="xs" c="red" mt={4}>
                {fields.bodyHtml}
              </Text>
            )}
          </div>
          <Group justify="flex-end">
            {detail && <PreviewButton templateId={detail.id} subject={draft.subject} bodyHtml={draft.bodyHtml} />}
            <Button onClick={save} loading={busy}>
              {detail ? `Save as version ${detail.currentVersion + 1}` : 'Create template'}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {detail && <VersionHistory versions={detail.versions} onCopy={(v) => set({ subject: v.subject, bodyHtml: v.bodyHtml })} />}
    </Stack>
  );
}
