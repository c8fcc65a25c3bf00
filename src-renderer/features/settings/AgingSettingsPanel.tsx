import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Divider, Group, NumberInput, Paper, SegmentedControl, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import {
  agingBucketIndex,
  agingBucketLabels,
  agingPresentationOf,
  agingSettingsSchema,
  defaultAgingSettings,
  type AgingBasis,
  type AgingSettings,
  type CreditAgingDate,
  type CreditPresentation,
} from '@shared/domain/aging';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';
import { presentationPreview } from '../aging/presentation';

type CurrentRule = 'pastDue' | 'current' | 'grace';
const ruleOf = (d: number): CurrentRule => (d < 0 ? 'pastDue' : d === 0 ? 'current' : 'grace');

/** Aging policy: where Current ends, the bucket edges, the basis reports start with, and how open credits show. Supervisors edit. */
export function AgingSettingsPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const settings = useQuery({ queryKey: ['aging', 'settings'], queryFn: () => unwrap(window.api.aging.getSettings()) });
  const [draft, setDraft] = useState<AgingSettings>(defaultAgingSettings);
  const [rule, setRule] = useState<CurrentRule>('current');
  const [grace, setGrace] = useState<number>(5);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    setDraft(settings.data);
    setRule(ruleOf(settings.data.currentThroughDays));
    if (settings.data.currentThroughDays > 0) setGrace(settings.data.currentThroughDays);
  }, [settings.data]);

  const currentThroughDays = rule === 'pastDue' ? -1 : rule === 'current' ? 0 : grace;
  const candidate: AgingSettings = { ...draft, currentThroughDays };
  const parsed = agingSettingsSchema.safeParse(candidate);
  const edgeErrors = useMemo(() => {
    const out: Record<number, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) if (i.path[0] === 'edges' && typeof i.path[1] === 'number') out[i.path[1]] = i.message;
    return out;
  }, [parsed]);
  const labels = parsed.success ? agingBucketLabels(parsed.data) : null;
  const dirty = settings.data !== undefined && JSON.stringify(settings.data) !== JSON.stringify(candidate);

  const setEdge = (i: number, v: number) => setDraft((d) => ({ ...d, edges: d.edges.map((e, k) => (k === i ? v : e)) }));
  const addEdge = () => setDraft((d) => ({ ...d, edges: [...d.edges, (d.edges[d.edges.length - 1] ?? 0) + 30] }));
  const removeEdge = (i: number) => setDraft((d) => ({ ...d, edges: d.edges.filter((_, k) => k !== i) }));

  const save = async () => {
    if (!parsed.success) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(window.api.aging.updateSettings(parsed.data));
      notifications.show({ color: 'teal', message: 'Aging settings saved. Aging reports use the new buckets from now on.' });
      await queryClient.invalidateQueries({ queryKey: ['aging'] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const example = (days: number) => (parsed.success && labels ? labels[agingBucketIndex(days, parsed.data)] : '');

  return (
    <Paper withBorder radius="md" p="lg" maw={760}>
      <Stack gap="md">
        {!canEdit && <Alert color="gray">Only a collections supervisor or an administrator can change the aging buckets.</Alert>}
        {error && <Alert color="red">{error}</Alert>}

        <div>
          <Text fw={600} size="sm">
            When an invoice stops being current
          </Text>
          <Text size="xs" c="dimmed" mb={8}>
            Match the report your office used before: some count an invoice due today as already past due.
          </Text>
          <SegmentedControl
            aria-label="When an invoice stops being current"
            disabled={!canEdit}
            value={rule}
            onChange={(v) => setRule(v as CurrentRule)}
            data={[
              { value: 'current', label: 'Due today is current' },
              { value: 'pastDue', label: 'Due today is past due' },
              { value: 'grace', label: 'After a grace period' },
            ]}
          />
          {rule === 'grace' && (
            <NumberInput
              mt="xs"
              w={260}
              label="Grace days after the due date"
              description="Invoices this many days past due still count as current."
              min={1}
              max={90}
              clampBehavior="strict"
              allowDecimal={false}
              disabled={!canEdit}
              value={grace}
              onChange={(v) => setGrace(typeof v === 'number' ? v : 1)}
            />
          )}
        </div>

        <Divider />

        <Group align="flex-start" gap="xl" wrap="nowrap">
          <div style={{ flex: '0 0 330px' }}>
            <Text fw={600} size="sm">
              Past-due buckets
            </Text>
            <Text size="xs" c="dimmed" mb={8}>
              Each runs up to and including its last day; one more bucket holds everything older.
            </Text>
            <Stack gap={6}>
              {draft.edges.map((edge, i) => {
                const from = i === 0 ? currentThroughDays + 1 : (draft.edges[i - 1] ?? 0) + 1;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a bucket is its position in the ladder; edges are edited in place, never reordered
                  <Group key={i} gap="sm" align="flex-start" wrap="nowrap">
                    <Text size="sm" w={120} pt={7} c="dimmed">
                      Bucket {i + 1}: from {from}
                    </Text>
                    <NumberInput
                      aria-label={`Bucket ${i + 1} ends on day`}
                      w={150}
                      leftSection={
                        <Text size="xs" c="dimmed">
                          to
                        </Text>
                      }
                      rightSection={
                        <Text size="xs" c="dimmed" pr={6}>
                          days
                        </Text>
                      }
                      rightSectionWidth={44}
                      min={0}
                      max={3650}
                      allowDecimal={false}
                      disabled={!canEdit}
                      value={edge}
                      onChange={(v) => setEdge(i, typeof v === 'number' ? v : 0)}
                      error={edgeErrors[i]}
                    />
                    {canEdit && (
                      <Tooltip label="Remove this bucket">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          mt={4}
                          aria-label={`Remove bucket ${i + 1}`}
                          disabled={draft.edges.length <= 1}
                          onClick={() => removeEdge(i)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                );
              })}
              <Group gap="sm">
                <Text size="sm" w={120} c="dimmed">
                  Last bucket
                </Text>
                <Text size="sm">over {draft.edges[draft.edges.length - 1]} days</Text>
              </Group>
              {canEdit && (
                <Group>
                  <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={addEdge} disabled={draft.edges.length >= 8}>
                    Add a bucket
                  </Button>
                </Group>
              )}
            </Stack>
          </div>
          <Paper radius="sm" p="sm" bg="gray.0" style={{ flex: 1 }} mt={46}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
              The report's columns
            </Text>
            {labels ? (
              <Group gap={6} data-testid="aging-bucket-preview">
                {labels.map((l) => (
                  <Badge key={l} variant="light" radius="sm" tt="none">
                    {l}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="red.7">
                Fix the bucket edges: each must end after the one before.
              </Text>
            )}
            {labels && (
              <Text size="xs" c="dimmed" mt={6}>
                For example, an invoice due today is in <b>{example(0)}</b>; one 30 days past due is in <b>{example(30)}</b>; one 31 days past due is in{' '}
                <b>{example(31)}</b>.
              </Text>
            )}
          </Paper>
        </Group>

        <Divider />

        <div>
          <Text fw={600} size="sm">
            Age invoices by
          </Text>
          <Text size="xs" c="dimmed" mb={8}>
            What the aging report starts with; anyone can switch it on the report.
          </Text>
          <SegmentedControl
            aria-label="Age invoices by"
            disabled={!canEdit}
            value={draft.defaultBasis}
            onChange={(v) => setDraft((d) => ({ ...d, defaultBasis: v as AgingBasis }))}
            data={[
              { value: 'due', label: 'Due date' },
              { value: 'invoice', label: 'Invoice date' },
            ]}
          />
        </div>

        <Divider />

        <CreditOptions draft={candidate} canEdit={canEdit} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />

        {canEdit && (
          <Group justify="space-between" mt="xs">
            <Button
              variant="default"
              leftSection={<IconRestore size={16} />}
              onClick={() => {
                // The buckets and basis only: how credits show is a choice of its own.
                setDraft((d) => ({ ...defaultAgingSettings, ...agingPresentationOf(d) }));
                setRule('current');
              }}
            >
              Standard buckets
            </Button>
            <Button onClick={() => void save()} loading={saving} disabled={!parsed.success || !dirty}>
              Save aging settings
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Changing the buckets or how credits show changes every aging report, past as-of dates included. The change is recorded in the audit log.
        </Text>
      </Stack>
    </Paper>
  );
}

/** How open credits show: in the Unapplied column or aged as negative amounts, and prepayments apart. */
function CreditOptions({ draft, canEdit, onChange }: { draft: AgingSettings; canEdit: boolean; onChange: (patch: Partial<AgingSettings>) => void }) {
  const aged = draft.creditPresentation === 'aged';
  return (
    <Stack gap="sm">
      <div>
        <Text fw={600} size="sm">
          Open credits
        </Text>
        <Text size="xs" c="dimmed" mb={8}>
          Credit notes and payments not yet applied to an invoice: in their own column, subtracted in the total, or as negative amounts in the bucket of their
          date.
        </Text>
        <SegmentedControl
          aria-label="Open credits"
          disabled={!canEdit}
          value={draft.creditPresentation}
          onChange={(v) => onChange({ creditPresentation: v as CreditPresentation })}
          data={[
            { value: 'column', label: 'In the Unapplied column' },
            { value: 'aged', label: 'Aged in the buckets' },
          ]}
        />
      </div>
      {aged && (
        <div>
          <Text fw={500} size="sm">
            Age credits by
          </Text>
          <Text size="xs" c="dimmed" mb={8}>
            A credit with no due date of its own is aged by its date.
          </Text>
          <SegmentedControl
            aria-label="Age credits by"
            disabled={!canEdit}
            value={draft.creditAgingDate}
            onChange={(v) => onChange({ creditAgingDate: v as CreditAgingDate })}
            data={[
              { value: 'document', label: 'Credit date' },
              { value: 'due', label: 'Due date' },
            ]}
          />
        </div>
      )}
      <Switch
        label="Keep prepayments apart"
        description="Money received but not applied to an invoice (payments on account, overpayments) in a Prepayments column of its own; open credit notes show as chosen above."
        disabled={!canEdit}
        checked={draft.prepaymentsApart}
        onChange={(e) => onChange({ prepaymentsApart: e.currentTarget.checked })}
      />
      <Text size="xs" c="dimmed" data-testid="aging-credit-preview">
        {presentationPreview(draft)}
      </Text>
    </Stack>
  );
}
