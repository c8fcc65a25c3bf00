import { paymentMethodLabels, paymentMethods, type PaymentMethod } from '@shared/domain/payments';
import { CliError, openBackend, type CommandOptions } from './common';
import { dateOption, writeWorkbook } from './report-options';

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
  const from = dateOption(opts, 'from');
  const to = dateOption(opts, 'to');
  if (to < from) throw new CliError(`report: --to ${to} is before --from ${from}.`);
  const methodArg = opts.method;
  if (methodArg !== undefined && (typeof methodArg !== 'string' || !(paymentMethods as readonly string[]).includes(methodArg)))
    throw new CliError(`report: --method must be one of ${paymentMethods.join(', ')}.`);
  const method = methodArg as PaymentMethod | undefined;
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.cashReceipts(creator, { from, to, method });
    writeWorkbook(outFile, bytes);
    out(`Cash receipts ${from} to ${to}${method ? ` (${paymentMethodLabels[method]})` : ''}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
