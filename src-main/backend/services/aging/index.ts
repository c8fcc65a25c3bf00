import type Sqlite from 'better-sqlite3-multiple-ciphers';
import {
  agingBucketIndex,
  agingBucketLabels,
  agingBucketRanges,
  agingPresentationOf,
  agingSettingsSchema,
  defaultAgingSettings,
  type AgingBasis,
  type AgingDetail,
  type AgingDetailRow,
  type AgingPresentation,
  type AgingSettings,
  type AgingSummary,
  type AgingSummaryRow,
} from '@shared/domain/aging';
import { dayNumber } from '@shared/dates';
import type { AccountKind } from '@shared/domain/accounts';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { appendAudit } from '../audit';
import { mergeSettings, readSetting, writeSetting } from '../settings';
import { businessToday } from '../ledger/posting';
import { stmt, withSqlite } from '../ledger/raw';
import { agingParams, creditSplitSql, creditSql, debitBucketsSql, isColumnOnly, laterAllocations } from './sql';

/** What every aging query takes: the date, the basis, and a one-off presentation over the settings. */
type AgingQuery = { asOf?: string; basis?: AgingBasis; presentation?: Partial<AgingPresentation> };

export async function readAgingSettings(db: Queryable): Promise<AgingSettings> {
  const raw = await readSetting<Partial<AgingSettings>>(db, 'aging');
  return agingSettingsSchema.parse({ ...defaultAgingSettings, ...raw });
}

/** True when some allocation counts only after the date: then past amounts need the allocation history. */
function needsHistory(sqlite: Sqlite.Database, asOf: string): boolean {
  return stmt(sqlite, 'SELECT 1 FROM allocation WHERE effective_date > ? LIMIT 1').get(asOf) !== undefined;
}

type AccountName = { id: number; number: string; name: string; kind: AccountKind };

/** Account number and name for these ids, in name order (a covering index scan when there are many). */
function namesInOrder(sqlite: Sqlite.Database, ids: Set<number>): AccountName[] {
  if (ids.size > 200) {
    const all = stmt(sqlite, 'SELECT id, account_number, name, kind FROM account INDEXED BY account_name_norm ORDER BY name_norm, id').raw().all() as [
      number,
      string,
      string,
      AccountKind,
    ][];
    const out: AccountName[] = [];
    for (const [id, number, name, kind] of all) if (ids.has(id)) out.push({ id, number, name, kind });
    return out;
  }
  const one = stmt(sqlite, 'SELECT id, account_number, name, name_norm, kind FROM account WHERE id = ?');
  return [...ids]
    .map((id) => one.get(id) as { id: number; account_number: string; name: string; name_norm: string; kind: AccountKind })
    .sort((a, b) => (a.name_norm < b.name_norm ? -1 : a.name_norm > b.name_norm ? 1 : a.id - b.id))
    .map((r) => ({ id: r.id, number: r.account_number, name: r.name, kind: r.kind }));
}

interface ItemRow {
  id: number;
  account_id: number;
  kind: string;
  number: string | null;
  doc_date: string;
  due_date: string;
  total_cents: number;
  amt: number;
}

/**
 * Items open as of the date, one entry per document with its open amount (> 0): debit documents, or
 * (`side` credit) credit documents, whose due date falls back to their date. Each is what is open now
 * plus what was matched after the date.
 */
function openItems(sqlite: Sqlite.Database, asOf: string, accountId: number | undefined, side: 'debit' | 'credit' = 'debit'): ItemRow[] {
  const filtered = accountId !== undefined;
  const f = (alias: string) => (filtered ? ` AND ${alias}.account_id = @accountId` : '');
  const params: Record<string, string | number> = filtered ? { asOf, accountId } : { asOf };
  const cols = `d.id, d.account_id, d.kind, d.number, d.doc_date, ${side === 'debit' ? 'd.due_date' : 'COALESCE(d.due_date, d.doc_date) AS due_date'}, d.total_cents`;
  const open = stmt(
    sqlite,
    `SELECT ${cols}, d.open_cents AS amt FROM document d WHERE d.side = '${side}' AND d.open_cents > 0 AND d.doc_date <= @asOf${f('d')}`,
  ).all(params) as ItemRow[];
  if (!needsHistory(sqlite, asOf)) return open;
  const later = stmt(
    sqlite,
    `SELECT ${cols}, a.amount_cents AS amt FROM ${laterAllocations(side, filtered)} JOIN document d ON d.id = a.${side}_document_id
     WHERE a.effective_date > @asOf AND a.${side}_doc_date <= @asOf${f('a')}`,
  ).all(params) as ItemRow[];
  const byId = new Map<number, ItemRow>();
  for (const r of open) byId.set(r.id, { ...r });
  for (const r of later) {
    const have = byId.get(r.id);
    if (have) have.amt += r.amt;
    else byId.set(r.id, { ...r });
  }
  return [...byId.values()].filter((r) => r.amt !== 0);
}

