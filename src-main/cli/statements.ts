import { readDate } from '@shared/dates';
import { statementTypes, type StatementType } from '@shared/domain/documents';
import { CliError, openBackend, type Command } from './common';
import { outFileOf, writeDocument } from './documents';

/** Command-line spelling of the statement types (open-item, balance-forward). */
const typeArgs: Record<string, StatementType> = Object.fromEntries(statementTypes.map((t) => [t.replace('_', '-'), t]));

function dateOption(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new CliError(`statement: --${name} needs a date, YYYY-MM-DD.`);
  const r = readDate(value);
  if (!r.ok) throw new CliError(`statement: --${name} ${r.reason}`);
  return r.value;
}

/**
 * `statement <account-number> --as-of YYYY-MM-DD --type open-item|balance-forward [--from YYYY-MM-DD]
 * --out FILE.html|FILE.pdf`: the statement exactly as the app builds it (docs/document-layout.md,
 * Statements), written like `document` writes (not archived: it is the office's file).
 */
export const statementCommands: Record<string, Command> = {
  async statement(opts, positionals, out) {
    const [accountNumber] = positionals;
    if (!accountNumber) throw new CliError('statement: give the account number, e.g. statement 100123 --as-of 2026-03-31 --type open-item --out s.pdf.');
    const asOf = dateOption(opts['as-of'], 'as-of');
    if (!asOf) throw new CliError('statement: --as-of YYYY-MM-DD is required.');
    const typeArg = opts.type;
    const type = typeof typeArg === 'string' ? typeArgs[typeArg] : undefined;
    if (!type)
      throw new CliError(
        `statement: --type must be one of ${Object.keys(typeArgs).join(', ')}; it is ${typeof typeArg === 'string' ? `"${typeArg}"` : 'missing'}.`,
      );
    const from = dateOption(opts.from, 'from');
    if (from !== undefined && type !== 'balance_forward') throw new CliError('statement: --from is for --type balance-forward only.');
    if (from !== undefined && from > asOf) throw new CliError(`statement: --from ${from} is after --as-of ${asOf}.`);
    const { outFile } = outFileOf(opts, 'statement');

    const backend = openBackend(opts);
    try {
      const row = await backend.ctx.db.selectFrom('account').select('id').where('account_number', '=', accountNumber).executeTakeFirst();
      if (!row) throw new CliError(`statement: there is no account numbered ${accountNumber}.`);
      await writeDocument(backend, { kind: 'statement', accountId: row.id, asOf, type, ...(from ? { from } : {}) }, outFile, 'statement', out);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
