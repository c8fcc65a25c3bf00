import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  bankAccountAddSchema,
  type BankAccountAddInput,
  type bankAccountListSchema,
  type bankAccountMarkUnusableSchema,
  type bankAccountRevealSchema,
  type BankAccountRevealed,
  type BankAccountSummary,
  type Checked,
  checkAccountNumber,
  checkBic,
  checkIban,
  checkRoutingNumber,
  lastFour,
  maskAccountNumber,
} from '@shared/domain/bank-accounts';
import type { BankAccountTable } from '../../db/schema-bank-accounts';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { loadAccountRow, type Posting } from '../ledger/posting';

type AddInput = z.output<typeof bankAccountAddSchema>;
type Row = Selectable<BankAccountTable>;

const checkedValue = (r: Checked): string => {
  if (!r.ok) throw invalid(r.reason);
  return r.value;
};

/** Masked: the full number never leaves this module except through reveal(). */
export function toSummary(r: Row): BankAccountSummary {
  return {
    id: r.id,
    accountId: r.account_id,
    holderName: r.holder_name,
    scheme: r.scheme,
    routingNumber: r.routing_number,
    accountType: r.account_type,
    bic: r.bic,
    masked: maskAccountNumber(r.last4),
    status: r.status,
    unusableReason: r.unusable_reason,
    createdAt: r.created_at,
  };
}

async function loadRow(db: Queryable, id: number): Promise<Row> {
  const row = await db.selectFrom('bank_account').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Bank account ${id}`);
  return row;
}

/**
 * Add a bank account in the caller's transaction (the screen, or the accounts import with its new
 * account). The input has passed bankAccountAddSchema, so every number is checked; the values stored are
 * the codecs' normalized ones. The audit record names the account by its last 4 only.
 */
export async function addBankAccountInTrx(p: Posting, raw: BankAccountAddInput): Promise<BankAccountSummary> {
  // Parse again: the import builds this input itself, and the normalized numbers come from the codecs.
  const input = bankAccountAddSchema.parse(raw);
  await loadAccountRow(p.trx, input.accountId);
  const us = input.scheme === 'us_aba';
  // The schema has checked each number; these are the codecs' normalized values.
  const routing = us ? checkedValue(checkRoutingNumber(input.routingNumber)) : null;
  const number = us ? checkedValue(checkAccountNumber(input.accountNumber)) : null;
  const iban = us ? null : checkedValue(checkIban(input.iban));
  const bic = !us && input.bic ? checkedValue(checkBic(input.bic)) : null;
  const existing = await p.trx
    .selectFrom('bank_account')
    .select('id')
    .where('account_id', '=', input.accountId)
    .where('status', '=', 'active')
    .where((eb) => (us ? eb.and([eb('routing_number', '=', routing), eb('account_number', '=', number)]) : eb('iban', '=', iban)))
    .executeTakeFirst();
  if (existing) throw conflict('This bank account is already on the account.');
  const row = await p.trx
    .insertInto('bank_account')
    .values({
      account_id: input.accountId,
      holder_name: input.holderName,
      scheme: input.scheme,
      routing_number: routing,
      account_number: number,
      iban,
      bic,
      account_type: us ? (input.accountType ?? null) : null,
      last4: lastFour((number ?? iban) as string),
      unusable_reason: null,
      created_at: p.clock.now().toISOString(),
      created_by: p.actor.username,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const summary = toSummary(row);
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'bankAccount.add',
    entity: 'bank_account',
    entityId: row.id,
    after: { accountId: row.account_id, holderName: row.holder_name, scheme: row.scheme, routingNumber: row.routing_number, masked: summary.masked },
  });
  return summary;
}

/**
 * Mark a bank account unusable in the caller's transaction: a return (R02 account closed, R03 no account,
 * R04 invalid number) proved it wrong, or a clerk learned so. It stays on the account, with the reason,
 * and is refused for payments from then on. Already unusable: left as it is (the first reason stands).
 */
export async function markBankAccountUnusableInTrx(p: Posting, bankAccountId: number, reason: string): Promise<BankAccountSummary> {
  const row = await loadRow(p.trx, bankAccountId);
  if (row.status === 'unusable') return toSummary(row);
  const after = await p.trx
    .updateTable('bank_account')
    .set({ status: 'unusable', unusable_reason: reason })
    .where('id', '=', bankAccountId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'bankAccount.markUnusable',
    entity: 'bank_account',
    entityId: bankAccountId,
    before: { status: row.status },
    after: { status: 'unusable', reason, masked: maskAccountNumber(row.last4) },
  });
  return toSummary(after);
}

/**
 * The bank account a check or ACH payment names: it must be the paying account's, and active. An
 * unusable one is refused with its reason. Read in the payment's transaction.
 */
export async function requireUsableBankAccount(trx: Trx, accountId: number, bankAccountId: number): Promise<Row> {
  const row = await trx.selectFrom('bank_account').selectAll().where('id', '=', bankAccountId).executeTakeFirst();
  if (!row || row.account_id !== accountId) throw invalid('Bank account: it is not one of this account\u2019s bank accounts.');
  if (row.status !== 'active')
    throw conflict(`Bank account ${maskAccountNumber(row.last4)} is unusable (${row.unusable_reason ?? 'no reason given'}); add a new, checked bank account.`);
  return row;
}

export function createBankAccountsService(ctx: ServiceContext) {
  const inTrx = <T>(actor: Actor, fn: (p: Posting) => Promise<T>): Promise<T> => ctx.db.transaction().execute((trx) => fn({ trx, clock: ctx.clock, actor }));
  const changed = () => ctx.emit('data.changed', { domains: ['accounts'] });

  return {
    /** The account's bank accounts, masked, newest first; active only for a payment's picker. */
    async list(input: z.output<typeof bankAccountListSchema>): Promise<BankAccountSummary[]> {
      let q = ctx.db.selectFrom('bank_account').selectAll().where('account_id', '=', input.accountId);
      if (input.activeOnly) q = q.where('status', '=', 'active');
      return (await q.orderBy('id', 'desc').execute()).map(toSummary);
    },

    async add(actor: Actor, input: AddInput): Promise<BankAccountSummary> {
      const r = await inTrx(actor, (p) => addBankAccountInTrx(p, input));
      changed();
      return r;
    },

    /** The full number, read in the same transaction that writes its audit record: no reveal unrecorded. */
    async reveal(actor: Actor, input: z.output<typeof bankAccountRevealSchema>): Promise<BankAccountRevealed> {
      return inTrx(actor, async (p) => {
        const row = await loadRow(p.trx, input.bankAccountId);
        await appendAudit(p.trx, p.clock, p.actor, {
          action: 'bankAccount.reveal',
          entity: 'bank_account',
          entityId: row.id,
          after: { accountId: row.account_id, masked: maskAccountNumber(row.last4) },
        });
        return { id: row.id, number: (row.scheme === 'iban' ? row.iban : row.account_number) ?? '' };
      });
    },

    async markUnusable(actor: Actor, input: z.output<typeof bankAccountMarkUnusableSchema>): Promise<BankAccountSummary> {
      const r = await inTrx(actor, (p) => markBankAccountUnusableInTrx(p, input.bankAccountId, input.reason));
      changed();
      return r;
    },
  };
}
export type BankAccountsService = ReturnType<typeof createBankAccountsService>;
