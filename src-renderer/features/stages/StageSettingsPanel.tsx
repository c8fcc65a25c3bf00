import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Menu, NumberInput, Paper, Select, Stack, Text, TextInput, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconArrowDown,
  IconArrowUp,
  IconCash,
  IconFileText,
  IconMail,
  IconPhone,
  IconPlus,
  IconRestore,
  IconToggleLeft,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { defaultStages, type Stage, type StageActionKind, type StageInput } from '@shared/domain/collections-policy';
import { templateKeyOf } from '@shared/domain/letter-runs';
import { centsToDecimalString, formatMoney, parseMoney } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';
import { RunEvaluationButton } from './RunEvaluationButton';

interface DraftAction {
  /** React key: actions can be removed from the middle of a stage. */
  key: number;
  kind: StageActionKind;
  templateCode: string;
  note: string;
  amount: string;
  description: string;
  status: 'active' | 'on_hold';
}
interface DraftStage {
  key: number;
  id?: number;
  name: string;
  days: number | string;
  actions: DraftAction[];
  accountCount: number;
}

const actionMeta: Record<StageActionKind, { label: string; icon: typeof IconMail; color: string }> = {
  letter: { label: 'Letter', icon: IconMail, color: 'blue' },
  call: { label: 'Call task', icon: IconPhone, color: 'teal' },
  statement: { label: 'Statement', icon: IconFileText, color: 'grape' },
  fee: { label: 'Collection fee', icon: IconCash, color: 'orange' },
  status: { label: 'Status change', icon: IconToggleLeft, color: 'gray' },
};
let nextKey = 1;
const blankAction = (kind: StageActionKind): DraftAction => ({
  key: nextKey++,
  kind,
  templateCode: '',
  note: '',
  amount: '',
  description: 'Collection fee',
  status: 'on_hold',
});

const toDraft = (s: Pick<Stage, 'name' | 'daysPastDue'> & { actions: StageInput['actions'] & {}; id?: number; accountCount?: number }): DraftStage => ({
  key: nextKey++,
  id: s.id,
  name: s.name,
  days: s.daysPastDue,
  accountCount: s.accountCount ?? 0,
  actions: s.actions.map((a) => ({
    ...blankAction(a.kind),
    ...(a.kind === 'letter' ? { templateCode: templateKeyOf(a.templateCode) } : {}),
    ...(a.kind === 'call' ? { note: a.note ?? '' } : {}),
    ...(a.kind === 'fee' ? { amount: centsToDecimalString(a.amountCents), description: a.description ?? 'Collection fee' } : {}),
    ...(a.kind === 'status' ? { status: a.status } : {}),
  })),
});

/** Turn the draft into the save input, collecting a message per problem keyed `stage.field`. */
function validate(stages: DraftStage[]): { input: StageInput[] | null; errors: Record<string, string>; ladder: string | null } {
  const errors: Record<string, string> = {};
  const input: StageInput[] = [];
  const seen = new Map<number, number>();
  stages.forEach((s, i) => {
    if (!s.name.trim()) errors[`${i}.name`] = 'Name the stage';
    const d = typeof s.days === 'number' ? s.days : NaN;
    if (!Number.isInteger(d) || d < 1 || d > 3650) errors[`${i}.days`] = 'From 1 to 3650 days';
    else if (seen.has(d)) errors[`${i}.days`] = `Same as stage ${seen.get(d)! + 1}`;
    else seen.set(d, i);
    const actions = s.actions.map((a, k) => {
      if (a.kind === 'letter') {
        if (!a.templateCode.trim()) errors[`${i}.a${k}`] = 'Choose the letter template';
        return { kind: 'letter' as const, templateCode: a.templateCode.trim() };
      }
      if (a.kind === 'call') return { kind: 'call' as const, note: a.note.trim() };
      if (a.kind === 'statement') return { kind: 'statement' as const };
      if (a.kind === 'fee') {
        const c = parseMoney(a.amount);
        if (c === null || c <= 0) errors[`${i}.a${k}`] = 'Enter a fee above zero';
        return { kind: 'fee' as const, amountCents: c ?? 0, description: a.description.trim() || 'Collection fee' };
      }
      return { kind: 'status' as const, status: a.status };
    });
    input.push({ id: s.id, name: s.name.trim(), daysPastDue: d, actions });
  });
  let ladder: string | null = null;
  for (let i = 1; i < stages.length; i++) {
    const a = stages[i - 1]!.days;
    const b = stages[i]!.days;
    if (typeof a === 'number' && typeof b === 'number' && b <= a)
      ladder = 'Each stage must start later than the one above it: reorder the stages or change their days.';
  }
  return { input: Object.keys(errors).length || ladder ? null : input, errors, ladder };
}

