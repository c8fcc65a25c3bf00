import { createHash } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type {
  BankStatementDetail,
  BankStatementFileInput,
  BankStatementImportSummary,
  BankStatementPreview,
  BankStatementSummary,
} from '@shared/ipc/contract/bank-statements';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import type { BankStatementTable } from '../../db/schema-bank-statements';
import { DomainError, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { lineKeys, readStatement, type ReadStatement } from './parse';

/** Keys already in the store, of those given (chunked: SQLite caps the parameters of one statement). */
async function existingKeys(db: Queryable, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('bank_statement_line')
      .select('line_key')
      .where('line_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.line_key);
  }
  return found;
}

interface Analysis {
  read: ReadStatement;
  keys: string[];
  already: Set<string>;
}

/** Read a file and mark the lines already imported; a bank reference twice in one file is an error on its second line. */
async function analyze(db: Queryable, input: BankStatementFileInput): Promise<Analysis> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw invalid(`${input.fileName} is empty.`);
  const read = await readStatement(input.fileName, bytes, input.format, input.mapping ?? undefined);
  const keys = lineKeys(read.accountIdentifier, read.lines);
  const firstLine = new Map<string, number>();
  keys.forEach((k, i) => {
    const line = read.lines[i]!;
    const earlier = firstLine.get(k);
    if (earlier === undefined) firstLine.set(k, line.line);
    else if (line.bankReference)
      read.errors.push({
        file: input.fileName,
        line: line.line,
        field: 'bank reference',
        reason: `${line.bankReference} is also the reference of line ${earlier}`,
      });
  });
  read.errors.sort((a, b) => a.line - b.line);
  if (read.lines.length === 0 && read.errors.length === 0)
    read.errors.push({ file: input.fileName, line: 1, field: 'file', reason: 'holds no statement lines' });
  return { read, keys, already: await existingKeys(db, keys) };
}

async function checkOfficeAccount(db: Queryable, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  // office_bank_account is migration 027's (the deposits' part); read by SQL so this check needs no more of its types.
  const found = await sql<{ id: number }>`SELECT id FROM office_bank_account WHERE id = ${id}`.execute(db);
  if (found.rows.length === 0) throw notFound('The office bank account');
}

function summaryOf(s: Selectable<BankStatementTable>, figures: { n: number; credits: number; debits: number }): BankStatementSummary {
  return {
    id: s.id,
    officeBankAccountId: s.office_bank_account_id,
    format: s.format,
    fileName: s.file_name,
    accountIdentifier: s.account_identifier,
    currency: s.currency,
    statementFrom: s.statement_from,
    statementTo: s.statement_to,
    openingBalanceCents: s.opening_balance_cents,
    closingBalanceCents: s.closing_balance_cents,
    lineCount: figures.n,
    creditsCents: figures.credits,
    debitsCents: figures.debits,
    importedAt: s.imported_at,
    importedBy: s.imported_by,
  };
}

