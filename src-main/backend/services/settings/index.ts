import { companySettingsSchema, defaultCompanySettings, type CompanySettings } from '@shared/domain/settings';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { appendAudit } from '../audit';

/**
 * Settings are JSON values under a key. Each domain owns its keys and the zod schema that reads them;
 * `company` holds the company's own settings.
 */
export async function readSetting<T>(db: Queryable, key: string): Promise<T | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeSetting(trx: Trx, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await trx.insertInto('setting').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}

export function createSettingsService(ctx: ServiceContext) {
  return {
    async company(db: Queryable = ctx.db): Promise<CompanySettings | null> {
      const raw = await readSetting<CompanySettings>(db, 'company');
      return raw ? companySettingsSchema.parse({ ...defaultCompanySettings, ...raw }) : null;
    },

    async requireCompany(db: Queryable = ctx.db): Promise<CompanySettings> {
      const c = await this.company(db);
      if (!c) throw new Error('the company has not been created');
      return c;
    },

    async updateCompany(actor: Actor, patch: Partial<CompanySettings>): Promise<CompanySettings> {
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await this.requireCompany(trx);
        const after = companySettingsSchema.parse({ ...before, ...patch });
        await writeSetting(trx, 'company', after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: 'company', before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['settings'] });
      return next;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
