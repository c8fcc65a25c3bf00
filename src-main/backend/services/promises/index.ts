import type { Selectable } from 'kysely';
import { addDays, dateInZone, type IsoDate } from '@shared/dates';
import type { PromiseToPay } from '@shared/domain/collections';
import type { Actor, Clock, Queryable, ServiceContext, Trx } from '../../context';
import type { PromiseToPayTable } from '../../db/schema-collections';
import { DomainError } from '../../errors';
import { appendAudit } from '../audit';
import { companyTimeZone } from '../settings';
import { loadAccount, readCollectionsSettings } from '../compliance';

type PromiseRow = Selectable<PromiseToPayTable>;

/** A posted payment on the account and, if it was reversed (bounced check, returned ACH), the reversal's date. */
export interface PaymentFact {
  date: IsoDate;
  amountCents: number;
  reversedOn: IsoDate | null;
}

/**
 * Kept or broken, decided from posted payments (pure). A payment counts when it is dated from the day the
 * promise was made through the due date + grace days, is dated on or before `asOf`, and had not been
 * reversed by `asOf`. Kept: the counted payments reach the amount (decided on the date they did). Broken:
 * asOf is after due date + grace and they do not. Otherwise pending.
 */
export function evaluatePromise(
  p: { amountCents: number; promisedOn: IsoDate; dueDate: IsoDate; graceDays: number },
  payments: readonly PaymentFact[],
  asOf: IsoDate,
): Pick<PromiseToPay, 'status' | 'paidCents' | 'decidedOn' | 'lastDate'> {
  const lastDate = addDays(p.dueDate, p.graceDays);
  const counted = payments
    .filter((x) => x.date >= p.promisedOn && x.date <= lastDate && x.date <= asOf && !(x.reversedOn !== null && x.reversedOn <= asOf))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let paid = 0;
  let keptOn: IsoDate | null = null;
  for (const x of counted) {
    paid += x.amountCents;
    if (keptOn === null && paid >= p.amountCents) keptOn = x.date;
  }
  if (keptOn) return { status: 'kept', paidCents: paid, decidedOn: keptOn, lastDate };
  if (asOf > lastDate) return { status: 'broken', paidCents: paid, decidedOn: addDays(lastDate, 1), lastDate };
  return { status: 'pending', paidCents: paid, decidedOn: null, lastDate };
}

async function companyZone(db: Queryable): Promise<string> {
  return companyTimeZone(db);
}

/** Posted payments (with their reversal dates) of these accounts dated in [from, to]. */
export async function paymentFacts(db: Queryable, accountIds: readonly number[], from: IsoDate, to: IsoDate): Promise<Map<number, PaymentFact[]>> {
  const out = new Map<number, PaymentFact[]>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom('document as p')
    .leftJoin('document as r', (j) => j.onRef('r.related_document_id', '=', 'p.id').on('r.kind', '=', 'reversal').on('r.status', '=', 'posted'))
    .select(['p.account_id', 'p.doc_date', 'p.total_cents', 'r.doc_date as reversed_on'])
    .where('p.kind', '=', 'payment')
    .where('p.status', '=', 'posted')
    .where('p.account_id', 'in', [...accountIds])
    .where('p.doc_date', '>=', from)
    .where('p.doc_date', '<=', to)
    .execute();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push({ date: r.doc_date, amountCents: r.total_cents, reversedOn: r.reversed_on ?? null });
    out.set(r.account_id, list);
  }
  return out;
}

/**
 * Record a promise in the caller's transaction (with its audit record). The promise is made on the
 * business date of `madeAt` in the company's zone; payments count from that date. The grace days in force
 * are stored with it, so a later change of the setting does not turn old promises kept or broken.
 */
