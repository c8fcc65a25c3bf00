import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  Paper,
  Radio,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMail, IconPhone, IconPlus, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { timeZoneForState, type AccountCreateInput, type AccountDetail, type AccountKind, type AccountStatus, type Address } from '@shared/domain/accounts';
import { parseTerms } from '@shared/domain/terms';
import { centsToDecimalString, parseMoney } from '@shared/money';
import { CallError, fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { accountTimeZones, commonTerms, usStates } from './usStates';

interface ContactValues {
  /** Kept when editing, so the backend updates the same contact (the call log refers to it). */
  id?: number;
  name: string;
  title: string;
  isPrimary: boolean;
  phones: { label: string; number: string }[];
  emails: { label: string; email: string }[];
}
export interface AccountFormValues {
  accountNumber: string;
  name: string;
  kind: AccountKind;
  status: AccountStatus;
  contacts: ContactValues[];
  billingAddress: Address;
  mailingSame: boolean;
  mailingAddress: Address;
  timeZone: string;
  /** True once the clerk picks a zone by hand: then a state change no longer replaces it. */
  timeZoneManual: boolean;
  terms: string;
  creditLimit: string;
  notes: string;
}

const emptyAddress = (): Address => ({ line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US' });
const emptyContact = (primary = false): ContactValues => ({ name: '', title: '', isPrimary: primary, phones: [{ label: 'Mobile', number: '' }], emails: [] });

function valuesOf(a: AccountDetail | null): AccountFormValues {
  if (!a) {
    return {
      accountNumber: '',
      name: '',
      kind: 'consumer',
      status: 'active',
      contacts: [emptyContact(true)],
      billingAddress: emptyAddress(),
      mailingSame: true,
      mailingAddress: emptyAddress(),
      timeZone: '',
      timeZoneManual: false,
      terms: 'Net 30',
      creditLimit: '',
      notes: '',
    };
  }
  return {
    accountNumber: a.accountNumber,
    name: a.name,
    kind: a.kind,
    status: a.status,
    contacts: a.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      isPrimary: c.isPrimary,
      phones: c.phones.map((p) => ({ ...p })),
      emails: c.emails.map((e) => ({ ...e })),
    })),
    billingAddress: { ...a.billingAddress },
    mailingSame: a.mailingAddress === null,
    mailingAddress: a.mailingAddress ? { ...a.mailingAddress } : emptyAddress(),
    timeZone: a.timeZone,
    timeZoneManual: true,
    terms: a.terms,
    creditLimit: a.creditLimitCents === null ? '' : centsToDecimalString(a.creditLimitCents),
    notes: a.notes,
  };
}

function toInput(v: AccountFormValues): AccountCreateInput {
  return {
    accountNumber: v.accountNumber.trim(),
    name: v.name.trim(),
    kind: v.kind,
    status: v.status,
    contacts: v.contacts
      .filter((c) => c.name.trim() || c.phones.some((p) => p.number.trim()) || c.emails.some((e) => e.email.trim()))
      .map((c) => ({ ...c, phones: c.phones.filter((p) => p.number.trim()), emails: c.emails.filter((e) => e.email.trim()) })),
    billingAddress: v.billingAddress,
    mailingAddress: v.mailingSame ? null : v.mailingAddress,
    timeZone: v.timeZone || undefined,
    terms: v.terms,
    creditLimitCents: v.creditLimit.trim() ? parseMoney(v.creditLimit) : null,
    notes: v.notes,
  };
}

function useAccountForm(initial: AccountDetail | null) {
  const form = useForm<AccountFormValues>({
    initialValues: valuesOf(initial),
    validate: {
      accountNumber: (s) =>
        !s.trim()
          ? 'Enter the account number'
          : /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s.trim())
            ? null
            : 'Letters, digits, dot, dash, slash and underscore only',
      name: (s) => (s.trim() ? null : 'Enter the account name'),
      terms: (s) => (parseTerms(s) ? null : 'Terms read like “Net 30”, “Due on receipt” or “2/10 Net 30”'),
      creditLimit: (s) => {
        if (!s.trim()) return null;
        const c = parseMoney(s);
        return c === null ? 'Enter an amount such as 5,000.00' : c < 0 ? 'The credit limit cannot be negative' : null;
      },
    },
  });
  /** A state change suggests that state's zone unless the clerk chose one by hand. */
  const onStateChange = (which: 'billingAddress' | 'mailingAddress', state: string | null) => {
    form.setFieldValue(`${which}.state`, state ?? '');
    const v = form.getValues();
    if (v.timeZoneManual) return;
    const source =
      !v.mailingSame && (which === 'mailingAddress' ? state : v.mailingAddress.state)
        ? which === 'mailingAddress'
          ? state
          : v.mailingAddress.state
        : which === 'billingAddress'
          ? state
          : v.billingAddress.state;
    const tz = timeZoneForState(source);
    if (tz) form.setFieldValue('timeZone', tz);
  };
  return { form, onStateChange };
}

