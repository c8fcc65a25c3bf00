import { createHash } from 'node:crypto';
import type { AuditAction, AuditRecord, AuditVerifyReport } from '@shared/domain/audit';
import type { Actor, Clock, Queryable, ServiceContext, Trx } from '../../context';
import type { AuditTable } from '../../db/schema';

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

const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Append one record. Must be called inside the transaction of the change it records, so both
 * commit or neither does.
 */
export async function appendAudit(trx: Trx, clock: Clock, actor: Actor, entry: AuditEntry): Promise<number> {
  const last = await trx.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
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
  await trx
    .insertInto('audit')
    .values({ ...row, hash: auditHash(row) })
    .execute();
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
