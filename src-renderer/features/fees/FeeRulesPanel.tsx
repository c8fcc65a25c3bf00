import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Divider, Group, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRestore } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { defaultFeeRules, feeRulesSchema, type FeeRules } from '@shared/domain/collections-policy';
import { applyBasisPoints, basisPointsToText, cents, centsToDecimalString, formatBasisPoints, formatMoney, parseMoney, parsePercent } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';

interface Draft {
  enabled: boolean;
  graceDays: number | string;
  flat: string;
  rate: string;
  minimum: string;
  maxInvoice: string;
  maxYear: string;
  compounding: boolean;
  appliesTo: FeeRules['appliesTo'];
  excludeDisputed: boolean;
  excludeOnCurrentPlan: boolean;
  excludeWrittenOff: boolean;
}

const toDraft = (r: FeeRules): Draft => ({
  enabled: r.enabled,
  graceDays: r.graceDays,
  flat: r.flatCents ? centsToDecimalString(r.flatCents) : '',
  rate: basisPointsToText(r.monthlyRateBp),
  minimum: r.minimumCents ? centsToDecimalString(r.minimumCents) : '',
  maxInvoice: r.maxPerInvoiceCents === null ? '' : centsToDecimalString(r.maxPerInvoiceCents),
  maxYear: r.maxPerAccountYearCents === null ? '' : centsToDecimalString(r.maxPerAccountYearCents),
  compounding: r.compounding,
  appliesTo: r.appliesTo,
  excludeDisputed: r.excludeDisputed,
  excludeOnCurrentPlan: r.excludeOnCurrentPlan,
  excludeWrittenOff: r.excludeWrittenOff,
});

const money = (t: string) => (t.trim() === '' ? 0 : parseMoney(t));
const optMoney = (t: string) => (t.trim() === '' ? null : parseMoney(t));

