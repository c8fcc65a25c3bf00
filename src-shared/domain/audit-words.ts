import { formatMoney } from '../money';
import type { AuditAction, AuditRecord } from './audit';

/**
 * Audit records in words (docs/reports.md, Audit trail): the one wording of an action and of a record's
 * before/after, for the audit trail workbook and any screen that shows the log. Never raw JSON.
 */
export const auditActionWords: Record<AuditAction, string> = {
  'company.create': 'Created the company',
  'auth.signIn': 'Signed in',
  'auth.signInFailed': 'Failed sign-in',
  'auth.lockout': 'Locked out after failed sign-ins',
  'auth.signOut': 'Signed out',
  'auth.unlock': 'Unlocked a user',
  'user.create': 'Created user',
  'user.update': 'Updated user',
  'user.activate': 'Activated user',
  'user.deactivate': 'Deactivated user',
  'user.changePassword': 'Changed password',
  'user.resetPassword': 'Reset password',
  'permission.denied': 'Was refused',
  'settings.update': 'Updated settings',
  'account.create': 'Created account',
  'account.update': 'Updated account',
  'account.lettersByEmail': 'Changed letters by email',
  'item.create': 'Created item',
  'item.update': 'Updated item',
  'invoice.draft.create': 'Created draft invoice',
  'invoice.draft.update': 'Updated draft invoice',
  'invoice.draft.delete': 'Deleted draft invoice',
  'invoice.post': 'Posted invoice',
  'creditNote.post': 'Posted credit note',
  'credit.apply': 'Applied credit',
  'payment.post': 'Posted payment',
  'payment.reverse': 'Reversed payment',
  'refund.post': 'Posted refund',
  'adjustment.post': 'Posted adjustment',
  'writeOff.post': 'Posted write-off',
  'import.post': 'Posted import',
  'call.log': 'Logged call',
  'promise.create': 'Recorded promise to pay',
  'flag.set': 'Set flag',
  'flag.clear': 'Cleared flag',
  'flag.verify': 'Verified flag',
  'compliance.override': 'Overrode a compliance rule',
  'compliance.inconvenientTime.add': 'Added an inconvenient time',
  'compliance.inconvenientTime.withdraw': 'Withdrew an inconvenient time',
  'compliance.validationNotice': 'Recorded validation notice',
  'stages.save': 'Saved collection stages',
  'stage.move': 'Moved to stage',
  'task.done': 'Completed task',
  'task.cancelled': 'Cancelled task',
  'worklist.assign': 'Assigned worklist',
  'plan.create': 'Set up payment plan',
  'plan.cancel': 'Cancelled payment plan',
  'plan.broken': 'Payment plan broken',
  'plan.completed': 'Payment plan completed',
  'fee.post': 'Posted fee',
  'fee.waive': 'Waived fee',
  'referral.refer': 'Referred to agency',
  'referral.recall': 'Recalled from agency',
  'referral.placementFile': 'Made placement file',
  'grid.export': 'Exported a grid',
  'writeoff.request': 'Requested write-off',
  'writeoff.approve': 'Approved write-off',
  'writeoff.reject': 'Rejected write-off',
  'backup.create': 'Made backup',
  'backup.export': 'Exported backup',
  'backup.restore': 'Restored backup',
  'document.archived': 'Archived document',
  'document.settings': 'Changed document settings',
  'document.testEmail': 'Sent test email',
  'statementRun.save': 'Saved statement run',
  'letterTemplate.save': 'Saved letter template',
  'letterTemplate.setActive': 'Changed active letter template',
  'letter.sent': 'Sent letter',
  'letter.skip': 'Skipped letter',
  'letterRun.start': 'Started letter run',
};

/** An action's words; a code this app does not know (an edited store) shows as itself. */
export const auditActionText = (action: string): string => (Object.hasOwn(auditActionWords, action) ? auditActionWords[action as AuditAction] : action);

/** Entity types as words ("payment_plan" -> "payment plan"). */
export const auditEntityText = (entity: string): string => entity.replace(/_/g, ' ');

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "totalCents" -> "total", "accountId" -> "account id": the field's name as words. */
const fieldWords = (key: string) =>
  key
    .replace(/Cents$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();

function valueText(key: string, v: unknown, currency: string, depth: number): string {
  if (v === null || v === undefined) return 'none';
  if (key.endsWith('Cents') && typeof v === 'number' && Number.isSafeInteger(v)) return formatMoney(v, currency);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : depth > 1 ? `${v.length} items` : v.map((x) => valueText(key, x, currency, depth + 1)).join(', ');
  if (isFields(v)) return depth > 1 ? `${Object.keys(v).length} fields` : `(${fieldsText(v, currency, depth + 1)})`;
  return String(v);
}

function fieldsText(v: Fields, currency: string, depth: number): string {
  return Object.entries(v)
    .map(([k, x]) => `${fieldWords(k)} ${valueText(k, x, currency, depth)}`)
    .join('; ');
}

/**
 * A before or after value as compact text: "number INV-000001; total $120.00; due date 2026-04-14".
 * Nested objects go in parentheses and deep ones are counted, so a cell stays readable and holds no braces.
 */
export function auditValueText(value: unknown, currency = 'USD'): string {
  if (value === null || value === undefined) return '';
  return isFields(value) ? fieldsText(value, currency, 0) : valueText('', value, currency, 0);
}

/** What the description may add about the record: its number or name, read from the audit's own fields where the store has none. */
export interface AuditRecordNames {
  /** The record's number or name ("RCT-000045", "A-1001 Acme"), when known. */
  record?: string | null;
  /** The account the record is on, when known ("P-1001"). */
  account?: string | null;
}

const AMOUNT_KEYS = ['amountCents', 'totalCents'] as const;

/**
 * One audit record in a sentence: the action's words, the record, the amount and date where the record
 * has them, and the account: "Posted payment RCT-000045 for $120.00 on 2026-03-02 on account P-1001".
 */
export function describeAudit(
  r: Pick<AuditRecord, 'action' | 'entity' | 'entityId' | 'before' | 'after'>,
  names: AuditRecordNames = {},
  currency = 'USD',
): string {
  const data: Fields = { ...(isFields(r.before) ? r.before : {}), ...(isFields(r.after) ? r.after : {}) };
  const str = (k: string) => (typeof data[k] === 'string' && data[k] !== '' ? (data[k] as string) : null);
  const record =
    names.record ??
    str('number') ??
    str('accountNumber') ??
    str('username') ??
    str('name') ??
    (r.entityId ? `${auditEntityText(r.entity)} ${r.entityId}` : null);
  const parts = [auditActionText(r.action)];
  // A setting group's id is its name ("company"): the action's words already say it ("Created the company").
  const said = r.entity === 'setting' && r.entityId !== null && parts[0]!.toLowerCase().includes(String(r.entityId).toLowerCase());
  if (record && !said) parts.push(record);
  const amountKey = AMOUNT_KEYS.find((k) => typeof data[k] === 'number' && Number.isSafeInteger(data[k]));
  if (amountKey) parts.push(`for ${formatMoney(data[amountKey] as number, currency)}`);
  const date = str('date');
  if (date) parts.push(`dated ${date}`);
  if (names.account && names.account !== record) parts.push(`on account ${names.account}`);
  return parts.join(' ');
}
