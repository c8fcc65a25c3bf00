import { createHash } from 'node:crypto';
import type { AuditAction, AuditRecord, AuditVerifyReport } from '@shared/domain/audit';
import type { AuditLogFilter, AuditLogRow, AuditPage } from '@shared/domain/audit-log';
import { auditActionText, auditChanges, auditRecordName, describeAudit, type AuditLookup } from '@shared/domain/audit-words';
import type { Actor, Clock, Queryable, ServiceContext, Trx } from '../../context';
import type { AuditTable } from '../../db/schema';
import { sqlFirst, sqlRun } from '../ledger/raw';
import { auditColumns, auditLookup, auditWhere, parseAuditJson, type AuditRow, type AuditWhere } from './log';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

type Hashed = Omit<AuditTable, 'hash' | 'seq'> & { seq: number };

/**
 * Text as the store keeps it: UTF-8, where an unpaired surrogate becomes U+FFFD. Hashing the JavaScript
 * string instead let a lone surrogate (JSON-escaped in the hash, replaced in the store) break the chain.
 */
const asStored = <T>(v: T): T => (typeof v === 'string' ? (Buffer.from(v, 'utf8').toString('utf8') as T) : v);

/** The hash covers every field and the previous hash, so an edit, removal or reorder breaks the chain. */
export function auditHash(r: Hashed): string {
  const fields = [r.seq, r.at, r.user_id, r.username, r.action, r.entity, r.entity_id, r.before_json, r.after_json, r.prev_hash].map(asStored);
  return createHash('sha256')
    .update(Buffer.from(JSON.stringify(fields), 'utf8'))
    .digest('hex');
}

const INSERT_AUDIT =
  'INSERT INTO audit (seq, at, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Append one record. Must be called inside the transaction of the change it records, so both
 * commit or neither does.
 */
export async function appendAudit(trx: Trx, clock: Clock, actor: Actor, entry: AuditEntry): Promise<number> {
  const last = await sqlFirst<{ seq: number; hash: string }>(trx, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1', []);
  const row: Hashed = {
    seq: (last?.seq ?? 0) + 1,
    at: clock.now().toISOString(),
    user_id: actor.userId,
    username: asStored(actor.username),
    action: asStored(entry.action),
    entity: asStored(entry.entity),
    entity_id: entry.entityId == null ? null : asStored(String(entry.entityId)),
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  // The row inserted is the row hashed: what is stored is exactly what the hash covers.
  await sqlRun(trx, INSERT_AUDIT, [
    row.seq,
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.entity,
    row.entity_id,
    row.before_json,
    row.after_json,
    row.prev_hash,
    auditHash(row),
  ]);
  return row.seq;
}

const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));

export function createAuditService(ctx: ServiceContext) {
  return {
    async list(q: { limit?: number; beforeSeq?: number; entity?: string; entityId?: string }, db: Queryable = ctx.db): Promise<AuditRecord[]> {
      let query = db
        .selectFrom('audit')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(q.limit ?? 200);
      if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
      if (q.entity) query = query.where('entity', '=', q.entity);
      if (q.entityId) query = query.where('entity_id', '=', q.entityId);
      const rows = await query.execute();
      return rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: parse(r.before_json),
        after: parse(r.after_json),
      }));
    },

    /**
     * One page of the log, newest first, filtered (log.ts), with its total and each record in words: the
     * description and before/after fields name records by their numbers (looked up for the page, batched).
     */
    async page(
      q: AuditLogFilter & { offset: number; limit: number; upToSeq?: number; beforeSeq?: number },
      company: { timeZone: string; currency: string },
    ): Promise<AuditPage> {
      const where = await auditWhere(ctx.db, q, company.timeZone);
      const newest =
        q.upToSeq ??
        (
          await ctx.db
            .selectFrom('audit')
            .select(({ fn }) => fn.max('seq').as('seq'))
            .executeTakeFirst()
        )?.seq ??
        0;
      const matching = (extra?: AuditWhere) => {
        let qb = ctx.db.selectFrom('audit as au');
        if (where) qb = qb.where(where);
        return extra ? qb.where(extra) : qb;
      };
      const count = async (extra?: Parameters<typeof matching>[0]) =>
        Number(
          (
            await matching(extra)
              .select(({ fn }) => fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      // The total up to the pinned record: all that match, less the few written since (a short rowid range), so
      // the count reads an index (or none) rather than the wide rows.
      const total = (await count()) - (await count((eb) => eb('au.seq', '>', newest)));
      const rows = await matching((eb) => eb('au.seq', '<', Math.min(newest + 1, q.beforeSeq ?? Number.MAX_SAFE_INTEGER)))
        .select(auditColumns)
        .orderBy('au.seq', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const users = await ctx.db.selectFrom('app_user').select(['id', 'display_name as name']).orderBy('display_name').execute();
      const lookup = await auditLookup(ctx.db, rows);
      return { total, upToSeq: newest, rows: rows.map((r) => auditLogRow(r, lookup, company.currency)), users };
    },

    /** Walk the chain in order and report every record whose hash or link does not hold. */
    verify(): AuditVerifyReport {
      const problems: AuditVerifyReport['problems'] = [];
      let prevHash = GENESIS_HASH;
      let expectedSeq = 1;
      let count = 0;
      const rows = ctx.store.sqlite.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditTable & { seq: number }>;
      for (const r of rows) {
        count++;
        if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: `record ${expectedSeq}${r.seq > expectedSeq + 1 ? `-${r.seq - 1}` : ''} is missing` });
        if (r.prev_hash !== prevHash) problems.push({ seq: r.seq, problem: 'does not link to the record before it (removed or reordered)' });
        if (auditHash(r) !== r.hash) problems.push({ seq: r.seq, problem: 'its content does not match its hash (edited)' });
        prevHash = r.hash;
        expectedSeq = r.seq + 1;
      }
      return { ok: problems.length === 0, records: count, problems };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

/** A stored record as the screen shows it. */
export function auditLogRow(r: AuditRow, lookup: AuditLookup, currency: string): AuditLogRow {
  const rec = { action: r.action, entity: r.entity, entityId: r.entity_id, before: parseAuditJson(r.before_json), after: parseAuditJson(r.after_json) };
  return {
    seq: r.seq,
    at: r.at,
    // No user id: the system, or someone not signed in (a failed sign-in records the name typed; it is not shown).
    userName: r.user_id ? (lookup.users.get(r.user_id) ?? r.username) : r.username ? 'Not signed in' : null,
    action: r.action,
    actionText: auditActionText(r.action),
    record: auditRecordName(rec, lookup),
    description: describeAudit(rec, lookup, currency),
    changes: auditChanges(rec.before, rec.after, lookup, currency),
  };
}