/** Late fee rules: when an invoice is charged, how much, the caps and the exclusions. Supervisors edit. */
export function FeeRulesPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const rules = useQuery({ queryKey: ['fees', 'rules'], queryFn: () => unwrap(window.api.fees.getRules()) });
  const [d, setD] = useState<Draft>(toDraft(defaultFeeRules));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data) setD(toDraft(rules.data));
  }, [rules.data]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const flat = money(d.flat);
  const rate = d.rate.trim() === '' ? 0 : parsePercent(d.rate);
  const minimum = money(d.minimum);
  const maxInvoice = optMoney(d.maxInvoice);
  const maxYear = optMoney(d.maxYear);
  const errs = {
    flat: flat === null || flat < 0 ? 'Not an amount' : null,
    rate: rate === null || rate > 10000 ? 'A percentage such as 1.5' : null,
    minimum: minimum === null || minimum < 0 ? 'Not an amount' : null,
    maxInvoice:
      d.maxInvoice.trim() && (maxInvoice === null || maxInvoice < 0)
        ? 'Not an amount'
        : maxInvoice !== null && minimum !== null && maxInvoice < minimum
          ? 'Cannot be below the minimum'
          : null,
    maxYear: d.maxYear.trim() && (maxYear === null || maxYear < 0) ? 'Not an amount' : null,
  };
  const candidate = {
    enabled: d.enabled,
    graceDays: typeof d.graceDays === 'number' ? d.graceDays : NaN,
    flatCents: flat ?? NaN,
    monthlyRateBp: rate ?? NaN,
    minimumCents: minimum ?? NaN,
    maxPerInvoiceCents: maxInvoice,
    maxPerAccountYearCents: maxYear,
    compounding: d.compounding,
    appliesTo: d.appliesTo,
    excludeDisputed: d.excludeDisputed,
    excludeOnCurrentPlan: d.excludeOnCurrentPlan,
    excludeWrittenOff: d.excludeWrittenOff,
  };
  const parsed = feeRulesSchema.safeParse(candidate);
  const ok = parsed.success && !Object.values(errs).some(Boolean);
  const dirty = rules.data !== undefined && parsed.success && JSON.stringify(rules.data) !== JSON.stringify(parsed.data);

  const save = async () => {
    if (!ok || !parsed.success) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(window.api.fees.saveRules(parsed.data));
      await queryClient.invalidateQueries({ queryKey: ['fees'] });
      notifications.show({ color: 'teal', message: 'Late fee rules saved. The next assessment run uses them.' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  // A worked example for the rules as typed.
  const exBasis = cents(100000);
  let exFee = (flat ?? 0) + applyBasisPoints(exBasis, rate ?? 0);
  if (exFee < (minimum ?? 0)) exFee = minimum ?? 0;
  if (maxInvoice !== null && exFee > maxInvoice) exFee = maxInvoice;
  const grace = typeof d.graceDays === 'number' ? d.graceDays : 0;

  return (
    <Paper withBorder radius="md" p="lg" maw={820}>
      <Stack gap="md">
        {!canEdit && <Alert color="gray">Only a collections supervisor or an administrator can change the late fee rules.</Alert>}
        {error && <Alert color="red">{error}</Alert>}
        <Switch
          label="Charge late fees"
          description="Off: an assessment run charges nothing."
          checked={d.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
          disabled={!canEdit}
        />
        <Divider />
        <div>
          <Text fw={600} size="sm">
            How much
          </Text>
          <Text size="xs" c="dimmed" mb={8}>
            Per invoice and calendar month: a flat amount, a monthly percentage of the past-due principal, or both.
          </Text>
          <SimpleGrid cols={3} spacing="sm">
            <NumberInput
              label="Grace days"
              description="Charged only after this many days past due"
              min={0}
              max={365}
              allowDecimal={false}
              clampBehavior="strict"
              value={d.graceDays}
              onChange={(v) => set('graceDays', v)}
              disabled={!canEdit}
            />
            <TextInput
              label="Flat amount"
              description="Per invoice, per month"
              placeholder="0.00"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              value={d.flat}
              onChange={(e) => set('flat', e.currentTarget.value)}
              error={errs.flat}
              disabled={!canEdit}
              styles={{ input: { textAlign: 'right' } }}
            />
            <TextInput
              label="Monthly percentage"
              description="Of the past-due principal"
              placeholder="0"
              rightSection={
                <Text size="sm" c="dimmed">
                  %
                </Text>
              }
              value={d.rate}
              onChange={(e) => set('rate', e.currentTarget.value)}
              error={errs.rate}
              disabled={!canEdit}
              styles={{ input: { textAlign: 'right' } }}
            />
            <TextInput
              label="Minimum fee"
              description="A smaller fee is raised to it"
              placeholder="0.00"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              value={d.minimum}
              onChange={(e) => set('minimum', e.currentTarget.value)}
              error={errs.minimum}
              disabled={!canEdit}
              styles={{ input: { textAlign: 'right' } }}
            />
            <TextInput
              label="Maximum per invoice"
              description="All months together; empty: none"
              placeholder="No maximum"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              value={d.maxInvoice}
              onChange={(e) => set('maxInvoice', e.currentTarget.value)}
              error={errs.maxInvoice}
              disabled={!canEdit}
              styles={{ input: { textAlign: 'right' } }}
            />
            <TextInput
              label="Maximum per account per year"
              description="Calendar year; empty: none"
              placeholder="No maximum"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              value={d.maxYear}
              onChange={(e) => set('maxYear', e.currentTarget.value)}
              error={errs.maxYear}
              disabled={!canEdit}
              styles={{ input: { textAlign: 'right' } }}
            />
          </SimpleGrid>
        </div>
        <Paper radius="sm" p="sm" bg="gray.0" data-testid="fee-example">
          <Text size="sm">
            For example, an invoice with <b>{formatMoney(exBasis)}</b> past due for {grace + 1} days or more is charged <b>{formatMoney(exFee)}</b> a month
            {rate ? ` (${[flat ? formatMoney(flat) : '', `${formatBasisPoints(rate ?? 0)} of ${formatMoney(exBasis)}`].filter(Boolean).join(' + ')})` : ''}
            {maxInvoice !== null ? `, ${formatMoney(maxInvoice)} at most in all` : ''}.
          </Text>
        </Paper>
        <Divider />
        <div>
          <Text fw={600} size="sm">
            Who is charged
          </Text>
          <SegmentedControl
            mt={6}
            aria-label="Accounts charged"
            disabled={!canEdit}
            value={d.appliesTo}
            onChange={(v) => set('appliesTo', v as FeeRules['appliesTo'])}
            data={[
              { value: 'all', label: 'All accounts' },
              { value: 'consumer', label: 'Consumer only' },
              { value: 'commercial', label: 'Commercial only' },
            ]}
          />
          <Stack gap={6} mt="sm">
            <Checkbox
              label="Not on invoices in dispute"
              checked={d.excludeDisputed}
              onChange={(e) => set('excludeDisputed', e.currentTarget.checked)}
              disabled={!canEdit}
            />
            <Checkbox
              label="Not on invoices covered by a current payment plan"
              checked={d.excludeOnCurrentPlan}
              onChange={(e) => set('excludeOnCurrentPlan', e.currentTarget.checked)}
              disabled={!canEdit}
            />
            <Checkbox
              label="Not on invoices with a write-off"
              checked={d.excludeWrittenOff}
              onChange={(e) => set('excludeWrittenOff', e.currentTarget.checked)}
              disabled={!canEdit}
            />
          </Stack>
        </div>
        <Divider />
        <div>
          <Switch
            label="Compounding"
            description="Charge the percentage on earlier unpaid late fees too. Off in most offices; some states forbid it."
            checked={d.compounding}
            onChange={(e) => set('compounding', e.currentTarget.checked)}
            disabled={!canEdit}
          />
          {d.compounding && (
            <Alert mt="xs" color="orange" variant="light" icon={<IconAlertTriangle size={16} />}>
              With compounding on, fees are charged on fees. Check that your state and your customer agreements allow it.
            </Alert>
          )}
        </div>
        {canEdit && (
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconRestore size={16} />} onClick={() => setD(toDraft(defaultFeeRules))}>
              Standard rules
            </Button>
            <Button onClick={() => void save()} loading={saving} disabled={!ok || !dirty}>
              Save late fee rules
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Fees already posted are not changed. An invoice is never charged twice for the same month. The change is recorded in the audit log.
        </Text>
      </Stack>
    </Paper>
  );
}
