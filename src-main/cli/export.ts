import path from 'node:path';
import { agingText } from './aging';
import { formatMoney } from '@shared/money';
import { DomainError } from '../backend/errors';
import { CliError, openBackend, type Command, type CommandOptions } from './common';
import { reportWorkbookCommands } from './report-workbooks';
import { writeWorkbook } from './report-options';

const formats = ['csv', 'json', 'xlsx', 'iif'] as const;
const presentationFlags = ['credits', 'credit-date', 'prepayments-apart', 'no-prepayments-apart'];

/**
 * `export quickbooks --from --to --format iif --out FILE.iif`: the period's receivables activity as the
 * app's Reports › QuickBooks journal writes it (Windows-1252 bytes, written as they are).
 */
async function exportQuickBooks(opts: CommandOptions, outFile: string, out: (line: string) => void): Promise<number> {
  const from = opts.from;
  const to = opts.to;
  if (typeof from !== 'string' || typeof to !== 'string') throw new CliError('export quickbooks: --from YYYY-MM-DD and --to YYYY-MM-DD are required.');
  const backend = openBackend(opts);
  try {
    const r = await backend.services.quickbooks.exportIif({ from, to });
    writeWorkbook(outFile, Buffer.from(r.base64, 'base64'));
    out(`QuickBooks journal ${from} to ${to}: ${r.transactions} entries, ${formatMoney(r.debitCents)} in debits: ${outFile}`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError) throw new CliError(`export quickbooks: ${err.message}`);
    throw err;
  } finally {
    await backend.close();
  }
}

/**
 * `export aging --format csv|json|xlsx --out FILE` and `export report NAME --format xlsx --out FILE`:
 * the aging as the `aging` command prints it (csv, json) or the Aging workbook, and the report
 * workbooks as `report` writes them; each file written beside the target and renamed into place.
 */
export const exportCommand: Command = async (opts, positionals, out) => {
  const [what, name] = positionals;
  if (what !== 'aging' && what !== 'report' && what !== 'quickbooks')
    throw new CliError(`export: name aging, report or quickbooks; it is ${what === undefined ? 'missing' : `'${what}'`}.`);
  const format = opts.format;
  if (typeof format !== 'string' || !(formats as readonly string[]).includes(format))
    throw new CliError(`export: --format must be ${formats.join(', ')}; it is ${format === undefined ? 'missing' : `'${String(format)}'`}.`);
  const outFile = opts.out;
  if (typeof outFile !== 'string' || outFile === '') throw new CliError('export: --out FILE is required.');
  if (path.extname(outFile).toLowerCase() !== `.${format}`)
    throw new CliError(`export: --out must end in .${format} for --format ${format}; it is ${outFile}.`);
  if (what === 'quickbooks') {
    if (name !== undefined) throw new CliError(`export quickbooks: unexpected argument '${name}'.`);
    if (format !== 'iif') throw new CliError('export quickbooks: the journal is an IIF file; --format iif.');
    return exportQuickBooks(opts, outFile, out);
  }
  if (format === 'iif') throw new CliError(`export ${what}: --format iif is for export quickbooks.`);
  if (what === 'report') {
    if (name === undefined) throw new CliError('export report: name the report, e.g. export report cash-receipts --format xlsx --out receipts.xlsx.');
    if (format !== 'xlsx') throw new CliError(`export report ${name}: the reports are workbooks; --format xlsx.`);
    return reportWorkbookCommands.report!(opts, [name], out);
  }
  if (name !== undefined) throw new CliError(`export aging: unexpected argument '${name}'.`);
  if (format === 'xlsx') {
    const given = presentationFlags.filter((f) => opts[f] !== undefined);
    if (given.length > 0 || opts.detail)
      throw new CliError(`export aging --format xlsx: the workbook is the app's Aging report; --${given[0] ?? 'detail'} is for csv and json.`);
    return reportWorkbookCommands.report!(opts, ['aging'], out);
  }
  if (opts.account !== undefined) throw new CliError('export aging: --account is for --format xlsx.');
  const text = await agingText(opts, format as 'csv' | 'json');
  const bytes = Buffer.from(`${text}\n`, 'utf8');
  writeWorkbook(outFile, bytes);
  out(`Aging${opts.detail ? ' detail' : ''} as ${format.toUpperCase()}: ${outFile} (${bytes.length} bytes)`);
  return 0;
};
