import { verifyStoreFile } from '../backend/verify';
import { CliError, openBackend, readKey, storePathOf, type Command } from './common';

export const foundationCommands: Record<string, Command> = {
  async init(opts, _pos, out) {
    const password = process.env.LEDGERDESK_ADMIN_PASSWORD;
    if (!password) throw new CliError('Set LEDGERDESK_ADMIN_PASSWORD to the administrator password.');
    const backend = openBackend(opts, true);
    try {
      const r = await backend.call('cli', 'app.createCompany', {
        companyName: String(opts.company ?? 'My Billing Office'),
        timeZone: String(opts['time-zone'] ?? 'America/New_York'),
        username: String(opts.admin ?? 'admin'),
        displayName: String(opts['admin-name'] ?? 'Administrator'),
        password,
      });
      if (!r.ok) throw new CliError(r.error.message);
      out(`Created ${backend.ctx.store.path} for "${r.value.companyName}" with administrator "${r.value.username}".`);
      return 0;
    } finally {
      await backend.close();
    }
  },

  /** Read-only: the store file is not written, and every failure (opening it included) is a finding. */
  async verify(opts, _pos, out) {
    const report = await verifyStoreFile(storePathOf(opts), readKey(opts));
    for (const c of report.checks) {
      out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
      for (const p of (c.problems ?? []).slice(0, 20)) out(`        ${p}`);
    }
    out(report.ok ? 'verify: all checks passed' : 'verify: problems found');
    return report.ok ? 0 : 1;
  },

  /**
   * Anchor the audit chain as it is now, after checking that the chain itself holds: for a store that
   * was moved without its anchor file, once verify's findings have been looked into.
   */
  async reanchor(opts, _pos, out) {
    const backend = openBackend(opts);
    try {
      const chain = backend.services.audit.verify();
      if (!chain.ok) {
        out(
          `reanchor: the audit chain does not hold (${chain.problems.length} problem(s), first: #${chain.problems[0]?.seq} ${chain.problems[0]?.problem}); nothing was anchored. Restore the store from a backup.`,
        );
        return 1;
      }
      const anchor = backend.ctx.store.anchor;
      if (!anchor) throw new CliError('This store has no audit log to anchor.');
      const end = anchor.reanchor();
      out(`reanchor: anchored ${end.count} audit records (last hash ${end.head.slice(0, 16)}…) in ${anchor.file}`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