const figures = (db: Queryable) =>
  db
    .selectFrom('bank_statement_line')
    .select((eb) => [
      'statement_id',
      eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(CASE WHEN amount_cents > 0 THEN amount_cents END), 0)`.as('credits'),
      sql<number>`coalesce(-sum(CASE WHEN amount_cents < 0 THEN amount_cents END), 0)`.as('debits'),
    ])
    .groupBy('statement_id');

/** Bank statements of the office's accounts (docs/money-in.md, "Bank statements"). */
export function createBankStatementsService(ctx: ServiceContext) {
  return {
    /** What the file holds and what importing it would do; nothing is written. */
    async preview(input: BankStatementFileInput): Promise<BankStatementPreview> {
      await checkOfficeAccount(ctx.db, input.officeBankAccountId);
      const { read, keys, already } = await analyze(ctx.db, input);
      const lines = read.lines.map((l, i) => ({ ...l, alreadyImported: already.has(keys[i]!) }));
      const toImport = read.errors.length > 0 ? 0 : lines.filter((l) => !l.alreadyImported).length;
      return {
        fileName: input.fileName,
        format: read.format,
        accountIdentifier: read.accountIdentifier,
        currency: read.currency,
        statementFrom: read.from,
        statementTo: read.to,
        openingBalanceCents: read.openingBalanceCents,
        closingBalanceCents: read.closingBalanceCents,
        lines,
        errors: read.errors,
        csv: read.csv,
        totals: {
          lines: lines.length,
          creditsCents: lines.reduce((s, l) => s + Math.max(l.amountCents, 0), 0),
          debitsCents: lines.reduce((s, l) => s - Math.min(l.amountCents, 0), 0),
          toImport,
          alreadyImported: lines.filter((l) => l.alreadyImported).length,
        },
      };
    },

    /**
     * Import a statement: all its new lines or none (one transaction). Any problem in the file throws
     * VALIDATION with every error in `details.errors`. Lines already imported (their line_key) are
     * skipped; a file with nothing new writes nothing, not even an empty statement.
     */
    async import(actor: Actor, input: BankStatementFileInput): Promise<BankStatementImportSummary> {
      const bytes = Buffer.from(input.contentBase64, 'base64');
      const summary = await ctx.db.transaction().execute(async (trx: Trx) => {
        await checkOfficeAccount(trx, input.officeBankAccountId);
        const { read, keys, already } = await analyze(trx, input);
        if (read.errors.length > 0) {
          const e = read.errors[0]!;
          throw new DomainError(
            'VALIDATION',
            `${input.fileName}: ${read.errors.length} problem(s) found; nothing was imported. First: line ${e.line}, ${e.field}: ${e.reason}`,
            { errors: read.errors },
          );
        }
        const fresh = read.lines.map((l, i) => ({ l, key: keys[i]! })).filter((x) => !already.has(x.key));
        const result: BankStatementImportSummary = {
          statementId: null,
          fileName: input.fileName,
          format: read.format,
          imported: fresh.length,
          alreadyImported: read.lines.length - fresh.length,
        };
        if (fresh.length === 0) return result;
        const statement = await trx
          .insertInto('bank_statement')
          .values({
            office_bank_account_id: input.officeBankAccountId ?? null,
            format: read.format,
            file_name: input.fileName,
            file_sha256: createHash('sha256').update(bytes).digest('hex'),
            account_identifier: read.accountIdentifier,
            currency: read.currency,
            statement_from: read.from!,
            statement_to: read.to!,
            opening_balance_cents: read.openingBalanceCents,
            closing_balance_cents: read.closingBalanceCents,
            imported_at: ctx.clock.now().toISOString(),
            imported_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let i = 0; i < fresh.length; i += 200) {
          await trx
            .insertInto('bank_statement_line')
            .values(
              fresh.slice(i, i + 200).map(({ l, key }) => ({
                statement_id: statement.id,
                line: l.line,
                booking_date: l.bookingDate,
                value_date: l.valueDate,
                amount_cents: l.amountCents,
                bank_reference: l.bankReference,
                customer_reference: l.customerReference,
                description: l.description,
                type_code: l.typeCode,
                line_key: key,
              })),
            )
            .execute();
        }
        result.statementId = statement.id;
        await appendAudit(trx, ctx.clock, actor, { action: 'bankStatement.import', entity: 'bank_statement', entityId: statement.id, after: result });
        return result;
      });
      if (summary.imported > 0) ctx.emit('data.changed', { domains: ['bankStatements'] });
      return summary;
    },

    async list(input: { officeBankAccountId?: number }): Promise<BankStatementSummary[]> {
      let q = ctx.db.selectFrom('bank_statement').selectAll().orderBy('statement_to', 'desc').orderBy('id', 'desc');
      if (input.officeBankAccountId !== undefined) q = q.where('office_bank_account_id', '=', input.officeBankAccountId);
      const statements = await q.execute();
      const byId = new Map((await figures(ctx.db).execute()).map((f) => [f.statement_id, f]));
      return statements.map((s) => {
        const f = byId.get(s.id);
        return summaryOf(s, { n: Number(f?.n ?? 0), credits: Number(f?.credits ?? 0), debits: Number(f?.debits ?? 0) });
      });
    },

    async get(input: { id: number }): Promise<BankStatementDetail> {
      const s = await ctx.db.selectFrom('bank_statement').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!s) throw notFound('The bank statement');
      const rows = await ctx.db.selectFrom('bank_statement_line').selectAll().where('statement_id', '=', s.id).orderBy('line').execute();
      const lines = rows.map((r) => ({
        id: r.id,
        statementId: r.statement_id,
        line: r.line,
        bookingDate: r.booking_date,
        valueDate: r.value_date,
        amountCents: r.amount_cents,
        bankReference: r.bank_reference,
        customerReference: r.customer_reference,
        description: r.description,
        typeCode: r.type_code,
      }));
      return {
        statement: summaryOf(s, {
          n: lines.length,
          credits: lines.reduce((t, l) => t + Math.max(l.amountCents, 0), 0),
          debits: lines.reduce((t, l) => t - Math.min(l.amountCents, 0), 0),
        }),
        lines,
      };
    },
  };
}
export type BankStatementsService = ReturnType<typeof createBankStatementsService>;

/** For the CLI: the file's bytes as the endpoints take them. */
export function bankStatementInputFromFile(fileName: string, bytes: Buffer, format?: BankStatementFileInput['format']): BankStatementFileInput {
  if (bytes.length === 0) throw invalid(`${fileName} is empty.`);
  return { fileName, contentBase64: bytes.toString('base64'), format };
}
