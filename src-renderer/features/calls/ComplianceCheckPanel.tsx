import { Alert, Badge, Group, Loader, Paper, Stack, Text, Textarea, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconClockPause, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { ruleLabels, type ComplianceBlock, type LocalTime } from '@shared/domain/collections';
import { blockFactsText } from '@shared/domain/collections-text';
import { formatInZone } from '@shared/dates';
import { clock12, zoneAbbrev, zoneCity } from '../collections/api';

export const OVERRIDE_MIN = 10;

/** "It is 07:30 in ...": a block's facts as a sentence under its rule's name. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export interface CheckView {
  allowed: boolean;
  blocks: ComplianceBlock[];
  localTimes: LocalTime[];
  allowedAt?: string;
  exempt: null | 'commercial' | 'disabled';
}

/**
 * The compliance answer for a call, as the clerk sees it before dialing: allowed (green) or blocked,
 * naming each rule, its citation and when it stops blocking, with the consumer's local time in every
 * zone that applies. A supervisor gets the override box.
 */
export function ComplianceCheckPanel(props: {
  check: CheckView | null;
  loading: boolean;
  error?: string | null;
  /** The account's zone: times are shown as the consumer reads them. */
  zone: string;
  /** Shown when the backend refused the save (it re-checks in main). */
  refusedByServer?: boolean;
  canOverride: boolean;
  override: string;
  onOverride: (v: string) => void;
  showErrors: boolean;
}) {
  const { check, zone } = props;
  if (props.error)
    return (
      <Alert color="red" variant="light" title="Could not check the rules">
        {props.error}
      </Alert>
    );
  if (!check) {
    return (
      <Paper withBorder radius="md" p="sm" bg="gray.0">
        <Group gap="xs">
          {props.loading ? <Loader size="xs" /> : <IconShieldCheck size={18} color="var(--mantine-color-gray-6)" />}
          <Text size="sm" c="dimmed">
            {props.loading ? 'Checking the contact rules…' : 'Pick the person and the number to check the contact rules.'}
          </Text>
        </Group>
      </Paper>
    );
  }
  const times = <LocalTimes times={check.localTimes} />;
  if (check.allowed) {
    return (
      <Paper
        withBorder
        radius="md"
        p="sm"
        data-testid="compliance-check"
        data-state="allowed"
        style={{ borderColor: 'var(--mantine-color-teal-3)', background: 'var(--mantine-color-teal-0)' }}
      >
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <ThemeIcon color="teal" variant="light" radius="xl" size={28}>
              <IconCircleCheck size={18} />
            </ThemeIcon>
            <div>
              <Text fw={600} size="sm" c="teal.9">
                {check.exempt ? 'No consumer contact rules apply' : 'Allowed to call now'}
              </Text>
              <Text size="xs" c="teal.9">
                {check.exempt === 'commercial'
                  ? 'Commercial account: calling hours and frequency limits are for consumers.'
                  : check.exempt === 'disabled'
                    ? 'Consumer compliance is switched off in Settings.'
                    : 'Calling hours, frequency, flags and the consumer’s inconvenient times all allow it.'}
              </Text>
            </div>
          </Group>
          {props.loading && <Loader size="xs" color="teal" />}
        </Group>
        {!check.exempt && times}
      </Paper>
    );
  }
  const overrideTooShort = props.override.trim().length < OVERRIDE_MIN;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="compliance-check"
      data-state="blocked"
      style={{ borderColor: 'var(--mantine-color-red-3)', background: 'var(--mantine-color-red-0)' }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon color="red" variant="light" radius="xl" size={28}>
          <IconShieldX size={18} />
        </ThemeIcon>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm" c="red.9">
            {props.refusedByServer ? 'Not saved: the rules block this call' : 'Blocked: do not dial'}
          </Text>
          <Text size="xs" c="red.9" data-testid="compliance-allowed-from">
            {check.allowedAt ? (
              <>
                Allowed from <b>{formatInZone(check.allowedAt, zone)}</b> (consumer’s time)
              </>
            ) : (
              'Not allowed until the flag is cleared.'
            )}
          </Text>
        </div>
        {props.loading && <Loader size="xs" color="red" />}
      </Group>
      <Stack gap={6} mt="sm">
        {check.blocks.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one check's answer, shown read-only and replaced whole; a rule can block twice (one block per flag), so the position is the identity
          <Paper key={`${b.rule}-${i}`} radius="sm" p="xs" bg="white" withBorder data-testid="compliance-block">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600}>
                {ruleLabels[b.rule] ?? b.rule}
              </Text>
              <Badge variant="outline" color="gray" size="sm" radius="sm" style={{ flexShrink: 0, textTransform: 'none' }}>
                {b.citation}
              </Badge>
            </Group>
            <Text size="xs" c="gray.7" mt={2}>
              {sentence(blockFactsText(b))}
            </Text>
            {b.allowedAt && (
              <Group gap={4} mt={4}>
                <IconClockPause size={13} color="var(--mantine-color-gray-6)" />
                <Text size="xs" c="dimmed">
                  This rule allows it from {formatInZone(b.allowedAt, zone)}
                </Text>
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
      {times}
      {props.canOverride ? (
        <Textarea
          mt="sm"
          label="Override with a reason"
          description={`Supervisors only. Saved with the call and audited; at least ${OVERRIDE_MIN} characters.`}
          placeholder="e.g. Consumer asked us to call back at this time (recorded on the call of Mar 9)"
          value={props.override}
          onChange={(e) => props.onOverride(e.currentTarget.value)}
          error={props.showErrors && overrideTooShort ? `Write at least ${OVERRIDE_MIN} characters` : undefined}
          autosize
          minRows={2}
          styles={{ input: { background: 'white' } }}
        />
      ) : (
        <Text size="xs" c="red.9" mt="sm">
          An outgoing call the rules block cannot be logged. Ask a collections supervisor if it must be made anyway.
        </Text>
      )}
    </Paper>
  );
}

function LocalTimes({ times }: { times: LocalTime[] }) {
  if (!times.length) return null;
  return (
    <Group gap={6} mt="xs" data-testid="compliance-local-times">
      <Text size="xs" c="dimmed" w="100%">
        Consumer’s local time {times.length > 1 ? `in each of ${times.length} zones (the call must be allowed in all)` : ''}
      </Text>
      {times.map((t) => {
        const at = new Date(`${t.date}T12:00:00Z`);
        return (
          <Badge
            key={`${t.zone}-${t.source}`}
            variant="white"
            color="gray"
            radius="sm"
            size="md"
            style={{ textTransform: 'none', fontWeight: 500 }}
            title={t.zone}
          >
            {t.weekday} {clock12(t.time)} {zoneAbbrev(t.zone, at)} · {zoneCity(t.zone)} ({t.source === 'address' ? 'address' : 'area code'})
          </Badge>
        );
      })}
    </Group>
  );
}
