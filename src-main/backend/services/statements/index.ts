import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { addDays } from '@shared/dates';
import { billingEmailOf, type AccountKind, type Address, type Contact } from '@shared/domain/accounts';
import { STATEMENT_PERIOD_DAYS, type StatementType } from '@shared/domain/documents';
import {
  statementFiltersSchema,
  type StatementCandidate,
  type StatementFilters,
  type StatementRun,
  type StatementSelection,
  type statementSaveRunSchema,
  type statementSelectSchema,
} from '@shared/domain/statements';
import { type Actor, nowIso, type ServiceContext } from '../../context';
import { invalid, notFound } from '../../errors';
import type { StatementRunTable } from '../../db/schema-statements';
import type { AgingService } from '../aging';
import { appendAudit } from '../audit';
import { mailability, mailingAddressOf } from '../documents/address';
import { stmt, withSqlite } from '../ledger/raw';

type SelectInput = z.output<typeof statementSelectSchema>;
type SaveRunInput = z.output<typeof statementSaveRunSchema>;

/** The period's first day a balance-forward statement uses (as build.ts does); null for open-item. */
function resolveFrom(type: StatementType, asOf: string, from: string | undefined): string | null {
  if (type !== 'balance_forward') return null;
  const f = from ?? addDays(asOf, -STATEMENT_PERIOD_DAYS);
  if (f > asOf) throw invalid(`from: the period starts ${f}, after the statement date ${asOf}.`, [{ path: 'from', message: 'after asOf' }]);
  return f;
}

interface AccountRow {
  id: number;
  account_number: string;
  name: string;
  kind: AccountKind;
  billing_address: string;
  mailing_address: string | null;
}
type EmailContact = Pick<Contact, 'isPrimary' | 'emails'>;

