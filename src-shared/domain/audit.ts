/**
 * Every action the audit log records, once. `appendAudit` takes only these, so a misspelt or new action
 * fails `tsc` until it is named here; the screens and reports read the same list.
 */
export const auditActions = [
  // Foundation: company, sign-in, users, settings, permissions
  'company.create',
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
  'settings.update',
  // Receivables
  'account.create',
  'account.update',
  'account.lettersByEmail',
  'item.create',
  'item.update',
  'invoice.draft.create',
  'invoice.draft.update',
  'invoice.draft.delete',
  'invoice.post',
  'creditNote.post',
  'credit.apply',
  'payment.post',
  'payment.reverse',
  'bankAccount.add',
  'bankAccount.reveal',
  'bankAccount.markUnusable',
  'payment.return',
  'refund.post',
  'deposit.create',
  'officeBankAccount.save',
  'adjustment.post',
  'writeOff.post',
  'import.post',
  'bankStatement.import',
  // Collections contact
  'call.log',
  'promise.create',
  'flag.set',
  'flag.clear',
  'flag.verify',
  'compliance.override',
  'compliance.inconvenientTime.add',
  'compliance.inconvenientTime.withdraw',
  'compliance.validationNotice',
  // Collections policy
  'stages.save',
  'stage.move',
  'task.done',
  'task.cancelled',
  'worklist.assign',
  'evaluation.run',
  'plan.create',
  'plan.cancel',
  'plan.broken',
  'plan.completed',
  'fee.post',
  'fee.waive',
  'referral.refer',
  'referral.recall',
  'referral.placementFile',
  // Export what you see: a grid's rows left the store as a file
  'grid.export',
  'writeoff.request',
  'writeoff.approve',
  'writeoff.reject',
  // Backups
  'backup.create',
  'backup.export',
  'backup.restore',
  // Documents
  'document.archived',
  'document.settings',
  'document.testEmail',
  'statementRun.save',
  // Letters
  'letterTemplate.save',
  'letterTemplate.setActive',
  'letter.sent',
  'letter.skip',
  'letterRun.start',
  // Bank reconciliation
  'reconciliation.start',
  'reconciliation.match',
  'reconciliation.unmatch',
  'reconciliation.note',
  'reconciliation.finish',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditRecord {
  seq: number;
  at: string;
  userId: number | null;
  username: string | null;
  /** An AuditAction when written by this app; a record edited in the store file may hold anything (verify reports it). */
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVerifyReport {
  ok: boolean;
  records: number;
  problems: { seq: number; problem: string }[];
}
