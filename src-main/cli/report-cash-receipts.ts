import fs from 'node:fs';
import { readDate } from '@shared/dates';
import { paymentMethodLabels, paymentMethods, type PaymentMethod } from '@shared/domain/payments';
import { CliError, openBackend, type CommandOptions } from './common';

function dayOption(opts: CommandOptions, name: 'from' | 'to'): string {
  const v = opts[name];
  if (typeof v !== 'string') throw new CliError(`report: --${name} YYYY-MM-DD is required.`);
  const r = readDate(v);
  if (!r.ok) throw new CliError(`report: --${name} ${r.reason}`);
  return r.value;
}

/**
 * `report cash-receipts --from YYYY-MM-DD --to YYYY-MM-DD [--method cash|check|card|ach|bank_transfer] [--as USERNAME] --out FILE.xlsx`:
 * the Cash receipts journal exactly as reports.cashReceipts makes it, written beside the target and
 * renamed into place. `outFile` and `creator` are read by the `report` command (report-workbooks.ts).
 */
export async function cashReceiptsCommand(
  opts: CommandOptions,
  outFile: string,
  creatorOf: (backend: ReturnType<typeof openBackend>) => Promise<string>,
  out: (line: string) => void,
): Promise<number> {
  const from = dayOption(opts, 'from');
  const to = dayOption(opts, 'to');
  if (to < from) throw new CliError(`report: --to ${to} is before --from ${from}.`);
  const methodArg = opts.method;
  if (methodArg !== undefined && (typeof methodArg !== 'string' || !(paymentMethods as readonly string[]).includes(methodArg)))
    throw new CliError(`report: --method must be one of ${paymentMethods.join(', ')}.`);
  const method = methodArg as PaymentMethod | undefined;
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.cashReceipts(creator, { from, to, method });
    const tmp = `${outFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, outFile);
    out(`Cash receipts ${from} to ${to}${method ? ` (${paymentMethodLabels[method]})` : ''}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
