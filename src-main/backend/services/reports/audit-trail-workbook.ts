import { sql } from 'kysely';
import { addDays, dateInZone, type IsoDate } from '@shared/dates';
import { auditActionText, auditEntityText, auditValueText, describeAudit } from '@shared/domain/audit-words';
import type { Queryable } from '../../context';
import type { Column } from './workbook';
import { createWorkbook, type WorkbookInfo } from './workbook';

export interface AuditTrailQuery {
  from: IsoDate;
  to: IsoDate;
  user?: string;
  action?: string;
  entity?: string;
  entityId?: string;
}

/** One audit record with the names of what it is about, read in the same query. */
export interface AuditTrailLine {
  seq: number;
  at: string;
  username: string;
  action: string;
  entity: string;
  /** The record's number or name where the store has one ("INV-000001", "A-1001 Acme"), else the entity id. */
  record: string;
  description: string;
  before: string;
  after: string;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/**
 * The records made on from..to in the company's time zone, in sequence order, in one query: the audit
 * rows joined to the account, document (and its account) or user they name. `at` is UTC, so the query
 * takes a day more on each side (no zone is a day off UTC) and the exact business date is checked here.
 */
export async function auditTrailLines(db: Queryable, q: AuditTrailQuery, timeZone: string, currency: string): Promise<AuditTrailLine[]> {
  let query = db
    .selectFrom('audit as au')
    .leftJoin('account as acc', (j) => j.on('au.entity', '=', 'account').on(sql<boolean>`acc.id = cast(au.entity_id as integer)`))
    .leftJoin('document as d', (j) => j.on('au.entity', '=', 'document').on(sql<boolean>`d.id = cast(au.entity_id as integer)`))
    .leftJoin('account as dacc', 'dacc.id', 'd.account_id')
    .leftJoin('app_user as u', (j) => j.on('au.entity', '=', 'user').on(sql<boolean>`u.id = cast(au.entity_id as integer)`))
    .select([
      'au.seq',
      'au.at',
      'au.username',
      'au.action',
      'au.entity',
      'au.entity_id',
      'au.before_json',
      'au.after_json',
      'acc.account_number',
      'acc.name as account_name',
      'd.number as document_number',
      'dacc.account_number as document_account',
      'u.username as user_name',
    ])
    .where('au.at', '>=', `${addDays(q.from, -1)}T00:00:00`)
    .where('au.at', '<', `${addDays(q.to, 2)}T00:00:00`);
  if (q.user) query = query.where('au.username', '=', q.user);
  if (q.action) query = query.where('au.action', '=', q.action);
  if (q.entity) query = query.where('au.entity', '=', q.entity);
  if (q.entityId) query = query.where('au.entity_id', '=', q.entityId);
  const rows = await query.orderBy('au.seq').execute();
  return rows
    .filter((r) => {
      const day = dateInZone(new Date(r.at), timeZone);
      return day >= q.from && day <= q.to;
    })
    .map((r) => {
      const before = parse(r.before_json);
      const after = parse(r.after_json);
      const record = r.account_number != null ? `${r.account_number} ${r.account_name ?? ''}`.trim() : (r.document_number ?? r.user_name ?? r.entity_id ?? '');
      const account = r.account_number ?? r.document_account ?? null;
      return {
        seq: r.seq,
        at: r.at,
        username: r.username ?? '',
        action: r.action,
        entity: r.entity,
        record,
        description: describeAudit(
          { action: r.action, entity: r.entity, entityId: r.entity_id, before, after },
          { record: r.account_number ?? r.document_number ?? r.user_name ?? null, account },
          currency,
        ),
        before: auditValueText(before, currency),
        after: auditValueText(after, currency),
      };
    });
}

export interface AuditTrailWorkbookInput {
  info: WorkbookInfo;
  query: AuditTrailQuery;
  lines: readonly AuditTrailLine[];
}

/** The Audit trail workbook: About, then one row per audit record in sequence order. */
export async function auditTrailWorkbook({ info, query, lines }: AuditTrailWorkbookInput): Promise<Buffer> {
  const wb = createWorkbook(info);
  wb.about({
    filters: [
      ['From', query.from],
      ['To', query.to],
      ['User', query.user ?? 'All users'],
      ['Action', query.action ? `${auditActionText(query.action)} (${query.action})` : 'All actions'],
      ['Record type', query.entity ? auditEntityText(query.entity) : 'All records'],
      ['Record id', query.entityId ?? 'Any'],
      ['Records', String(lines.length)],
    ],
    definitions: [
      ['Range', `Records made from the start to the end date, as days in the company's time zone (${info.timeZone}).`],
      ['Sequence', "The record's number in the audit log; the log numbers every change once, in order."],
      ['Time', `When the change was made, in the company's time zone (${info.timeZone}).`],
      ['User', 'The username signed in when the change was made (empty for the system).'],
      ['Action', 'The action code the log stores; Action words says it in words.'],
      ['Record type / Record', 'What the change is about: an account (number and name), a document (its number), a user (username), else the stored id.'],
      ['Description', 'The change in a sentence: the action, the record, its amount and date where it has them, and the account.'],
      ['Before / After', 'The values the log keeps from before and after the change, as text; money as amounts.'],
    ],
    notes: [
      'The audit log is hash-chained: each record holds a hash of its content and of the record before it, so an edit, removal or reorder is detected (Verify chain on the Audit log screen, for administrators). This workbook is a copy of the records for reading; it is not the log and proves nothing by itself.',
    ],
  });
  const cols: Column<AuditTrailLine>[] = [
    { header: 'Sequence', kind: 'integer', value: (r) => r.seq },
    { header: 'Time', kind: 'datetime', value: (r) => r.at },
    { header: 'User', kind: 'text', value: (r) => r.username },
    { header: 'Action', kind: 'text', value: (r) => r.action },
    { header: 'Action words', kind: 'text', value: (r) => auditActionText(r.action) },
    { header: 'Record type', kind: 'text', value: (r) => auditEntityText(r.entity) },
    { header: 'Record', kind: 'text', value: (r) => r.record },
    { header: 'Description', kind: 'text', value: (r) => r.description },
    { header: 'Before', kind: 'text', value: (r) => r.before },
    { header: 'After', kind: 'text', value: (r) => r.after },
  ];
  wb.table({ name: 'Audit trail', columns: cols, rows: lines });
  return wb.toBuffer();
}
