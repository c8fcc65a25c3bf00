import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { addDays } from '@shared/dates';
import { auditActionGroups, type AuditLogFilter } from '@shared/domain/audit-log';
import { auditActionWords, auditId, type AuditLookup } from '@shared/domain/audit-words';
import type { Queryable } from '../../context';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { startOfLocalDay } from '../compliance/zoned';

/**
 * The audit log's filter as SQL (docs/clerks-day.md, The audit log), shared by audit.page and the Audit
 * trail workbook so the screen, its export and the report select the same records.
 */

type Eb = ExpressionBuilder<Database & { au: Database['audit'] }, 'au'>;
export type AuditWhere = (eb: Eb) => Expression<SqlBool>;

/** The stored instant of a business day's first moment in the office's zone (`at` is an ISO UTC string, so strings compare as instants). */
const dayStart = (date: string, timeZone: string) => startOfLocalDay(date, timeZone).toISOString();

/** A LIKE pattern that matches the text literally anywhere (the escape character is a backslash). */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The records about an account: the account itself and every document on it. */
const aboutAccount = (eb: Eb, accountId: number) =>
  eb.or([
    eb.and([eb('au.entity', '=', 'account'), eb('au.entity_id', '=', String(accountId))]),
    eb.and([
      eb('au.entity', '=', 'document'),
      eb('au.entity_id', 'in', eb.selectFrom('document').select(sql<string>`cast(id as text)`.as('id')).where('account_id', '=', accountId)),
    ]),
  ]);
const aboutDocument = (eb: Eb, documentId: number) => eb.and([eb('au.entity', '=', 'document'), eb('au.entity_id', '=', String(documentId))]);

async function accountIdByNumber(db: Queryable, number: string): Promise<number | null> {
  const r = await db.selectFrom('account').select('id').where('account_number_norm', '=', number.trim().toLowerCase()).executeTakeFirst();
  return r?.id ?? null;
}
async function documentIdByNumber(db: Queryable, number: string): Promise<number | null> {
  const r = await db.selectFrom('document').select('id').where('number', '=', number.trim().toUpperCase()).executeTakeFirst();
  return r?.id ?? null;
}

/**
 * The filter as a where clause. A record number that names nothing is refused (a typo should not look
 * like an empty log); a search that is an account or document number also finds the records about it.
 */
export async function auditWhere(db: Queryable, f: AuditLogFilter, timeZone: string): Promise<AuditWhere | null> {
  // No filter: no WHERE at all, so a count is SQLite's count of the smallest index, not a scan of the log.
  const given = [f.from, f.to, f.userId, f.user, f.action, f.actionGroup, f.entity, f.entityId, f.recordKind && f.recordNumber, f.search?.trim()];
  if (!given.some(Boolean)) return null;
  let recordId: number | null = null;
  if (f.recordKind && f.recordNumber) {
    recordId = f.recordKind === 'account' ? await accountIdByNumber(db, f.recordNumber) : await documentIdByNumber(db, f.recordNumber);
    if (recordId === null)
      throw new DomainError('VALIDATION', `No ${f.recordKind === 'account' ? 'account' : 'document'} is numbered ${f.recordNumber}.`, {
        path: ['recordNumber'],
      });
  }
  const search = f.search?.trim() ? f.search.trim() : null;
  const searchAccount = search ? await accountIdByNumber(db, search) : null;
  const searchDocument = search ? await documentIdByNumber(db, search) : null;
  const searchActions = search
    ? Object.entries(auditActionWords)
        .filter(([, words]) => words.toLowerCase().includes(search.toLowerCase()))
        .map(([code]) => code)
    : [];
  return (eb) => {
    const all: Expression<SqlBool>[] = [];
    if (f.from) all.push(eb('au.at', '>=', dayStart(f.from, timeZone)));
    if (f.to) all.push(eb('au.at', '<', dayStart(addDays(f.to, 1), timeZone)));
    if (f.userId) all.push(eb('au.user_id', '=', f.userId));
    if (f.user) all.push(eb('au.username', '=', f.user));
    if (f.action) all.push(eb('au.action', '=', f.action));
    if (f.actionGroup) all.push(eb('au.action', 'in', [...auditActionGroups[f.actionGroup].actions]));
    if (f.entity) all.push(eb('au.entity', '=', f.entity));
    if (f.entityId) all.push(eb('au.entity_id', '=', f.entityId));
    if (recordId !== null) all.push(f.recordKind === 'account' ? aboutAccount(eb, recordId) : aboutDocument(eb, recordId));
    if (search) {
      const like = containsPattern(search);
      const any: Expression<SqlBool>[] = [
        sql<SqlBool>`au.after_json LIKE ${like} ESCAPE '\\'`,
        sql<SqlBool>`au.before_json LIKE ${like} ESCAPE '\\'`,
        sql<SqlBool>`au.username LIKE ${like} ESCAPE '\\'`,
        eb('au.user_id', 'in', eb.selectFrom('app_user').select('id').where(sql<SqlBool>`display_name LIKE ${like} ESCAPE '\\'`)),
      ];
      if (searchActions.length) any.push(eb('au.action', 'in', searchActions));
      if (searchAccount !== null) any.push(aboutAccount(eb, searchAccount));
      if (searchDocument !== null) any.push(aboutDocument(eb, searchDocument));
      all.push(eb.or(any));
    }
    return eb.and(all);
  };
}