/** Puts the backend's VALIDATION details (and a CONFLICT naming a field) on the form's fields. */
function applyServerErrors(form: ReturnType<typeof useAccountForm>['form'], err: unknown) {
  const errors = fieldErrors(err);
  if (errors.creditLimitCents) errors.creditLimit = errors.creditLimitCents;
  if (err instanceof CallError && err.details && typeof err.details === 'object' && 'field' in err.details)
    errors[String((err.details as { field: string }).field)] = err.message;
  form.setErrors(errors);
}

export function NewAccountModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (a: AccountDetail) => void }) {
  const { form, onStateChange } = useAccountForm(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const a = await unwrap(window.api.accounts.create(toInput(v)));
      notifications.show({ color: 'teal', message: `Account ${a.accountNumber} created for ${a.name}.` });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      form.reset();
      onCreated(a);
    } catch (err) {
      applyServerErrors(form, err);
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        <Text fw={600} size="lg">
          New account
        </Text>
      }
      size={880}
      scrollAreaComponent={ScrollArea.Autosize}
    >
      <form onSubmit={submit} noValidate aria-label="New account">
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} mb="md">
            {error}
          </Alert>
        )}
        <AccountFields form={form} onStateChange={onStateChange} />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Create account
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/** The Details tab: the same fields, saved with accounts.update (the backend audits before and after). */
export function AccountDetailsForm({ account }: { account: AccountDetail }) {
  const { form, onStateChange } = useAccountForm(account);
  const [error, setError] = useState<string | null>(null);
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const a = await unwrap(window.api.accounts.update({ accountId: account.id, ...toInput(v) }));
      notifications.show({ color: 'teal', message: `Changes to ${a.name} saved. The change is in the audit log.` });
      form.setInitialValues(valuesOf(a));
      form.resetDirty(valuesOf(a));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
    } catch (err) {
      applyServerErrors(form, err);
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Account details">
      <Paper withBorder radius="md" p="lg">
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} mb="md">
            {error}
          </Alert>
        )}
        <AccountFields form={form} onStateChange={onStateChange} editing />
        <Group justify="space-between" mt="lg">
          <Text size="xs" c="dimmed">
            Every change is recorded in the audit log with the values before and after.
          </Text>
          <Group gap="xs">
            <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
              Discard changes
            </Button>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              Save changes
            </Button>
          </Group>
        </Group>
      </Paper>
    </form>
  );
}

type Form = ReturnType<typeof useAccountForm>['form'];

function Section({ title, children, right }: { title: string; children: React.ReactNode; right?: React.ReactNode }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={5} c="gray.8">
          {title}
        </Title>
        {right}
      </Group>
      {children}
    </Stack>
  );
}

