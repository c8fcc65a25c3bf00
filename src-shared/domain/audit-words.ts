import { formatDate, formatInstant, isIsoDate } from '../dates';
import { formatMoney } from '../money';
import type { AuditAction, AuditRecord } from './audit';
import type { AuditChange } from './audit-log';
import { paymentMethodLabels } from './payments';

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
  'bankAccount.add': 'Added bank account',
  'bankAccount.reveal': 'Revealed bank account number',
  'bankAccount.markUnusable': 'Marked bank account unusable',
  'payment.return': 'Recorded returned payment',
  'refund.post': 'Posted refund',
  'deposit.create': 'Made deposit',
  'officeBankAccount.save': 'Saved office bank account',
  'adjustment.post': 'Posted adjustment',
  'writeOff.post': 'Posted write-off',
  'import.post': 'Posted import',
  'bankStatement.import': 'Imported bank statement',
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
  'evaluation.run': 'Ran the collections evaluation',
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
  'reconciliation.start': 'Started bank reconciliation',
  'reconciliation.match': 'Matched bank statement line',
  'reconciliation.unmatch': 'Removed bank statement match',
  'reconciliation.note': 'Explained reconciliation item',
  'reconciliation.finish': 'Finished bank reconciliation',
};

/** An action's words; a code this app does not know (an edited store) shows as itself. */
export const auditActionText = (action: string): string => (Object.hasOwn(auditActionWords, action) ? auditActionWords[action as AuditAction] : action);

/** Entity types as words ("payment_plan" -> "payment plan"). */
export const auditEntityText = (entity: string): string => entity.replace(/_/g, ' ');

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The business numbers and names behind the ids a set of records holds, looked up by the backend in a
 * few batched queries per page (audit/lookup.ts): records are described by numbers, never by ids.
 */
export interface AuditLookup {
  /** Account id -> account number ("C-2004"). */
  accounts: ReadonlyMap<number, string>;
  /** Document id -> its number ("RCT-000812") and the account it is on. */
  documents: ReadonlyMap<number, { number: string; accountId: number | null }>;
  /** User id -> the person's name. */
  users: ReadonlyMap<number, string>;
}
export const emptyAuditLookup: AuditLookup = { accounts: new Map(), documents: new Map(), users: new Map() };

/** An id as the log holds it: a number in the values, a string in entity_id. */
export const auditId = (v: unknown): number | null =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null;

/** The record's subject and what happened to it, for the actions a clerk's day is made of: "Payment" "posted". */
const sentences: Partial<Record<AuditAction, readonly [string, string]>> = {
  // A person as the subject: "Clara Ortiz signed in".
  'auth.signIn': ['', 'signed in'],
  'auth.signOut': ['', 'signed out'],
  'auth.lockout': ['', 'was locked out after failed sign-ins'],
  'account.create': ['Account', 'created'],
  'account.update': ['Account', 'changed'],
  'account.lettersByEmail': ['Account', 'letters by email changed'],
  'item.create': ['Item', 'created'],
  'item.update': ['Item', 'changed'],
  'invoice.draft.create': ['Draft invoice', 'created'],
  'invoice.draft.update': ['Draft invoice', 'changed'],
  'invoice.draft.delete': ['Draft invoice', 'deleted'],
  'invoice.post': ['Invoice', 'posted'],
  'creditNote.post': ['Credit note', 'posted'],
  'credit.apply': ['Credit', 'applied'],
  'payment.post': ['Payment', 'posted'],
  'payment.reverse': ['Payment reversal', 'posted'],
  'bankAccount.add': ['Bank account', 'added'],
  'bankAccount.reveal': ['Bank account number', 'revealed'],
  'bankAccount.markUnusable': ['Bank account', 'marked unusable'],
  'payment.return': ['Returned payment', 'recorded'],
  'refund.post': ['Refund', 'posted'],
  'deposit.create': ['Deposit', 'made'],
  'adjustment.post': ['Adjustment', 'posted'],
  'writeOff.post': ['Write-off', 'posted'],
  'fee.post': ['Late fee', 'posted'],
  'fee.waive': ['Late fee', 'waived'],
  'user.create': ['User', 'created'],
  'user.update': ['User', 'changed'],
  'user.activate': ['User', 'activated'],
  'user.deactivate': ['User', 'deactivated'],
  'settings.update': ['Settings', 'changed'],
};

