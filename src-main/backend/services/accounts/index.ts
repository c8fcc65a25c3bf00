import type { z } from 'zod';
import { sql, type Selectable } from 'kysely';
import {
  type accountCreateSchema,
  type accountUpdateSchema,
  addressSchema,
  accountSortKeys,
  MIN_PHONE_RUN,
  normalizeSearchText,
  phoneDigits,
  phoneSearch,
  type AccountListSort,
  timeZoneForState,
  type AccountDetail,
  type AccountSearchHit,
  type AccountSummary,
  type Address,
  type Contact,
} from '@shared/domain/accounts';
import type { Page } from '@shared/domain/text';
import { defaultTerms } from '@shared/domain/terms';
import type { Actor, Clock, Queryable, ServiceContext, Trx } from '../../context';
import { addDays } from '@shared/dates';
import { readAgingSettings } from '../aging';
import { businessToday } from '../ledger/posting';
import type { AccountTable } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { companyTimeZone, readSetting } from '../settings';
import type { Posting } from '../ledger/posting';

export type AccountRow = Selectable<AccountTable>;
type CreateInput = z.output<typeof accountCreateSchema>;
type UpdateInput = z.output<typeof accountUpdateSchema>;
type ContactData = z.output<typeof accountCreateSchema>['contacts'][number];

const normNumber = (s: string) => s.trim().toLowerCase();
const HIGH = '\uffff';

function parseAddress(json: string | null): Address | null {
  return json === null ? null : addressSchema.parse(JSON.parse(json));
}

async function companyDefaults(db: Queryable): Promise<{ timeZone: string; currency: string; terms: string }> {
  const company = await readSetting<{ currency?: string }>(db, 'company');
  const inv = await readSetting<{ defaultTerms?: string }>(db, 'invoices');
  return { timeZone: await companyTimeZone(db), currency: company?.currency ?? 'USD', terms: inv?.defaultTerms ?? defaultTerms };
}

function deriveTimeZone(billing: Address, mailing: Address | null): string | null {
  return timeZoneForState(mailing?.state || null) ?? timeZoneForState(billing.state);
}

/** Rebuild the account's type-ahead keys (number, name and each name word, phone digits, emails). */
async function writeSearchKeys(trx: Trx, accountId: number, accountNumber: string, name: string, contacts: ContactData[]): Promise<void> {
  await trx.deleteFrom('account_search_key').where('account_id', '=', accountId).execute();
  const keys = new Map<string, { key: string; kind: 'accountNumber' | 'name' | 'phone' | 'email'; display: string }>();
  const add = (key: string, kind: 'accountNumber' | 'name' | 'phone' | 'email', display: string) => {
    if (key) keys.set(`${kind}\u0000${key}`, { key, kind, display });
  };
  add(normNumber(accountNumber), 'accountNumber', accountNumber);
  const nameNorm = normalizeSearchText(name);
  add(nameNorm, 'name', name);
  for (const w of nameNorm.split(' ')) add(w, 'name', name);
  for (const c of contacts) {
    for (const ph of c.phones) add(phoneDigits(ph.number), 'phone', ph.number);
    for (const em of c.emails) add(em.email.toLowerCase(), 'email', em.email);
    // A contact person's name finds the account too.
    const cn = normalizeSearchText(c.name);
    if (cn !== nameNorm) {
      add(cn, 'name', `${c.name} (contact)`);
      for (const w of cn.split(' ')) if (!keys.has(`name\u0000${w}`)) add(w, 'name', `${c.name} (contact)`);
    }
  }
  const rows = [...keys.values()].map((k) => ({ key: k.key, account_id: accountId, kind: k.kind, display: k.display }));
  if (rows.length > 0) await trx.insertInto('account_search_key').values(rows).execute();
  await writePhoneRuns(trx, accountId, contacts);
}

