import { documentSettingsSchema, type DocumentSettings, type DocumentSettingsView, type LogoMimeType } from '@shared/domain/documents';
import { unknownMergeFields } from '@shared/domain/document-email';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { invalid } from '../../errors';
import { appendAudit } from '../audit';
import { mergeSettings, readSetting, writeSetting } from '../settings';
import { checkLogo, type StoredLogo } from './logo';
import type { z } from 'zod';

/** Settings › Documents: letterhead, layout, SMTP, email templates and statement messages, as one JSON value. */
export const DOCUMENT_SETTINGS_KEY = 'documents';
/** The SMTP password on its own row: never part of what is read back, audited or exported to the screen. */
const SMTP_PASSWORD_KEY = 'documents.smtpPassword';
/** The logo's bytes (base64) on their own row, so reading the settings for a form does not carry them twice. */
const LOGO_KEY = 'documents.logo';

type Section = 'letterhead' | 'layout' | 'smtp' | 'emailTemplates' | 'statementMessages';
const sectionNames: readonly Section[] = ['letterhead', 'layout', 'smtp', 'emailTemplates', 'statementMessages'];

const readOr = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
};

/**
 * The settings as stored, each section read on its own: a section the schema refuses (written before a
 * rule existed) reads as its default, so one bad value cannot stop every document; saving replaces it.
 */
export async function readDocumentSettings(db: Queryable): Promise<DocumentSettings> {
  const raw = (await readSetting<Partial<Record<Section, unknown>>>(db, DOCUMENT_SETTINGS_KEY)) ?? {};
  const shape = documentSettingsSchema.shape;
  const defaults = documentSettingsSchema.parse({});
  return {
    letterhead: readOr(shape.letterhead, raw.letterhead, defaults.letterhead),
    layout: readOr(shape.layout, raw.layout, defaults.layout),
    smtp: readOr(shape.smtp, raw.smtp, defaults.smtp),
    emailTemplates: readOr(shape.emailTemplates, raw.emailTemplates, defaults.emailTemplates),
    statementMessages: readOr(shape.statementMessages, raw.statementMessages, defaults.statementMessages),
  };
}

/** The SMTP password, for sending only; null when none is set. */
export async function readSmtpPassword(db: Queryable): Promise<string | null> {
  const v = await readSetting<unknown>(db, SMTP_PASSWORD_KEY);
  return typeof v === 'string' && v !== '' ? v : null;
}

export async function readLogo(db: Queryable): Promise<StoredLogo | null> {
  const v = await readSetting<StoredLogo | null>(db, LOGO_KEY);
  return v && typeof v.base64 === 'string' && (v.mimeType === 'image/png' || v.mimeType === 'image/jpeg') ? v : null;
}

export const logoDataUrl = (logo: StoredLogo) => `data:${logo.mimeType};base64,${logo.base64}`;

/** Every {{field}} of every template is one the documents fill; an unknown one is named with where it is. */
function checkTemplates(templates: DocumentSettings['emailTemplates']): void {
  const problems = Object.entries(templates).flatMap(([kind, t]) =>
    (['subject', 'body'] as const).flatMap((part) =>
      unknownMergeFields(t[part]).map((name) => ({
        path: `emailTemplates.${kind}.${part}`,
        message: `{{${name}}} is not a merge field`,
      })),
    ),
  );
  if (problems.length) throw invalid(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

async function removeSetting(trx: Trx, key: string): Promise<void> {
  await trx.deleteFrom('setting').where('key', '=', key).execute();
}

export type DocumentSettingsPatch = Partial<DocumentSettings> & { smtpPassword?: string };

export function createDocumentSettings(ctx: ServiceContext) {
  const changed = () => ctx.emit('data.changed', { domains: ['settings', 'documents'] });

  async function view(db: Queryable = ctx.db): Promise<DocumentSettingsView> {
    const [settings, password, logo] = await Promise.all([readDocumentSettings(db), readSmtpPassword(db), readLogo(db)]);
    return {
      ...settings,
      smtpPasswordSet: password !== null,
      logo: logo ? { mimeType: logo.mimeType, bytes: Buffer.from(logo.base64, 'base64').length, dataUrl: logoDataUrl(logo) } : null,
    };
  }

  return {
    view,

    /**
     * Changes the sections given (a section given replaces that section; the others keep their value).
     * A new SMTP password is stored on its own row and audited as changed, never with its value; ''
     * removes it.
     */
    async update(actor: Actor, patch: DocumentSettingsPatch): Promise<DocumentSettingsView> {
      const { smtpPassword, ...rest } = patch;
      const given = Object.fromEntries(sectionNames.filter((k) => rest[k] !== undefined).map((k) => [k, rest[k]]));
      const next = await ctx.db.transaction().execute(async (trx) => {
        if (Object.keys(given).length > 0) {
          const before = await readDocumentSettings(trx);
          const after = mergeSettings(documentSettingsSchema, before, given);
          checkTemplates(after.emailTemplates);
          await writeSetting(trx, DOCUMENT_SETTINGS_KEY, after);
          await appendAudit(trx, ctx.clock, actor, { action: 'document.settings', entity: 'setting', entityId: DOCUMENT_SETTINGS_KEY, before, after });
        }
        if (smtpPassword !== undefined) {
          const had = (await readSmtpPassword(trx)) !== null;
          if (smtpPassword === '') await removeSetting(trx, SMTP_PASSWORD_KEY);
          else await writeSetting(trx, SMTP_PASSWORD_KEY, smtpPassword);
          await appendAudit(trx, ctx.clock, actor, {
            action: 'document.settings',
            entity: 'setting',
            entityId: SMTP_PASSWORD_KEY,
            before: { smtpPasswordSet: had },
            after: { smtpPasswordSet: smtpPassword !== '', smtpPassword: smtpPassword === '' ? 'removed' : 'changed' },
          });
        }
        return view(trx);
      });
      changed();
      return next;
    },

    /** Checks the file (type by its bytes, size, SVG rasterized) and stores it in place of the old logo. */
    async setLogo(actor: Actor, upload: { mimeType: LogoMimeType; base64: string }): Promise<DocumentSettingsView> {
      const logo = checkLogo(upload.mimeType, upload.base64);
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await readLogo(trx);
        await writeSetting(trx, LOGO_KEY, logo);
        await appendAudit(trx, ctx.clock, actor, {
          action: 'document.settings',
          entity: 'setting',
          entityId: LOGO_KEY,
          before: before ? { mimeType: before.mimeType, bytes: Buffer.from(before.base64, 'base64').length } : null,
          after: { mimeType: logo.mimeType, bytes: Buffer.from(logo.base64, 'base64').length, uploadedAs: upload.mimeType },
        });
        return view(trx);
      });
      changed();
      return next;
    },

    async removeLogo(actor: Actor): Promise<DocumentSettingsView> {
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await readLogo(trx);
        if (before) {
          await removeSetting(trx, LOGO_KEY);
          await appendAudit(trx, ctx.clock, actor, {
            action: 'document.settings',
            entity: 'setting',
            entityId: LOGO_KEY,
            before: { mimeType: before.mimeType, bytes: Buffer.from(before.base64, 'base64').length },
            after: null,
          });
        }
        return view(trx);
      });
      changed();
      return next;
    },
  };
}
export type DocumentSettingsService = ReturnType<typeof createDocumentSettings>;
