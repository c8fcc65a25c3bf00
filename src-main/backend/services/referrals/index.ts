import Papa from 'papaparse';
import { csvText } from '@shared/csv-text';
import type { z } from 'zod';
import type { PlacementFile, Referral, referralListSchema, referralReferSchema, referralRecallSchema } from '@shared/domain/collections-policy';
import { centsToDecimalString } from '@shared/money';
import { formatDate } from '@shared/dates';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import type { AccountsService } from '../accounts';
import { businessToday, openDebits } from '../ledger/posting';

type ReferInput = z.output<typeof referralReferSchema>;
type RecallInput = z.output<typeof referralRecallSchema>;
type ListInput = z.output<typeof referralListSchema>;

/** Runs of 12 or more digits (a card or bank account number) never leave in a placement file. */
const maskLongDigits = (s: string) => s.replace(/\d[\d -]{10,}\d/g, (m) => (m.replace(/\D/g, '').length >= 12 ? '[removed]' : m));

export const placementColumns = [
  'account_number',
  'account_name',
  'account_kind',
  'contact_name',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'postal_code',
  'country',
  'phones',
  'emails',
  'balance',
  'past_due',
  'oldest_due_date',
  'open_item_count',
  'open_items',
  'agency',
  'referred_on',
] as const;

async function views(db: Queryable, where: ListInput & { ids?: number[] }): Promise<Referral[]> {
  let q = db
    .selectFrom('agency_referral as r')
    .innerJoin('account as a', 'a.id', 'r.account_id')
    .select([
      'r.id',
      'r.account_id',
      'a.account_number',
      'a.name',
      'r.agency_name',
      'r.status',
      'r.referred_on',
      'r.referred_by',
      'r.balance_cents',
      'r.note',
      'r.recalled_on',
      'r.recalled_by',
      'r.recall_reason',
    ])
    .orderBy('r.id', 'desc');
  if (where.accountId) q = q.where('r.account_id', '=', where.accountId);
  if (where.status) q = q.where('r.status', '=', where.status);
  if (where.ids) q = q.where('r.id', 'in', where.ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    accountNumber: r.account_number,
    accountName: r.name,
    agencyName: r.agency_name,
    status: r.status,
    referredOn: r.referred_on,
    referredBy: r.referred_by,
    balanceCents: r.balance_cents,
    note: r.note,
    recalledOn: r.recalled_on,
    recalledBy: r.recalled_by,
    recallReason: r.recall_reason,
  }));
}

