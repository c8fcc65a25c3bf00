import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { codeSystems, type Item } from '@shared/domain/invoices';
import { basisPointsToText, centsToDecimalString, formatBasisPoints, parseMoney, parsePercent } from '@shared/money';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';
import { DataGrid, type GridColumns } from '../../components/DataGrid';
import { Money } from '../../components/Money';

type CodeSystem = (typeof codeSystems)[number];
const systemLabels: Record<CodeSystem, string> = { item: 'Item', cpt: 'CPT', hcpcs: 'HCPCS' };
const systemColors: Record<CodeSystem, string> = { item: 'gray', cpt: 'blue', hcpcs: 'grape' };
const systemOptions = codeSystems.map((c) => ({
  value: c,
  label: c === 'item' ? "Item (the office's own code)" : c === 'cpt' ? 'CPT (procedure code)' : 'HCPCS Level II',
}));

const col = createColumnHelper<Item>();

/** The price list: items and CPT/HCPCS codes with their default price and tax rate. Supervisors edit. */
export function PriceListPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const items = useQuery({ queryKey: ['items', 'list', 'all'], queryFn: () => unwrap(window.api.items.list({ includeInactive: true })) });
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (items.data ?? []).filter((i) => (showInactive || i.active) && (!q || i.code.toLowerCase().includes(q) || i.description.toLowerCase().includes(q)));
  }, [items.data, search, showInactive]);
  const activeCount = (items.data ?? []).filter((i) => i.active).length;

  const columns = useMemo<GridColumns<Item>>(
    () => [
      col.accessor('code', {
        header: 'Code',
        meta: { width: 150 },
        cell: (c) => (
          <Text span size="sm" fw={500} className="mono" c={c.row.original.active ? undefined : 'dimmed'}>
            {c.getValue()}
          </Text>
        ),
      }),
      col.accessor('codeSystem', {
        header: 'Code system',
        meta: { width: 120 },
        cell: (c) => (
          <Badge variant="light" radius="sm" color={systemColors[c.getValue() as CodeSystem]}>
            {systemLabels[c.getValue() as CodeSystem]}
          </Badge>
        ),
      }),
      col.accessor('description', { header: 'Description', meta: { minWidth: 240, grow: 3 }, cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
      col.accessor('unitPriceCents', {
        header: 'Default price',
        sortDescFirst: true,
        meta: { numeric: true, width: 130 },
        cell: (c) => <Money cents={c.getValue()} />,
      }),
      col.accessor('taxRateBp', {
        header: 'Tax',
        meta: { numeric: true, width: 90 },
        cell: (c) =>
          c.getValue() ? (
            formatBasisPoints(c.getValue())
          ) : (
            <Text span c="dimmed" size="sm">
              none
            </Text>
          ),
      }),
      col.accessor('active', {
        header: 'Status',
        meta: { width: 110 },
        cell: (c) =>
          c.getValue() ? (
            <Badge color="teal" variant="dot">
              Active
            </Badge>
          ) : (
            <Badge color="gray" variant="outline">
              Inactive
            </Badge>
          ),
      }),
    ],
    [],
  );

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" align="flex-end">
        <Group gap="sm" align="flex-end">
          <TextInput
            aria-label="Search the price list"
            placeholder="Code or description"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
          />
          <Checkbox label="Show inactive items" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} mb={8} />
        </Group>
        <Group gap="md">
          <Text size="sm" c="dimmed">
            {activeCount} active of {items.data?.length ?? 0}
          </Text>
          {canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              Add item
            </Button>
          )}
        </Group>
      </Group>
      {!canEdit && (
        <Alert color="gray" mb="sm">
          Only a collections supervisor or an administrator can change the price list.
        </Alert>
      )}
      {items.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="sm">
          {items.error.message}
        </Alert>
      )}
      <DataGrid
        label="Price list"
        testId="price-list"
        data={rows}
        columns={columns}
        height={520}
        loading={items.isLoading}
        getRowId={(r) => String(r.id)}
        initialSorting={[{ id: 'code', desc: false }]}
        onRowClick={canEdit ? (r) => setEditing(r) : undefined}
        empty={
          items.data?.length
            ? 'No items match the search.'
            : 'The price list is empty. Add the items and codes you bill most; invoice lines pick them up with their price and tax rate.'
        }
      />
      <Text size="xs" c="dimmed" mt="xs">
        Prices and tax rates are defaults for new invoice lines; posted invoices keep the prices they were posted with. Items are deactivated, never deleted.
      </Text>
      {editing && <ItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

interface ItemValues {
  code: string;
  codeSystem: CodeSystem;
  description: string;
  price: string;
  taxRate: string;
  active: boolean;
}

function ItemModal({ item, onClose }: { item: Item | null; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ItemValues>({
    initialValues: item
      ? {
          code: item.code,
          codeSystem: item.codeSystem,
          description: item.description,
          price: centsToDecimalString(item.unitPriceCents),
          taxRate: item.taxRateBp ? basisPointsToText(item.taxRateBp) : '',
          active: item.active,
        }
      : { code: '', codeSystem: 'item', description: '', price: '', taxRate: '', active: true },
    validate: {
      code: (v, all) => {
        const t = v.trim().toUpperCase();
        if (!t) return 'Enter the code';
        if (all.codeSystem === 'cpt' && !/^\d{4}[0-9A-Z]$/.test(t)) return 'A CPT code is 5 characters: 5 digits (99213) or 4 digits and a letter (0001F)';
        if (all.codeSystem === 'hcpcs' && !/^[A-Z]\d{4}$/.test(t)) return 'An HCPCS Level II code is a letter and 4 digits (e.g. J1100)';
        if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v.trim())) return 'Letters, digits, dot, dash, slash and underscore';
        return null;
      },
      description: (v) => (v.trim() ? null : 'Enter a description'),
      price: (v) => {
        const c = parseMoney(v);
        return c === null || c < 0 ? 'Enter a price such as 125.00' : null;
      },
      taxRate: (v) => {
        if (!v.trim()) return null;
        const bp = parsePercent(v);
        return bp === null || bp > 10000 ? 'Enter a percentage such as 8.25' : null;
      },
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const isCode = v.codeSystem !== 'item';
    try {
      const saved = await unwrap(
        window.api.items.upsert({
          id: item?.id,
          code: isCode ? v.code.trim().toUpperCase() : v.code.trim(),
          codeSystem: v.codeSystem,
          description: v.description,
          unitPriceCents: parseMoney(v.price)!,
          taxRateBp: v.taxRate.trim() ? parsePercent(v.taxRate)! : 0,
          active: v.active,
        }),
      );
      notifications.show({ color: 'teal', message: `${saved.code} saved.` });
      await queryClient.invalidateQueries({ queryKey: ['items'] });
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      form.setErrors({ code: fe.code, description: fe.description, price: fe.unitPriceCents, taxRate: fe.taxRateBp });
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  return (
    <Modal opened onClose={onClose} title={item ? `Edit ${item.code}` : 'Add a price list item'} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          <Group grow align="flex-start">
            <Select label="Code system" data={systemOptions} allowDeselect={false} {...form.getInputProps('codeSystem')} />
            <TextInput
              label="Code"
              placeholder={form.values.codeSystem === 'cpt' ? '99213' : form.values.codeSystem === 'hcpcs' ? 'J1100' : 'SUPPLY-01'}
              data-autofocus
              classNames={{ input: 'mono' }}
              {...form.getInputProps('code')}
            />
          </Group>
          <TextInput label="Description" placeholder="Office visit, established patient, 20-29 minutes" {...form.getInputProps('description')} />
          <Group grow align="flex-start">
            <TextInput
              label="Default price"
              description="Per unit, before tax"
              leftSection={
                <Text size="sm" c="dimmed">
                  $
                </Text>
              }
              placeholder="0.00"
              styles={{ input: { textAlign: 'right' } }}
              {...form.getInputProps('price')}
            />
            <TextInput
              label="Tax rate"
              rightSection={
                <Text size="sm" c="dimmed">
                  %
                </Text>
              }
              placeholder="0"
              description="Leave empty when not taxed"
              styles={{ input: { textAlign: 'right' } }}
              {...form.getInputProps('taxRate')}
            />
          </Group>
          <Switch
            label="Active"
            description="Inactive items stay on old invoices but are not offered for new lines."
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {item ? 'Save changes' : 'Add item'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
