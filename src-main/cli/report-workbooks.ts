import os from 'node:os';
import path from 'node:path';
import { readDate } from '@shared/dates';
import { agingBases, type AgingBasis } from '@shared/domain/aging';
import { CliError, openBackend, type Command, type CommandOptions } from './common';
import { auditTrailCommand } from './report-audit-trail';
import { billingPackCommand } from './report-billing-pack';
import { cashReceiptsCommand } from './report-cash-receipts';
import { collectionsActivityCommand } from './report-collections-activity';
import { writeWorkbook } from './report-options';

const reportNames = ['aging', 'billing-pack', 'cash-receipts', 'audit-trail', 'collections-activity'] as const;

function asOfOption(opts: CommandOptions): string {
  const v = opts['as-of'];
  if (typeof v !== 'string') throw new CliError('report: --as-of YYYY-MM-DD is required.');
  const r = readDate(v);
  if (!r.ok) throw new CliError(`report: --as-of ${r.reason}`);
  return r.value;
}

function outOption(opts: CommandOptions): string {
  const out = opts.out;
  if (typeof out !== 'string') throw new CliError('report: --out FILE.xlsx is required.');
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`report: --out must end in .xlsx; it is ${out}.`);
  return out;
}

/** The workbook's maker: the store's active user named by --as (their display name), or the terminal's login. */
async function creatorOf(opts: CommandOptions, backend: ReturnType<typeof openBackend>): Promise<string> {
  if (opts.as === undefined) return `${os.userInfo().username} (command line)`;
  const user = await backend.ctx.db
    .selectFrom('app_user')
    .select('display_name')
    .where('username', '=', String(opts.as))
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!user) throw new CliError(`report: there is no active user "${String(opts.as)}".`);
  return user.display_name;
}

/**
 * `report aging --as-of YYYY-MM-DD [--basis due|invoice] [--account NUMBER] [--as USERNAME] --out FILE.xlsx`:
 * the Aging workbook exactly as the app makes it (docs/reports.md), written beside the target and
 * renamed into place, so a failed run never leaves half a file. Its maker is the store's user given by
 * --as (by display name), or else the terminal's login.
 */
export const reportWorkbookCommands: Record<string, Command> = {
  async report(opts, positionals, out) {
    const [name] = positionals;
    if (name === 'cash-receipts') return cashReceiptsCommand(opts, outOption(opts), (backend) => creatorOf(opts, backend), out);
    if (name === 'audit-trail') return auditTrailCommand(opts, outOption(opts), (backend) => creatorOf(opts, backend), out);
    if (name === 'billing-pack') return billingPackCommand(opts, outOption(opts), (backend) => creatorOf(opts, backend), out);
    if (name === 'collections-activity') return collectionsActivityCommand(opts, outOption(opts), (backend) => creatorOf(opts, backend), out);
    if (name !== 'aging') throw new CliError(`report: name one of ${reportNames.join(', ')}; it is ${name === undefined ? 'missing' : `"${name}"`}.`);
    const asOf = asOfOption(opts);
    const basisArg = opts.basis ?? 'due';
    if (typeof basisArg !== 'string' || !(agingBases as readonly string[]).includes(basisArg))
      throw new CliError(`report: --basis must be one of ${agingBases.join(', ')}.`);
    const outFile = outOption(opts);
    const backend = openBackend(opts);
    try {
      let accountId: number | undefined;
      if (opts.account !== undefined) {
        const row = await backend.ctx.db.selectFrom('account').select('id').where('account_number', '=', String(opts.account)).executeTakeFirst();
        if (!row) throw new CliError(`report: there is no account numbered ${String(opts.account)}.`);
        accountId = row.id;
      }
      const creator = await creatorOf(opts, backend);
      const { bytes } = await backend.services.reports.aging(creator, { asOf, basis: basisArg as AgingBasis, accountId });
      writeWorkbook(outFile, bytes);
      out(`Aging as of ${asOf} by ${basisArg === 'due' ? 'due date' : 'invoice date'}: ${outFile} (${bytes.length} bytes)`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
