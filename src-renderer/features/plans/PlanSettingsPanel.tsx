import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';

/** Payment plan policy: the grace days before a late installment breaks the plan. Supervisors edit. */
export function PlanSettingsPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const settings = useQuery({ queryKey: ['plans', 'settings'], queryFn: () => unwrap(window.api.plans.getSettings()) });
  const [grace, setGrace] = useState<number | string>(5);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setGrace(settings.data.graceDays);
  }, [settings.data]);
  const valid = typeof grace === 'number' && Number.isInteger(grace) && grace >= 0 && grace <= 60;
  const dirty = settings.data !== undefined && grace !== settings.data.graceDays;
  const save = async () => {
    if (!valid) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(window.api.plans.saveSettings({ graceDays: grace }));
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      notifications.show({
        color: 'teal',
        message: 'Payment plan settings saved. New plans use them; existing plans keep the grace days they were made with.',
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="lg" maw={760}>
      <Stack gap="md">
        {!canEdit && <Alert color="gray">Only a collections supervisor or an administrator can change payment plan settings.</Alert>}
        {error && <Alert color="red">{error}</Alert>}
        <div>
          <Text fw={600} size="sm">
            Grace days
          </Text>
          <Text size="xs" c="dimmed" mb={8}>
            An installment unpaid after its due date makes the plan <b>late</b> (the account goes on the worklist). Once it is more than this many days past due
            the plan is <b>broken</b>: late fees and dunning resume, and the customer needs a new plan.
          </Text>
          <NumberInput
            w={220}
            aria-label="Grace days"
            min={0}
            max={60}
            allowDecimal={false}
            clampBehavior="strict"
            rightSection={
              <Text size="xs" c="dimmed" pr={6}>
                days
              </Text>
            }
            rightSectionWidth={44}
            disabled={!canEdit}
            value={grace}
            onChange={setGrace}
            error={!valid ? 'From 0 to 60 days' : undefined}
          />
        </div>
        {valid && (
          <Paper radius="sm" p="sm" bg="gray.0">
            <Text size="sm">
              For example, an installment due on the 1st and still unpaid is late from the 2nd
              {typeof grace === 'number' && grace > 0 ? ` through the ${ordinal(1 + grace)}` : ''}, and the plan breaks on the {ordinal(2 + (grace as number))}.
            </Text>
          </Paper>
        )}
        {canEdit && (
          <Group justify="flex-end">
            <Button onClick={() => void save()} loading={saving} disabled={!valid || !dirty}>
              Save plan settings
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Each plan keeps the grace days in force when it was set up. The change is recorded in the audit log.
        </Text>
      </Stack>
    </Paper>
  );
}

function ordinal(n: number) {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}
