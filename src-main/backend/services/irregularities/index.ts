import type { z } from 'zod';
import {
  defaultIrregularitySettings,
  irregularitySettingsSchema,
  type IrregularitiesQuery,
  type IrregularitiesReport,
  type IrregularitySettings,
  type irregularitySettingsPatchSchema,
} from '@shared/domain/irregularities';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { appendAudit } from '../audit';
import { businessToday } from '../ledger/posting';
import { mergeSettings, readSetting, writeSetting } from '../settings';
import { duplicates, mismatch, unapplied, unmatched, undeposited } from './checks';

export const IRREGULARITIES_SETTING = 'irregularities';

/** The saved days per check; a stored value the schema no longer accepts reads as the defaults. */
async function readSettings(db: Queryable): Promise<IrregularitySettings> {
  const raw = await readSetting<unknown>(db, IRREGULARITIES_SETTING);
  const r = irregularitySettingsSchema.safeParse({ ...defaultIrregularitySettings, ...(raw && typeof raw === 'object' ? raw : {}) });
  return r.success ? r.data : defaultIrregularitySettings;
}

/**
 * The specialist's discrepancy view (docs/money-in.md, Irregularities): money received that is not in
 * the bank, credits left unapplied, deposits the bank has not shown, accounts that fail the balance
 * invariant and payments that look entered twice. Reads only; the days per check are a saved setting.
 */
export function createIrregularitiesService(ctx: ServiceContext) {
  return {
    settings: (): Promise<IrregularitySettings> => readSettings(ctx.db),

    async get(query: IrregularitiesQuery = {}): Promise<IrregularitiesReport> {
      const saved = await readSettings(ctx.db);
      const given = Object.fromEntries(Object.entries(query.olderThanDays ?? {}).filter(([, v]) => v !== undefined));
      const days = { ...saved, ...given };
      const today = await businessToday(ctx.db, ctx.clock);
      const sections = [
        await undeposited(ctx.db, today, days.undeposited),
        await unapplied(ctx.db, today, days.unapplied),
        await unmatched(ctx.db, today, days.unmatched),
        await mismatch(ctx.db, ctx.store),
        await duplicates(ctx.db, today),
      ];
      return { today, settings: saved, sections };
    },

    async saveSettings(actor: Actor, patch: z.output<typeof irregularitySettingsPatchSchema>): Promise<IrregularitySettings> {
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await readSettings(trx);
        const after = mergeSettings(irregularitySettingsSchema, before, patch);
        await writeSetting(trx, IRREGULARITIES_SETTING, after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: IRREGULARITIES_SETTING, before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['settings'] });
      return next;
    },
  };
}
export type IrregularitiesService = ReturnType<typeof createIrregularitiesService>;
