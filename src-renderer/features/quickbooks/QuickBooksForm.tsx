import { useEffect, useState } from 'react';
import { Accordion, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DateRange, presetRange, type RangePreset } from '@shared/dates/ranges';
import type { QuickBooksAccounts } from '@shared/domain/quickbooks';
import { CallError, fieldErrors, unwrap } from '../../api/client';
import { DateRangeFields } from '../reports/DateRangeFields';
import type { ReportFormProps, Request } from '../reports/forms';

const presets: RangePreset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear'];

/** The QuickBooks account each journal line posts to, in words, in the order of the settings. */
const accountFields: { key: keyof QuickBooksAccounts; label: string; hint: string }[] = [
  { key: 'receivables', label: 'Accounts receivable', hint: 'Every entry: invoices and fees raise it, payments and credits lower it' },
  { key: 'income', label: 'Income', hint: 'Invoices, credit notes and adjustments (before tax)' },
  { key: 'salesTax', label: 'Sales tax payable', hint: 'The tax on invoices and credit notes' },
  { key: 'undepositedFunds', label: 'Undeposited funds', hint: 'Payments received; returned payments and refunds take it back' },
  { key: 'lateFeeIncome', label: 'Late fee income', hint: 'Fees, and fee waivers' },
  { key: 'badDebt', label: 'Bad debt', hint: 'Write-offs' },
];

/**
 * The QuickBooks journal on the Reports page: the period, the QuickBooks account names the entries post
 * to (saved for the office), and the request for the IIF file (docs/quickbooks.md).
 */
export function QuickBooksForm({ today, fields, children }: ReportFormProps) {
  const [range, setRange] = useState<DateRange>(() => presetRange('lastMonth', today));
  const request: Request = (_run) => window.api.quickbooks.exportIif(range);
  return (
    <Stack gap="md">
      <DateRangeFields value={range} onChange={setRange} today={today} presets={presets} errors={fields} />
      <QuickBooksAccountsPanel />
      {children(range.from > range.to ? 'The end date is before the start date.' : request)}
    </Stack>
  );
}

function QuickBooksAccountsPanel() {
  const client = useQueryClient();
  const saved = useQuery({ queryKey: ['settings', 'quickbooks'], queryFn: () => unwrap(window.api.quickbooks.accounts()) });
  const [draft, setDraft] = useState<QuickBooksAccounts | null>(null);
  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);
  const save = useMutation({
    mutationFn: (a: QuickBooksAccounts) => unwrap(window.api.quickbooks.saveAccounts(a)),
    onSuccess: (a) => {
      client.setQueryData(['settings', 'quickbooks'], a);
      notifications.show({ color: 'teal', message: 'QuickBooks account names saved. The next export posts to them.' });
    },
  });
  const errors = save.error instanceof CallError ? fieldErrors(save.error) : {};
  const changed = draft !== null && saved.data !== undefined && accountFields.some((f) => draft[f.key] !== saved.data[f.key]);
  return (
    <Accordion variant="contained" radius="md" chevronPosition="right">
      <Accordion.Item value="accounts">
        <Accordion.Control icon={<IconBuildingBank size={18} />} data-testid="quickbooks-accounts-toggle">
          <Text size="sm" fw={500}>
            QuickBooks accounts
          </Text>
          <Text size="xs" c="dimmed">
            The names of the accounts in your QuickBooks company file that the entries post to
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          {draft && (
            <Stack gap="sm">
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
                {accountFields.map((f) => (
                  <TextInput
                    key={f.key}
                    label={f.label}
                    description={f.hint}
                    value={draft[f.key]}
                    error={errors[f.key]}
                    maxLength={159}
                    onChange={(e) => setDraft({ ...draft, [f.key]: e.currentTarget.value })}
                    data-testid={`quickbooks-account-${f.key}`}
                  />
                ))}
              </SimpleGrid>
              {save.error && !Object.keys(errors).length && (
                <Text size="sm" c="red.7">
                  {save.error.message}
                </Text>
              )}
              <Group justify="flex-end">
                <Button variant="default" disabled={!changed} onClick={() => saved.data && setDraft(saved.data)}>
                  Undo changes
                </Button>
                <Button disabled={!changed} loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="quickbooks-accounts-save">
                  Save account names
                </Button>
              </Group>
            </Stack>
          )}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
