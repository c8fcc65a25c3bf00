import type { Role } from '../domain/users';
import type { Channel } from './contract';

/**
 * Who may call what: the one table, enforced in main before any handler runs.
 * - 'public': no session needed (status, first run, sign-in);
 * - 'session': any signed-in user, even while the session is idle-locked (unlock, sign out);
 * - a role list: a signed-in, unlocked user with one of these roles.
 */
export type Access = 'public' | 'session' | readonly Role[];

const anyone: readonly Role[] = ['clerk', 'supervisor', 'administrator'];
const supervisors: readonly Role[] = ['supervisor', 'administrator'];
const administrators: readonly Role[] = ['administrator'];

export const access: { readonly [C in Channel]: Access } = {
  'store.status': 'public',
  'store.unlock': 'public',
  'store.create': 'public',
  'app.status': 'public',
  'app.createCompany': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'session',
  'auth.lock': 'session',
  'auth.unlock': 'session',
  'auth.changePassword': anyone,
  'settings.get': anyone,
  'settings.update': administrators,
  'audit.list': supervisors,
  'audit.page': supervisors,
  'audit.verify': administrators,
  'users.list': administrators,
  'users.assignees': supervisors,
  'users.names': anyone,
  'users.create': administrators,
  'users.update': administrators,
  'users.resetPassword': administrators,
  'users.setActive': administrators,
  // receivables: clerks work accounts, invoices, payments, ledger and aging; supervisors own write-offs,
  // the price list and the aging and invoice settings.
  'accounts.search': anyone,
  'accounts.list': anyone,
  'accounts.get': anyone,
  'accounts.create': anyone,
  'accounts.update': anyone,
  'items.list': anyone,
  'items.upsert': supervisors,
  'invoices.createDraft': anyone,
  'invoices.updateDraft': anyone,
  'invoices.deleteDraft': anyone,
  'invoices.post': anyone,
  'invoices.get': anyone,
  'invoices.list': anyone,
  'invoices.postCreditNote': anyone,
  'invoices.getSettings': anyone,
  'invoices.updateSettings': supervisors,
  'payments.previewAllocation': anyone,
  'payments.post': anyone,
  'payments.receipt': anyone,
  'payments.applyCredit': anyone,
  'payments.reverse': anyone,
  // customers' bank accounts: anyone adds and lists them masked; the full number is the supervisors' (audited).
  'bankAccounts.list': anyone,
  'bankAccounts.add': anyone,
  'bankAccounts.reveal': supervisors,
  'bankAccounts.markUnusable': anyone,
  'payments.refund': anyone,
  // Deposits (docs/money-in.md): clerks make deposits; the office's own bank accounts are settings
  'officeBankAccounts.list': anyone,
  'officeBankAccounts.save': supervisors,
  'deposits.undeposited': anyone,
  'deposits.create': anyone,
  'deposits.list': anyone,
  'deposits.get': anyone,
  // Returned payments (docs/money-in.md): a clerk records what the bank sent back, as a reversal
  'returns.record': anyone,
  'returns.preview': anyone,
  'returns.importNacha': anyone,
  'returns.list': anyone,
  'ledger.get': anyone,
  'ledger.document': anyone,
  'ledger.postAdjustment': anyone,
  'ledger.postWriteOff': supervisors,
  'aging.summary': anyone,
  'aging.detail': anyone,
  'aging.drill': anyone,
  'aging.getSettings': anyone,
  'aging.updateSettings': supervisors,
  // Imports (docs/import.md): clerks post payments and invoices by hand, so they may import them too.
  'imports.preview': anyone,
  'imports.post': anyone,
  // First run only: the handler refuses once the store has a company (docs/demo.md).
  'app.openDemo': 'public',
  // collections contact: clerks check, log calls, set flags and record notices; a compliance override
  // inside calls.log and clearing cease-communication/bankruptcy/deceased/disputed flags are checked by
  // role in the services (FORBIDDEN for a clerk); the overrides report, withdrawing a consumer's
  // inconvenient time and the settings are supervisors'.
  'compliance.checkCall': anyone,
  'compliance.checkLetter': anyone,
  'compliance.overrides': supervisors,
  'compliance.recordValidationNotice': anyone,
  'compliance.validationNotice': anyone,
  'compliance.inconvenientTimes': anyone,
  'compliance.addInconvenientTime': anyone,
  'compliance.withdrawInconvenientTime': supervisors,
  'compliance.getSettings': anyone,
  'compliance.updateSettings': supervisors,
  'calls.log': anyone,
  'calls.list': anyone,
  'promises.list': anyone,
  'flags.list': anyone,
  'flags.set': anyone,
  'flags.clear': anyone,
  'flags.recordVerification': anyone,
  'timeline.get': anyone,
  // collections policy (docs/collections.md): clerks work the worklist, make plans, ask for write-offs;
  // supervisors own the ladder, assignment, fee rules and runs, waivers, referral and write-off approval.
  'stages.list': anyone,
  'stages.save': supervisors,
  'stages.evaluate': supervisors,
  'stages.account': anyone,
  'worklist.get': anyone,
  'worklist.assign': supervisors,
  'worklist.closeTask': anyone,
  'evaluations.get': anyone,
  'evaluations.saveSettings': supervisors,
  'evaluations.run': supervisors,
  'plans.create': anyone,
  'plans.get': anyone,
  'plans.list': anyone,
  'plans.cancel': anyone,
  'plans.getSettings': anyone,
  'plans.saveSettings': supervisors,
  'fees.getRules': anyone,
  'fees.saveRules': supervisors,
  'fees.preview': anyone,
  'fees.post': supervisors,
  'fees.waive': supervisors,
  'referrals.refer': supervisors,
  'referrals.recall': supervisors,
  'referrals.list': anyone,
  'referrals.placementFile': supervisors,
  'writeoffs.request': anyone,
  'writeoffs.approve': supervisors,
  'writeoffs.reject': supervisors,
  'writeoffs.list': anyone,
  // Backups and restore (docs/backups.md): administrators only; restoring ends every session.
  'backups.overview': administrators,
  'backups.updateSettings': administrators,
  'backups.backUpNow': administrators,
  'backups.export': administrators,
  'backups.inspect': administrators,
  'backups.restore': administrators,
  'backups.pickFolder': administrators,
  'backups.pickBackup': administrators,
  // About / diagnostics: every signed-in user; the store's path is in the answer for administrators only.
  'diagnostics.store': anyone,
  'diagnostics.shell': anyone,
  'diagnostics.openLogFolder': anyone,
  // Documents (docs/documents.md): clerks print, save and email what they post; the calibration page,
  // the letterhead, the layout and the email server are administrators' (the handlers check calibration).
  'documents.print': anyone,
  'documents.savePdf': anyone,
  'documents.email': anyone,
  'documents.printers': anyone,
  'documents.cancel': anyone,
  'documents.preview': anyone,
  'documents.complete': anyone,
  'documents.archiveList': anyone,
  'documents.archiveGet': anyone,
  'documents.openArchived': anyone,
  'documents.getSettings': anyone,
  'documents.updateSettings': administrators,
  'documents.setLogo': administrators,
  'documents.removeLogo': administrators,
  'documents.sendTestEmail': administrators,
  // Letter templates (docs/letters.md): everyone reads them; supervisors word them and retire them.
  'letters.templates.list': anyone,
  'letters.templates.get': anyone,
  'letters.templates.save': supervisors,
  'letters.templates.setActive': supervisors,
  // Composing one letter: clerks write and send letters; whether an account takes letters by email is a clerk's entry too.
  'letters.compose': anyone,
  'letters.deliveryPreference': anyone,
  'letters.setLettersByEmail': anyone,
  // Letter runs: clerks review the queue, skip with a reason and produce it; supervisors select ad hoc.
  'letters.queue': anyone,
  'letters.select': supervisors,
  'letters.skip': anyone,
  'letters.startRun': anyone,
  'letters.getRun': anyone,
  // Statement runs: clerks send statements; a saved run is a record anyone may reprint.
  'statements.select': anyone,
  'statements.saveRun': anyone,
  'statements.runs': anyone,
  'statements.getRun': anyone,
  // monthly and quarterly receivables figures and KPIs (docs/reports.md)
  'reports.periodFigures': supervisors,
  // collections activity and team performance: the figures and the workbook (docs/reports.md)
  'reports.teamPerformance': supervisors,
  'reports.collectionsActivity': supervisors,
  // the supervisor's dashboard: the same figures, composed (docs/reports.md, The dashboard)
  'reports.dashboard': supervisors,
  // supervisor workbooks (docs/reports.md)
  'reports.aging': supervisors,
  'reports.cashReceipts': supervisors,
  'reports.billingPack': supervisors,
  'reports.auditTrail': supervisors,
  // Export what you see: anyone exports a grid they can see; the supervisors' grids are checked by name (domain/grid-export.ts).
  'grids.export': anyone,
  // stops only the caller's own session's run (docs/reports.md, Long reports)
  'reports.cancel': anyone,
  // QuickBooks (docs/quickbooks.md): the journal export for the general ledger and its account names are supervisors'
  'quickbooks.exportIif': supervisors,
  'quickbooks.accounts': supervisors,
  'quickbooks.saveAccounts': supervisors,
  // Bank statements (docs/money-in.md): clerks and supervisors import them, as other imports.
  'bankStatements.preview': anyone,
  'bankStatements.import': anyone,
  'bankStatements.list': anyone,
  'bankStatements.get': anyone,
  // Irregularities (docs/money-in.md): clerks and supervisors look; supervisors set the days per check.
  'irregularities.get': anyone,
  'irregularities.saveSettings': supervisors,
  // Bank reconciliation (docs/money-in.md): clerks and supervisors reconcile, explain, finish and report.
  'reconciliations.list': anyone,
  'reconciliations.start': anyone,
  'reconciliations.get': anyone,
  'reconciliations.match': anyone,
  'reconciliations.unmatch': anyone,
  'reconciliations.note': anyone,
  'reconciliations.finish': anyone,
  'reconciliations.report': anyone,
};

export function roleMayCall(role: Role, channel: Channel): boolean {
  const rule = access[channel];
  return rule === 'public' || rule === 'session' || rule.includes(role);
}
