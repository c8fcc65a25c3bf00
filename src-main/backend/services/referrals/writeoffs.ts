import type { z } from 'zod';
import type { WriteoffRequest, writeoffListSchema, writeoffRequestSchema } from '@shared/domain/collections-policy';
import { cents, formatMoney } from '@shared/money';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { postWriteOffInTrx } from '../ledger';
import { businessToday, openDebits, receivablesDomains, type OpenDebit, type Posting } from '../ledger/posting';

type RequestInput = z.output<typeof writeoffRequestSchema>;
type ListInput = z.output<typeof writeoffListSchema>;

/** The open items a request covers, oldest due first: the named ones, else all of the account's. */
function covered(open: OpenDebit[], invoiceIds: number[] | null, accountNumber: string): OpenDebit[] {
  if (!invoiceIds) return open;
  const byId = new Map(open.map((d) => [d.id, d]));
  const chosen = invoiceIds.map((id) => {
    const d = byId.get(id);
    if (!d) throw conflict(`Document ${id} is not an open item of account ${accountNumber}.`);
    return d;
  });
  const order = new Map(open.map((d, i) => [d.id, i]));
  return chosen.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

async function views(db: Queryable, where: ListInput & { ids?: number[] }): Promise<WriteoffRequest[]> {
  let q = db
    .selectFrom('writeoff_request as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .selectAll('w')
    .select(['a.account_number', 'a.name'])
    .orderBy('w.id', 'desc');
  if (where.accountId) q = q.where('w.account_id', '=', where.accountId);
  if (where.status) q = q.where('w.status', '=', where.status);
  if (where.ids) q = q.where('w.id', 'in', where.ids);
  const rows = await q.execute();
  const docIds = rows.flatMap((r) => JSON.parse(r.write_off_document_ids) as number[]);
  const docs = new Map(
    docIds.length
      ? (await db.selectFrom('document').select(['id', 'number', 'related_document_id', 'total_cents']).where('id', 'in', docIds).execute()).map((d) => [
          d.id,
          d,
        ])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    accountNumber: r.account_number,
    accountName: r.name,
    invoiceIds: r.invoice_ids ? (JSON.parse(r.invoice_ids) as number[]) : null,
    amountCents: r.amount_cents,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at,
    requestedBy: r.requested_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    writeOffDocuments: (JSON.parse(r.write_off_document_ids) as number[]).map((id) => ({
      documentId: id,
      number: docs.get(id)?.number ?? null,
      invoiceId: docs.get(id)?.related_document_id ?? null,
      amountCents: docs.get(id)?.total_cents ?? 0,
    })),
  }));
}

