import { periodsWithin } from '@shared/domain/team-performance';
import { CliError, openBackend, type CommandOptions } from './common';
import { dateOption, writeWorkbook, periodOption } from './report-options';

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
  const period = periodOption(opts);
  const periods = periodsWithin(from, to, period);
  if (typeof periods === 'string') throw new CliError(`report: ${periods}`);
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.collectionsActivity(creator, { from, to, period });
    writeWorkbook(outFile, bytes);
    out(`Collections activity ${from} to ${to} by ${period}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
