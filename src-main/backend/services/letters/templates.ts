import type { z } from 'zod';
import {
  closestLetterField,
  unknownLetterFields,
  type LetterTemplateDetail,
  type LetterTemplateSaved,
  type LetterTemplateSummary,
  type letterTemplateSaveSchema,
} from '@shared/domain/letters';
import { type Actor, nowIso, type Queryable, type ServiceContext, systemActor, type Trx } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { defaultTemplates } from './defaults';
import { sanitizeLetterHtml } from './sanitize';

type SaveInput = z.output<typeof letterTemplateSaveSchema>;

/** `{{acountName}} is not a merge field (did you mean {{accountName}}?)`, one problem per unknown name. */
function fieldProblems(path: 'subject' | 'bodyHtml', text: string) {
  return unknownLetterFields(text).map((name) => {
    const near = closestLetterField(name);
    return { path, message: `{{${name}}} is not a merge field${near ? ` (did you mean {{${near}}}?)` : ''}` };
  });
}

/** Adds each shipped template whose key the store does not have yet, as version 1 by "system". Idempotent. */
export async function seedDefaultTemplates(trx: Trx, now: string): Promise<number> {
  let added = 0;
  for (const t of defaultTemplates()) {
    const row = await trx
      .insertInto('letter_template')
      .values({ key: t.key, name: t.name, purpose: t.purpose, active: 1, created_at: now, created_by_id: null, created_by: systemActor.username })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await trx
      .insertInto('letter_template_version')
      .values({
        template_id: row.id,
        version: 1,
        subject: t.subject,
        body_html: sanitizeLetterHtml(t.bodyHtml).html,
        created_at: now,
        created_by_id: null,
        created_by: systemActor.username,
      })
      .execute();
    added++;
  }
  return added;
}

async function summaries(db: Queryable, templateId?: number): Promise<LetterTemplateSummary[]> {
  let q = db
    .selectFrom('letter_template as t')
    .innerJoin('letter_template_version as v', 'v.template_id', 't.id')
    .select(['t.id', 't.key', 't.name', 't.purpose', 't.active'])
    .select((eb) => [eb.fn.max('v.version').as('currentVersion'), eb.fn.max('v.created_at').as('updatedAt')])
    .groupBy('t.id')
    .orderBy('t.purpose')
    .orderBy('t.name');
  if (templateId !== undefined) q = q.where('t.id', '=', templateId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    purpose: r.purpose,
    active: r.active === 1,
    currentVersion: Number(r.currentVersion),
    updatedAt: String(r.updatedAt),
  }));
}

export function createLetterTemplates(ctx: ServiceContext) {
  const changed = () => ctx.emit('data.changed', { domains: ['documents'] });

  /** Seeds the shipped templates on first use (a store made before them, or a new company). */
  async function ensureDefaults(): Promise<void> {
    const have = await ctx.db.selectFrom('letter_template').select('key').execute();
    const keys = new Set(have.map((r) => r.key));
    if (defaultTemplates().every((t) => keys.has(t.key))) return;
    await ctx.db.transaction().execute((trx) => seedDefaultTemplates(trx, nowIso(ctx.clock)));
  }

  async function summary(db: Queryable, templateId: number): Promise<LetterTemplateSummary> {
    const [s] = await summaries(db, templateId);
    if (!s) throw notFound('The letter template');
    return s;
  }

  return {
    ensureDefaults,

    async list(): Promise<LetterTemplateSummary[]> {
      await ensureDefaults();
      return summaries(ctx.db);
    },

    async get(templateId: number): Promise<LetterTemplateDetail> {
      await ensureDefaults();
      const { updatedAt: _updatedAt, ...s } = await summary(ctx.db, templateId);
      const versions = await ctx.db
        .selectFrom('letter_template_version')
        .selectAll()
        .where('template_id', '=', templateId)
        .orderBy('version', 'desc')
        .execute();
      return {
        ...s,
        versions: versions.map((v) => ({ version: v.version, subject: v.subject, bodyHtml: v.body_html, createdAt: v.created_at, createdBy: v.created_by })),
      };
    },

    /** Saves a new template or a new version of one: sanitized, fields checked; an existing version is never changed. */
    async save(actor: Actor, input: SaveInput): Promise<LetterTemplateSaved> {
      await ensureDefaults();
      const { html, removed } = sanitizeLetterHtml(input.bodyHtml);
      const problems = [...fieldProblems('subject', input.subject), ...fieldProblems('bodyHtml', html)];
      if (!html.replace(/<[^>]*>/g, '').trim()) problems.push({ path: 'bodyHtml', message: 'The letter has no text' });
      if (problems.length) throw invalid(problems.map((p) => p.message).join('; '), problems);
      const now = nowIso(ctx.clock);
      const saved = await ctx.db.transaction().execute(async (trx) => {
        let templateId: number;
        if (input.templateId !== undefined) {
          const t = await trx.selectFrom('letter_template').selectAll().where('id', '=', input.templateId).executeTakeFirst();
          if (!t) throw notFound('The letter template');
          if (t.purpose !== input.purpose) {
            throw invalid('A template keeps its purpose; make a new template for another purpose.', [{ path: 'purpose', message: 'cannot change' }]);
          }
          if (input.key !== undefined && input.key !== t.key) throw invalid('A template keeps its key.', [{ path: 'key', message: 'cannot change' }]);
          if (t.name !== input.name) await trx.updateTable('letter_template').set({ name: input.name }).where('id', '=', t.id).execute();
          templateId = t.id;
        } else {
          if (input.key === undefined) throw invalid('A new template needs a key.', [{ path: 'key', message: 'is required' }]);
          const taken = await trx.selectFrom('letter_template').select('id').where('key', '=', input.key).executeTakeFirst();
          if (taken) throw conflict(`A letter template with key “${input.key}” already exists.`, { path: 'key' });
          const row = await trx
            .insertInto('letter_template')
            .values({
              key: input.key,
              name: input.name,
              purpose: input.purpose,
              active: 1,
              created_at: now,
              created_by_id: actor.userId,
              created_by: actor.username,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          templateId = row.id;
        }
        const last = await trx
          .selectFrom('letter_template_version')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('template_id', '=', templateId)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        await trx
          .insertInto('letter_template_version')
          .values({
            template_id: templateId,
            version,
            subject: input.subject,
            body_html: html,
            created_at: now,
            created_by_id: actor.userId,
            created_by: actor.username,
          })
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'letterTemplate.save',
          entity: 'letter_template',
          entityId: templateId,
          after: { version, name: input.name, purpose: input.purpose, subject: input.subject, bodyChars: html.length, removed },
        });
        return { templateId, version, removed };
      });
      changed();
      return saved;
    },

    async setActive(actor: Actor, templateId: number, active: boolean): Promise<LetterTemplateSummary> {
      await ensureDefaults();
      const result = await ctx.db.transaction().execute(async (trx) => {
        const before = await summary(trx, templateId);
        if (before.active === active) return before;
        await trx
          .updateTable('letter_template')
          .set({ active: active ? 1 : 0 })
          .where('id', '=', templateId)
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'letterTemplate.setActive',
          entity: 'letter_template',
          entityId: templateId,
          before: { active: before.active },
          after: { active },
        });
        return { ...before, active };
      });
      changed();
      return result;
    },
  };
}