function AccountFields({
  form,
  onStateChange,
  editing,
}: {
  form: Form;
  onStateChange: (w: 'billingAddress' | 'mailingAddress', s: string | null) => void;
  editing?: boolean;
}) {
  const v = form.getValues();
  const tzOptions =
    v.timeZone && !accountTimeZones.some((z) => z.value === v.timeZone) ? [{ value: v.timeZone, label: v.timeZone }, ...accountTimeZones] : accountTimeZones;
  const suggested = timeZoneForState(!v.mailingSame && v.mailingAddress.state ? v.mailingAddress.state : v.billingAddress.state);
  return (
    <Stack gap="lg">
      <Section title="Account">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Account number"
            withAsterisk
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-autofocus={!editing || undefined}
            key={form.key('accountNumber')}
            {...form.getInputProps('accountNumber')}
          />
          <TextInput label="Account name" withAsterisk style={{ gridColumn: 'span 2' }} key={form.key('name')} {...form.getInputProps('name')} />
        </SimpleGrid>
        <Group gap="xl" align="flex-start">
          <Radio.Group label="Kind" key={form.key('kind')} {...form.getInputProps('kind')}>
            <Group gap="md" mt={6}>
              <Radio value="consumer" label="Consumer" />
              <Radio value="commercial" label="Commercial" />
            </Group>
          </Radio.Group>
          <Select
            label="Status"
            w={160}
            allowDeselect={false}
            data={[
              { value: 'active', label: 'Active' },
              { value: 'on_hold', label: 'On hold' },
              { value: 'closed', label: 'Closed' },
            ]}
            key={form.key('status')}
            {...form.getInputProps('status')}
          />
          <Autocomplete label="Payment terms" w={180} data={commonTerms} key={form.key('terms')} {...form.getInputProps('terms')} />
          <TextInput
            label="Credit limit"
            w={160}
            placeholder="No limit"
            leftSection={
              <Text size="sm" c="dimmed">
                $
              </Text>
            }
            styles={{ input: { textAlign: 'right' } }}
            key={form.key('creditLimit')}
            {...form.getInputProps('creditLimit')}
          />
        </Group>
      </Section>
      <Divider />
      <ContactsFields form={form} />
      <Divider />
      <Section title="Addresses">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <AddressFields form={form} which="billingAddress" label="Billing address" onStateChange={onStateChange} />
          <Stack gap="xs">
            <Checkbox
              label="Mailing address is the same as billing"
              key={form.key('mailingSame')}
              {...form.getInputProps('mailingSame', { type: 'checkbox' })}
              mt={2}
            />
            {!v.mailingSame && <AddressFields form={form} which="mailingAddress" label="Mailing address" onStateChange={onStateChange} />}
          </Stack>
        </SimpleGrid>
        <Group align="flex-end" gap="sm">
          <Select
            label="Time zone"
            description={
              suggested
                ? `Suggested from the address: ${suggested}. Used for calling-hour rules.`
                : 'Used for calling-hour rules. Pick the state to get a suggestion.'
            }
            w={420}
            searchable
            placeholder="From the address's state"
            data={tzOptions}
            key={form.key('timeZone')}
            {...form.getInputProps('timeZone')}
            onChange={(z) => {
              form.setFieldValue('timeZone', z ?? '');
              form.setFieldValue('timeZoneManual', z !== null && z !== suggested);
            }}
          />
          {suggested && v.timeZone !== suggested && (
            <Button
              variant="subtle"
              size="xs"
              mb={4}
              onClick={() => {
                form.setFieldValue('timeZone', suggested);
                form.setFieldValue('timeZoneManual', false);
              }}
            >
              Use {suggested}
            </Button>
          )}
        </Group>
      </Section>
      <Divider />
      <Textarea label="Notes" autosize minRows={2} maxRows={6} key={form.key('notes')} {...form.getInputProps('notes')} />
    </Stack>
  );
}

function AddressFields({
  form,
  which,
  label,
  onStateChange,
}: {
  form: Form;
  which: 'billingAddress' | 'mailingAddress';
  label: string;
  onStateChange: (w: 'billingAddress' | 'mailingAddress', s: string | null) => void;
}) {
  return (
    <Stack gap={6} aria-label={label} role="group">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <TextInput aria-label={`${label}: line 1`} placeholder="Street address" key={form.key(`${which}.line1`)} {...form.getInputProps(`${which}.line1`)} />
      <TextInput
        aria-label={`${label}: line 2`}
        placeholder="Suite, apartment (optional)"
        key={form.key(`${which}.line2`)}
        {...form.getInputProps(`${which}.line2`)}
      />
      <Group gap={6} grow wrap="nowrap">
        <TextInput
          aria-label={`${label}: city`}
          placeholder="City"
          style={{ flexGrow: 2 }}
          key={form.key(`${which}.city`)}
          {...form.getInputProps(`${which}.city`)}
        />
        <Select
          aria-label={`${label}: state`}
          placeholder="State"
          searchable
          data={usStates}
          key={form.key(`${which}.state`)}
          {...form.getInputProps(`${which}.state`)}
          onChange={(s) => onStateChange(which, s)}
        />
        <TextInput aria-label={`${label}: ZIP code`} placeholder="ZIP" key={form.key(`${which}.postalCode`)} {...form.getInputProps(`${which}.postalCode`)} />
      </Group>
    </Stack>
  );
}

