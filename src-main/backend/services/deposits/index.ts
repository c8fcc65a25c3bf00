import { sql } from 'kysely';
import {
  DEPOSIT_SERIES,
  isDepositedMethod,
  totalsByMethod,
  type DepositCreateInput,
  type DepositDetail,
  type DepositPaymentRow,
  type DepositSummary,
  type OfficeBankAccount,
  type OfficeBankAccountSaveInput,
} from '@shared/domain/deposits';
import type { CompanySettings } from '@shared/domain/settings';
import { checkAccountNumber, checkRoutingNumber, lastFour } from '@shared/domain/bank-accounts';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { nowIso } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { businessToday } from '../ledger/posting';
import { nextNumber } from '../numbering';
import { readSetting } from '../settings';

/** The deposit a payment went to the bank in, or null: the returned-item path reads it (issue 15). */
export async function depositOfPayment(db: Queryable, paymentId: number): Promise<{ depositId: number; number: string; depositDate: string } | null> {
  const row = await db
    .selectFrom('deposit_payment as dp')
    .innerJoin('deposit as d', 'd.id', 'dp.deposit_id')
    .select(['d.id', 'd.number', 'd.deposit_date'])
    .where('dp.payment_document_id', '=', paymentId)
    .executeTakeFirst();
  return row ? { depositId: row.id, number: row.number, depositDate: row.deposit_date } : null;
}

/** Payments of the deposited methods: posted, not reversed; `undeposited` adds "in no deposit". */
function paymentRows(db: Queryable) {
  return db
    .selectFrom('document as p')
    .innerJoin('account as a', 'a.id', 'p.account_id')
    .select([
      'p.id as paymentId',
      'p.number',
      'p.doc_date as date',
      'p.account_id as accountId',
      'a.account_number as accountNumber',
      'a.name as accountName',
      'p.method',
      'p.check_number as checkNumber',
      'p.reference',
      'p.total_cents as amountCents',
    ])
    .where('p.kind', '=', 'payment')
    .where('p.status', '=', 'posted')
    .where('p.method', 'in', ['cash', 'check']);
}

const notReversed = sql<boolean>`NOT EXISTS (SELECT 1 FROM document r WHERE r.related_document_id = p.id AND r.kind = 'reversal')`;
const inNoDeposit = sql<boolean>`NOT EXISTS (SELECT 1 FROM deposit_payment dp WHERE dp.payment_document_id = p.id)`;

type PaymentSelect = Awaited<ReturnType<ReturnType<typeof paymentRows>['execute']>>[number];
const toRow = (r: PaymentSelect): DepositPaymentRow => {
  if (!isDepositedMethod(r.method)) throw new Error(`payment ${r.paymentId} has method ${r.method}, not a deposited one`);
  return {
    paymentId: r.paymentId,
    number: r.number ?? '',
    date: r.date,
    accountId: r.accountId,
    accountNumber: r.accountNumber,
    accountName: r.accountName,
    method: r.method,
    checkNumber: r.checkNumber,
    reference: r.reference,
    amountCents: r.amountCents,
  };
};

function summaryOf(r: {
  id: number;
  number: string;
  deposit_date: string;
  office_bank_account_id: number;
  name: string;
  last4: string;
  cash_cents: number;
  check_cents: number;
  total_cents: number;
  payment_count: number;
  memo: string;
  created_at: string;
  created_by_id: number | null;
  created_by: string | null;
  display_name: string | null;
}): DepositSummary {
  return {
    id: r.id,
    number: r.number,
    depositDate: r.deposit_date,
    officeBankAccountId: r.office_bank_account_id,
    officeBankAccountName: r.name,
    officeBankAccountLast4: r.last4,
    cashCents: r.cash_cents,
    checkCents: r.check_cents,
    totalCents: r.total_cents,
    count: r.payment_count,
    memo: r.memo,
    createdAt: r.created_at,
    createdById: r.created_by_id,
    // A person's name on screen and on the slip; the user name only when the user is gone.
    createdBy: r.display_name ?? r.created_by,
  };
}

function depositsQuery(db: Queryable) {
  return db
    .selectFrom('deposit as d')
    .innerJoin('office_bank_account as o', 'o.id', 'd.office_bank_account_id')
    .leftJoin('app_user as u', 'u.id', 'd.created_by_id')
    .select([
      'd.id',
      'd.number',
      'd.deposit_date',
      'd.office_bank_account_id',
      'o.name',
      'o.last4',
      'd.cash_cents',
      'd.check_cents',
      'd.total_cents',
      'd.payment_count',
      'd.memo',
      'd.created_at',
      'd.created_by_id',
      'd.created_by',
      'u.display_name',
    ]);
}