export function createWriteoffsService(ctx: ServiceContext) {
  const one = async (db: Queryable, id: number) => {
    const [v] = await views(db, { ids: [id] });
    if (!v) throw notFound(`Write-off request ${id}`);
    return v;
  };

  return {
    list: (input: ListInput) => views(ctx.db, input),

    /** A clerk asks for a write-off; nothing posts until a supervisor approves. */
    async request(actor: Actor, input: RequestInput): Promise<WriteoffRequest> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const acct = await trx.selectFrom('account').select(['id', 'account_number']).where('id', '=', input.accountId).executeTakeFirst();
        if (!acct) throw notFound(`Account ${input.accountId}`);
        const items = covered(await openDebits(trx, acct.id), input.invoiceIds ?? null, acct.account_number);
        const available = items.reduce((s, d) => s + d.open_cents, 0);
        if (available === 0) throw conflict(`Account ${acct.account_number} has nothing open to write off.`);
        if (input.amountCents > available)
          throw invalid(
            `Cannot write off ${formatMoney(input.amountCents)}: only ${formatMoney(available)} is open on ${input.invoiceIds ? 'those items' : 'the account'}.`,
          );
        const pending = await trx
          .selectFrom('writeoff_request')
          .select('id')
          .where('account_id', '=', acct.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (pending) throw conflict(`Account ${acct.account_number} already has a write-off request waiting for approval (#${pending.id}).`);
        const row = await trx
          .insertInto('writeoff_request')
          .values({
            account_id: acct.id,
            invoice_ids: input.invoiceIds ? JSON.stringify(input.invoiceIds) : null,
            amount_cents: input.amountCents,
            reason: input.reason,
            status: 'pending',
            requested_at: ctx.clock.now().toISOString(),
            requested_by_id: actor.userId,
            requested_by: actor.username,
            decided_at: null,
            decided_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'writeoff.request',
          entity: 'account',
          entityId: acct.id,
          after: { requestId: row.id, invoices: items.map((d) => d.number), amountCents: input.amountCents, reason: input.reason },
        });
        return one(trx, row.id);
      });
      ctx.emit('data.changed', { domains: ['collections', 'writeoffs'] });
      return r;
    },

    /**
     * A supervisor approves: the amount is written off the covered open items oldest due first, one
     * write-off document (WO-) per item through the receivables posting, all in one transaction with
     * the decision. No one approves their own request.
     */
    async approve(actor: Actor, requestId: number, note: string): Promise<WriteoffRequest> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const req = await trx.selectFrom('writeoff_request').selectAll().where('id', '=', requestId).executeTakeFirst();
        if (!req) throw notFound(`Write-off request ${requestId}`);
        if (req.status !== 'pending') throw conflict(`Write-off request #${req.id} was already ${req.status}.`);
        if (req.requested_by_id !== null && req.requested_by_id === actor.userId)
          throw conflict('A write-off needs the approval of someone other than the person who asked for it.');
        const acct = await trx.selectFrom('account').select(['id', 'account_number']).where('id', '=', req.account_id).executeTakeFirstOrThrow();
        const items = covered(await openDebits(trx, acct.id), req.invoice_ids ? (JSON.parse(req.invoice_ids) as number[]) : null, acct.account_number);
        const available = items.reduce((s, d) => s + d.open_cents, 0);
        if (req.amount_cents > available)
          throw conflict(`Only ${formatMoney(available)} is still open of the ${formatMoney(req.amount_cents)} requested; reject this request and ask again.`);
        const today = await businessToday(trx, ctx.clock);
        const p: Posting = { trx, clock: ctx.clock, actor };
        let left = req.amount_cents;
        const posted: number[] = [];
        for (const d of items) {
          if (left === 0) break;
          const amt = Math.min(left, d.open_cents);
          const wo = await postWriteOffInTrx(p, { invoiceId: d.id, amountCents: cents(amt), reason: `${req.reason} (request #${req.id})` }, today);
          posted.push(wo.id);
          left -= amt;
        }
        const now = ctx.clock.now().toISOString();
        await trx
          .updateTable('writeoff_request')
          .set({ status: 'approved', decided_at: now, decided_by: actor.username, decision_note: note, write_off_document_ids: JSON.stringify(posted) })
          .where('id', '=', req.id)
          .where('status', '=', 'pending')
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'writeoff.approve',
          entity: 'account',
          entityId: req.account_id,
          before: { requestId: req.id, status: 'pending' },
          after: { requestId: req.id, status: 'approved', amountCents: req.amount_cents, documents: posted, note },
        });
        return one(trx, req.id);
      });
      ctx.emit('data.changed', { domains: [...receivablesDomains, 'collections', 'writeoffs'] });
      return r;
    },

    async reject(actor: Actor, requestId: number, note: string): Promise<WriteoffRequest> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const req = await trx.selectFrom('writeoff_request').select(['id', 'status', 'account_id']).where('id', '=', requestId).executeTakeFirst();
        if (!req) throw notFound(`Write-off request ${requestId}`);
        if (req.status !== 'pending') throw conflict(`Write-off request #${req.id} was already ${req.status}.`);
        await trx
          .updateTable('writeoff_request')
          .set({ status: 'rejected', decided_at: ctx.clock.now().toISOString(), decided_by: actor.username, decision_note: note })
          .where('id', '=', req.id)
          .execute();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'writeoff.reject',
          entity: 'account',
          entityId: req.account_id,
          before: { requestId: req.id, status: 'pending' },
          after: { requestId: req.id, status: 'rejected', note },
        });
        return one(trx, req.id);
      });
      ctx.emit('data.changed', { domains: ['collections', 'writeoffs'] });
      return r;
    },
  };
}
export type WriteoffsService = ReturnType<typeof createWriteoffsService>;