export async function createPromiseInTrx(
  trx: Trx,
  clock: Clock,
  actor: Actor,
  input: { accountId: number; callId: number | null; contactName: string | null; amountCents: number; dueDate: IsoDate; madeAt: Date },
): Promise<PromiseRow> {
  await loadAccount(trx, input.accountId);
  const promisedOn = dateInZone(input.madeAt, await companyZone(trx));
  if (input.dueDate < promisedOn)
    throw new DomainError('VALIDATION', `The promised date ${input.dueDate} is before the day the promise was made (${promisedOn}).`, [
      { path: 'promise.dueDate', message: 'Must be on or after the day of the call' },
    ]);
  const { promiseGraceDays } = await readCollectionsSettings(trx);
  const row = await trx
    .insertInto('promise_to_pay')
    .values({
      account_id: input.accountId,
      call_id: input.callId,
      contact_name: input.contactName,
      amount_cents: input.amountCents,
      promised_on: promisedOn,
      due_date: input.dueDate,
      grace_days: promiseGraceDays,
      created_at: clock.now().toISOString(),
      created_by_id: actor.userId,
      created_by: actor.username,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, clock, actor, {
    action: 'promise.create',
    entity: 'account',
    entityId: input.accountId,
    after: { promiseId: row.id, amountCents: row.amount_cents, promisedOn, dueDate: row.due_date, graceDays: row.grace_days, callId: input.callId },
  });
  return row;
}

function view(r: PromiseRow, payments: readonly PaymentFact[], asOf: IsoDate): PromiseToPay {
  return {
    id: r.id,
    accountId: r.account_id,
    callId: r.call_id,
    contactName: r.contact_name,
    amountCents: r.amount_cents,
    promisedOn: r.promised_on,
    dueDate: r.due_date,
    graceDays: r.grace_days,
    createdAt: r.created_at,
    createdBy: r.created_by,
    ...evaluatePromise({ amountCents: r.amount_cents, promisedOn: r.promised_on, dueDate: r.due_date, graceDays: r.grace_days }, payments, asOf),
  };
}

async function evaluateRows(db: Queryable, rows: PromiseRow[], asOf: IsoDate): Promise<PromiseToPay[]> {
  if (rows.length === 0) return [];
  const from = rows.reduce((m, r) => (r.promised_on < m ? r.promised_on : m), rows[0]!.promised_on);
  const to = rows.reduce((m, r) => {
    const last = addDays(r.due_date, r.grace_days);
    return last > m ? last : m;
  }, from);
  const payments = await paymentFacts(db, [...new Set(rows.map((r) => r.account_id))], from, to);
  return rows.map((r) => view(r, payments.get(r.account_id) ?? [], asOf));
}

export function createPromisesService(ctx: ServiceContext) {
  const today = async (db: Queryable) => dateInZone(ctx.clock.now(), await companyZone(db));

  return {
    /** promises.list: the account's promises, newest first, each kept/broken/pending as of `asOf` (today). */
    async list(accountId: number, asOf?: IsoDate, db: Queryable = ctx.db): Promise<PromiseToPay[]> {
      await loadAccount(db, accountId);
      const rows = await db
        .selectFrom('promise_to_pay')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return evaluateRows(db, rows, asOf ?? (await today(db)));
    },

    /**
     * For the worklist, as of a business date: promises whose date has come and that are not kept yet
     * (status 'pending', dueDate <= asOf <= dueDate + grace), and broken promises that are the account's
     * latest promise (a newer promise supersedes a broken one). Oldest due first.
     */
    async promisesDueOrBroken(asOf: IsoDate, opts: { accountIds?: readonly number[] } = {}, db: Queryable = ctx.db): Promise<PromiseToPay[]> {
      if (opts.accountIds && opts.accountIds.length === 0) return [];
      let q = db
        .selectFrom('promise_to_pay as p')
        .selectAll('p')
        .where('p.due_date', '<=', asOf)
        .where('p.promised_on', '<=', asOf)
        // the latest promise of its account (as of asOf)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('promise_to_pay as n')
                .select('n.id')
                .whereRef('n.account_id', '=', 'p.account_id')
                .where('n.promised_on', '<=', asOf)
                .whereRef('n.id', '>', 'p.id'),
            ),
          ),
        );
      if (opts.accountIds) q = q.where('p.account_id', 'in', [...opts.accountIds]);
      const evaluated = await evaluateRows(db, await q.execute(), asOf);
      return evaluated.filter((p) => p.status !== 'kept').sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));
    },

    /**
     * For the worklist: accounts with a pending promise whose date + grace has not passed ("promise to pay
     * not yet due" stops collection activity, DOMAIN.md). accountId -> the promise.
     */
    async promiseHolds(asOf: IsoDate, opts: { accountIds?: readonly number[] } = {}, db: Queryable = ctx.db): Promise<Map<number, PromiseToPay>> {
      const out = new Map<number, PromiseToPay>();
      if (opts.accountIds && opts.accountIds.length === 0) return out;
      let q = db
        .selectFrom('promise_to_pay')
        .selectAll()
        .where('promised_on', '<=', asOf)
        .where((eb) => eb(eb.fn('date', [eb.ref('due_date'), eb.fn('printf', [eb.val('+%d days'), eb.ref('grace_days')])]), '>=', asOf));
      if (opts.accountIds) q = q.where('account_id', 'in', [...opts.accountIds]);
      for (const p of await evaluateRows(db, await q.orderBy('id').execute(), asOf)) if (p.status === 'pending') out.set(p.accountId, p);
      return out;
    },
  };
}
export type PromisesService = ReturnType<typeof createPromisesService>;