/** The open credits aged into the buckets as negative amounts under this presentation (none for 'column'). */
function agedCredits(sqlite: Sqlite.Database, asOf: string, accountId: number | undefined, p: AgingPresentation): ItemRow[] {
  if (p.creditPresentation !== 'aged') return [];
  const credits = openItems(sqlite, asOf, accountId, 'credit').filter((r) => !(p.prepaymentsApart && r.kind === 'payment'));
  for (const r of credits) r.amt = -r.amt;
  return credits;
}

export function createAgingService(ctx: ServiceContext) {
  async function resolve(q: AgingQuery) {
    const settings = await readAgingSettings(ctx.db);
    const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
    const basis = q.basis ?? settings.defaultBasis;
    const presentation: AgingPresentation = { ...agingPresentationOf(settings), ...q.presentation };
    return { settings, asOf, basis, presentation, labels: agingBucketLabels(settings), buckets: agingBucketRanges(settings) };
  }
  type Resolved = Awaited<ReturnType<typeof resolve>>;

  async function detailRows({ asOf, basis, settings, presentation }: Resolved, accountId?: number): Promise<AgingDetailRow[]> {
    return withSqlite(ctx, (sqlite) => {
      const credits = agedCredits(sqlite, asOf, accountId, presentation);
      const creditIds = new Set(credits.map((r) => r.id));
      const items = [...openItems(sqlite, asOf, accountId), ...credits];
      const byAccount = new Map<number, ItemRow[]>();
      for (const r of items) {
        const list = byAccount.get(r.account_id);
        if (list) list.push(r);
        else byAccount.set(r.account_id, [r]);
      }
      const col = basis === 'due' ? 'due_date' : 'doc_date';
      const creditCol = presentation.creditAgingDate === 'due' ? 'due_date' : 'doc_date';
      // Day numbers per distinct date string (a few hundred at most), instead of parsing per row.
      const dayCache = new Map<string, number>();
      const asOfDay = dayNumber(asOf);
      const daysTo = (d: string) => {
        let v = dayCache.get(d);
        if (v === undefined) {
          v = asOfDay - dayNumber(d);
          dayCache.set(d, v);
        }
        return v;
      };
      const out: AgingDetailRow[] = [];
      for (const acct of namesInOrder(sqlite, new Set(byAccount.keys()))) {
        const list = byAccount.get(acct.id)!.sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id));
        for (const r of list) {
          const days = daysTo(r[creditIds.has(r.id) ? creditCol : col]);
          out.push({
            documentId: r.id,
            accountId: acct.id,
            accountNumber: acct.number,
            accountName: acct.name,
            accountKind: acct.kind,
            kind: r.kind,
            number: r.number,
            docDate: r.doc_date,
            dueDate: r.due_date,
            totalCents: r.total_cents,
            openCents: r.amt,
            daysPastDue: days,
            bucket: agingBucketIndex(days, settings),
          });
        }
      }
      return out;
    });
  }

  function detailOf(
    { asOf, basis, presentation, labels, buckets: ranges }: Resolved,
    rows: AgingDetailRow[],
    page: { limit?: number; offset?: number },
  ): AgingDetail {
    const buckets = labels.map(() => 0);
    let open = 0;
    for (const r of rows) {
      buckets[r.bucket]! += r.openCents;
      open += r.openCents;
    }
    const offset = page.offset ?? 0;
    return {
      asOf,
      basis,
      presentation,
      bucketLabels: labels,
      buckets: ranges,
      rows: page.limit ? rows.slice(offset, offset + page.limit) : offset ? rows.slice(offset) : rows,
      rowCount: rows.length,
      totals: { buckets, openCents: open },
    };
  }

  return {
    getSettings: () => readAgingSettings(ctx.db),

    async updateSettings(actor: Actor, patch: Partial<AgingSettings>): Promise<AgingSettings> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const before = await readAgingSettings(trx);
        const after = mergeSettings(agingSettingsSchema, before, patch);
        await writeSetting(trx, 'aging', after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: 'aging', before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['aging', 'settings'] });
      return r;
    },

    /**
     * One row per account with open items or unapplied credit as of the date, ordered by name (or
     * total, past due, number); column totals over all rows. Two grouped scans of the open-item and
     * open-credit partial indexes (plus the allocations after a past date), then account names from a
     * covering index.
     */
    async summary(
      q: AgingQuery & {
        /** One account's row only (a statement's aging block): the same sums, over that account's items. */
        accountId?: number;
        limit?: number;
        offset?: number;
        sort?: 'name' | 'accountNumber' | 'total' | 'pastDue';
      },
    ): Promise<AgingSummary> {
      const r = await resolve(q);
      const { settings, asOf, basis, presentation, labels } = r;
      const n = labels.length;
      return withSqlite(ctx, (sqlite) => {
        const history = needsHistory(sqlite, asOf);
        const params = agingParams(asOf, settings, q.accountId);
        const one = q.accountId !== undefined;
        const map = new Map<number, { buckets: number[]; u: number; p: number }>();
        const entry = (id: number) => {
          const have = map.get(id);
          if (have) return have;
          const made = { buckets: new Array<number>(n).fill(0), u: 0, p: 0 };
          map.set(id, made);
          return made;
        };
        const addDebits = (rows: number[][]) => {
          for (const r of rows) {
            const have = map.get(r[0]!);
            if (!have) map.set(r[0]!, { buckets: r.slice(1, n + 1), u: 0, p: 0 });
            else for (let i = 0; i < n; i++) have.buckets[i]! += r[i + 1]!;
          }
        };
        const addCredits = (rows: number[][]) => {
          for (const [id, u] of rows as [number, number][]) entry(id).u += u;
        };
        // Rows of creditSplitSql: account, p, u, then (aged) the bucket sums to subtract.
        const addSplitCredits = (rows: number[][]) => {
          for (const r of rows) {
            const have = entry(r[0]!);
            have.p += r[1]!;
            have.u += r[2]!;
            if (r.length > 3) for (let i = 0; i < n; i++) have.buckets[i]! -= r[i + 3]!;
          }
        };
        const credits = (later: boolean) => {
          if (isColumnOnly(presentation)) addCredits(stmt(sqlite, creditSql(later, one)).raw().all(params) as number[][]);
          else
            addSplitCredits(
              stmt(sqlite, creditSplitSql(presentation, settings, later, one))
                .raw()
                .all(params) as number[][],
            );
        };
        addDebits(
          stmt(sqlite, debitBucketsSql(basis, settings, false, one))
            .raw()
            .all(params) as number[][],
        );
        credits(false);
        if (history) {
          addDebits(
            stmt(sqlite, debitBucketsSql(basis, settings, true, one))
              .raw()
              .all(params) as number[][],
          );
          credits(true);
        }
        const totals = { buckets: new Array<number>(n).fill(0), unappliedCents: 0, totalCents: 0 };
        let prepayments = 0;
        const rows: AgingSummaryRow[] = [];
        for (const acct of namesInOrder(sqlite, new Set(map.keys()))) {
          const v = map.get(acct.id)!;
          let sum = 0;
          let nonZero = v.u !== 0 || v.p !== 0;
          for (let i = 0; i < n; i++) {
            const b = v.buckets[i]!;
            sum += b;
            if (b !== 0) nonZero = true;
          }
          if (!nonZero) continue;
          for (let i = 0; i < n; i++) totals.buckets[i]! += v.buckets[i]!;
          const total = sum - v.u - v.p;
          totals.unappliedCents += v.u;
          prepayments += v.p;
          totals.totalCents += total;
          rows.push({
            accountId: acct.id,
            accountNumber: acct.number,
            accountName: acct.name,
            accountKind: acct.kind,
            buckets: v.buckets,
            unappliedCents: v.u,
            prepaymentCents: v.p,
            totalCents: total,
          });
        }
        const sort = q.sort ?? 'name';
        if (sort === 'accountNumber')
          rows.sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : a.accountId - b.accountId));
        else if (sort === 'total') rows.sort((a, b) => b.totalCents - a.totalCents || a.accountId - b.accountId);
        else if (sort === 'pastDue') rows.sort((a, b) => b.totalCents - b.buckets[0]! - (a.totalCents - a.buckets[0]!) || a.accountId - b.accountId);
        const offset = q.offset ?? 0;
        const page = q.limit ? rows.slice(offset, offset + q.limit) : offset ? rows.slice(offset) : rows;
        return {
          asOf,
          basis,
          presentation,
          bucketLabels: labels,
          buckets: r.buckets,
          rows: page,
          rowCount: rows.length,
          totals: presentation.prepaymentsApart ? { ...totals, prepaymentCents: prepayments } : totals,
        };
      });
    },

    /** One row per open item as of the date (optionally one account's), with totals per bucket; open credits too when aged. */
    async detail(q: AgingQuery & { accountId?: number; limit?: number; offset?: number }): Promise<AgingDetail> {
      const r = await resolve(q);
      return detailOf(r, await detailRows(r, q.accountId), q);
    },

    /** The open items behind one summary cell (account x bucket). */
    async drill(q: AgingQuery & { accountId: number; bucket: number }): Promise<AgingDetail> {
      const r = await resolve(q);
      const rows = (await detailRows(r, q.accountId)).filter((x) => x.bucket === q.bucket);
      return detailOf(r, rows, {});
    },
  };
}
export type AgingService = ReturnType<typeof createAgingService>;
