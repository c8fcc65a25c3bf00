import type { z } from 'zod';
import type { Selectable } from 'kysely';
import { dateInZone } from '@shared/dates';
import { phoneDigits } from '@shared/domain/accounts';
import {
  flagLabels,
  holdFlagKinds,
  phoneFlagKinds,
  supervisorClearedFlags,
  type CollectionFlag,
  type FlagKind,
  type flagSetSchema,
} from '@shared/domain/collections';
import type { Actor, Clock, Queryable, ServiceContext, Trx } from '../../context';
import type { CollectionFlagTable } from '../../db/schema-collections';
import { conflict, DomainError, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { companyTimeZone } from '../settings';
import { collectionsDomains, loadAccount, readCollectionsSettings, type Caller } from '../compliance';
import { addDays } from '@shared/dates';

type FlagSetInput = z.output<typeof flagSetSchema>;
type FlagRow = Selectable<CollectionFlagTable>;

export function toFlag(r: FlagRow): CollectionFlag {
  return {
    id: r.id,
    accountId: r.account_id,
    kind: r.kind,
    phone: r.phone,
    details: JSON.parse(r.details) as Record<string, unknown>,
    reason: r.reason,
    setAt: r.set_at,
    setBy: r.set_by,
    callId: r.call_id,
    clearedAt: r.cleared_at,
    clearedBy: r.cleared_by,
    clearReason: r.clear_reason,
    resolution: r.resolution,
    verifiedOn: r.verified_on,
  };
}

async function companyToday(db: Queryable, clock: Clock): Promise<string> {
  return dateInZone(clock.now(), await companyTimeZone(db));
}

/** The flag's own fields, without kind/accountId/reason. */
async function detailsOf(trx: Trx, clock: Clock, input: FlagSetInput): Promise<Record<string, unknown>> {
  switch (input.kind) {
    case 'disputed': {
      // Whether the dispute came within the validation period (1006.34): shown, never used to let calls through.
      const receivedOn = input.receivedOn ?? (await companyToday(trx, clock));
      const notice = await trx
        .selectFrom('validation_notice')
        .select('sent_on')
        .where('account_id', '=', input.accountId)
        .orderBy('recorded_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const periodEndsOn = notice ? addDays(notice.sent_on, (await readCollectionsSettings(trx)).validationPeriodDays) : null;
      return {
        written: input.written,
        receivedOn,
        validationPeriodEndsOn: periodEndsOn,
        withinValidationPeriod: periodEndsOn === null ? null : receivedOn <= periodEndsOn,
      };
    }
    case 'cease_communication':
      return { receivedOn: input.receivedOn ?? null };
    case 'attorney_represented':
      return { attorneyName: input.attorneyName, attorneyPhone: input.attorneyPhone };
    case 'bankruptcy':
      return { chapter: input.chapter, caseNumber: input.caseNumber, filedOn: input.filedOn ?? null };
    case 'deceased':
      return { dateOfDeath: input.dateOfDeath ?? null };
    case 'do_not_call':
    case 'wrong_number':
      return { phoneAsEntered: input.phone };
  }
}

/**
 * Set a flag in the caller's transaction, with its audit record. A flag of the same kind (and number) that
 * is already open is a CONFLICT unless `reuseOpen` (a call's dispute outcome on an already disputed
 * account), which returns the open one.
 */
export async function setFlagInTrx(
  trx: Trx,
  clock: Clock,
  actor: Actor,
  input: FlagSetInput,
  opts: { callId?: number | null; reuseOpen?: boolean } = {},
): Promise<FlagRow> {
  await loadAccount(trx, input.accountId);
  const phone = input.kind === 'do_not_call' || input.kind === 'wrong_number' ? phoneDigits(input.phone) : null;
  if (phone !== null && phone.length < 7) throw new DomainError('VALIDATION', 'Phone number must have at least 7 digits.');
  let open = trx
    .selectFrom('collection_flag')
    .selectAll()
    .where('account_id', '=', input.accountId)
    .where('kind', '=', input.kind)
    .where('cleared_at', 'is', null);
  open = phone === null ? open.where('phone', 'is', null) : open.where('phone', '=', phone);
  const existing = await open.executeTakeFirst();
  if (existing) {
    if (opts.reuseOpen) return existing;
    throw conflict(
      `The account already has an open "${flagLabels[input.kind]}" flag${phone ? ` for ${phone}` : ''} (set ${existing.set_at} by ${existing.set_by ?? 'unknown'}).`,
    );
  }
  const details = await detailsOf(trx, clock, input);
  const row = await trx
    .insertInto('collection_flag')
    .values({
      account_id: input.accountId,
      kind: input.kind,
      phone,
      details: JSON.stringify(details),
      reason: input.reason,
      call_id: opts.callId ?? null,
      set_at: clock.now().toISOString(),
      set_by_id: actor.userId,
      set_by: actor.username,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, clock, actor, {
    action: 'flag.set',
    entity: 'account',
    entityId: input.accountId,
    after: { flagId: row.id, kind: input.kind, phone, details, reason: input.reason, callId: opts.callId ?? null },
  });
  return row;
}

export interface CollectionHold {
  kind: FlagKind;
  flagId: number;
  since: string;
  reason: string;
}

export function createFlagsService(ctx: ServiceContext) {
  const changed = () => ctx.emit('data.changed', { domains: collectionsDomains });

  async function clearInTrx(trx: Trx, actor: Actor, row: FlagRow, reason: string, verification?: { verifiedOn: string }) {
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('collection_flag')
      .set({
        cleared_at: now,
        cleared_by_id: actor.userId,
        cleared_by: actor.username,
        clear_reason: reason,
        resolution: verification ? 'verified' : 'cleared',
        verified_on: verification?.verifiedOn ?? null,
      })
      .where('id', '=', row.id)
      .execute();
    await appendAudit(trx, ctx.clock, actor, {
      action: verification ? 'flag.verify' : 'flag.clear',
      entity: 'account',
      entityId: row.account_id,
      before: { flagId: row.id, kind: row.kind, phone: row.phone, setAt: row.set_at, setBy: row.set_by, reason: row.reason },
      after: { reason, ...(verification ? { verifiedOn: verification.verifiedOn } : {}) },
    });
  }

  return {
    /** flags.list: the account's flags, open first then newest first; cleared ones with includeCleared. */
    async list(accountId: number, includeCleared = false, db: Queryable = ctx.db): Promise<CollectionFlag[]> {
      await loadAccount(db, accountId);
      let q = db.selectFrom('collection_flag').selectAll().where('account_id', '=', accountId);
      if (!includeCleared) q = q.where('cleared_at', 'is', null);
      const rows = await q.orderBy('set_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toFlag).sort((a, b) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null));
    },

    async set(actor: Actor, input: FlagSetInput): Promise<CollectionFlag> {
      const row = await ctx.db.transaction().execute((trx) => setFlagInTrx(trx, ctx.clock, actor, input));
      changed();
      return toFlag(row);
    },

    /** flags.clear: the flag stays, with who cleared it, when and why. */
    async clear(caller: Caller, input: { flagId: number; reason: string }): Promise<CollectionFlag> {
      const row = await ctx.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('collection_flag').selectAll().where('id', '=', input.flagId).executeTakeFirst();
        if (!row) throw notFound(`Flag ${input.flagId}`);
        if (row.cleared_at) throw conflict(`This flag was already cleared on ${row.cleared_at} by ${row.cleared_by ?? 'unknown'}.`);
        const supervisor = caller.role === 'supervisor' || caller.role === 'administrator';
        if (supervisorClearedFlags.includes(row.kind) && !supervisor) {
          const hint = row.kind === 'disputed' ? ' To resume collection after a dispute, record the verification.' : '';
          throw new DomainError('FORBIDDEN', `Only a collections supervisor or an administrator can clear a "${flagLabels[row.kind]}" flag.${hint}`);
        }
        await clearInTrx(trx, caller.actor, row, input.reason);
        return trx.selectFrom('collection_flag').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      });
      changed();
      return toFlag(row);
    },

    /** flags.recordVerification: verification of a disputed debt was sent; the dispute flag is closed. */
    async recordVerification(actor: Actor, input: { accountId: number; verifiedOn: string; note: string }): Promise<CollectionFlag> {
      const row = await ctx.db.transaction().execute(async (trx) => {
        await loadAccount(trx, input.accountId);
        const row = await trx
          .selectFrom('collection_flag')
          .selectAll()
          .where('account_id', '=', input.accountId)
          .where('kind', '=', 'disputed')
          .where('cleared_at', 'is', null)
          .executeTakeFirst();
        if (!row) throw conflict('This account has no open dispute to verify.');
        await clearInTrx(trx, actor, row, input.note, { verifiedOn: input.verifiedOn });
        return trx.selectFrom('collection_flag').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      });
      changed();
      return toFlag(row);
    },

    /**
     * For the worklist: open flags that stop collection activity on whole accounts (disputed, cease
     * communication, attorney, bankruptcy, deceased), by account. Pass ids to limit the query.
     */
    async collectionHolds(accountIds?: readonly number[], db: Queryable = ctx.db): Promise<Map<number, CollectionHold[]>> {
      let q = db
        .selectFrom('collection_flag')
        .select(['id', 'account_id', 'kind', 'set_at', 'reason'])
        .where('cleared_at', 'is', null)
        .where('kind', 'in', [...holdFlagKinds]);
      if (accountIds) {
        if (accountIds.length === 0) return new Map();
        q = q.where('account_id', 'in', [...accountIds]);
      }
      const out = new Map<number, CollectionHold[]>();
      for (const r of await q.orderBy('account_id').orderBy('id').execute()) {
        const list = out.get(r.account_id) ?? [];
        list.push({ kind: r.kind, flagId: r.id, since: r.set_at, reason: r.reason });
        out.set(r.account_id, list);
      }
      return out;
    },

    /** Numbers not to dial for an account (do-not-call and wrong numbers), digits -> kinds. */
    async blockedNumbers(accountId: number, db: Queryable = ctx.db): Promise<Map<string, FlagKind[]>> {
      const rows = await db
        .selectFrom('collection_flag')
        .select(['phone', 'kind'])
        .where('account_id', '=', accountId)
        .where('cleared_at', 'is', null)
        .where('kind', 'in', [...phoneFlagKinds])
        .execute();
      const out = new Map<string, FlagKind[]>();
      for (const r of rows) out.set(r.phone!, [...(out.get(r.phone!) ?? []), r.kind]);
      return out;
    },
  };
}
export type FlagsService = ReturnType<typeof createFlagsService>;
