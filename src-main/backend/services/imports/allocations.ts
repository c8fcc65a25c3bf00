import type { Transaction } from 'kysely';
import { formatMoney } from '@shared/money';
import type { Queryable } from '../../context';
import type { Database } from '../../db/schema';

/**
 * What a payment or credit note row applies to the invoice it names, as the file says it ("as in the
 * file"). `requestedCents` is the applied_amount cell (null: as much as the payment and the invoice allow);
 * `plannedCents` is what posting will apply, worked out in file order by planApplications.
 */
export interface Application {
  line: number;
  invoiceRef: string;
  requestedCents: number | null;
  invoiceDocumentId: number | null;
  plannedCents: number;
}

/** An invoice a row may name: a Ledgerdesk number (INV-000123) or the number it was imported with. */
export interface NamedInvoice {
  id: number;
  accountId: number;
  number: string | null;
  openCents: number;
  isOpenItem: boolean;
}

type ImportKeyLookup = Database & { import_key: { kind: string; key_norm: string; document_id: number | null } };

async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 500) out.push(...(await fn(items.slice(i, i + 500))));
  return out;
}

/** The invoices the refs name, by ref as written; refs naming nothing are absent. */
export async function findInvoices(db: Queryable, refs: string[]): Promise<Map<string, NamedInvoice>> {
  const unique = [...new Set(refs)];
  const cols = ['id', 'account_id', 'number', 'kind', 'side', 'open_cents'] as const;
  const byNumber = new Map(
    (await inChunks([...new Set(unique.map((r) => r.toUpperCase()))], (c) => db.selectFrom('document').select(cols).where('number', 'in', c).execute())).map(
      (d) => [d.number!, d],
    ),
  );
  // Imported invoices and open items keep the old system's number as their import key.
  const keys = await inChunks([...new Set(unique.map((r) => r.trim().toLowerCase()))], (c) =>
    (db as unknown as Transaction<ImportKeyLookup>)
      .selectFrom('import_key')
      .select(['key_norm', 'document_id'])
      .where('kind', 'in', ['invoices', 'open_items'])
      .where('key_norm', 'in', c)
      .where('document_id', 'is not', null)
      .execute(),
  );
  const keyDoc = new Map(keys.map((k) => [k.key_norm, k.document_id!]));
  const ids = [...new Set(keyDoc.values())];
  const byId = new Map((await inChunks(ids, (c) => db.selectFrom('document').select(cols).where('id', 'in', c).execute())).map((d) => [d.id, d]));
  const out = new Map<string, NamedInvoice>();
  for (const ref of unique) {
    const d = byNumber.get(ref.toUpperCase()) ?? byId.get(keyDoc.get(ref.trim().toLowerCase()) ?? -1);
    if (d) out.set(ref, { id: d.id, accountId: d.account_id, number: d.number, openCents: d.open_cents, isOpenItem: d.side === 'debit' });
  }
  return out;
}

/**
 * Plan, in file order, what each application takes: its applied_amount, or as much as what is left of
 * the payment and of the invoice allow. An applied_amount over what is left of the payment, or over what
 * the invoice has open at that point of the file (earlier rows counted), is an error on its column.
 * `open` holds each invoice's open amount and is drawn down. Returns what stays unapplied.
 */
export function planApplications(
  amountCents: number,
  apps: Application[],
  open: Map<number, number>,
  fail: (line: number, column: string, reason: string) => void,
  what: { reference: string; noun: 'payment' | 'credit note' },
): number {
  let left = amountCents;
  for (const a of apps) {
    if (a.invoiceDocumentId === null) {
      if (a.requestedCents !== null && a.requestedCents > 0)
        fail(a.line, 'applied_amount', 'is given but the row names no invoice; name the invoice it applies to');
      continue;
    }
    const openNow = open.get(a.invoiceDocumentId) ?? 0;
    const want = a.requestedCents ?? Math.min(left, openNow);
    if (want > left) {
      fail(
        a.line,
        'applied_amount',
        `${formatMoney(want)} is more than what is left of ${what.noun} "${what.reference}" (${formatMoney(left)} of ${formatMoney(amountCents)})`,
      );
      continue;
    }
    if (want > openNow) {
      fail(
        a.line,
        'applied_amount',
        `${formatMoney(want)} is more than invoice "${a.invoiceRef}" has open at this point of the file (${formatMoney(openNow)})`,
      );
      continue;
    }
    a.plannedCents = want;
    left -= want;
    open.set(a.invoiceDocumentId, openNow - want);
  }
  return left;
}

/** Manual allocation lines for the planned applications, one per invoice (two rows naming one invoice add up). */
export function allocationLines(apps: Application[]): { documentId: number; amountCents: number }[] {
  const byDoc = new Map<number, number>();
  for (const a of apps)
    if (a.invoiceDocumentId !== null && a.plannedCents > 0) byDoc.set(a.invoiceDocumentId, (byDoc.get(a.invoiceDocumentId) ?? 0) + a.plannedCents);
  return [...byDoc].map(([documentId, amountCents]) => ({ documentId, amountCents }));
}

/**
 * Oldest due first, worked out for the preview as posting will do it: each payment, in file order, pays
 * the invoice it names first, then the account's open items by due date; earlier payments in the file
 * count. Sets each plan's applications (one per invoice paid) and what stays unapplied.
 */
export async function planOldestFirst<
  P extends { line: number; accountId: number | null; amountCents: number; applications?: Application[]; unappliedCents?: number },
>(db: Queryable, plans: P[], namedOf: (p: P) => number | null): Promise<void> {
  const accountIds = [...new Set(plans.flatMap((p) => (p.accountId === null ? [] : [p.accountId])))];
  const rows = await inChunks(accountIds, (c) =>
    db
      .selectFrom('document')
      .select(['id', 'account_id', 'number', 'open_cents'])
      .where('account_id', 'in', c)
      .where('side', '=', 'debit')
      .where('open_cents', '>', 0)
      .orderBy('account_id')
      .orderBy('due_date')
      .orderBy('doc_date')
      .orderBy('id')
      .execute(),
  );
  const byAccount = new Map<number, { id: number; number: string | null; open: number }[]>();
  for (const r of rows) {
    const list = byAccount.get(r.account_id) ?? [];
    list.push({ id: r.id, number: r.number, open: r.open_cents });
    byAccount.set(r.account_id, list);
  }
  for (const p of plans) {
    const open = byAccount.get(p.accountId ?? -1) ?? [];
    const namedId = namedOf(p);
    const named = open.find((d) => d.id === namedId);
    let left = p.amountCents;
    p.applications = [];
    for (const d of named ? [named, ...open.filter((o) => o !== named)] : open) {
      if (left <= 0) break;
      const take = Math.min(left, d.open);
      if (take <= 0) continue;
      d.open -= take;
      left -= take;
      p.applications.push({ line: p.line, invoiceRef: d.number ?? '', requestedCents: null, invoiceDocumentId: d.id, plannedCents: take });
    }
    p.unappliedCents = left;
  }
}
