import { useState } from 'react';
import { Autocomplete, Grid, Select, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatDate, formatMonth } from '@shared/dates';
import { asOfPresets, type DateRange, presetRange, type RangePreset, wholePeriods } from '@shared/dates/ranges';
import type { AgingBasis } from '@shared/domain/aging';
import { auditActions, type AuditAction } from '@shared/domain/audit';
import { auditActionWords } from '@shared/domain/audit-words';
import { paymentMethodLabels, paymentMethods, type PaymentMethod } from '@shared/domain/payments';
import { periodsOf, type ReportPeriod } from '@shared/domain/period-figures';
import type { ReportFile } from '@shared/domain/report-workbooks';
import { periodsWithin } from '@shared/domain/team-performance';
import type { Result } from '@shared/ipc/result';
import { unwrap } from '../../api/client';
import { DateRangeFields, dateInputProps } from './DateRangeFields';

/** What every form gets: today (the business date) and the backend's field messages; it hands back its request. */
export interface ReportFormProps {
  today: string;
  fields: Record<string, string>;
  /** The request as the form stands, or why it cannot be sent yet (in words). */
  children: (request: Request | string) => React.ReactNode;
}
export type Request = (run: string) => Promise<Result<ReportFile>>;

const Label = ({ children }: { children: string }) => (
  <Text size="sm" fw={500} mb={3}>
    {children}
  </Text>
);

const rangeProblem = (r: DateRange) => (r.from > r.to ? 'The end date is before the start date.' : null);
const generalPresets: RangePreset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear'];

/** Aging: as of a date, by due or invoice date, one account or all, the summary's order. */
export function AgingForm({ today, fields, children }: ReportFormProps) {
  const settings = useQuery({ queryKey: ['aging', 'settings'], queryFn: () => unwrap(window.api.aging.getSettings()) });
  const [asOf, setAsOf] = useState<string>(today);
  const [basis, setBasis] = useState<AgingBasis | null>(null);
  const [account, setAccount] = useState<string | null>(null);
  const [sort, setSort] = useState<'name' | 'accountNumber' | 'total' | 'pastDue'>('name');
  const shownBasis = basis ?? settings.data?.defaultBasis ?? 'due';
  const request: Request = (run) => window.api.reports.aging({ asOf, basis: shownBasis, sort, run, ...(account ? { accountId: Number(account) } : {}) });
  return (
    <Stack gap="md">
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={6}>
          <DateInput
            label="As of"
            description="Payments and credits dated after it do not count"
            value={asOf}
            onChange={(v) => v && setAsOf(v)}
            presets={asOfPresets(today)}
            error={fields.asOf}
            data-testid="report-as-of"
            {...dateInputProps}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <Label>Age by</Label>
          <SegmentedControl
            fullWidth
            aria-label="Age by"
            value={shownBasis}
            onChange={(v) => setBasis(v as AgingBasis)}
            data={[
              { value: 'due', label: 'Due date' },
              { value: 'invoice', label: 'Invoice date' },
            ]}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <AccountSelect value={account} onChange={setAccount} error={fields.accountId} />
        </Grid.Col>
        <Grid.Col span={6}>
          <Select
            label="Sort the summary by"
            value={sort}
            onChange={(v) => v && setSort(v as typeof sort)}
            allowDeselect={false}
            data={[
              { value: 'name', label: 'Account name' },
              { value: 'accountNumber', label: 'Account number' },
              { value: 'total', label: 'Total owed, largest first' },
              { value: 'pastDue', label: 'Past due, largest first' },
            ]}
          />
        </Grid.Col>
      </Grid>
      {children(request)}
    </Stack>
  );
}

/** One account, found by number or name; empty means every account. */
function AccountSelect({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: string }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const hits = useQuery({
    queryKey: ['accounts', 'search', 'reports', query],
    queryFn: () => unwrap(window.api.accounts.search({ query, limit: 20 })),
    enabled: query.length > 0 && query !== picked?.label,
  });
  const data = (hits.data ?? []).map((h) => ({ value: String(h.id), label: `${h.accountNumber} · ${h.name}` }));
  if (picked && !data.some((d) => d.value === picked.value)) data.unshift(picked);
  return (
    <Select
      label="Account"
      placeholder="All accounts"
      searchable
      clearable
      leftSection={<IconSearch size={16} />}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      value={value}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v);
      }}
      nothingFoundMessage={query ? 'No account matches' : 'Type an account number or name'}
      filter={({ options }) => options}
      error={error}
      data-testid="report-account"
    />
  );
}

/** Billing pack: whole months or quarters from..to. */
export function BillingPackForm({ today, fields, children }: ReportFormProps) {
  const [period, setPeriod] = useState<ReportPeriod>('month');
  const [range, setRange] = useState<DateRange>(() => presetRange('lastMonth', today));
  const periods = periodsOf(range.from, range.to, period);
  const problem = typeof periods === 'string' ? periods : null;
  const request: Request = (run) => window.api.reports.billingPack({ ...range, period, run });
  const covers =
    typeof periods === 'string'
      ? null
      : `${periods.length} ${period === 'month' ? 'month' : 'quarter'}${periods.length === 1 ? '' : 's'}: ${formatMonth(range.from.slice(0, 7))} to ${formatMonth(range.to.slice(0, 7))}`;
  return (
    <Stack gap="md">
      <div>
        <Label>One row per</Label>
        <SegmentedControl
          aria-label="One row per"
          value={period}
          onChange={(v) => {
            const p = v as ReportPeriod;
            setPeriod(p);
            setRange((r) => wholePeriods(r, p));
          }}
          data={[
            { value: 'month', label: 'Month' },
            { value: 'quarter', label: 'Quarter' },
          ]}
        />
      </div>
      <DateRangeFields
        value={range}
        onChange={setRange}
        today={today}
        presets={['lastMonth', 'lastQuarter', 'thisYear', 'lastYear', 'last12Months']}
        shape={(r) => wholePeriods(r, period)}
        errors={{ from: fields.from, to: fields.to ?? problem !== null }}
      />
      {covers && (
        <Text size="sm" c="dimmed" data-testid="report-covers">
          {covers}
        </Text>
      )}
      {children(problem ?? request)}
    </Stack>
  );
}

