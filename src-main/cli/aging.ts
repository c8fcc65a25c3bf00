import { agingDetailSchema, agingSummarySchema } from '@shared/domain/aging';
import { CliError } from './cli-error';
import { openLite, type Command, type CommandOptions } from './store-lite';
import { agingQueryOf, detailCsv, summaryCsv } from './aging-view';

/** The aging as JSON (the service's answer as it is: amounts in cents, docs/cli.md) or CSV (decimals). */
export async function agingText(opts: CommandOptions, format: 'json' | 'csv'): Promise<string> {
  const detail = opts.detail === true;
  const query = agingQueryOf(opts, detail);
  const store = openLite(opts);
  try {
    if (detail) {
      const r = await store.aging.detail(agingDetailSchema.parse(query));
      return format === 'json' ? JSON.stringify(r, null, 2) : detailCsv(r);
    }
    const r = await store.aging.summary(agingSummarySchema.parse(query));
    return format === 'json' ? JSON.stringify(r, null, 2) : summaryCsv(r);
  } finally {
    await store.close();
  }
}

/**
 * `aging [--as-of YYYY-MM-DD] [--basis due|invoice] [--format json|csv] [--detail] [--credits column|aged]
 * [--credit-date document|due] [--prepayments-apart]`: the summary (one row per account, grand totals)
 * or, with --detail, one row per open item; the presentation options apply to this run only.
 */
export const agingCommands: Record<string, Command> = {
  async aging(opts, _pos, out) {
    const format = opts.format === undefined ? 'json' : String(opts.format);
    if (format !== 'json' && format !== 'csv') throw new CliError(`--format must be json or csv; it is '${format}'.`);
    out(await agingText(opts, format));
    return 0;
  },
};