/** The raw columns a page or an export reads. */
export interface AuditRow {
  seq: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export const auditColumns = [
  'au.seq',
  'au.at',
  'au.user_id',
  'au.username',
  'au.action',
  'au.entity',
  'au.entity_id',
  'au.before_json',
  'au.after_json',
] as const;

/** Every account and document id a value holds (accountId, documentId, at any depth: a payment's allocations). */
function collectIds(v: unknown, accounts: Set<number>, documents: Set<number>, depth = 0): void {
  if (depth > 4 || typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) collectIds(x, accounts, documents, depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    const id = auditId(x);
    if (k === 'accountId' && id) accounts.add(id);
    else if (k === 'documentId' && id) documents.add(id);
    else collectIds(x, accounts, documents, depth + 1);
  }
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));
const CHUNK = 500;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * The numbers and names behind a set of records' ids, in a few batched queries (never one per record):
 * accounts, documents (and the accounts they are on) and people.
 */
export async function auditLookup(db: Queryable, rows: readonly AuditRow[]): Promise<AuditLookup> {
  const accountIds = new Set<number>();
  const documentIds = new Set<number>();
  const userIds = new Set<number>();
  for (const r of rows) {
    const id = auditId(r.entity_id);
    if (r.user_id) userIds.add(r.user_id);
    if (id && r.entity === 'account') accountIds.add(id);
    if (id && r.entity === 'document') documentIds.add(id);
    if (id && r.entity === 'user') userIds.add(id);
    collectIds(parse(r.before_json), accountIds, documentIds);
    collectIds(parse(r.after_json), accountIds, documentIds);
  }
  const documents = new Map<number, { number: string; accountId: number | null }>();
  for (const ids of chunks([...documentIds])) {
    for (const d of await db.selectFrom('document').select(['id', 'number', 'account_id']).where('id', 'in', ids).execute()) {
      // A draft has no number yet: the description then says "Draft invoice created on account ...".
      documents.set(d.id, { number: d.number ?? '', accountId: d.account_id });
      accountIds.add(d.account_id);
    }
  }
  const accounts = new Map<number, string>();
  for (const ids of chunks([...accountIds]))
    for (const a of await db.selectFrom('account').select(['id', 'account_number']).where('id', 'in', ids).execute()) accounts.set(a.id, a.account_number);
  const users = new Map<number, string>();
  for (const ids of chunks([...userIds]))
    for (const u of await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute()) users.set(u.id, u.display_name);
  return { accounts, documents, users };
}

export const parseAuditJson = parse;

/**
 * Every record the filter selects, oldest first, a chunk at a time with the chunk's lookup (the Audit
 * trail workbook and its CSV). The matching sequence numbers come first from the filter's index, then
 * the wide rows by rowid, so a filtered export never walks the whole log once per chunk.
 */
export async function* auditRecordsMatching(
  db: Queryable,
  f: AuditLogFilter,
  timeZone: string,
  chunk = 2000,
): AsyncGenerator<{ row: AuditRow; lookup: AuditLookup }[]> {
  const where = await auditWhere(db, f, timeZone);
  let qb = db.selectFrom('audit as au').select('au.seq');
  if (where) qb = qb.where(where);
  const seqs = (await qb.orderBy('au.seq').execute()).map((r) => r.seq);
  for (let i = 0; i < seqs.length; i += chunk) {
    const part = seqs.slice(i, i + chunk);
    const rows = await db
      .selectFrom('audit as au')
      .select(auditColumns)
      // By rowid, one lookup each: a range around them (office days are not in seq order) would scan the gaps.
      .where('au.seq', 'in', part)
      .orderBy('au.seq')
      .execute();
    const lookup = await auditLookup(db, rows);
    yield rows.map((row) => ({ row, lookup }));
  }
}
