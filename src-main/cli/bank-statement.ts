import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { bankStatementFormatValues, type BankStatementFormat, type BankStatementPreview } from '@shared/ipc/contract/bank-statements';
import type { Backend } from '../backend';
import { DomainError } from '../backend/errors';
import { bankStatementInputFromFile } from '../backend/services/bank-statements';
import { proposeMatches } from '../backend/services/reconciliation/match';
import { itemsInScope } from '../backend/services/reconciliation/scope';
import { CliError, openBackend, type CommandOptions } from './common';

/** --account NAME: the office bank account by its name (case-insensitive). */
async function officeAccount(backend: Backend, name: string): Promise<{ id: number; name: string }> {
  const found = await sql<{ id: number; name: string }>`SELECT id, name FROM office_bank_account WHERE lower(name) = lower(${name})`.execute(backend.ctx.db);
  if (found.rows.length === 0) throw new CliError(`import bank-statement: there is no office bank account named '${name}'.`);
  return found.rows[0]!;
}

/**
 * What the statement's credits would match (the reconciliation matcher over the deposits to the account
 * and the single electronic payments of the statement's period); lines are named by their file line.
 */
async function wouldMatch(backend: Backend, preview: BankStatementPreview, accountId: number | null) {
  if (!preview.statementFrom || !preview.statementTo) return null;
  // id 0: no reconciliation is being made, so only items some reconciliation already matched stay out.
  const period = { id: 0, officeBankAccountId: accountId ?? 0, periodFrom: preview.statementFrom, periodTo: preview.statementTo };
  const items = await itemsInScope(backend.ctx.db, period);
  const lines = preview.lines
    .filter((l) => !l.alreadyImported)
    .map((l) => ({
      id: l.line,
      bookingDate: l.bookingDate,
      amountCents: l.amountCents,
      bankReference: l.bankReference ?? '',
      customerReference: l.customerReference ?? '',
      description: l.description,
    }));
  const r = proposeMatches(
    lines,
    items.filter((i) => i.kind === 'deposit'),
    items.filter((i) => i.kind === 'payment'),
    { asOf: preview.statementTo },
  );
  const numberOf = new Map(items.map((i) => [`${i.kind}:${i.id}`, i.number]));
  return {
    matched: r.matched.map((m) => ({
      line: m.lineId,
      kind: m.item.kind,
      id: m.item.id,
      number: numberOf.get(`${m.item.kind}:${m.item.id}`) ?? null,
      byReference: m.byReference,
      businessDays: m.businessDays,
    })),
    unmatchedLines: r.unmatchedLines.map((u) => ({ line: u.lineId, reason: u.reason })),
  };
}

/**
 * `import bank-statement FILE [--format csv|bai2|camt053] [--dry-run] [--account NAME]`: prints, as JSON,
 * what it read (the statement, its lines, every error with file, line and field) and what its credits
 * would match; without --dry-run imports it (all or nothing). Exits 1 when the file has errors.
 */
export async function importBankStatement(opts: CommandOptions, file: string | undefined, out: (line: string) => void): Promise<number> {
  if (!file) throw new CliError('import bank-statement: give the FILE to import.');
  let format: BankStatementFormat | undefined;
  if (opts.format !== undefined) {
    format = bankStatementFormatValues.find((f) => f === opts.format);
    if (!format) throw new CliError(`import bank-statement: --format must be csv, bai2 or camt053; it is '${String(opts.format)}'.`);
  }
  if (!fs.existsSync(file)) throw new CliError(`File not found: ${file}`);
  const backend = openBackend(opts);
  try {
    const account = typeof opts.account === 'string' ? await officeAccount(backend, opts.account) : null;
    const input = { ...bankStatementInputFromFile(path.basename(file), fs.readFileSync(file), format), officeBankAccountId: account?.id ?? null };
    const preview = await backend.services.bankStatements.preview(input);
    const { csv, ...read } = preview;
    const report: Record<string, unknown> = { file, account, dryRun: Boolean(opts['dry-run']), ...read, csvMapping: csv?.mapping ?? null };
    if (preview.errors.length > 0) {
      out(JSON.stringify({ ...report, imported: 0 }, null, 2));
      return 1;
    }
    report.wouldMatch = await wouldMatch(backend, preview, account?.id ?? null);
    if (!opts['dry-run']) {
      const actor = { userId: null, username: `cli:${os.userInfo().username}` };
      report.import = await backend.services.bankStatements.import(actor, input);
    }
    out(JSON.stringify(report, null, 2));
    return 0;
  } catch (err) {
    if (err instanceof DomainError) throw new CliError(err.message);
    throw err;
  } finally {
    await backend.close();
  }
}
