import { z } from 'zod';
import { auditActions, type AuditAction } from './audit';
import { idSchema, isoDateSchema, textField } from './text';

/**
 * The audit log screen and the Audit trail workbook (docs/clerks-day.md, The audit log): one filter,
 * read the same way by audit.page (a page of records) and reports.auditTrail (every matching record).
 */

/** Actions grouped as an auditor looks for them. */
const listedGroups = {
  signIn: {
    label: 'Sign-in and users',
    actions: [
      'auth.signIn',
      'auth.signInFailed',
      'auth.lockout',
      'auth.signOut',
      'auth.unlock',
      'user.create',
      'user.update',
      'user.activate',
      'user.deactivate',
      'user.changePassword',
      'user.resetPassword',
      'permission.denied',
    ],
  },
  settings: {
    label: 'Company and settings',
    actions: ['company.create', 'settings.update', 'stages.save', 'document.settings', 'document.testEmail', 'letterTemplate.save', 'letterTemplate.setActive'],
  },
  accounts: {
    label: 'Accounts and items',
    actions: [
      'account.create',
      'account.update',
      'account.lettersByEmail',
      'item.create',
      'item.update',
      'import.post',
      'bankAccount.add',
      'bankAccount.reveal',
      'bankAccount.markUnusable',
    ],
  },
  invoices: {
    label: 'Invoices and credit notes',
    actions: ['invoice.draft.create', 'invoice.draft.update', 'invoice.draft.delete', 'invoice.post', 'creditNote.post', 'credit.apply'],
  },
  payments: { label: 'Payments and refunds', actions: ['payment.post', 'payment.reverse', 'payment.return', 'refund.post', 'bankStatement.import'] },
  adjustments: {
    label: 'Adjustments, fees and write-offs',
    actions: ['adjustment.post', 'writeOff.post', 'fee.post', 'fee.waive', 'writeoff.request', 'writeoff.approve', 'writeoff.reject'],
  },
  collections: {
    label: 'Collections',
    actions: [
      'call.log',
      'promise.create',
      'flag.set',
      'flag.clear',
      'flag.verify',
      'compliance.override',
      'compliance.inconvenientTime.add',
      'compliance.inconvenientTime.withdraw',
      'compliance.validationNotice',
      'stage.move',
      'task.done',
      'task.cancelled',
      'worklist.assign',
      'evaluation.run',
      'plan.create',
      'plan.cancel',
      'plan.broken',
      'plan.completed',
      'referral.refer',
      'referral.recall',
      'referral.placementFile',
    ],
  },
  documents: {
    label: 'Documents, statements and letters',
    actions: ['document.archived', 'statementRun.save', 'letter.sent', 'letter.skip', 'letterRun.start'],
  },
  deposits: { label: 'Deposits', actions: ['deposit.create', 'officeBankAccount.save'] },
  dataOut: { label: 'Backups and exports', actions: ['backup.create', 'backup.export', 'backup.restore', 'grid.export'] },
} as const satisfies Record<string, { label: string; actions: readonly AuditAction[] }>;
const listed = new Set<string>(Object.values(listedGroups).flatMap((g) => g.actions));

/** Every action is in exactly one group: one added to the log and not to a group above is in "Other" until it is placed. */
export const auditActionGroups: Record<keyof typeof listedGroups | 'other', { label: string; actions: readonly AuditAction[] }> = {
  ...listedGroups,
  other: { label: 'Other', actions: auditActions.filter((a) => !listed.has(a)) },
};
export type AuditActionGroup = keyof typeof auditActionGroups;
export const auditActionGroupIds = Object.keys(auditActionGroups) as [AuditActionGroup, ...AuditActionGroup[]];

/** The kinds of record the log can be narrowed to by business number. */
export const auditRecordKinds = ['account', 'document'] as const;
export type AuditRecordKind = (typeof auditRecordKinds)[number];
export const auditRecordKindLabels: Record<AuditRecordKind, string> = { account: 'Account number', document: 'Document number' };

const filterFields = {
  /** Office days in the company's time zone (as the Audit trail workbook counts them), both included. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** The person who made the change (the screen picks by name). */
  userId: idSchema.optional(),
  /** The username the record holds (the command line's --user). */
  user: z.string().trim().min(1).max(100).optional(),
  action: z.enum(auditActions).optional(),
  actionGroup: z.enum(auditActionGroupIds).optional(),
  /** Raw record type and id, as the log stores them (the command line's --entity and --entity-id). */
  entity: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  /** A record by its business number: an account ("C-2004": the account and every document on it) or a document ("RCT-000812"). */
  recordKind: z.enum(auditRecordKinds).optional(),
  recordNumber: textField('Record number', 40).pipe(z.string().min(1, 'Record number is empty')).optional(),
  /** Free text over the description's numbers and names, the values recorded, the user and the action's words. */
  search: textField('Search', 100).optional(),
};

type FilterShape = { from?: string; to?: string; recordKind?: string; recordNumber?: string };
export const auditLogFilterCheck = (q: FilterShape, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be on or after the start date.' });
  if (q.recordNumber && !q.recordKind)
    ctx.addIssue({ code: 'custom', path: ['recordKind'], message: 'Choose whether the record number is an account or a document.' });
};

export const auditLogFilterObject = z.object(filterFields);
export const auditLogFilterSchema = auditLogFilterObject.superRefine(auditLogFilterCheck);
export type AuditLogFilter = z.output<typeof auditLogFilterSchema>;

/**
 * One page of the log, newest first. `upToSeq` pins the log at the newest record of the first page, so
 * records written while the auditor pages do not shift the pages (each record shows exactly once).
 */
export const auditPageSchema = auditLogFilterObject
  .extend({
    offset: z.number().int().min(0).max(100_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    upToSeq: z.number().int().positive().optional(),
    /** Keyset paging: the records before this one (the last of the page shown), so a deep page reads no skipped rows. */
    beforeSeq: z.number().int().positive().optional(),
  })
  .superRefine(auditLogFilterCheck);
export type AuditPageQuery = z.input<typeof auditPageSchema>;

/** One field a record changed or set: its label in words and the value before and after, as text. */
export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

/** A record as the audit log screen shows it: names and words, no ids or codes. */
export interface AuditLogRow {
  seq: number;
  at: string;
  /** The person's name, "Not signed in" (a failed sign-in), or null for the system. */
  userName: string | null;
  action: string;
  actionText: string;
  /** The record's business number or name ("RCT-000812", "C-2004"), or empty. */
  record: string;
  description: string;
  changes: AuditChange[];
}

export interface AuditPage {
  total: number;
  /** Pass back for the next pages (see auditPageSchema). */
  upToSeq: number;
  rows: AuditLogRow[];
  /** Everyone who can appear in the log, for the user filter. */
  users: { id: number; name: string }[];
}
