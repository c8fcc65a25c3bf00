import type { z } from 'zod';
import { addDays } from '@shared/dates';
import { normalizeSearchText } from '@shared/domain/accounts';
import { zonesForPhone } from '@shared/domain/area-codes';
import type { DataDomain } from '@shared/ipc/events';
import {
  collectionsSettingsSchema,
  defaultCollectionsSettings,
  type CollectionsSettings,
  type ComplianceBlock,
  type ComplianceCheck,
  type ComplianceOverride,
  type ComplianceRule,
  type InconvenientTime,
  type LetterPurpose,
  type OverrideInput,
  type RuleBlockedDetails,
  type ValidationNotice,
  type checkCallSchema,
  type inconvenientTimeSchema,
  type overridesListSchema,
} from '@shared/domain/collections';
import type { Role } from '@shared/domain/users';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import { DomainError, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { mergeSettings, readSetting, writeSetting } from '../settings';
import { blockedMessage, checkCall, checkLetter, type FlagFact, type InconvenientRange, type PriorCall } from './rules';

/** Who is asking: the actor for the audit and the role for overrides. */
export interface Caller {
  actor: Actor;
  role: Role | null;
}

export const SETTINGS_KEY = 'collections.contact';
export const collectionsDomains: DataDomain[] = ['collections'];

export async function readCollectionsSettings(db: Queryable): Promise<CollectionsSettings> {
  const raw = await readSetting<Partial<CollectionsSettings>>(db, SETTINGS_KEY);
  return collectionsSettingsSchema.parse({ ...defaultCollectionsSettings, ...(raw ?? {}) });
}

export async function complianceEnabled(db: Queryable): Promise<boolean> {
  const company = await readSetting<{ complianceEnabled?: boolean }>(db, 'company');
  return company?.complianceEnabled ?? true;
}

/**
 * The person a call is with: a contact of the account. Earlier calls and designated times are theirs
 * when they carry this contact's id or this name, so neither a renamed contact nor two contacts
 * entered for one person can reset the counts (the stricter reading wins).
 */
export interface Person {
  contactId: number;
  name: string;
  personKey: string;
}
export const personKeyOf = (name: string) => normalizeSearchText(name);

export async function resolvePerson(db: Queryable, accountId: number, contactId: number): Promise<Person> {
  const c = await db.selectFrom('account_contact').select(['id', 'name', 'account_id']).where('id', '=', contactId).executeTakeFirst();
  if (!c || c.account_id !== accountId) throw notFound(`Contact ${contactId} of account ${accountId}`);
  return { contactId: c.id, name: c.name, personKey: personKeyOf(c.name) };
}

export async function loadAccount(db: Queryable, accountId: number) {
  const a = await db.selectFrom('account').select(['id', 'account_number', 'name', 'kind', 'time_zone']).where('id', '=', accountId).executeTakeFirst();
  if (!a) throw notFound(`Account ${accountId}`);
  return a;
}

export async function openFlagFacts(db: Queryable, accountId: number): Promise<FlagFact[]> {
  const rows = await db
    .selectFrom('collection_flag')
    .select(['id', 'kind', 'phone', 'details', 'set_at'])
    .where('account_id', '=', accountId)
    .where('cleared_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, phone: r.phone, details: JSON.parse(r.details) as Record<string, unknown>, setAt: r.set_at }));
}

/** Everything the call rules need, read in the caller's transaction. */
export async function loadCallFacts(db: Queryable, input: { accountId: number; contactId: number; phone: string; at: Date }) {
  const account = await loadAccount(db, input.accountId);
  const person = await resolvePerson(db, input.accountId, input.contactId);
  const [enabled, flags, ranges, calls] = await Promise.all([
    complianceEnabled(db),
    openFlagFacts(db, account.id),
    db
      .selectFrom('inconvenient_time')
      .select(['weekdays', 'start_time', 'end_time', 'note', 'person_key'])
      .where('account_id', '=', account.id)
      .where('removed_at', 'is', null)
      .where((eb) => eb.or([eb('person_key', 'is', null), eb('person_key', '=', person.personKey), eb('contact_id', '=', person.contactId)]))
      .execute(),
    // Days are counted back at most 7 days, but a conversation's wait and the 7th-most-recent attempt
    // can reach 14 days back at most; read 15 to be safe across zones.
    db
      .selectFrom('call_log')
      .select(['started_at', 'direction', 'outcome'])
      .where('account_id', '=', account.id)
      .where((eb) => eb.or([eb('person_key', '=', person.personKey), eb('contact_id', '=', person.contactId)]))
      .where('started_at', '<=', input.at.toISOString())
      .where('started_at', '>=', new Date(input.at.getTime() - 15 * 86_400_000).toISOString())
      .execute(),
  ]);
  const inconvenientTimes: InconvenientRange[] = ranges.map((r) => ({
    weekdays: JSON.parse(r.weekdays) as number[],
    start: r.start_time,
    end: r.end_time,
    note: r.note,
  }));
  const priorCalls: PriorCall[] = calls.map((c) => ({ startedAt: c.started_at, direction: c.direction, outcome: c.outcome }));
  return {
    account,
    person,
    facts: {
      at: input.at,
      accountKind: account.kind,
      complianceEnabled: enabled,
      addressZone: account.time_zone,
      phone: input.phone,
      phoneZones: zonesForPhone(input.phone),
      personName: person.name,
      openFlags: flags,
      inconvenientTimes,
      priorCalls,
    },
  };
}

export function ruleBlocked(action: string, check: ComplianceCheck, zone: string | null): DomainError {
  const first = check.blocks[0]!;
  const details: RuleBlockedDetails = { rule: first.rule, citation: first.citation, blocks: check.blocks };
  const allowedAt = check.allowedAt ?? (check.blocks.length === 1 ? first.allowedAt : undefined);
  if (allowedAt) details.allowedAt = allowedAt;
  return new DomainError('RULE_BLOCKED', blockedMessage(action, check, zone), details);
}

/**
 * Either the check allows the action, or a supervisor/administrator overrides it with a written reason
 * (recorded and audited in the caller's transaction), or the action is refused with RULE_BLOCKED.
 * Returns the override id, or null when nothing needed overriding.
 */
export async function enforce(
  trx: Trx,
  ctx: Pick<ServiceContext, 'clock'>,
  caller: Caller,
  check: ComplianceCheck,
  what: {
    action: 'call' | 'letter';
    label: string;
    accountId: number;
    zone: string | null;
    phone?: string | null;
    contactName?: string | null;
    actionAt: string;
  },
  override: OverrideInput | undefined,
): Promise<number | null> {
  if (check.allowed) return null;
  if (!override) throw ruleBlocked(what.label, check, what.zone);
  if (caller.role !== 'supervisor' && caller.role !== 'administrator') {
    throw new DomainError(
      'FORBIDDEN',
      `Only a collections supervisor or an administrator can override a compliance block (your role: ${caller.role ?? 'none'}). ${blockedMessage(what.label, check, what.zone)}`,
    );
  }
  const reason = override.reason.trim();
  if (reason.length < 10) throw new DomainError('VALIDATION', 'An override needs a written reason of at least 10 characters.');
  const rules: ComplianceRule[] = check.blocks.map((b) => b.rule);
  const row = await trx
    .insertInto('compliance_override')
    .values({
      account_id: what.accountId,
      action: what.action,
      rules: JSON.stringify(rules),
      blocks: JSON.stringify(check.blocks),
      reason,
      phone: what.phone ?? null,
      contact_name: what.contactName ?? null,
      action_at: what.actionAt,
      user_id: caller.actor.userId,
      username: caller.actor.username,
      role: caller.role,
      created_at: ctx.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx.clock, caller.actor, {
    action: 'compliance.override',
    entity: 'account',
    entityId: what.accountId,
    after: {
      overrideId: row.id,
      action: what.action,
      rules,
      reason,
      phone: what.phone ?? null,
      contactName: what.contactName ?? null,
      actionAt: what.actionAt,
      role: caller.role,
    },
  });
  return row.id;
}

/** A block as stored; those recorded before blocks carried facts have the English `message` instead. */
type StoredBlock = ComplianceBlock | { rule: ComplianceRule; message: string; allowedAt?: string; citation: string };
const blockOf = (b: StoredBlock): ComplianceBlock =>
  'message' in b ? { rule: b.rule, recorded: b.message, ...(b.allowedAt ? { allowedAt: b.allowedAt } : {}), citation: b.citation } : b;

type InconvenientInput = z.output<typeof inconvenientTimeSchema>;
type OverridesQuery = z.output<typeof overridesListSchema>;

export function createComplianceService(ctx: ServiceContext) {
  const changed = () => ctx.emit('data.changed', { domains: collectionsDomains });

  async function validationNotice(db: Queryable, accountId: number): Promise<ValidationNotice | null> {
    const r = await db
      .selectFrom('validation_notice')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!r) return null;
    const s = await readCollectionsSettings(db);
    return { accountId, sentOn: r.sent_on, periodEndsOn: addDays(r.sent_on, s.validationPeriodDays), recordedAt: r.recorded_at, recordedBy: r.recorded_by };
  }

  return {
    /** compliance.checkCall: may this person be called at this number now (or at `at`)? */
    async checkCall(input: z.output<typeof checkCallSchema>): Promise<ComplianceCheck> {
      const at = input.at ? new Date(input.at) : ctx.clock.now();
      const { facts } = await loadCallFacts(ctx.db, { accountId: input.accountId, contactId: input.contactId, phone: input.phone, at });
      return checkCall(facts);
    },

    /** compliance.checkLetter: may a letter of this purpose be queued for the account? */
    async checkLetter(input: { accountId: number; purpose: LetterPurpose }, db: Queryable = ctx.db): Promise<ComplianceCheck> {
      const account = await loadAccount(db, input.accountId);
      return checkLetter({
        accountKind: account.kind,
        complianceEnabled: await complianceEnabled(db),
        purpose: input.purpose,
        openFlags: await openFlagFacts(db, account.id),
      });
    },

    /**
     * For the letters service: call inside the transaction that queues the letter. Throws RULE_BLOCKED
     * (or FORBIDDEN for a clerk's override); returns the override id when a supervisor overrode a block.
     */
    async assertLetterAllowed(
      trx: Trx,
      caller: Caller,
      input: { accountId: number; purpose: LetterPurpose; override?: OverrideInput },
    ): Promise<number | null> {
      const check = await this.checkLetter(input, trx);
      const account = await loadAccount(trx, input.accountId);
      return enforce(
        trx,
        ctx,
        caller,
        check,
        { action: 'letter', label: 'This letter', accountId: input.accountId, zone: account.time_zone, actionAt: ctx.clock.now().toISOString() },
        input.override,
      );
    },

    /** compliance.overrides: the overrides report, newest first. */
    async overrides(q: OverridesQuery): Promise<ComplianceOverride[]> {
      let query = ctx.db
        .selectFrom('compliance_override as o')
        .innerJoin('account as a', 'a.id', 'o.account_id')
        .leftJoin('call_log as c', 'c.override_id', 'o.id')
        .select([
          'o.id',
          'o.account_id',
          'a.account_number',
          'a.name',
          'a.time_zone',
          'o.action',
          'o.rules',
          'o.blocks',
          'o.reason',
          'o.phone',
          'o.contact_name',
          'o.action_at',
          'o.user_id',
          'o.username',
          'o.role',
          'o.created_at',
          'c.id as call_id',
        ])
        .orderBy('o.created_at', 'desc')
        .orderBy('o.id', 'desc');
      if (q.from) query = query.where('o.created_at', '>=', new Date(q.from).toISOString());
      if (q.to) query = query.where('o.created_at', '<', new Date(q.to).toISOString());
      if (q.accountId) query = query.where('o.account_id', '=', q.accountId);
      return (await query.execute()).map((r) => ({
        id: r.id,
        accountId: r.account_id,
        accountNumber: r.account_number,
        accountName: r.name,
        timeZone: r.time_zone,
        action: r.action,
        rules: JSON.parse(r.rules),
        blocks: (JSON.parse(r.blocks) as StoredBlock[]).map(blockOf),
        reason: r.reason,
        phone: r.phone,
        contactName: r.contact_name,
        actionAt: r.action_at,
        userId: r.user_id,
        username: r.username,
        role: r.role,
        createdAt: r.created_at,
        callId: r.call_id,
      }));
    },

    async listInconvenientTimes(accountId: number): Promise<InconvenientTime[]> {
      await loadAccount(ctx.db, accountId);
      const rows = await ctx.db
        .selectFrom('inconvenient_time')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('removed_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        contactName: r.contact_name,
        weekdays: JSON.parse(r.weekdays),
        start: r.start_time,
        end: r.end_time,
        note: r.note,
        createdAt: r.created_at,
        createdBy: r.created_by,
      }));
    },

    async addInconvenientTime(actor: Actor, input: InconvenientInput): Promise<InconvenientTime> {
      const id = await ctx.db.transaction().execute(async (trx) => {
        await loadAccount(trx, input.accountId);
        const person = input.contactId ? await resolvePerson(trx, input.accountId, input.contactId) : null;
        const weekdays = [...new Set(input.weekdays)].sort();
        const row = await trx
          .insertInto('inconvenient_time')
          .values({
            account_id: input.accountId,
            contact_name: person?.name ?? null,
            person_key: person?.personKey ?? null,
            contact_id: person?.contactId ?? null,
            weekdays: JSON.stringify(weekdays),
            start_time: input.start,
            end_time: input.end,
            note: input.note,
            created_at: ctx.clock.now().toISOString(),
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'compliance.inconvenientTime.add',
          entity: 'account',
          entityId: input.accountId,
          after: { id: row.id, contact: person?.name ?? null, weekdays, start: input.start, end: input.end, note: input.note },
        });
        return row.id;
      });
      changed();
      return (await this.listInconvenientTimes(input.accountId)).find((t) => t.id === id)!;
    },

    async withdrawInconvenientTime(actor: Actor, input: { id: number; reason: string }): Promise<null> {
      await ctx.db.transaction().execute(async (trx) => {
        const r = await trx.selectFrom('inconvenient_time').selectAll().where('id', '=', input.id).executeTakeFirst();
        if (!r || r.removed_at) throw notFound(`Inconvenient time ${input.id}`);
        await trx
          .updateTable('inconvenient_time')
          .set({ removed_at: ctx.clock.now().toISOString(), removed_by: actor.username, remove_reason: input.reason })
          .where('id', '=', r.id)
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'compliance.inconvenientTime.withdraw',
          entity: 'account',
          entityId: r.account_id,
          before: { id: r.id, contact: r.contact_name, weekdays: JSON.parse(r.weekdays), start: r.start_time, end: r.end_time, note: r.note },
          after: { reason: input.reason },
        });
      });
      changed();
      return null;
    },

    validationNotice: (accountId: number) => validationNotice(ctx.db, accountId),
    validationNoticeIn: validationNotice,

    /** compliance.recordValidationNotice: the date the validation notice (1006.34) was sent. */
    async recordValidationNotice(actor: Actor, input: { accountId: number; sentOn: string }): Promise<ValidationNotice> {
      const notice = await ctx.db.transaction().execute(async (trx) => {
        await loadAccount(trx, input.accountId);
        const row = await trx
          .insertInto('validation_notice')
          .values({
            account_id: input.accountId,
            sent_on: input.sentOn,
            recorded_at: ctx.clock.now().toISOString(),
            recorded_by_id: actor.userId,
            recorded_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const n = (await validationNotice(trx, input.accountId))!;
        await appendAudit(trx, ctx.clock, actor, {
          action: 'compliance.validationNotice',
          entity: 'account',
          entityId: input.accountId,
          after: { id: row.id, sentOn: n.sentOn, periodEndsOn: n.periodEndsOn },
        });
        return n;
      });
      changed();
      return notice;
    },

    getSettings: () => readCollectionsSettings(ctx.db),

    async updateSettings(actor: Actor, patch: Partial<CollectionsSettings>): Promise<CollectionsSettings> {
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await readCollectionsSettings(trx);
        const after = mergeSettings(collectionsSettingsSchema, before, patch);
        await writeSetting(trx, SETTINGS_KEY, after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: SETTINGS_KEY, before, after });
        return after;
      });
      changed();
      return next;
    },
  };
}
export type ComplianceService = ReturnType<typeof createComplianceService>;
