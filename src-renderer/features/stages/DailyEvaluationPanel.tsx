import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Group, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { assignmentModes, type AssignmentMode, type DailyEvaluationSettings } from '@shared/domain/daily-evaluation';
import { formatInZone } from '@shared/dates';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';
import { useCompanySettings } from '../accounts/api';
import { LastEvaluation } from './LastEvaluation';

const modeLabels: Record<AssignmentMode, string> = {
  round_robin: 'Evenly among the clerks on duty',
  by_stage: 'By stage',
  by_kind: 'By account kind (consumer or commercial)',
  by_alphabet: 'By the first letter of the account name',
  none: 'Nobody: new accounts stay shared',
};
const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
/** Every half hour, worded "6:00 AM". */
const times = Array.from({ length: 48 }, (_, i) => {
  const h = Math.floor(i / 2);
  const m = i % 2 ? '30' : '00';
  return { value: `${String(h).padStart(2, '0')}:${m}`, label: `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'AM' : 'PM'}` };
});

/**
 * Collections settings: when the evaluation runs by itself and who gets the accounts that reach the
 * worklist with no one on them (docs/clerks-day.md, "The day starts ready"). Supervisors edit.
 */
export function DailyEvaluationPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const view = useQuery({ queryKey: ['collections', 'evaluations'], queryFn: () => unwrap(window.api.evaluations.get()) });
  const people = useQuery({ queryKey: ['users', 'assignees'], queryFn: () => unwrap(window.api.users.assignees()), enabled: canEdit, staleTime: 60_000 });
  const stages = useQuery({ queryKey: ['stages', 'list'], queryFn: () => unwrap(window.api.stages.list()) });
  const company = useCompanySettings();
  const [draft, setDraft] = useState<DailyEvaluationSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (view.data) setDraft(view.data.settings);
  }, [view.data]);

  const userOptions = useMemo(() => (people.data ?? []).map((u) => ({ value: String(u.id), label: u.displayName })), [people.data]);
  const clerks = (people.data ?? []).filter((u) => u.role === 'clerk');
  if (!draft || !view.data) return null;
  const stored = view.data.settings;
  const a = draft.assignment;
  const setA = (patch: Partial<DailyEvaluationSettings['assignment']>) => setDraft({ ...draft, assignment: { ...a, ...patch } });
  const dirty = JSON.stringify(draft) !== JSON.stringify(stored);
  const userPick = (label: string, value: number | null, onChange: (id: number | null) => void, w = 220) => (
    <Select
      aria-label={label}
      placeholder="Even share"
      data={userOptions}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      clearable
      searchable
      disabled={!canEdit}
      w={w}
    />
  );

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await unwrap(window.api.evaluations.saveSettings(draft));
      await queryClient.invalidateQueries({ queryKey: ['collections'] });
      notifications.show({ color: 'teal', message: 'Daily evaluation settings saved. They apply from the next evaluation.' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg" maw={980} mt="md" data-testid="daily-evaluation-settings">
      <Stack gap="md">
        <div>
          <Text fw={600} size="sm">
            The day starts ready
          </Text>
          <Text size="xs" c="dimmed" maw={680}>
            The collections evaluation (stages, payment plans and promises) runs by itself the first time the store is opened on a business day, and again at
            the time below while Ledgerdesk stays open. Accounts that reach the worklist with no one on them are then handed out; an assignment made by hand is
            never changed. <LastEvaluation run={view.data.lastRun} />
            {view.data.nextRunAt && company.data && ` Next: ${formatInZone(view.data.nextRunAt, company.data.timeZone)}.`}
          </Text>
        </div>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />}>
            {error}
          </Alert>
        )}
        <Group gap="sm" align="center">
          <Switch
            label="Evaluate collections daily at"
            checked={draft.scheduleEnabled}
            onChange={(e) => setDraft({ ...draft, scheduleEnabled: e.currentTarget.checked })}
            disabled={!canEdit}
          />
          <Select
            aria-label="Time of day"
            data={times}
            value={draft.timeOfDay}
            onChange={(v) => v && setDraft({ ...draft, timeOfDay: v })}
            allowDeselect={false}
            disabled={!canEdit || !draft.scheduleEnabled}
            w={130}
          />
        </Group>
        <Select
          label="Assign new worklist accounts"
          data={assignmentModes.map((m) => ({ value: m, label: modeLabels[m] }))}
          value={a.mode}
          onChange={(v) => v && setA({ mode: v as AssignmentMode })}
          allowDeselect={false}
          disabled={!canEdit}
          w={380}
        />
        {a.mode === 'by_stage' && (
          <Stack gap={6}>
            {(stages.data ?? []).map((s) => (
              <Group key={s.id} gap="sm">
                <Text size="sm" w={220}>
                  {s.name}
                </Text>
                {userPick(`Clerk for ${s.name}`, a.byStage.find((r) => r.stageId === s.id)?.userId ?? null, (id) =>
                  setA({ byStage: [...a.byStage.filter((r) => r.stageId !== s.id), ...(id ? [{ stageId: s.id, userId: id }] : [])] }),
                )}
              </Group>
            ))}
          </Stack>
        )}
        {a.mode === 'by_kind' && (
          <Group gap="lg">
            <Group gap="sm">
              <Text size="sm">Consumer accounts</Text>
              {userPick('Clerk for consumer accounts', a.byKind.consumer, (id) => setA({ byKind: { ...a.byKind, consumer: id } }))}
            </Group>
            <Group gap="sm">
              <Text size="sm">Commercial accounts</Text>
              {userPick('Clerk for commercial accounts', a.byKind.commercial, (id) => setA({ byKind: { ...a.byKind, commercial: id } }))}
            </Group>
          </Group>
        )}
        {a.mode === 'by_alphabet' && (
          <Stack gap={6}>
            {a.byAlphabet.map((r, i) => {
              const set = (patch: Partial<typeof r>) => setA({ byAlphabet: a.byAlphabet.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; they are edited in place
                <Group key={i} gap="sm">
                  <Text size="sm">Names from</Text>
                  <Select aria-label="From letter" data={letters} value={r.from} onChange={(v) => v && set({ from: v })} w={80} disabled={!canEdit} />
                  <Text size="sm">to</Text>
                  <Select aria-label="To letter" data={letters} value={r.to} onChange={(v) => v && set({ to: v })} w={80} disabled={!canEdit} />
                  {userPick('Clerk for these letters', r.userId, (id) => id && set({ userId: id }))}
                  {canEdit && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label="Remove range"
                      onClick={() => setA({ byAlphabet: a.byAlphabet.filter((_, k) => k !== i) })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Group>
              );
            })}
            {canEdit && clerks[0] && (
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                leftSection={<IconPlus size={14} />}
                onClick={() => setA({ byAlphabet: [...a.byAlphabet, { from: 'A', to: 'Z', userId: clerks[0]!.id }] })}
              >
                Add a letter range
              </Button>
            )}
          </Stack>
        )}
        {a.mode !== 'none' && canEdit && (
          <div>
            <Text size="sm" fw={500}>
              Clerks on duty
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {a.mode === 'round_robin' ? 'Share the new accounts in turn.' : 'Share the accounts no rule above places.'} A clerk off duty keeps the accounts
              already theirs.
            </Text>
            <Group gap="md">
              {clerks.map((u) => (
                <Checkbox
                  key={u.id}
                  label={u.displayName}
                  checked={!a.offDuty.includes(u.id)}
                  onChange={(e) => setA({ offDuty: e.currentTarget.checked ? a.offDuty.filter((x) => x !== u.id) : [...a.offDuty, u.id] })}
                />
              ))}
              {clerks.length === 0 && (
                <Text size="sm" c="dimmed">
                  No active clerks: new accounts stay shared.
                </Text>
              )}
            </Group>
          </div>
        )}
        {canEdit ? (
          <Group justify="flex-end">
            <Button variant="default" disabled={!dirty} onClick={() => setDraft(stored)}>
              Discard changes
            </Button>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              Save
            </Button>
          </Group>
        ) : (
          <Alert color="gray">Only a collections supervisor or an administrator can change when the evaluation runs and who gets new accounts.</Alert>
        )}
      </Stack>
    </Paper>
  );
}