export function createReferralsService(ctx: ServiceContext, deps: { accounts: AccountsService }) {
  const changed = () => ctx.emit('data.changed', { domains: ['collections', 'referrals'] });

  return {
    list: (input: ListInput) => views(ctx.db, input),

    /** Refer an account to a collection agency: one open referral per account; the account leaves the worklist and the ladder. */
    async refer(actor: Actor, input: ReferInput): Promise<Referral> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const acct = await trx.selectFrom('account').select(['id', 'account_number', 'balance_cents']).where('id', '=', input.accountId).executeTakeFirst();
        if (!acct) throw notFound(`Account ${input.accountId}`);
        if (acct.balance_cents <= 0) throw conflict(`Account ${acct.account_number} owes nothing; there is nothing to refer.`);
        const open = await trx
          .selectFrom('agency_referral')
          .select(['agency_name', 'referred_on'])
          .where('account_id', '=', acct.id)
          .where('status', '=', 'referred')
          .executeTakeFirst();
        if (open) throw conflict(`Account ${acct.account_number} is already with ${open.agency_name} (since ${formatDate(open.referred_on)}).`);
        const date = input.date ?? (await businessToday(trx, ctx.clock));
        const row = await trx
          .insertInto('agency_referral')
          .values({
            account_id: acct.id,
            agency_name: input.agencyName,
            status: 'referred',
            referred_on: date,
            referred_at: ctx.clock.now().toISOString(),
            referred_by: actor.username,
            balance_cents: acct.balance_cents,
            note: input.note,
            recalled_on: null,
            recalled_at: null,
            recalled_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'referral.refer',
          entity: 'account',
          entityId: acct.id,
          after: { referralId: row.id, agency: input.agencyName, date, balanceCents: acct.balance_cents, note: input.note },
        });
        return (await views(trx, { ids: [row.id] }))[0]!;
      });
      changed();
      return r;
    },

    async recall(actor: Actor, input: RecallInput): Promise<Referral> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('agency_referral')
          .select(['id', 'agency_name', 'referred_on'])
          .where('account_id', '=', input.accountId)
          .where('status', '=', 'referred')
          .executeTakeFirst();
        if (!open) throw conflict(`Account ${input.accountId} is not with an agency.`);
        const date = input.date ?? (await businessToday(trx, ctx.clock));
        if (date < open.referred_on) throw invalid(`The recall date ${formatDate(date)} is before the referral (${formatDate(open.referred_on)}).`);
        await trx
          .updateTable('agency_referral')
          .set({ status: 'recalled', recalled_on: date, recalled_at: ctx.clock.now().toISOString(), recalled_by: actor.username, recall_reason: input.reason })
          .where('id', '=', open.id)
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'referral.recall',
          entity: 'account',
          entityId: input.accountId,
          before: { referralId: open.id, status: 'referred', agency: open.agency_name },
          after: { status: 'recalled', date, reason: input.reason },
        });
        return (await views(trx, { ids: [open.id] }))[0]!;
      });
      changed();
      return r;
    },

    /**
     * The placement file for the agency: one CSV row per account (columns `placementColumns`), with the
     * primary contact, the mailing (else billing) address, every phone, open items, balance. No payment
     * data at all, and any run of 12+ digits outside the phone column is removed. The accounts must be
     * referred. The export is audited.
     */
    async placementFile(actor: Actor, accountIds: number[]): Promise<PlacementFile> {
      const ids = [...new Set(accountIds)];
      const referrals = new Map<number, { agency_name: string; referred_on: string }>();
      for (let k = 0; k < ids.length; k += 500) {
        for (const r of await ctx.db
          .selectFrom('agency_referral')
          .select(['account_id', 'agency_name', 'referred_on'])
          .where('status', '=', 'referred')
          .where('account_id', 'in', ids.slice(k, k + 500))
          .execute())
          referrals.set(r.account_id, r);
      }
      const notReferred = ids.filter((id) => !referrals.has(id));
      if (notReferred.length)
        throw conflict(
          `Only referred accounts go into a placement file; not referred: ${notReferred.slice(0, 10).join(', ')}${notReferred.length > 10 ? ', ...' : ''}.`,
        );
      const today = await businessToday(ctx.db, ctx.clock);
      const rows: Record<(typeof placementColumns)[number], string>[] = [];
      for (const id of ids) {
        const a = await deps.accounts.get(id);
        const contact = a.contacts.find((c) => c.isPrimary) ?? a.contacts[0];
        const addr = a.mailingAddress ?? a.billingAddress;
        const open = await openDebits(ctx.db, id);
        const pastDue = open.filter((o) => (o.due_date ?? o.doc_date) < today);
        const ref = referrals.get(id)!;
        // Customer text: long digit runs (card or bank numbers typed into a note or name) removed, formulas neutralized.
        const t = (v: string) => csvText(maskLongDigits(v));
        rows.push({
          account_number: t(a.accountNumber),
          account_name: t(a.name),
          account_kind: a.kind,
          contact_name: t(contact?.name ?? ''),
          address_line1: t(addr.line1),
          address_line2: t(addr.line2),
          city: t(addr.city),
          state: csvText(addr.state),
          postal_code: csvText(addr.postalCode),
          country: csvText(addr.country),
          phones: csvText(a.contacts.flatMap((c) => c.phones.map((p) => `${c.name}${p.label ? ` (${p.label})` : ''}: ${p.number}`)).join('; ')),
          emails: t(a.contacts.flatMap((c) => c.emails.map((e) => e.email)).join('; ')),
          balance: centsToDecimalString(a.balanceCents),
          past_due: centsToDecimalString(pastDue.reduce((s, o) => s + o.open_cents, 0)),
          oldest_due_date: pastDue[0]?.due_date ?? '',
          open_item_count: String(open.length),
          open_items: open
            .map((o) => `${o.number} ${o.doc_date} due ${o.due_date} open ${centsToDecimalString(o.open_cents)} of ${centsToDecimalString(o.total_cents)}`)
            .join('; '),
          agency: csvText(ref.agency_name),
          referred_on: ref.referred_on,
        });
      }
      const csv = Papa.unparse({ fields: [...placementColumns], data: rows.map((r) => placementColumns.map((c) => r[c])) }, { newline: '\r\n' });
      const agencies = [...new Set(rows.map((r) => r.agency))];
      const fileName = `placement-${
        agencies.length === 1
          ? agencies[0]!
              .replace(/[^A-Za-z0-9]+/g, '-')
              .replace(/^-|-$/g, '')
              .toLowerCase()
          : 'agencies'
      }-${today}.csv`;
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, ctx.clock, actor, {
          action: 'referral.placementFile',
          entity: 'export',
          entityId: fileName,
          after: { accountIds: ids, rows: rows.length },
        }),
      );
      return { fileName, csv, rows: rows.length };
    },
  };
}
export type ReferralsService = ReturnType<typeof createReferralsService>;
