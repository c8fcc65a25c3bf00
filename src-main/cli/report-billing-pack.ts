import { periodsOf } from '@shared/domain/period-figures';
import { CliError, openBackend, type CommandOptions } from './common';
import { dateOption, writeWorkbook, periodOption } from './report-options';

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
  const periodArg = periodOption(opts);
  const periods = periodsOf(from, to, periodArg);
  if (typeof periods === 'string') throw new CliError(`report: ${periods}`);
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.billingPack(creator, { from, to, period: periodArg });
    writeWorkbook(outFile, bytes);
    out(`Billing pack ${from} to ${to} by ${periodArg}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
