import type { z } from 'zod';
import { companySettingsSchema, defaultCompanySettings, type CompanySettings } from '@shared/domain/settings';
import { isIanaTimeZone } from '@shared/domain/time-zone';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { invalid } from '../../errors';
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
  await trx
    .insertInto('setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

/**
 * A settings update: the stored value with the fields given (a field absent or undefined keeps its
 * value), validated whole, so a change that breaks a rule across fields is a VALIDATION error that
 * names the field, never an INTERNAL one.
 */
export function mergeSettings<T extends object>(schema: z.ZodType<T>, before: T, patch: Partial<T>): T {
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const r = schema.safeParse({ ...before, ...given });
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw invalid(details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '), details);
}

/**
 * The company settings as stored, each field read on its own: a value the schema refuses (written
 * before the rule existed, e.g. an unknown time zone) reads as its default, so one bad value cannot
 * make every screen fail; saving the settings again replaces it. Writes are refused, never repaired.
 */
function readCompany(raw: Partial<Record<keyof CompanySettings, unknown>>): CompanySettings {
  const fallback: CompanySettings = { companyName: 'Unnamed company', ...defaultCompanySettings };
  const field = <K extends keyof CompanySettings>(k: K): CompanySettings[K] => {
    const r = companySettingsSchema.shape[k].safeParse(raw[k]);
    return r.success ? (r.data as CompanySettings[K]) : fallback[k];
  };
  return {
    companyName: field('companyName'),
    currency: field('currency'),
    timeZone: field('timeZone'),
    idleLockMinutes: field('idleLockMinutes'),
    complianceEnabled: field('complianceEnabled'),
  };
}

/**
 * The company's time zone for business dates: the stored zone when the runtime knows it, the default
 * zone when it does not (see readCompany), UTC before the company exists.
 */
export async function companyTimeZone(db: Queryable): Promise<string> {
  const raw = await readSetting<{ timeZone?: unknown }>(db, 'company');
  if (!raw) return 'UTC';
  return typeof raw.timeZone === 'string' && isIanaTimeZone(raw.timeZone) ? raw.timeZone : defaultCompanySettings.timeZone;
}

export function createSettingsService(ctx: ServiceContext) {
  return {
    async company(db: Queryable = ctx.db): Promise<CompanySettings | null> {
      const raw = await readSetting<Partial<Record<keyof CompanySettings, unknown>>>(db, 'company');
      return raw ? readCompany(raw) : null;
    },

    async requireCompany(db: Queryable = ctx.db): Promise<CompanySettings> {
      const c = await this.company(db);
      if (!c) throw new Error('the company has not been created');
      return c;
    },

    async updateCompany(actor: Actor, patch: Partial<CompanySettings>): Promise<CompanySettings> {
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await this.requireCompany(trx);
        const after = mergeSettings(companySettingsSchema, before, patch);
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
