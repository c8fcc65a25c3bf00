import fs from 'node:fs';
import { readDate } from '@shared/dates';
import { reportPeriods, type ReportPeriod } from '@shared/domain/period-figures';
import { CliError, type CommandOptions } from './common';

/** The options every `report` command reads the same way, and how each writes its file. */

/** --from or --to: a required business date. */
export function dateOption(opts: CommandOptions, name: 'from' | 'to'): string {
  const v = opts[name];
  if (typeof v !== 'string') throw new CliError(`report: --${name} YYYY-MM-DD is required.`);
  const r = readDate(v);
  if (!r.ok) throw new CliError(`report: --${name} ${r.reason}`);
  return r.value;
}

/** --period month|quarter (month when absent). */
export function periodOption(opts: CommandOptions): ReportPeriod {
  const v = opts.period ?? 'month';
  if (typeof v !== 'string' || !(reportPeriods as readonly string[]).includes(v))
    throw new CliError(`report: --period must be one of ${reportPeriods.join(', ')}.`);
  return v as ReportPeriod;
}

/** The workbook written beside the target and renamed into place, so a reader never sees half a file. */
export function writeWorkbook(outFile: string, bytes: Buffer): void {
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, outFile);
}