/** The dunning ladder: stages by days past due and what happens when an account enters each. Supervisors edit. */
export function StageSettingsPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const stages = useQuery({ queryKey: ['stages', 'list'], queryFn: () => unwrap(window.api.stages.list()) });
  const library = useQuery({ queryKey: ['documents', 'letterTemplates'], queryFn: () => unwrap(window.api.letters['templates.list']()) });
  /** Library templates by name; a key the library lacks stays choosable, worded as missing, so saving never changes it silently. */
  const templateOptions = (current: string) => {
    const options = (library.data ?? []).filter((t) => t.active || t.key === current).map((t) => ({ value: t.key, label: t.name }));
    return current && !options.some((o) => o.value === current) ? [...options, { value: current, label: 'Template not in the library' }] : options;
  };
  const [draft, setDraft] = useState<DraftStage[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (stages.data) setDraft(stages.data.map(toDraft));
  }, [stages.data]);
  const v = useMemo(() => validate(draft), [draft]);
  const dirty = stages.data !== undefined && JSON.stringify(validate(stages.data.map(toDraft)).input) !== JSON.stringify(v.input ?? draft);

  const update = (i: number, patch: Partial<DraftStage>) => setDraft((d) => d.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const updateAction = (i: number, k: number, patch: Partial<DraftAction>) =>
    setDraft((d) => d.map((s, n) => (n === i ? { ...s, actions: s.actions.map((a, m) => (m === k ? { ...a, ...patch } : a)) } : s)));
  const move = (i: number, by: number) =>
    setDraft((d) => {
      const n = [...d];
      const [s] = n.splice(i, 1);
      n.splice(i + by, 0, s!);
      return n;
    });
  const add = () =>
    setDraft((d) => {
      const last = d[d.length - 1];
      const days = (typeof last?.days === 'number' ? last.days : 0) + 30;
      return [...d, { key: nextKey++, name: '', days, actions: [], accountCount: 0 }];
    });

  const save = async () => {
    if (!v.input) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(window.api.stages.save({ stages: v.input }));
      await queryClient.invalidateQueries({ queryKey: ['stages'] });
      notifications.show({ color: 'teal', message: 'Collection stages saved. Accounts move to the new stages at the next evaluation.' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg" maw={980}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600} size="sm">
              The dunning ladder
            </Text>
            <Text size="xs" c="dimmed" maw={620}>
              An account enters a stage when its oldest past-due item is that many days past due, and the stage’s actions run once. Accounts on hold, on a
              current payment plan or with an agency stay where they are.
            </Text>
          </div>
          {canEdit && <RunEvaluationButton />}
        </Group>
        {!canEdit && <Alert color="gray">Only a collections supervisor or an administrator can change the collection stages.</Alert>}
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />}>
            {error}
          </Alert>
        )}
        {v.ladder && (
          <Alert color="orange" variant="light" icon={<IconAlertCircle size={16} />}>
            {v.ladder}
          </Alert>
        )}
        <Stack gap="sm" data-testid="stage-ladder">
          {draft.map((s, i) => (
            <Paper
              key={s.key}
              withBorder
              radius="sm"
              p="sm"
              style={{ borderLeft: `4px solid var(--mantine-color-${['yellow', 'orange', 'red', 'grape', 'grape', 'grape'][Math.min(i, 5)]}-5)` }}
              data-testid={`stage-${i + 1}`}
            >
              <Group gap="sm" align="flex-start" wrap="nowrap">
                <ThemeIcon variant="light" color="gray" radius="xl" size={28} mt={3}>
                  <Text size="sm" fw={700}>
                    {i + 1}
                  </Text>
                </ThemeIcon>
                <TextInput
                  aria-label={`Stage ${i + 1} name`}
                  placeholder="Stage name"
                  value={s.name}
                  onChange={(e) => update(i, { name: e.currentTarget.value })}
                  error={v.errors[`${i}.name`]}
                  disabled={!canEdit}
                  style={{ flex: 1 }}
                />
                <NumberInput
                  aria-label={`Stage ${i + 1} days past due`}
                  w={170}
                  min={1}
                  max={3650}
                  allowDecimal={false}
                  leftSection={
                    <Text size="xs" c="dimmed">
                      at
                    </Text>
                  }
                  rightSection={
                    <Text size="xs" c="dimmed" pr={8}>
                      days past due
                    </Text>
                  }
                  rightSectionWidth={96}
                  value={s.days}
                  onChange={(val) => update(i, { days: val })}
                  error={v.errors[`${i}.days`]}
                  disabled={!canEdit}
                />
                <Tooltip label="Accounts in this stage now">
                  <Badge
                    variant="light"
                    color={s.accountCount ? 'blue' : 'gray'}
                    size="lg"
                    radius="sm"
                    mt={4}
                    w={124}
                    styles={{ root: { textTransform: 'none', fontWeight: 600 } }}
                  >
                    {s.accountCount.toLocaleString('en-US')} {s.accountCount === 1 ? 'account' : 'accounts'}
                  </Badge>
                </Tooltip>
                {canEdit && (
                  <Group gap={2} mt={3} wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" aria-label={`Move stage ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Move stage ${i + 1} down`}
                      disabled={i === draft.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <Tooltip label={s.accountCount ? 'Removing retires the stage; its accounts move at the next evaluation' : 'Remove this stage'}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove stage ${i + 1}`}
                        onClick={() => setDraft((d) => d.filter((_, k) => k !== i))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
              <Stack gap={6} mt="xs" ml={40}>
                {s.actions.length === 0 && (
                  <Text size="xs" c="dimmed">
                    No actions: the account is only marked as in this stage.
                  </Text>
                )}
                {s.actions.map((a, k) => {
                  const m = actionMeta[a.kind];
                  const Icon = m.icon;
                  return (
                    <Group key={a.key} gap="xs" wrap="nowrap" align="flex-start">
                      <Badge
                        variant="light"
                        color={m.color}
                        radius="sm"
                        w={150}
                        h={30}
                        leftSection={<Icon size={14} />}
                        styles={{ root: { textTransform: 'none', fontWeight: 600, justifyContent: 'flex-start' } }}
                      >
                        {m.label}
                      </Badge>
                      {a.kind === 'letter' && (
                        <Select
                          size="xs"
                          w={260}
                          aria-label={`Stage ${i + 1} letter template`}
                          placeholder="Choose a template"
                          data={templateOptions(a.templateCode)}
                          value={a.templateCode || null}
                          onChange={(key) => updateAction(i, k, { templateCode: key ?? '' })}
                          error={v.errors[`${i}.a${k}`]}
                          disabled={!canEdit}
                          allowDeselect={false}
                        />
                      )}
                      {a.kind === 'call' && (
                        <TextInput
                          size="xs"
                          w={360}
                          aria-label={`Stage ${i + 1} call note`}
                          placeholder="Note for the clerk (optional)"
                          value={a.note}
                          onChange={(e) => updateAction(i, k, { note: e.currentTarget.value })}
                          disabled={!canEdit}
                        />
                      )}
                      {a.kind === 'statement' && (
                        <Text size="xs" c="dimmed" pt={6}>
                          Queue a statement of account
                        </Text>
                      )}
                      {a.kind === 'fee' && (
                        <>
                          <TextInput
                            size="xs"
                            w={110}
                            aria-label={`Stage ${i + 1} fee amount`}
                            placeholder="0.00"
                            leftSection={
                              <Text size="xs" c="dimmed">
                                $
                              </Text>
                            }
                            value={a.amount}
                            onChange={(e) => updateAction(i, k, { amount: e.currentTarget.value })}
                            error={v.errors[`${i}.a${k}`]}
                            disabled={!canEdit}
                            styles={{ input: { textAlign: 'right' } }}
                          />
                          <TextInput
                            size="xs"
                            w={240}
                            aria-label={`Stage ${i + 1} fee description`}
                            value={a.description}
                            onChange={(e) => updateAction(i, k, { description: e.currentTarget.value })}
                            disabled={!canEdit}
                          />
                        </>
                      )}
                      {a.kind === 'status' && (
                        <Select
                          size="xs"
                          w={200}
                          aria-label={`Stage ${i + 1} new status`}
                          data={[
                            { value: 'on_hold', label: 'Set account on hold' },
                            { value: 'active', label: 'Set account active' },
                          ]}
                          value={a.status}
                          onChange={(val) => updateAction(i, k, { status: (val ?? 'on_hold') as DraftAction['status'] })}
                          allowDeselect={false}
                          disabled={!canEdit}
                        />
                      )}
                      {canEdit && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="md"
                          mt={2}
                          aria-label={`Remove ${m.label.toLowerCase()} from stage ${i + 1}`}
                          onClick={() => update(i, { actions: s.actions.filter((_, n) => n !== k) })}
                        >
                          <IconX size={14} />
                        </ActionIcon>
                      )}
                    </Group>
                  );
                })}
                {canEdit && s.actions.length < 10 && (
                  <Menu position="bottom-start" withinPortal>
                    <Menu.Target>
                      <Button variant="subtle" size="compact-xs" leftSection={<IconPlus size={12} />} w="fit-content">
                        Add action
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {(Object.keys(actionMeta) as StageActionKind[]).map((kind) => {
                        const Icon = actionMeta[kind].icon;
                        return (
                          <Menu.Item key={kind} leftSection={<Icon size={14} />} onClick={() => update(i, { actions: [...s.actions, blankAction(kind)] })}>
                            {actionMeta[kind].label}
                          </Menu.Item>
                        );
                      })}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Stack>
            </Paper>
          ))}
          {draft.length === 0 && stages.data && (
            <Text size="sm" c="dimmed">
              No stages: accounts are never escalated.
            </Text>
          )}
        </Stack>
        {canEdit && (
          <Group justify="space-between">
            <Group gap="xs">
              <Button variant="default" leftSection={<IconPlus size={16} />} onClick={add} disabled={draft.length >= 20}>
                Add stage
              </Button>
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconRestore size={16} />}
                onClick={() =>
                  setDraft(defaultStages.map((s, i) => toDraft({ ...s, id: draft[i]?.id, actions: s.actions ?? [], accountCount: draft[i]?.accountCount })))
                }
              >
                Standard ladder
              </Button>
            </Group>
            <Button onClick={() => void save()} loading={saving} disabled={!v.input || !dirty}>
              Save stages
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          A stage left out is retired, not deleted: its history stays. Stage fees are posted at once
          {draft.some((s) => s.actions.some((a) => a.kind === 'fee'))
            ? ` (${draft.flatMap((s) => s.actions.filter((a) => a.kind === 'fee').map((a) => formatMoney(parseMoney(a.amount) ?? 0))).join(', ')})`
            : ''}
          ; letters wait in the letters queue. Changes are recorded in the audit log.
        </Text>
      </Stack>
    </Paper>
  );
}