/** Every suffix of MIN_PHONE_RUN or more digits of each phone (migration 019), so a search by any run of digits is a prefix scan. */
async function writePhoneRuns(trx: Trx, accountId: number, contacts: ContactData[]): Promise<void> {
  await trx.deleteFrom('account_phone_run').where('account_id', '=', accountId).execute();
  const runs = new Map<string, { digits: string; account_id: number; display: string }>();
  for (const c of contacts) {
    for (const ph of c.phones) {
      const d = phoneDigits(ph.number);
      for (let i = 0; d.length - i >= MIN_PHONE_RUN; i++) {
        const digits = d.slice(i);
        runs.set(`${digits}\u0000${ph.number}`, { digits, account_id: accountId, display: ph.number });
      }
    }
  }
  const rows = [...runs.values()];
  if (rows.length > 0) await trx.insertInto('account_phone_run').values(rows).execute();
}

/**
 * The browse list's sort keys, each with its ORDER BY expression (a whitelist: the key never reaches SQL
 * as text) and the direction a header click starts with. account.id breaks ties so paging is stable.
 */
const sortColumns: Record<AccountListSort, string> = {
  name: 'account.name_norm',
  accountNumber: 'account.account_number_norm',
  kind: 'account.kind',
  status: 'account.status',
  balance: 'account.balance_cents',
  pastDue: 'past_due_cents',
};

/**
 * Replace an account's contacts with this list. Contacts that come back with their id are updated
 * in place, so records that name a contact (calls, promises) keep pointing at the same person.
 */
async function writeContacts(trx: Trx, accountId: number, contacts: ContactData[]): Promise<void> {
  const existing = new Set((await trx.selectFrom('account_contact').select('id').where('account_id', '=', accountId).execute()).map((r) => r.id));
  const kept = new Set(contacts.map((c) => c.id).filter((id): id is number => id !== undefined && existing.has(id)));
  const gone = [...existing].filter((id) => !kept.has(id));
  if (gone.length > 0) await trx.deleteFrom('account_contact').where('id', 'in', gone).execute();
  const anyPrimary = contacts.some((c) => c.isPrimary);
  for (const [i, c] of contacts.entries()) {
    const values = {
      account_id: accountId,
      sort_order: i,
      name: c.name,
      title: c.title,
      is_primary: c.isPrimary || (!anyPrimary && i === 0) ? 1 : 0,
      phones: JSON.stringify(c.phones),
      emails: JSON.stringify(c.emails),
    };
    if (c.id !== undefined && kept.has(c.id)) await trx.updateTable('account_contact').set(values).where('id', '=', c.id).execute();
    else await trx.insertInto('account_contact').values(values).execute();
  }
}

async function readContacts(db: Queryable, accountIds: number[]): Promise<Map<number, Contact[]>> {
  const out = new Map<number, Contact[]>();
  if (accountIds.length === 0) return out;
  const rows = await db.selectFrom('account_contact').selectAll().where('account_id', 'in', accountIds).orderBy('account_id').orderBy('sort_order').execute();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push({ id: r.id, name: r.name, title: r.title, isPrimary: r.is_primary === 1, phones: JSON.parse(r.phones), emails: JSON.parse(r.emails) });
    out.set(r.account_id, list);
  }
  return out;
}

function toSummary(r: AccountRow, contacts: Contact[] | undefined, pastDueCents: number): AccountSummary {
  const primary = contacts?.find((c) => c.isPrimary) ?? contacts?.[0];
  return {
    id: r.id,
    accountNumber: r.account_number,
    name: r.name,
    kind: r.kind,
    status: r.status,
    balanceCents: r.balance_cents,
    unappliedCents: r.unapplied_cents,
    pastDueCents,
    primaryPhone: primary?.phones[0]?.number ?? contacts?.find((c) => c.phones.length > 0)?.phones[0]?.number ?? null,
    primaryEmail: primary?.emails[0]?.email ?? contacts?.find((c) => c.emails.length > 0)?.emails[0]?.email ?? null,
  };
}

