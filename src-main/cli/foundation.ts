import { verifyStore } from '../backend/verify';
import { CliError, openBackend, type Command } from './common';

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

  async verify(opts, _pos, out) {
    const backend = openBackend(opts);
    try {
      const report = await verifyStore(backend);
      for (const c of report.checks) {
        out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
        for (const p of (c.problems ?? []).slice(0, 20)) out(`        ${p}`);
      }
      out(report.ok ? 'verify: all checks passed' : 'verify: problems found');
      return report.ok ? 0 : 1;
    } finally {
      await backend.close();
    }
  },
};

