import fs from 'node:fs';
import { readDate } from '@shared/dates';
import { periodsOf, reportPeriods, type ReportPeriod } from '@shared/domain/period-figures';
import { CliError, openBackend, type CommandOptions } from './common';

function dateOption(opts: CommandOptions, name: 'from' | 'to'): string {
  const v = opts[name];
  if (typeof v !== 'string') throw new CliError(`report: --${name} YYYY-MM-DD is required.`);
  const r = readDate(v);
  if (!r.ok) throw new CliError(`report: --${name} ${r.reason}`);
  return r.value;
}

/**
 * `report billing-pack --from YYYY-MM-DD --to YYYY-MM-DD [--period month|quarter] [--as USERNAME] --out FILE.xlsx`:
 * the billing pack exactly as reports.billingPack makes it, written beside the target and renamed into
 * place. `outFile` and `creator` are read by the `report` command (report-workbooks.ts), shared with aging.
 */
export async function billingPackCommand(
  opts: CommandOptions,
  outFile: string,
  creatorOf: (backend: ReturnType<typeof openBackend>) => Promise<string>,
  out: (line: string) => void,
): Promise<number> {
  const from = dateOption(opts, 'from');
  const to = dateOption(opts, 'to');
  const periodArg = opts.period ?? 'month';
  if (typeof periodArg !== 'string' || !(reportPeriods as readonly string[]).includes(periodArg))
    throw new CliError(`report: --period must be one of ${reportPeriods.join(', ')}.`);
  const periods = periodsOf(from, to, periodArg as ReportPeriod);
  if (typeof periods === 'string') throw new CliError(`report: ${periods}`);
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.billingPack(creator, { from, to, period: periodArg as ReportPeriod });
    const tmp = `${outFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, outFile);
    out(`Billing pack ${from} to ${to} by ${periodArg}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
