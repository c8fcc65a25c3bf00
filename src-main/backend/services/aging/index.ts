import { CompiledQuery } from 'kysely';
import { daysBetween } from '@shared/dates';
import {
  agingBucketIndex,
  agingBucketLabels,
  agingSettingsSchema,
  defaultAgingSettings,
  type AgingBasis,
  type AgingDetail,
  type AgingDetailRow,
  type AgingSettings,
  type AgingSummary,
  type AgingSummaryRow,
} from '@shared/domain/aging';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { appendAudit } from '../audit';
import { readSetting, writeSetting } from '../settings';
import { businessToday } from '../ledger/posting';
import { agingSummarySql, basisColumn, lit, openDebitsAsOfSql } from './sql';

export async function readAgingSettings(db: Queryable): Promise<AgingSettings> {
  const raw = await readSetting<Partial<AgingSettings>>(db, 'aging');
  return agingSettingsSchema.parse({ ...defaultAgingSettings, ...raw });
}

async function rawRows<R>(db: Queryable, text: string): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, []))).rows;
}

export function createAgingService(ctx: ServiceContext) {
  /** True when no allocation counts only after the as-of date: then open_cents is the as-of amount. */
  async function isFast(db: Queryable, asOf: string): Promise<boolean> {
    const r = await rawRows<{ x: number }>(db, `SELECT 1 AS x FROM allocation WHERE effective_date > ${lit(asOf)} LIMIT 1`);
    return r.length === 0;
  }

  async function resolve(q: { asOf?: string; basis?: AgingBasis }) {
    const settings = await readAgingSettings(ctx.db);
    const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
    const basis = q.basis ?? settings.defaultBasis;
    return { settings, asOf, basis, labels: agingBucketLabels(settings) };
  }

  async function detailRows(asOf: string, basis: AgingBasis, settings: AgingSettings, accountId?: number): Promise<AgingDetailRow[]> {
    const fast = await isFast(ctx.db, asOf);
    const filter = accountId ? ` AND d.account_id = ${Number(accountId)}` : '';
    const rows = await rawRows<{ id: number; account_id: number; due_date: string; doc_date: string; total_cents: number; amt: number; kind: string; number: string | null; account_number: string; name: string; name_norm: string }>(
      ctx.db,
      `SELECT x.*, d.kind, d.number, a.account_number, a.name, a.name_norm FROM (${openDebitsAsOfSql(asOf, fast, filter)}) x
        JOIN document d ON d.id = x.id JOIN account a ON a.id = x.account_id WHERE x.amt > 0`,
    );
    const col = basis === 'due' ? 'due_date' : 'doc_date';
    return rows
      .map((r) => {
        const days = daysBetween(r[col], asOf);
        return {
          documentId: r.id,
          accountId: r.account_id,
          accountNumber: r.account_number,
          accountName: r.name,
          kind: r.kind,
          number: r.number,
          docDate: r.doc_date,
          dueDate: r.due_date,
          totalCents: r.total_cents,
          openCents: r.amt,
          daysPastDue: days,
          bucket: agingBucketIndex(days, settings),
          sortName: r.name_norm,
        };
      })
      .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.accountId - b.accountId || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.documentId - b.documentId)))
      .map(({ sortName: _s, ...r }) => r);
  }

  function detailOf(asOf: string, basis: AgingBasis, labels: string[], rows: AgingDetailRow[], page: { limit?: number; offset?: number }): AgingDetail {
    const buckets = labels.map(() => 0);
    let open = 0;
    for (const r of rows) {
      buckets[r.bucket]! += r.openCents;
      open += r.openCents;
    }
    const offset = page.offset ?? 0;
    return { asOf, basis, bucketLabels: labels, rows: page.limit ? rows.slice(offset, offset + page.limit) : rows.slice(offset), rowCount: rows.length, totals: { buckets, openCents: open } };
  }

  return {
    getSettings: () => readAgingSettings(ctx.db),

    async updateSettings(actor: Actor, patch: Partial<AgingSettings>): Promise<AgingSettings> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const before = await readAgingSettings(trx);
        const after = agingSettingsSchema.parse({ ...before, ...patch });
        await writeSetting(trx, 'aging', after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: 'aging', before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['aging', 'settings'] });
      return r;
    },

    /** One row per account with open items or unapplied credit as of the date; column totals over all rows. */
    async summary(q: { asOf?: string; basis?: AgingBasis; limit?: number; offset?: number; sort?: 'name' | 'accountNumber' | 'total' | 'pastDue' }): Promise<AgingSummary> {
      const { settings, asOf, basis, labels } = await resolve(q);
      const fast = await isFast(ctx.db, asOf);
      const raw = await rawRows<Record<string, number | string>>(ctx.db, agingSummarySql(asOf, basis, settings, fast));
      const n = labels.length;
      const byAccount = new Map<number, AgingSummaryRow & { sortName: string }>();
      for (const r of raw) {
        const id = r.account_id as number;
        let row = byAccount.get(id);
        if (!row) {
          row = { accountId: id, accountNumber: r.account_number as string, accountName: r.name as string, sortName: r.name_norm as string, buckets: new Array<number>(n).fill(0), unappliedCents: 0, totalCents: 0 };
          byAccount.set(id, row);
        }
        for (let i = 0; i < n; i++) row.buckets[i]! += Number(r[`b${i}`] ?? 0);
        row.unappliedCents += Number(r.u ?? 0);
      }
      const totals = { buckets: new Array<number>(n).fill(0), unappliedCents: 0, totalCents: 0 };
      const rows = [...byAccount.values()].filter((r) => r.buckets.some((b) => b !== 0) || r.unappliedCents !== 0);
      for (const r of rows) {
        r.totalCents = r.buckets.reduce((s, b) => s + b, 0) - r.unappliedCents;
        for (let i = 0; i < n; i++) totals.buckets[i]! += r.buckets[i]!;
        totals.unappliedCents += r.unappliedCents;
        totals.totalCents += r.totalCents;
      }
      const sort = q.sort ?? 'name';
      const cmp: Record<string, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
        name: (a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.accountId - b.accountId),
        accountNumber: (a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0),
        total: (a, b) => b.totalCents - a.totalCents || a.accountId - b.accountId,
        pastDue: (a, b) => b.totalCents - b.buckets[0]! - (a.totalCents - a.buckets[0]!) || a.accountId - b.accountId,
      };
      rows.sort(cmp[sort]);
      const offset = q.offset ?? 0;
      const page = q.limit ? rows.slice(offset, offset + q.limit) : offset ? rows.slice(offset) : rows;
      return { asOf, basis, bucketLabels: labels, rows: page.map(({ sortName: _s, ...r }) => r), rowCount: rows.length, totals };
    },

    /** One row per open item as of the date (optionally one account's), with totals per bucket. */
    async detail(q: { asOf?: string; basis?: AgingBasis; accountId?: number; limit?: number; offset?: number }): Promise<AgingDetail> {
      const { settings, asOf, basis, labels } = await resolve(q);
      return detailOf(asOf, basis, labels, await detailRows(asOf, basis, settings, q.accountId), q);
    },

    /** The open items behind one summary cell (account x bucket). */
    async drill(q: { asOf?: string; basis?: AgingBasis; accountId: number; bucket: number }): Promise<AgingDetail> {
      const { settings, asOf, basis, labels } = await resolve(q);
      const rows = (await detailRows(asOf, basis, settings, q.accountId)).filter((r) => r.bucket === q.bucket);
      return detailOf(asOf, basis, labels, rows, {});
    },

    /** For tests and the bench: the basis column name. */
    basisColumn,
  };
}
export type AgingService = ReturnType<typeof createAgingService>;
