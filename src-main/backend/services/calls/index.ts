import type { z } from 'zod';
import type { Selectable } from 'kysely';
import { phoneDigits } from '@shared/domain/accounts';
import type { CallbackDue, CallRecord, callLogSchema } from '@shared/domain/collections';
import type { Queryable, ServiceContext } from '../../context';
import type { CallLogTable } from '../../db/schema-collections';
import { DomainError } from '../../errors';
import { appendAudit } from '../audit';
import { collectionsDomains, enforce, loadAccount, loadCallFacts, type Caller } from '../compliance';
import { checkCall } from '../compliance/rules';
import { setFlagInTrx } from '../flags';
import { createPromiseInTrx } from '../promises';

type CallLogInput = z.output<typeof callLogSchema>;
type CallRow = Selectable<CallLogTable>;

/** How far in the future a call's start may be (clock skew between workstations). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function toCall(r: CallRow, promiseId: number | null, flagId: number | null): CallRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    phone: r.phone,
    direction: r.direction,
    startedAt: r.started_at,
    outcome: r.outcome,
    notes: r.notes,
    callbackAt: r.callback_at,
    callbackDoneAt: r.callback_done_at,
    overrideId: r.override_id,
    clerk: r.clerk,
    createdAt: r.created_at,
    promiseId,
    flagId,
  };
}

export function createCallsService(ctx: ServiceContext) {
  async function list(accountId: number, limit = 200, db: Queryable = ctx.db): Promise<CallRecord[]> {
    await loadAccount(db, accountId);
    const rows = await db
      .selectFrom('call_log')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const promises = await db.selectFrom('promise_to_pay').select(['id', 'call_id']).where('call_id', 'in', ids).execute();
    const flags = await db.selectFrom('collection_flag').select(['id', 'call_id']).where('call_id', 'in', ids).execute();
    const p = new Map(promises.map((x) => [x.call_id!, x.id]));
    const f = new Map(flags.map((x) => [x.call_id!, x.id]));
    return rows.map((r) => toCall(r, p.get(r.id) ?? null, f.get(r.id) ?? null));
  }

  return {
    list,

    /**
     * calls.log. An outgoing call is checked by the compliance engine at its start time (in this
     * transaction) and refused with RULE_BLOCKED unless a supervisor overrides with a written reason.
     * Follow-ups in the same transaction: promise_to_pay -> a promise; dispute -> a 'disputed' flag;
     * wrong_number -> a wrong-number flag on that number; callbackAt -> a callback. Logging any call on the
     * account marks its earlier open callbacks done.
     */
    async log(caller: Caller, input: CallLogInput): Promise<CallRecord> {
      const startedAt = new Date(input.startedAt);
      const now = ctx.clock.now();
      if (startedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
        throw new DomainError('VALIDATION', 'A call is logged once it has started: the start time is in the future.', [
          { path: 'startedAt', message: 'In the future' },
        ]);
      if (input.callbackAt && new Date(input.callbackAt) <= startedAt)
        throw new DomainError('VALIDATION', 'The callback must be after the call.', [{ path: 'callbackAt', message: 'Before the call' }]);
      const digits = phoneDigits(input.phone);
      if (digits.length < 7 || digits.length > 15)
        throw new DomainError('VALIDATION', 'Phone number must have 7 to 15 digits.', [{ path: 'phone', message: 'Not a phone number' }]);

      const result = await ctx.db.transaction().execute(async (trx) => {
        const { account, person, facts } = await loadCallFacts(trx, {
          accountId: input.accountId,
          contactId: input.contactId,
          phone: input.phone,
          at: startedAt,
        });
        let overrideId: number | null = null;
        let check = null;
        if (input.direction === 'outgoing') {
          check = checkCall(facts);
          overrideId = await enforce(
            trx,
            ctx,
            caller,
            check,
            {
              action: 'call',
              label: `This call to ${person.name} at ${input.phone}`,
              accountId: account.id,
              zone: account.time_zone,
              phone: input.phone,
              contactName: person.name,
              actionAt: startedAt.toISOString(),
            },
            input.override,
          );
        }
        const nowIso = now.toISOString();
        const done = await trx
          .updateTable('call_log')
          .set({ callback_done_at: nowIso })
          .where('account_id', '=', account.id)
          .where('callback_at', 'is not', null)
          .where('callback_done_at', 'is', null)
          .returning('id')
          .execute();
        const call = await trx
          .insertInto('call_log')
          .values({
            account_id: account.id,
            contact_id: person.contactId,
            contact_name: person.name,
            person_key: person.personKey,
            phone: input.phone,
            phone_digits: digits,
            direction: input.direction,
            started_at: startedAt.toISOString(),
            outcome: input.outcome,
            notes: input.notes,
            callback_at: input.callbackAt ? new Date(input.callbackAt).toISOString() : null,
            callback_done_at: null,
            override_id: overrideId,
            clerk_id: caller.actor.userId,
            clerk: caller.actor.username,
            created_at: nowIso,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, caller.actor, {
          action: 'call.log',
          entity: 'account',
          entityId: account.id,
          after: {
            callId: call.id,
            contact: person.name,
            phone: input.phone,
            direction: input.direction,
            startedAt: call.started_at,
            outcome: input.outcome,
            callbackAt: call.callback_at,
            overrideId,
            callbacksCompleted: done.map((d) => d.id),
            checkedRules: check ? { allowed: check.allowed, exempt: check.exempt, blocks: check.blocks.map((b) => b.rule) } : null,
          },
        });

        let promiseId: number | null = null;
        let flagId: number | null = null;
        const reason = (what: string) =>
          `${what} (call ${call.id} on ${call.started_at} by ${caller.actor.username ?? 'unknown'})${input.notes ? `: ${input.notes}` : ''}`.slice(0, 1000);
        if (input.outcome === 'promise_to_pay' && input.promise) {
          promiseId = (
            await createPromiseInTrx(trx, ctx.clock, caller.actor, {
              accountId: account.id,
              callId: call.id,
              contactName: person.name,
              amountCents: input.promise.amountCents,
              dueDate: input.promise.dueDate,
              madeAt: startedAt,
            })
          ).id;
        } else if (input.outcome === 'dispute') {
          flagId = (
            await setFlagInTrx(
              trx,
              ctx.clock,
              caller.actor,
              { kind: 'disputed', accountId: account.id, reason: reason('Disputed by phone'), written: false },
              { callId: call.id, reuseOpen: true },
            )
          ).id;
        } else if (input.outcome === 'wrong_number') {
          flagId = (
            await setFlagInTrx(
              trx,
              ctx.clock,
              caller.actor,
              { kind: 'wrong_number', accountId: account.id, phone: input.phone, reason: reason('Wrong number') },
              { callId: call.id, reuseOpen: true },
            )
          ).id;
        }
        return toCall(call, promiseId, flagId);
      });
      ctx.emit('data.changed', { domains: collectionsDomains });
      return result;
    },

    /** For the worklist: callbacks scheduled at or before `asOf` (an instant) that no later call has taken care of. */
    async callbacksDue(asOf: Date, opts: { clerkId?: number; accountIds?: readonly number[] } = {}, db: Queryable = ctx.db): Promise<CallbackDue[]> {
      if (opts.accountIds && opts.accountIds.length === 0) return [];
      let q = db
        .selectFrom('call_log as c')
        .innerJoin('account as a', 'a.id', 'c.account_id')
        .select(['c.id', 'c.account_id', 'a.account_number', 'a.name', 'c.contact_name', 'c.phone', 'c.callback_at', 'c.clerk_id', 'c.clerk'])
        .where('c.callback_at', 'is not', null)
        .where('c.callback_done_at', 'is', null)
        .where('c.callback_at', '<=', asOf.toISOString());
      if (opts.clerkId) q = q.where('c.clerk_id', '=', opts.clerkId);
      if (opts.accountIds) q = q.where('c.account_id', 'in', [...opts.accountIds]);
      const rows = await q.orderBy('c.callback_at').orderBy('c.id').execute();
      return rows.map((r) => ({
        callId: r.id,
        accountId: r.account_id,
        accountNumber: r.account_number,
        accountName: r.name,
        contactName: r.contact_name,
        phone: r.phone,
        callbackAt: r.callback_at!,
        clerkId: r.clerk_id,
        clerk: r.clerk,
      }));
    },
  };
}
export type CallsService = ReturnType<typeof createCallsService>;
