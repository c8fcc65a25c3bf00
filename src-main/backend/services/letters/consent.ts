import type { LetterDeliveryPreference } from '@shared/domain/letters';
import { type Actor, nowIso, type Queryable, type ServiceContext } from '../../context';
import { notFound } from '../../errors';
import { appendAudit } from '../audit';

/**
 * Letters by email (docs/letters.md, Email): an account's letters go on paper unless it asked for them
 * by email; the clerk records that on the account's Documents tab. No row: on paper.
 */
export async function lettersByEmailOf(db: Queryable, accountIds: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let k = 0; k < accountIds.length; k += 500) {
    const rows = await db
      .selectFrom('account_delivery_preference')
      .select('account_id')
      .where('letters_by_email', '=', 1)
      .where('account_id', 'in', accountIds.slice(k, k + 500))
      .execute();
    for (const r of rows) out.add(r.account_id);
  }
  return out;
}

export function createLetterConsent(ctx: ServiceContext) {
  async function get(accountId: number, db: Queryable = ctx.db): Promise<LetterDeliveryPreference> {
    const account = await db.selectFrom('account').select('id').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound(`Account ${accountId}`);
    const r = await db.selectFrom('account_delivery_preference').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return { accountId, lettersByEmail: r?.letters_by_email === 1, updatedAt: r?.updated_at ?? null, updatedBy: r?.updated_by ?? null };
  }

  return {
    get,
    /** Records whether the account takes its letters by email; audited with before and after. */
    async set(actor: Actor, accountId: number, lettersByEmail: boolean): Promise<LetterDeliveryPreference> {
      const after = await ctx.db.transaction().execute(async (trx) => {
        const before = await get(accountId, trx);
        if (before.lettersByEmail === lettersByEmail) return before;
        const now = nowIso(ctx.clock);
        const row = { letters_by_email: lettersByEmail ? 1 : 0, updated_at: now, updated_by_id: actor.userId, updated_by: actor.username };
        await trx
          .insertInto('account_delivery_preference')
          .values({ account_id: accountId, ...row })
          .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'account.lettersByEmail',
          entity: 'account',
          entityId: accountId,
          before: { lettersByEmail: before.lettersByEmail },
          after: { lettersByEmail },
        });
        return { accountId, lettersByEmail, updatedAt: now, updatedBy: actor.username };
      });
      ctx.emit('data.changed', { domains: ['documents'] });
      return after;
    },
  };
}