const officeAccountOf = (r: { id: number; name: string; routing_number: string; last4: string; active: number }): OfficeBankAccount => ({
  id: r.id,
  name: r.name,
  routingNumber: r.routing_number,
  last4: r.last4,
  active: r.active === 1,
});

export function createDepositsService(ctx: ServiceContext) {
  const changed = () => ctx.emit('data.changed', { domains: ['deposits', 'payments'] });

  async function get(db: Queryable, depositId: number): Promise<DepositDetail> {
    const d = await depositsQuery(db).where('d.id', '=', depositId).executeTakeFirst();
    if (!d) throw notFound(`Deposit ${depositId}`);
    const payments = await paymentRows(db)
      .innerJoin('deposit_payment as dp', 'dp.payment_document_id', 'p.id')
      .where('dp.deposit_id', '=', depositId)
      .orderBy('p.method')
      .orderBy('p.doc_date')
      .orderBy('p.id')
      .execute();
    return { ...summaryOf(d), payments: payments.map(toRow) };
  }

  return {
    depositOfPayment: (paymentId: number) => depositOfPayment(ctx.db, paymentId),

    async listOfficeAccounts(): Promise<OfficeBankAccount[]> {
      const rows = await ctx.db
        .selectFrom('office_bank_account')
        .select(['id', 'name', 'routing_number', 'last4', 'active'])
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(officeAccountOf);
    },

    async saveOfficeAccount(actor: Actor, input: OfficeBankAccountSaveInput): Promise<OfficeBankAccount> {
      // The schema refused numbers that fail their checks; these are their digits, spaces and dashes gone.
      const routing = checkRoutingNumber(input.routingNumber);
      const account = input.accountNumber === undefined ? null : checkAccountNumber(input.accountNumber);
      if (!routing.ok) throw invalid(`Routing number: ${routing.reason}`, [{ path: 'routingNumber', message: routing.reason }]);
      if (account && !account.ok) throw invalid(`Account number: ${account.reason}`, [{ path: 'accountNumber', message: account.reason }]);
      const routingNumber = routing.value;
      const number = account?.value;
      const saved = await ctx.db.transaction().execute(async (trx) => {
        const at = nowIso(ctx.clock);
        if (input.id === undefined) {
          if (!number) throw invalid('A new bank account needs its account number.', [{ path: 'accountNumber', message: 'required' }]);
          const row = await trx
            .insertInto('office_bank_account')
            .values({
              name: input.name,
              routing_number: routingNumber,
              account_number: number,
              last4: lastFour(number),
              active: input.active === false ? 0 : 1,
              created_at: at,
              created_by: actor.username,
              updated_at: at,
            })
            .returning(['id', 'name', 'routing_number', 'last4', 'active'])
            .executeTakeFirstOrThrow();
          // The audit keeps the masked number only: the full one stays in its column.
          await appendAudit(trx, ctx.clock, actor, {
            action: 'officeBankAccount.save',
            entity: 'office_bank_account',
            entityId: row.id,
            after: officeAccountOf(row),
          });
          return row;
        }
        const before = await trx
          .selectFrom('office_bank_account')
          .select(['id', 'name', 'routing_number', 'last4', 'active'])
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (!before) throw notFound(`Office bank account ${input.id}`);
        const row = await trx
          .updateTable('office_bank_account')
          .set({
            name: input.name,
            routing_number: routingNumber,
            ...(number ? { account_number: number, last4: lastFour(number) } : {}),
            ...(input.active === undefined ? {} : { active: input.active ? 1 : 0 }),
            updated_at: at,
          })
          .where('id', '=', input.id)
          .returning(['id', 'name', 'routing_number', 'last4', 'active'])
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'officeBankAccount.save',
          entity: 'office_bank_account',
          entityId: row.id,
          before: officeAccountOf(before),
          after: officeAccountOf(row),
        });
        return row;
      });
      ctx.emit('data.changed', { domains: ['deposits', 'settings'] });
      return officeAccountOf(saved);
    },

    /** Cash and check payments, posted, not reversed, in no deposit yet; oldest first. */
    async undeposited(input: { accountId?: number } = {}): Promise<DepositPaymentRow[]> {
      let q = paymentRows(ctx.db).where(notReversed).where(inNoDeposit);
      if (input.accountId !== undefined) q = q.where('p.account_id', '=', input.accountId);
      const rows = await q.orderBy('p.doc_date').orderBy('p.id').execute();
      return rows.map(toRow);
    },

    /**
     * One deposit of these payments, all or nothing: each must be a posted, non-reversed cash or check
     * payment in no other deposit, dated on or before the deposit. The check-then-write runs in one
     * transaction, and the unique payment key refuses a race that slips past it.
     */
    async create(actor: Actor, input: DepositCreateInput & { memo: string }): Promise<DepositDetail> {
      const detail = await ctx.db.transaction().execute(async (trx: Trx) => {
        const today = await businessToday(trx, ctx.clock);
        if (input.depositDate > today) throw invalid('The deposit date is after today.', [{ path: 'depositDate', message: 'after today' }]);
        const office = await trx
          .selectFrom('office_bank_account')
          .select(['id', 'active', 'name'])
          .where('id', '=', input.officeBankAccountId)
          .executeTakeFirst();
        if (!office) throw notFound(`Office bank account ${input.officeBankAccountId}`);
        if (office.active !== 1) throw conflict(`The bank account ${office.name} is no longer in use; choose another.`);

        const found = await paymentRows(trx)
          .select([notReversed.as('notReversed'), inNoDeposit.as('inNoDeposit')])
          .where('p.id', 'in', input.paymentIds)
          .execute();
        const byId = new Map(found.map((r) => [r.paymentId, r]));
        const problems: { path: string; message: string }[] = [];
        input.paymentIds.forEach((id, i) => {
          const r = byId.get(id);
          const path = `paymentIds.${i}`;
          if (!r) problems.push({ path, message: `Document ${id} is not a posted cash or check payment` });
          else if (!r.notReversed) problems.push({ path, message: `Payment ${r.number} was reversed` });
          else if (!r.inNoDeposit) problems.push({ path, message: `Payment ${r.number} is already in a deposit` });
          else if (r.date > input.depositDate) problems.push({ path, message: `Payment ${r.number} is dated after the deposit` });
        });
        if (problems.length) {
          const already = problems.some((p) => p.message.endsWith('already in a deposit'));
          const message = `Nothing was deposited: ${problems.map((p) => p.message).join('; ')}.`;
          throw already ? conflict(message, problems) : invalid(message, problems);
        }
        const rows = input.paymentIds.map((id) => toRow(byId.get(id)!));
        const totals = totalsByMethod(rows);
        const { seq, number } = await nextNumber(trx, DEPOSIT_SERIES);
        const dep = await trx
          .insertInto('deposit')
          .values({
            series: DEPOSIT_SERIES,
            number_seq: seq,
            number,
            office_bank_account_id: office.id,
            deposit_date: input.depositDate,
            cash_cents: totals.cashCents,
            check_cents: totals.checkCents,
            total_cents: totals.totalCents,
            payment_count: totals.count,
            memo: input.memo,
            currency: (await readSetting<CompanySettings>(trx, 'company'))?.currency ?? 'USD',
            created_at: nowIso(ctx.clock),
            created_by_id: actor.userId,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('deposit_payment')
          .values(rows.map((r) => ({ deposit_id: dep.id, payment_document_id: r.paymentId, method: r.method, amount_cents: r.amountCents })))
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'deposit.create',
          entity: 'deposit',
          entityId: dep.id,
          after: { number, officeBankAccountId: office.id, depositDate: input.depositDate, ...totals, paymentIds: input.paymentIds, memo: input.memo },
        });
        return get(trx, dep.id);
      });
      changed();
      return detail;
    },

    async list(input: { officeBankAccountId?: number; from?: string; to?: string; limit: number }): Promise<DepositSummary[]> {
      let q = depositsQuery(ctx.db);
      if (input.officeBankAccountId !== undefined) q = q.where('d.office_bank_account_id', '=', input.officeBankAccountId);
      if (input.from !== undefined) q = q.where('d.deposit_date', '>=', input.from);
      if (input.to !== undefined) q = q.where('d.deposit_date', '<=', input.to);
      const rows = await q.orderBy('d.deposit_date', 'desc').orderBy('d.id', 'desc').limit(input.limit).execute();
      return rows.map(summaryOf);
    },

    get: (depositId: number) => get(ctx.db, depositId),
  };
}

export type DepositsService = ReturnType<typeof createDepositsService>;
