import { useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';

export interface PickedAccount {
  id: number;
  label: string;
}

/** Accounts picked by hand for a statement run: type a number or name, pick from what matches. */
export function AccountPicker({ value, onChange }: { value: PickedAccount[]; onChange: (v: PickedAccount[]) => void }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const hits = useQuery({
    queryKey: ['accounts', 'search', 'statements', query],
    queryFn: () => unwrap(window.api.accounts.search({ query, limit: 20 })),
    enabled: query.length > 0,
  });
  const known = new Map(value.map((p) => [String(p.id), p]));
  for (const h of hits.data ?? []) if (!known.has(String(h.id))) known.set(String(h.id), { id: h.id, label: `${h.accountNumber} · ${h.name}` });
  return (
    <MultiSelect
      label="Pick accounts"
      description="Only these accounts (leave empty for all)"
      placeholder={value.length ? undefined : 'Account number or name'}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={[...known.values()].map((p) => ({ value: String(p.id), label: p.label }))}
      value={value.map((p) => String(p.id))}
      onChange={(ids) => onChange(ids.map((id) => known.get(id)).filter((p): p is PickedAccount => p !== undefined))}
      nothingFoundMessage={query ? 'No account matches' : undefined}
      maxValues={200}
    />
  );
}
