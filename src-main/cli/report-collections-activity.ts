import fs from 'node:fs';
import { readDate } from '@shared/dates';
import { reportPeriods, type ReportPeriod } from '@shared/domain/period-figures';
import { periodsWithin } from '@shared/domain/team-performance';
import { CliError, openBackend, type CommandOptions } from './common';

function dateOption(opts: CommandOptions, name: 'from' | 'to'): string {
  const v = opts[name];
  if (typeof v !== 'string') throw new CliError(`report: --${name} YYYY-MM-DD is required.`);
  const r = readDate(v);
  if (!r.ok) throw new CliError(`report: --${name} ${r.reason}`);
  return r.value;
}

/**
 * `report collections-activity --from YYYY-MM-DD --to YYYY-MM-DD [--period month|quarter] [--as USERNAME] --out FILE.xlsx`:
 * the Collections activity workbook exactly as reports.collectionsActivity makes it, written beside the
 * target and renamed into place. `outFile` and `creator` come from the `report` command (report-workbooks.ts).
 */
export async function collectionsActivityCommand(
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
  const period = periodArg as ReportPeriod;
  const periods = periodsWithin(from, to, period);
  if (typeof periods === 'string') throw new CliError(`report: ${periods}`);
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.collectionsActivity(creator, { from, to, period });
    const tmp = `${outFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, outFile);
    out(`Collections activity ${from} to ${to} by ${period}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