const blank: Address = { line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US' };
/** A stored address (written through addressSchema, so well-formed): read without validating it again, thousands at a time. */
const storedAddress = (json: string): Address => ({ ...blank, ...(JSON.parse(json) as Partial<Address>) });

/** Accounts and their contacts' emails for these ids: whole-table scans when many (one query each, never one per account). */
function accountFacts(sqlite: import('better-sqlite3-multiple-ciphers').Database, ids: number[]) {
  const wanted = new Set(ids);
  const many = ids.length > 200;
  const marks = ids.map(() => '?').join(',');
  const accounts = (
    many
      ? stmt(sqlite, 'SELECT id, account_number, name, kind, billing_address, mailing_address FROM account').all()
      : ids.length
        ? sqlite.prepare(`SELECT id, account_number, name, kind, billing_address, mailing_address FROM account WHERE id IN (${marks})`).all(...ids)
        : []
  ) as AccountRow[];
  const contactRows = (
    many
      ? stmt(sqlite, 'SELECT account_id, is_primary, emails FROM account_contact ORDER BY account_id, sort_order').all()
      : ids.length
        ? sqlite
            .prepare(`SELECT account_id, is_primary, emails FROM account_contact WHERE account_id IN (${marks}) ORDER BY account_id, sort_order`)
            .all(...ids)
        : []
  ) as { account_id: number; is_primary: number; emails: string }[];
  const contacts = new Map<number, EmailContact[]>();
  for (const c of contactRows) {
    if (!wanted.has(c.account_id)) continue;
    const list = contacts.get(c.account_id) ?? [];
    list.push({ isPrimary: c.is_primary === 1, emails: JSON.parse(c.emails) });
    contacts.set(c.account_id, list);
  }
  return { accounts: accounts.filter((a) => wanted.has(a.id)), contacts };
}

function runOf(r: Selectable<StatementRunTable>): StatementRun {
  const accountIds = JSON.parse(r.account_ids) as number[];
  const from = r.from_date ?? undefined;
  return {
    id: r.id,
    asOf: r.as_of,
    type: r.type,
    from: r.from_date,
    filters: statementFiltersSchema.parse(JSON.parse(r.filters)),
    accountIds,
    channel: r.channel,
    createdAt: r.created_at,
    createdBy: r.created_by,
    statements: accountIds.map((accountId) => ({ kind: 'statement' as const, accountId, asOf: r.as_of, type: r.type, ...(from ? { from } : {}) })),
  };
}

export function createStatementsService(ctx: ServiceContext, deps: { aging: AgingService }) {
  /**
   * The accounts a run would cover, in account-number order. Balances and past-due amounts are the
   * aging report's as of the date (one aging.summary over every account); the accounts' addresses and
   * billing emails come from two table reads, not one query per account.
   */
  async function select(input: SelectInput): Promise<StatementSelection> {
    const from = resolveFrom(input.type, input.asOf, input.from);
    const f = input.filters;
    const aging = await deps.aging.summary({ asOf: input.asOf, sort: 'accountNumber' });
    const figures = new Map(aging.rows.map((r) => [r.accountId, r]));
    const picked = f.accountIds ? [...new Set(f.accountIds)] : null;
    let ids = picked ?? aging.rows.map((r) => r.accountId);

    const result = await withSqlite(ctx, (sqlite) => {
      if (f.stageIds?.length) {
        const marks = f.stageIds.map(() => '?').join(',');
        const inStage = new Set(
          (sqlite.prepare(`SELECT account_id FROM account_collection WHERE stage_id IN (${marks})`).all(...f.stageIds) as { account_id: number }[]).map(
            (r) => r.account_id,
          ),
        );
        ids = ids.filter((id) => inStage.has(id));
      }
      if (f.queuedOnly) {
        const queued = new Set(
          (stmt(sqlite, "SELECT DISTINCT account_id FROM collection_task WHERE kind = 'statement' AND status = 'open'").all() as { account_id: number }[]).map(
            (r) => r.account_id,
          ),
        );
        ids = ids.filter((id) => queued.has(id));
      }
      if (picked) {
        const missing = picked.filter((id) => !(stmt(sqlite, 'SELECT 1 FROM account WHERE id = ?').get(id) !== undefined));
        if (missing.length) throw notFound(`Account ${missing.join(', ')}`);
      }
      return accountFacts(sqlite, ids);
    });

    const out: StatementCandidate[] = [];
    for (const a of result.accounts) {
      const row = figures.get(a.id);
      const balanceCents = row?.totalCents ?? 0;
      const pastDueCents = row ? row.buckets.slice(1).reduce((s, b) => s + b, 0) : 0;
      if (f.accountKind && a.kind !== f.accountKind) continue;
      if (f.minBalanceCents !== undefined && balanceCents < f.minBalanceCents) continue;
      if (f.pastDueOnly && pastDueCents <= 0) continue;
      const address = mailingAddressOf({
        billingAddress: storedAddress(a.billing_address),
        mailingAddress: a.mailing_address === null ? null : storedAddress(a.mailing_address),
      });
      const mail = mailability(address);
      out.push({
        accountId: a.id,
        accountNumber: a.account_number,
        accountName: a.name,
        accountKind: a.kind,
        balanceCents,
        pastDueCents,
        email: billingEmailOf({ contacts: (result.contacts.get(a.id) ?? []) as Contact[] }),
        mailProblem: mail.ok ? null : { code: mail.code, missing: mail.missing },
      });
    }
    out.sort((x, y) => (x.accountNumber < y.accountNumber ? -1 : x.accountNumber > y.accountNumber ? 1 : x.accountId - y.accountId));
    const totals = { accounts: out.length, balanceCents: 0, pastDueCents: 0, withoutEmail: 0, notMailable: 0 };
    for (const c of out) {
      totals.balanceCents += c.balanceCents;
      totals.pastDueCents += c.pastDueCents;
      if (c.email === null) totals.withoutEmail++;
      if (c.mailProblem) totals.notMailable++;
    }
    return { asOf: input.asOf, type: input.type, from, accounts: out, totals };
  }

  async function getRun(runId: number): Promise<StatementRun> {
    const r = await ctx.db.selectFrom('statement_run').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!r) throw notFound(`Statement run ${runId}`);
    return runOf(r);
  }

  return {
    select,
    getRun,

    /** Records a run as it goes out (its parameters and exactly these accounts, in order). */
    async saveRun(actor: Actor, input: SaveRunInput): Promise<StatementRun> {
      const from = resolveFrom(input.type, input.asOf, input.from);
      const dupes = input.accountIds.filter((id, i) => input.accountIds.indexOf(id) !== i);
      if (dupes.length)
        throw invalid(`accountIds: account ${dupes[0]} is listed twice; a run has one statement per account.`, [{ path: 'accountIds', message: 'duplicate' }]);
      const id = await ctx.db.transaction().execute(async (trx) => {
        const found = await trx.selectFrom('account').select('id').where('id', 'in', input.accountIds).execute();
        if (found.length !== input.accountIds.length) {
          const have = new Set(found.map((r) => r.id));
          throw notFound(`Account ${input.accountIds.filter((x) => !have.has(x)).join(', ')}`);
        }
        const filters: StatementFilters = input.filters;
        const row = await trx
          .insertInto('statement_run')
          .values({
            as_of: input.asOf,
            type: input.type,
            from_date: from,
            filters: JSON.stringify(filters),
            account_ids: JSON.stringify(input.accountIds),
            channel: input.channel,
            created_at: nowIso(ctx.clock),
            created_by_id: actor.userId,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'statementRun.save',
          entity: 'statement_run',
          entityId: String(row.id),
          before: null,
          after: { asOf: input.asOf, type: input.type, from, filters, accounts: input.accountIds.length, channel: input.channel },
        });
        return row.id;
      });
      ctx.emit('data.changed', { domains: ['documents'] });
      return getRun(id);
    },

    /** Saved runs, newest first. */
    async runs(q: { limit: number }): Promise<StatementRun[]> {
      const rows = await ctx.db.selectFrom('statement_run').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
      return rows.map(runOf);
    },
  };
}
export type StatementsService = ReturnType<typeof createStatementsService>;