function toDetail(r: AccountRow, contacts: Contact[], pastDueCents: number): AccountDetail {
  return {
    ...toSummary(r, contacts, pastDueCents),
    contacts,
    billingAddress: parseAddress(r.billing_address)!,
    mailingAddress: parseAddress(r.mailing_address),
    timeZone: r.time_zone,
    terms: r.terms,
    creditLimitCents: r.credit_limit_cents,
    notes: r.notes,
    currency: r.currency,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Open debits due before this business date are past due: aging's edge of Current, as of today. */
async function pastDueCutoff(db: Queryable, clock: Clock): Promise<string> {
  const [today, settings] = await Promise.all([businessToday(db, clock), readAgingSettings(db)]);
  return addDays(today, -settings.currentThroughDays);
}

async function pastDueByAccount(db: Queryable, ids: number[], cutoff: string): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('document')
    .select((eb) => ['account_id', eb.fn.sum<number>('open_cents').as('cents')])
    .where('account_id', 'in', ids)
    .where('side', '=', 'debit')
    .where('open_cents', '>', 0)
    .where('due_date', '<', cutoff)
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, Number(r.cents)]));
}

async function summariesById(db: Queryable, clock: Clock, ids: number[]): Promise<Map<number, AccountSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account').selectAll().where('id', 'in', ids).execute();
  const contacts = await readContacts(db, ids);
  const pastDue = await pastDueByAccount(db, ids, await pastDueCutoff(db, clock));
  return new Map(rows.map((r) => [r.id, toSummary(r, contacts.get(r.id), pastDue.get(r.id) ?? 0)]));
}

/** What the audit log records of an account. */
const auditView = (d: AccountDetail) => {
  const { balanceCents: _b, unappliedCents: _u, primaryPhone: _p, primaryEmail: _e, createdAt: _c, updatedAt: _t, ...rest } = d;
  return { ...rest, contacts: d.contacts.map(({ id: _id, ...c }) => c) };
};

/**
 * Create an account inside the caller's transaction, with its audit record. For the service and for a
 * bulk data generator (pass parsed input: accountCreateSchema.parse(...)).
 */