function ContactsFields({ form }: { form: Form }) {
  const contacts = form.getValues().contacts;
  return (
    <Section
      title="Contacts"
      right={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUserPlus size={14} />}
          onClick={() => form.insertListItem('contacts', emptyContact(contacts.length === 0))}
        >
          Add contact
        </Button>
      }
    >
      {contacts.length === 0 && (
        <Text size="sm" c="dimmed">
          No contacts. Add the person the office speaks to about this account.
        </Text>
      )}
      {contacts.map((c, ci) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a Mantine form list: every input is bound to its index path (contacts.${ci}.name) and controlled, so the index is the item's identity in the form
        <Paper key={ci} withBorder radius="md" p="sm" bg="gray.0" data-testid={`contact-${ci}`}>
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput label="Contact name" style={{ flex: 2 }} key={form.key(`contacts.${ci}.name`)} {...form.getInputProps(`contacts.${ci}.name`)} />
            <TextInput
              label="Title or relation"
              style={{ flex: 1.4 }}
              placeholder="e.g. Accounts payable, Guarantor"
              key={form.key(`contacts.${ci}.title`)}
              {...form.getInputProps(`contacts.${ci}.title`)}
            />
            <Checkbox
              label="Primary"
              mb={8}
              checked={c.isPrimary}
              onChange={(e) =>
                form.setFieldValue(
                  'contacts',
                  contacts.map((x, i) => ({ ...x, isPrimary: i === ci ? e.currentTarget.checked : e.currentTarget.checked ? false : x.isPrimary })),
                )
              }
            />
            <Tooltip label="Remove this contact">
              <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Remove contact ${ci + 1}`} onClick={() => form.removeListItem('contacts', ci)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <SimpleGrid cols={2} spacing="md" mt="xs">
            <Stack gap={6}>
              {c.phones.map((_, pi) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: form list bound by index path (contacts.${ci}.phones.${pi}), as the contacts above
                <Group key={pi} gap={6} wrap="nowrap" align="flex-start">
                  <Select
                    aria-label="Phone label"
                    w={110}
                    data={['Mobile', 'Home', 'Work', 'Fax', 'Other']}
                    allowDeselect={false}
                    key={form.key(`contacts.${ci}.phones.${pi}.label`)}
                    {...form.getInputProps(`contacts.${ci}.phones.${pi}.label`)}
                  />
                  <TextInput
                    aria-label={`Contact ${ci + 1} phone ${pi + 1}`}
                    placeholder="(555) 010-2000"
                    leftSection={<IconPhone size={14} />}
                    style={{ flex: 1 }}
                    key={form.key(`contacts.${ci}.phones.${pi}.number`)}
                    {...form.getInputProps(`contacts.${ci}.phones.${pi}.number`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    aria-label={`Remove phone ${pi + 1}`}
                    onClick={() => form.removeListItem(`contacts.${ci}.phones`, pi)}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                size="compact-xs"
                variant="subtle"
                w="fit-content"
                leftSection={<IconPlus size={12} />}
                onClick={() => form.insertListItem(`contacts.${ci}.phones`, { label: c.phones.length ? 'Work' : 'Mobile', number: '' })}
              >
                Add phone
              </Button>
            </Stack>
            <Stack gap={6}>
              {c.emails.map((_, ei) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: form list bound by index path (contacts.${ci}.emails.${ei}), as the contacts above
                <Group key={ei} gap={6} wrap="nowrap" align="flex-start">
                  <TextInput
                    aria-label={`Contact ${ci + 1} email ${ei + 1}`}
                    placeholder="name@example.com"
                    leftSection={<IconMail size={14} />}
                    style={{ flex: 1 }}
                    key={form.key(`contacts.${ci}.emails.${ei}.email`)}
                    {...form.getInputProps(`contacts.${ci}.emails.${ei}.email`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    aria-label={`Remove email ${ei + 1}`}
                    onClick={() => form.removeListItem(`contacts.${ci}.emails`, ei)}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                size="compact-xs"
                variant="subtle"
                w="fit-content"
                leftSection={<IconPlus size={12} />}
                onClick={() => form.insertListItem(`contacts.${ci}.emails`, { label: 'Email', email: '' })}
              >
                Add email
              </Button>
            </Stack>
          </SimpleGrid>
        </Paper>
      ))}
    </Section>
  );
}
