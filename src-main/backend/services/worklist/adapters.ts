import { addDays } from '@shared/dates';
import type { ComplianceRule } from '@shared/domain/collections';
import type { HoldReason } from '@shared/domain/collections-policy';
import type { Queryable, ServiceContext } from '../../context';
import { createCallsService } from '../calls';
import { createComplianceService } from '../compliance';
import { zonedInstant } from '../compliance/zoned';
import { createFlagsService } from '../flags';
import { createPromisesService, evaluatePromise, paymentFacts } from '../promises';
import { companyTimeZone } from '../settings';

/**
 * What the collections policy uses from the collections-contact domain (flags, promises to pay, call
 * log, compliance engine; migration 004), in one place, in the shapes the policy needs. Every function
 * takes the caller's `db` (a transaction or the store).
 */

/** Something that stops collection activity on an account. */
export interface StopFlag {
  accountId: number;
  /** What stops it: an open hold flag, or a promise not yet due (its `dueDate` is the promised date). */
  reason: Extract<HoldReason, { code: 'flag' | 'promise' }>;
}

export interface PromiseForWorklist {
  accountId: number;
  promiseId: number;
  state: 'due' | 'broken';
  amountCents: number;
  promisedDate: string;
}

export interface CallbackDue {
  accountId: number;
  callId: number;
  /** The instant the callback was asked for. */
  dueDate: string;
  contactName: string;
  phone: string;
  /** The clerk who set it. */
  setBy: string | null;
}

export type LetterCheck = { allowed: true } | { allowed: false; rule: ComplianceRule; until: string | null };

export function createPartners(ctx: ServiceContext) {
  const flags = createFlagsService(ctx);
  const promises = createPromisesService(ctx);
  const calls = createCallsService(ctx);
  const compliance = createComplianceService(ctx);

  return {
    /**
     * Accounts whose collection activity is stopped on `asOf`: an open hold flag (disputed, cease
     * communication, attorney-represented, bankruptcy, deceased), else a pending promise to pay whose
     * date + grace has not passed. The first flag wins the reason.
     */
    async stoppingFlags(db: Queryable, asOf: string): Promise<Map<number, StopFlag>> {
      const out = new Map<number, StopFlag>();
      for (const [accountId, holds] of await flags.collectionHolds(undefined, db)) {
        const h = holds[0]!;
        out.set(accountId, { accountId, reason: { code: 'flag', flag: h.kind, since: h.since, note: h.reason } });
      }
      for (const [accountId, p] of await promises.promiseHolds(asOf, {}, db)) {
        if (!out.has(accountId)) out.set(accountId, { accountId, reason: { code: 'promise', amountCents: p.amountCents, dueDate: p.dueDate } });
      }
      return out;
    },

    /** Accounts with an open dispute; late fees skip them. */
    async disputedAccounts(db: Queryable): Promise<Set<number>> {
      const out = new Set<number>();
      for (const [accountId, holds] of await flags.collectionHolds(undefined, db)) if (holds.some((h) => h.kind === 'disputed')) out.add(accountId);
      return out;
    },

    /** Promises due (date come, not kept yet) or broken (the account's latest promise). */
    async promisesForWorklist(db: Queryable, asOf: string): Promise<PromiseForWorklist[]> {
      const rows = await promises.promisesDueOrBroken(asOf, {}, db);
      return rows.map((p) => ({
        accountId: p.accountId,
        promiseId: p.id,
        state: p.status === 'broken' ? 'broken' : 'due',
        amountCents: p.amountCents,
        promisedDate: p.dueDate,
      }));
    },

    /** Broken promises per account among those due in the 365 days up to `asOf`, for the score. */
    async brokenPromiseCounts(db: Queryable, asOf: string, accountIds: readonly number[]): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      if (accountIds.length === 0) return out;
      const from = addDays(asOf, -365);
      const rows = await db
        .selectFrom('promise_to_pay')
        .select(['account_id', 'amount_cents', 'promised_on', 'due_date', 'grace_days'])
        .where('due_date', '>=', from)
        .where('due_date', '<=', asOf)
        .execute();
      const wanted = new Set(accountIds);
      const mine = rows.filter((r) => wanted.has(r.account_id));
      if (mine.length === 0) return out;
      const earliest = mine.reduce((m, r) => (r.promised_on < m ? r.promised_on : m), asOf);
      const facts = await paymentFacts(db, [...new Set(mine.map((r) => r.account_id))], earliest, asOf);
      for (const r of mine) {
        const v = evaluatePromise(
          { amountCents: r.amount_cents, promisedOn: r.promised_on, dueDate: r.due_date, graceDays: r.grace_days },
          facts.get(r.account_id) ?? [],
          asOf,
        );
        if (v.status === 'broken') out.set(r.account_id, (out.get(r.account_id) ?? 0) + 1);
      }
      return out;
    },

    /** Callbacks scheduled on or before the end of `asOf` (company time zone) and not yet made. */
    async callbacksDue(db: Queryable, asOf: string): Promise<CallbackDue[]> {
      const zone = await companyTimeZone(db);
      const end = new Date(zonedInstant(addDays(asOf, 1), '00:00', zone).getTime() - 1);
      const rows = await calls.callbacksDue(end, {}, db);
      return rows.map((c) => ({ accountId: c.accountId, callId: c.callId, dueDate: c.callbackAt, contactName: c.contactName, phone: c.phone, setBy: c.clerk }));
    },

    /** May a collection letter be queued for the account? (compliance engine) */
    async letterAllowed(db: Queryable, accountId: number): Promise<LetterCheck> {
      const check = await compliance.checkLetter({ accountId, purpose: 'collection' }, db);
      if (check.allowed) return { allowed: true };
      const b = check.blocks[0]!;
      return { allowed: false, rule: b.rule, until: b.allowedAt ?? null };
    },
  };
}
export type Partners = ReturnType<typeof createPartners>;
