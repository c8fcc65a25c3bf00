import type { Queryable } from '../../context';

/**
 * QuickBooks keys customers by their name ("Acme Corp", "Acme Corp:Warehouse job"); Ledgerdesk by an
 * account number. A QuickBooks name becomes the account number of the account already in the store under
 * that name, else the name written with letters, digits and dashes (docs/quickbooks.md).
 */
export function accountNumberFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._/]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 30)
    .replace(/[^A-Za-z0-9]+$/, '');
}

/** QuickBooks name -> the account number of the store's account with exactly that name (one read per 500 names). */
export async function accountNumbersByName(db: Queryable, names: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(names)].filter(Boolean);
  const out = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('account')
      .select(['name', 'account_number'])
      .where('name', 'in', wanted.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) if (!out.has(r.name)) out.set(r.name, r.account_number);
  }
  return out;
}

/** The account number a QuickBooks customer name stands for. */
export const resolveAccountNumber = (known: Map<string, string>, name: string) => known.get(name) ?? accountNumberFromName(name);

export interface SplitAddress {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
}

/**
 * QuickBooks keeps a billing address as up to five lines ("Bill to 1..5", BADDR1..5): often the name
 * first, the street, then "City, ST 12345". The last line is read as city, state and ZIP when it has that
 * shape; lines that repeat one of `names` are dropped; the rest are the street lines.
 */
export function splitAddress(lines: string[], names: string[]): SplitAddress {
  const given = lines.map((l) => l.trim()).filter(Boolean);
  const drop = new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean));
  const street = given.filter((l) => !drop.has(l.toLowerCase()));
  const out: SplitAddress = { line1: '', line2: '', city: '', state: '', postalCode: '' };
  const last = street.at(-1);
  const csz = last ? /^(.+?),?\s+([A-Za-z]{2})\.?\s+(\d{5}(?:-\d{4})?)$/.exec(last) : null;
  if (csz) {
    street.pop();
    out.city = csz[1]!.replace(/,$/, '').trim();
    out.state = csz[2]!.toUpperCase();
    out.postalCode = csz[3]!;
  }
  out.line1 = street[0] ?? '';
  out.line2 = street.slice(1).join(', ');
  return out;
}