/** Collections activity: per clerk and month or quarter from..to (the first and last period may be cut to the range). */
export function CollectionsActivityForm({ today, fields, children }: ReportFormProps) {
  const [period, setPeriod] = useState<ReportPeriod>('month');
  const [range, setRange] = useState<DateRange>(() => presetRange('lastMonth', today));
  const periods = periodsWithin(range.from, range.to, period);
  const problem = typeof periods === 'string' ? periods : null;
  const request: Request = (run) => window.api.reports.collectionsActivity({ ...range, period, run });
  const unit = period === 'month' ? 'month' : 'quarter';
  return (
    <Stack gap="md">
      <div>
        <Label>One row per clerk and</Label>
        <SegmentedControl
          aria-label="One row per clerk and"
          value={period}
          onChange={(v) => setPeriod(v as ReportPeriod)}
          data={[
            { value: 'month', label: 'Month' },
            { value: 'quarter', label: 'Quarter' },
          ]}
        />
      </div>
      <DateRangeFields
        value={range}
        onChange={setRange}
        today={today}
        presets={[...generalPresets, 'last12Months']}
        errors={{ from: fields.from, to: fields.to ?? problem !== null }}
      />
      {typeof periods !== 'string' && (
        <Text size="sm" c="dimmed" data-testid="report-covers">
          {periods.length} {unit}
          {periods.length === 1 ? '' : 's'}: {formatDate(range.from)} to {formatDate(range.to)}
        </Text>
      )}
      {children(problem ?? request)}
    </Stack>
  );
}

/** Cash receipts journal: payments from..to, one method or all. */
export function CashReceiptsForm({ today, fields, children }: ReportFormProps) {
  const [range, setRange] = useState<DateRange>(() => presetRange('lastMonth', today));
  const [method, setMethod] = useState<PaymentMethod | 'all'>('all');
  const request: Request = (run) => window.api.reports.cashReceipts({ ...range, run, ...(method === 'all' ? {} : { method }) });
  return (
    <Stack gap="md">
      <DateRangeFields value={range} onChange={setRange} today={today} presets={generalPresets} errors={fields} />
      <Grid gap="sm">
        <Grid.Col span={6}>
          <Select
            label="Method"
            value={method}
            onChange={(v) => v && setMethod(v as PaymentMethod | 'all')}
            allowDeselect={false}
            data={[{ value: 'all', label: 'All methods' }, ...paymentMethods.map((m) => ({ value: m, label: paymentMethodLabels[m] }))]}
          />
        </Grid.Col>
      </Grid>
      {children(rangeProblem(range) ?? request)}
    </Stack>
  );
}

/** Record types the audit log names (entity), as words; the field also takes any other. */
const recordTypes = [
  'account',
  'document',
  'payment plan',
  'user',
  'setting',
  'letter',
  'letter run',
  'letter template',
  'statement run',
  'item',
  'import batch',
  'backup',
];
const actionOptions = [...auditActions]
  .sort((a, b) => auditActionWords[a].localeCompare(auditActionWords[b]))
  .map((a) => ({ value: a, label: auditActionWords[a] }));

/** Audit trail: records made from..to, narrowed by user, action and record. */
export function AuditTrailForm({ today, fields, children }: ReportFormProps) {
  const [range, setRange] = useState<DateRange>(() => presetRange('thisMonth', today));
  const [user, setUser] = useState('');
  const [action, setAction] = useState<AuditAction | null>(null);
  const [entity, setEntity] = useState('');
  const [entityId, setEntityId] = useState('');
  const trimmed = { user: user.trim(), entity: entity.trim().toLowerCase().replace(/\s+/g, '_'), entityId: entityId.trim() };
  const request: Request = (run) =>
    window.api.reports.auditTrail({
      ...range,
      run,
      ...(trimmed.user ? { user: trimmed.user } : {}),
      ...(action ? { action } : {}),
      ...(trimmed.entity ? { entity: trimmed.entity } : {}),
      ...(trimmed.entityId ? { entityId: trimmed.entityId } : {}),
    });
  return (
    <Stack gap="md">
      <DateRangeFields value={range} onChange={setRange} today={today} presets={generalPresets} errors={fields} />
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput
            label="User"
            placeholder="Any user"
            description="Their username"
            value={user}
            onChange={(e) => setUser(e.currentTarget.value)}
            error={fields.user}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <Select
            label="Action"
            placeholder="Any action"
            description="What was done"
            searchable
            clearable
            value={action}
            onChange={(v) => setAction(v as AuditAction | null)}
            data={actionOptions}
            error={fields.action}
            data-testid="report-action"
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <Autocomplete label="Record type" placeholder="Any record" value={entity} onChange={setEntity} data={recordTypes} error={fields.entity} />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput label="Record id" placeholder="Any" value={entityId} onChange={(e) => setEntityId(e.currentTarget.value)} error={fields.entityId} />
        </Grid.Col>
      </Grid>
      {children(rangeProblem(range) ?? request)}
    </Stack>
  );
}
