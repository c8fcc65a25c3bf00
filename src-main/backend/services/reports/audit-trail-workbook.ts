import { auditActionGroups, auditRecordKindLabels, type AuditLogFilter } from '@shared/domain/audit-log';
import { auditActionText, auditChanges, auditChangesText, auditEntityText, auditRecordName, describeAudit } from '@shared/domain/audit-words';
import type { Queryable } from '../../context';
import { auditRecordsMatching, parseAuditJson } from '../audit/log';
import { gridCsv } from '../grid-export/grid-csv';
import type { Column } from './workbook';
import { createWorkbook, type WorkbookInfo } from './workbook';

/** The audit log's filter (audit-log.ts): the screen's export and the Reports form send the same one. */
export type AuditTrailQuery = AuditLogFilter;

/** One audit record in words, as the audit log screen shows it. */
export interface AuditTrailLine {
  seq: number;
  at: string;
  username: string;
  action: string;
  entity: string;
  /** The record's business number or name ("INV-000001", "C-2004"), or empty. */
  record: string;
  description: string;
  before: string;
  after: string;
}

/**
 * Every record the filter selects (office days in the company's time zone), in sequence order, worded by
 * the screen's functions with the numbers looked up a chunk at a time.
 */
export async function auditTrailLines(db: Queryable, q: AuditTrailQuery, timeZone: string, currency: string): Promise<AuditTrailLine[]> {
  const lines: AuditTrailLine[] = [];
  for await (const chunk of auditRecordsMatching(db, q, timeZone)) {
    for (const { row: r, lookup } of chunk) {
      const rec = { action: r.action, entity: r.entity, entityId: r.entity_id, before: parseAuditJson(r.before_json), after: parseAuditJson(r.after_json) };
      const changes = auditChanges(rec.before, rec.after, lookup, currency);
      lines.push({
        seq: r.seq,
        at: r.at,
        username: r.username ?? '',
        action: r.action,
        entity: r.entity,
        record: auditRecordName(rec, lookup),
        description: describeAudit(rec, lookup, currency),
        before: auditChangesText(changes, 'before'),
        after: auditChangesText(changes, 'after'),
      });
    }
  }
  return lines;
}

const columns: Column<AuditTrailLine>[] = [
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

/** The same columns as a CSV (the grid export's writer: a byte order mark, CRLF, formulas neutralised, times in the office's zone). */
export const auditTrailCsv = (lines: readonly AuditTrailLine[], timeZone: string): string =>
  gridCsv(
    columns.map((c) => ({ header: c.header, kind: c.kind })),
    lines.map((l) => columns.map((c) => c.value(l))),
    timeZone,
  );

/** The filter in words for the About sheet; `userName` is the name of the person picked by id. */
export function auditFilterRows(q: AuditTrailQuery, userName: string | null): [string, string][] {
  return [
    ['From', q.from ?? 'The first record'],
    ['To', q.to ?? 'The last record'],
    ['User', userName ?? q.user ?? 'All users'],
    ['Action', q.action ? `${auditActionText(q.action)} (${q.action})` : q.actionGroup ? auditActionGroups[q.actionGroup].label : 'All actions'],
    ['Record', q.recordKind && q.recordNumber ? `${auditRecordKindLabels[q.recordKind]} ${q.recordNumber}` : 'All records'],
    ...(q.entity ? [['Record type', auditEntityText(q.entity)] as [string, string]] : []),
    ...(q.entityId ? [['Record id', q.entityId] as [string, string]] : []),
    ['Search', q.search?.trim() || 'None'],
  ];
}

export interface AuditTrailWorkbookInput {
  info: WorkbookInfo;
  filters: [string, string][];
  lines: readonly AuditTrailLine[];
}

/** The Audit trail workbook: About, then one row per audit record in sequence order. */
export async function auditTrailWorkbook({ info, filters, lines }: AuditTrailWorkbookInput): Promise<Buffer> {
  const wb = createWorkbook(info);
  wb.about({
    filters: [...filters, ['Records', String(lines.length)]],
    definitions: [
      ['Range', `Records made from the start to the end date, as days in the company's time zone (${info.timeZone}).`],
      ['Sequence', "The record's number in the audit log; the log numbers every change once, in order."],
      ['Time', `When the change was made, in the company's time zone (${info.timeZone}).`],
      ['User', 'The username signed in when the change was made (empty for the system).'],
      ['Action', 'The action code the log stores; Action words says it in words.'],
      ['Record type / Record', "What the change is about, by its business number: an account's number, a document's number, a person's name."],
      ['Description', 'The change in a sentence, as the audit log screen says it: the record, what happened, the account it is on, its amount.'],
      ['Before / After', 'The fields the change set or changed, as "field: value"; money as amounts, accounts and documents by number.'],
    ],
    notes: [
      'The audit log is hash-chained: each record holds a hash of its content and of the record before it, so an edit, removal or reorder is detected (Verify chain on the Audit log screen, for administrators). This workbook is a copy of the records for reading; it is not the log and proves nothing by itself.',
    ],
  });
  wb.table({ name: 'Audit trail', columns, rows: lines });
  return wb.toBuffer();
}