/** Field labels in words where the name alone does not say it. */
const fieldLabels: Record<string, string> = {
  accountId: 'Account',
  accountNumber: 'Account number',
  documentId: 'Document',
  amountCents: 'Amount',
  totalCents: 'Total',
  taxCents: 'Tax',
  unappliedCents: 'Left unapplied',
  allocations: 'Applied to',
  reopened: 'Reopened',
  idleLockMinutes: 'Idle lock (minutes)',
  complianceEnabled: 'Compliance rules on',
  displayName: 'Name',
};

/** "dueDate" -> "Due date", "totalCents" -> "Total": a field's name as words. */
export function auditFieldLabel(key: string): string {
  if (Object.hasOwn(fieldLabels, key)) return fieldLabels[key]!;
  const words = key
    .replace(/Cents$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One recorded value as text: money, dates and times by the app's codecs, ids as the numbers they stand for. */
function valueText(key: string, v: unknown, lookup: AuditLookup, currency: string, depth: number): string {
  if (v === null || v === undefined || v === '') return '';
  if (key.endsWith('Cents') && typeof v === 'number' && Number.isSafeInteger(v)) return formatMoney(v, currency);
  if (key === 'accountId') return lookup.accounts.get(auditId(v) ?? 0) ?? 'an account not in the store';
  if (key === 'documentId') return lookup.documents.get(auditId(v) ?? 0)?.number ?? 'a document not in the store';
  if (key === 'method' && typeof v === 'string' && Object.hasOwn(paymentMethodLabels, v)) return paymentMethodLabels[v as keyof typeof paymentMethodLabels];
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' && isIsoDate(v)) return formatDate(v);
  if (typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return formatInstant(v);
  if (Array.isArray(v)) {
    if (depth > 1) return `${v.length} items`;
    return v
      .map((x) => valueText(key, x, lookup, currency, depth + 1))
      .filter(Boolean)
      .join('; ');
  }
  if (isFields(v)) {
    if (depth > 2) return `${Object.keys(v).length} fields`;
    return Object.entries(v)
      .map(([k, x]) => [auditFieldLabel(k).toLowerCase(), valueText(k, x, lookup, currency, depth + 1)] as const)
      .filter(([, t]) => t !== '')
      .map(([k, t]) => `${k} ${t}`)
      .join(', ');
  }
  return String(v);
}

/**
 * What a record changed, field by field: the label in words, the value before and after as text. For a
 * change (both sides recorded) only the fields that differ; for a creation or posting every field set.
 */
export function auditChanges(before: unknown, after: unknown, lookup: AuditLookup = emptyAuditLookup, currency = 'USD'): AuditChange[] {
  const b = isFields(before) ? before : before == null ? {} : { value: before };
  const a = isFields(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const both = before != null && after != null;
  return keys
    .filter((k) => !both || JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: auditFieldLabel(k), before: valueText(k, b[k], lookup, currency, 0), after: valueText(k, a[k], lookup, currency, 0) }))
    .filter((c) => c.before !== '' || c.after !== '');
}

/** Changes as one line per side for a workbook cell: "Amount: $40.00; Method: Cash". */
export const auditChangesText = (changes: readonly AuditChange[], side: 'before' | 'after'): string =>
  changes
    .filter((c) => c[side] !== '')
    .map((c) => `${c.field}: ${c[side]}`)
    .join('; ');

type Described = Pick<AuditRecord, 'action' | 'entity' | 'entityId' | 'before' | 'after'>;
const dataOf = (r: Described): Fields => ({ ...(isFields(r.before) ? r.before : {}), ...(isFields(r.after) ? r.after : {}) });
const strIn = (data: Fields, k: string) => (typeof data[k] === 'string' && data[k] !== '' ? (data[k] as string) : null);

/** The record's business number or name ("RCT-000812", "C-2004", a person's name), or '' when it has none. */
export function auditRecordName(r: Described, lookup: AuditLookup = emptyAuditLookup): string {
  const data = dataOf(r);
  const id = auditId(r.entityId);
  const str = (k: string) => strIn(data, k);
  switch (r.entity) {
    case 'account':
      return (id && lookup.accounts.get(id)) || str('accountNumber') || '';
    case 'document':
      return (id && lookup.documents.get(id)?.number) || str('number') || '';
    case 'user':
      return (id && lookup.users.get(id)) || str('displayName') || str('username') || '';
    case 'setting':
      return '';
    default:
      // Other records are named by their own number or name; their ids (an export's file name aside) mean nothing to a reader.
      return str('number') || str('name') || (r.entity === 'export' ? (r.entityId ?? '') : '');
  }
}

/** The account number of the account the record is on (a document's, or the account id it records), or null. */
export function auditRecordAccount(r: Described, lookup: AuditLookup = emptyAuditLookup): string | null {
  if (r.entity === 'account') return null;
  const data = dataOf(r);
  const docAccount = r.entity === 'document' ? lookup.documents.get(auditId(r.entityId) ?? 0)?.accountId : null;
  const id = docAccount ?? auditId(data.accountId);
  return id ? (lookup.accounts.get(id) ?? null) : null;
}

const settingsWords = (group: string | null) => {
  const g = (group ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return g ? `${g.charAt(0).toUpperCase()}${g.slice(1)} settings` : 'Settings';
};

/**
 * One audit record in a sentence, by business numbers and amounts, never internal ids: "Payment
 * RCT-000812 posted on account C-2004, $1,233.49". A change names the fields it changed ("Account
 * C-2004 changed: name, phone"). The screen, its export and the Audit trail workbook all use this.
 */
export function describeAudit(r: Described, lookup: AuditLookup = emptyAuditLookup, currency = 'USD'): string {
  const data = dataOf(r);
  const name = auditRecordName(r, lookup);
  const sentence = Object.hasOwn(sentences, r.action) ? sentences[r.action as AuditAction] : undefined;
  let text: string;
  if (r.action === 'settings.update') text = `${settingsWords(r.entityId)} changed`;
  // Whoever typed the name is not known: the record is about the account signed in to, if any.
  else if (r.action === 'auth.signInFailed') text = name ? `Failed sign-in as ${name}` : 'Failed sign-in with an unknown user name';
  else if (sentence) text = [sentence[0], name, sentence[1]].filter(Boolean).join(' ');
  else text = [auditActionText(r.action), name].filter(Boolean).join(' ');
  const of = strIn(data, 'payment') ?? strIn(data, 'document');
  if (of && of !== name) text += ` for ${of}`;
  const account = auditRecordAccount(r, lookup);
  if (account && account !== name) text += ` on account ${account}`;
  const amount = ['amountCents', 'totalCents'].map((k) => data[k]).find((v) => typeof v === 'number' && Number.isSafeInteger(v));
  if (typeof amount === 'number') text += `, ${formatMoney(amount, currency)}`;
  const due = strIn(data, 'dueDate');
  if (due && isIsoDate(due)) text += `, due ${formatDate(due)}`;
  if (isFields(r.before) && isFields(r.after)) {
    const changed = auditChanges(r.before, r.after, lookup, currency).map((c) => c.field.toLowerCase());
    if (changed.length) text += `: ${changed.length > 4 ? `${changed.slice(0, 4).join(', ')} and ${changed.length - 4} more` : changed.join(', ')}`;
  }
  return text;
}