export async function insertAccount(p: Posting, input: CreateInput): Promise<number> {
  const { trx } = p;
  const numberNorm = normNumber(input.accountNumber);
  const dup = await trx.selectFrom('account').select('id').where('account_number_norm', '=', numberNorm).executeTakeFirst();
  if (dup) throw conflict(`Account number ${input.accountNumber} is already taken.`, { field: 'accountNumber' });
  const defaults = await companyDefaults(trx);
  const now = p.clock.now().toISOString();
  const row = await trx
    .insertInto('account')
    .values({
      account_number: input.accountNumber,
      account_number_norm: numberNorm,
      name: input.name,
      name_norm: normalizeSearchText(input.name),
      kind: input.kind,
      status: input.status,
      billing_address: JSON.stringify(input.billingAddress),
      mailing_address: input.mailingAddress ? JSON.stringify(input.mailingAddress) : null,
      time_zone: input.timeZone ?? deriveTimeZone(input.billingAddress, input.mailingAddress) ?? defaults.timeZone,
      terms: input.terms ?? defaults.terms,
      credit_limit_cents: input.creditLimitCents,
      notes: input.notes,
      currency: defaults.currency,
      balance_cents: 0,
      unapplied_cents: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeContacts(trx, row.id, input.contacts);
  await writeSearchKeys(trx, row.id, input.accountNumber, input.name, input.contacts);
  await appendAudit(trx, p.clock, p.actor, {
    action: 'account.create',
    entity: 'account',
    entityId: row.id,
    after: { accountNumber: input.accountNumber, name: input.name, kind: input.kind },
  });
  return row.id;
}

export function createAccountsService(ctx: ServiceContext) {
  async function get(id: number, db: Queryable = ctx.db): Promise<AccountDetail> {
    const row = await db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`Account ${id}`);
    const contacts = (await readContacts(db, [id])).get(id) ?? [];
    const pastDue = await pastDueByAccount(db, [id], await pastDueCutoff(db, ctx.clock));
    return toDetail(row, contacts, pastDue.get(id) ?? 0);
  }

  return {
    get: (id: number) => get(id),
    summaries: (ids: number[], db: Queryable = ctx.db) => summariesById(db, ctx.clock, ids),

    async create(actor: Actor, input: CreateInput): Promise<AccountDetail> {
      const detail = await ctx.db.transaction().execute(async (trx) => {
        const id = await insertAccount({ trx, clock: ctx.clock, actor }, input);
        return get(id, trx);
      });
      ctx.emit('data.changed', { domains: ['accounts'] });
      return detail;
    },

    /** Edit any field; audited with before and after. Contacts, when given, replace the list. */
    async update(actor: Actor, input: UpdateInput): Promise<AccountDetail> {
      const detail = await ctx.db.transaction().execute(async (trx) => {
        const before = await get(input.accountId, trx);
        const row = await trx.selectFrom('account').selectAll().where('id', '=', input.accountId).executeTakeFirstOrThrow();
        const accountNumber = input.accountNumber ?? row.account_number;
        if (input.accountNumber !== undefined && normNumber(input.accountNumber) !== row.account_number_norm) {
          const dup = await trx.selectFrom('account').select('id').where('account_number_norm', '=', normNumber(input.accountNumber)).executeTakeFirst();
          if (dup) throw conflict(`Account number ${input.accountNumber} is already taken.`, { field: 'accountNumber' });
        }
        const name = input.name ?? row.name;
        const billing = input.billingAddress ?? before.billingAddress;
        const mailing = input.mailingAddress !== undefined ? input.mailingAddress : before.mailingAddress;
        const addressChanged = input.billingAddress !== undefined || input.mailingAddress !== undefined;
        const timeZone = input.timeZone ?? (addressChanged ? (deriveTimeZone(billing, mailing) ?? row.time_zone) : row.time_zone);
        if (input.status === 'closed' && row.balance_cents !== 0)
          throw conflict(`Account ${row.account_number} still has a balance; settle it before closing the account.`);
        await trx
          .updateTable('account')
          .set({
            account_number: accountNumber,
            account_number_norm: normNumber(accountNumber),
            name,
            name_norm: normalizeSearchText(name),
            kind: input.kind ?? row.kind,
            status: input.status ?? row.status,
            billing_address: JSON.stringify(billing),
            mailing_address: mailing ? JSON.stringify(mailing) : null,
            time_zone: timeZone,
            terms: input.terms ?? row.terms,
            credit_limit_cents: input.creditLimitCents !== undefined ? input.creditLimitCents : row.credit_limit_cents,
            notes: input.notes ?? row.notes,
            updated_at: ctx.clock.now().toISOString(),
          })
          .where('id', '=', row.id)
          .execute();
        const contacts: ContactData[] = input.contacts ?? before.contacts;
        if (input.contacts) await writeContacts(trx, row.id, input.contacts);
        await writeSearchKeys(trx, row.id, accountNumber, name, contacts);
        const after = await get(row.id, trx);
        await appendAudit(trx, ctx.clock, actor, {
          action: 'account.update',
          entity: 'account',
          entityId: row.id,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      });
      ctx.emit('data.changed', { domains: ['accounts'] });
      return detail;
    },

    /**
     * Type-ahead search by account number, name (whole name or any word), contact phone (digits),
     * email or invoice/document number. Every source is a prefix range scan on an index.
     */
    async search(query: string, limit = 20): Promise<AccountSearchHit[]> {
      const q = normalizeSearchText(query);
      if (!q) return [];
      const found = new Map<number, { matchedOn: AccountSearchHit['matchedOn']; matchedText: string; rank: number }>();
      const rank = { accountNumber: 0, invoiceNumber: 1, name: 2, phone: 3, email: 4 } as const;
      const note = (id: number, matchedOn: AccountSearchHit['matchedOn'], matchedText: string) => {
        const prev = found.get(id);
        if (!prev || rank[matchedOn] < prev.rank) found.set(id, { matchedOn, matchedText, rank: rank[matchedOn] });
      };
      const fetch = limit * 3;
      const keyRows = await ctx.db
        .selectFrom('account_search_key')
        .select(['account_id', 'kind', 'display'])
        .where('key', '>=', q)
        .where('key', '<', q + HIGH)
        .where('kind', '!=', 'phone')
        .limit(fetch)
        .execute();
      for (const r of keyRows) note(r.account_id, r.kind as AccountSearchHit['matchedOn'], r.display);
      // A phone number: any run of four or more digits anywhere in it, or its start after a country code.
      const phone = phoneSearch(query);
      if (phone?.anchored && phone.digits) {
        const phones = await ctx.db
          .selectFrom('account_search_key')
          .select(['account_id', 'display'])
          .where('key', '>=', phone.digits)
          .where('key', '<', phone.digits + HIGH)
          .where('kind', '=', 'phone')
          .limit(fetch)
          .execute();
        for (const r of phones) note(r.account_id, 'phone', r.display);
      } else if (phone) {
        const phones = await ctx.db
          .selectFrom('account_phone_run')
          .select(['account_id', 'display'])
          .where('digits', '>=', phone.digits)
          .where('digits', '<', phone.digits + HIGH)
          .limit(fetch)
          .execute();
        for (const r of phones) note(r.account_id, 'phone', r.display);
      }
      const upper = query.trim().toUpperCase();
      const numberCandidates = /^\d+$/.test(upper) ? ['INV', 'CN', 'RCT'].map((s) => `${s}-${upper.padStart(6, '0')}`) : [];
      let docQuery = ctx.db
        .selectFrom('document')
        .select(['account_id', 'number'])
        .where((eb) =>
          eb.or([
            eb.and([eb('number', '>=', upper), eb('number', '<', upper + HIGH)]),
            ...(numberCandidates.length ? [eb('number', 'in', numberCandidates)] : []),
          ]),
        );
      docQuery = docQuery.limit(fetch);
      for (const r of await docQuery.execute()) note(r.account_id, 'invoiceNumber', r.number ?? '');
      const ranked = [...found.entries()].sort((a, b) => a[1].rank - b[1].rank);
      const ids = ranked.map(([id]) => id);
      const summaries = await summariesById(ctx.db, ctx.clock, ids);
      return ranked
        .map(([id, m]) => ({ ...summaries.get(id)!, matchedOn: m.matchedOn, matchedText: m.matchedText }))
        .sort((a, b) => rank[a.matchedOn] - rank[b.matchedOn] || a.name.localeCompare(b.name) || a.id - b.id)
        .slice(0, limit);
    },

    /** Browse: a page of accounts with the total count, filtered and sorted (by a whitelisted key, either way). */
    async list(q: {
      limit: number;
      offset: number;
      status?: AccountRow['status'];
      kind?: AccountRow['kind'];
      sort: AccountListSort;
      direction?: 'asc' | 'desc';
    }): Promise<Page<AccountSummary>> {
      // The contract refuses other keys; this guards callers inside the backend (CLI, scripts) too.
      if (!Object.hasOwn(sortColumns, q.sort)) {
        throw new DomainError('VALIDATION', `Accounts cannot be sorted by "${String(q.sort)}": sort by one of ${accountSortKeys.join(', ')}.`);
      }
      const direction = q.direction ?? (q.sort === 'balance' || q.sort === 'pastDue' ? 'desc' : 'asc');
      let base = ctx.db.selectFrom('account');
      if (q.status) base = base.where('status', '=', q.status);
      if (q.kind) base = base.where('kind', '=', q.kind);
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const cutoff = await pastDueCutoff(ctx.db, ctx.clock);
      // Past due depends on today, so it is summed from the open-debit index, not stored.
      let rowsQ = base.selectAll('account').select((eb) =>
        eb
          .selectFrom('document')
          .select((d) => d.fn.coalesce(d.fn.sum<number>('open_cents'), d.lit(0)).as('s'))
          .whereRef('document.account_id', '=', 'account.id')
          .where('side', '=', 'debit')
          .where('open_cents', '>', 0)
          .where('due_date', '<', cutoff)
          .as('past_due_cents'),
      );
      rowsQ = rowsQ.orderBy(sql.ref(sortColumns[q.sort]), direction);
      // Equal past-due amounts: the larger balance first, as before; then the id, which keeps paging stable.
      if (q.sort === 'pastDue') rowsQ = rowsQ.orderBy('account.balance_cents', direction);
      rowsQ = rowsQ.orderBy('account.id', direction);
      const rows = await rowsQ.limit(q.limit).offset(q.offset).execute();
      const contacts = await readContacts(
        ctx.db,
        rows.map((r) => r.id),
      );
      return { rows: rows.map((r) => toSummary(r, contacts.get(r.id), Number(r.past_due_cents ?? 0))), total, limit: q.limit, offset: q.offset };
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
