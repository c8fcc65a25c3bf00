import type { z } from 'zod';
import { applyBasisPoints, cents, formatMoney, type Cents } from '@shared/money';
import { formatDate } from '@shared/dates';
import {
  computeInvoiceTotals,
  defaultInvoiceSettings,
  type invoiceCreateDraftSchema,
  invoiceSettingsSchema,
  type invoiceUpdateDraftSchema,
  type itemUpsertSchema,
  TotalsError,
  type Discount,
  type InvoiceTotals,
  type InvoiceDetail,
  type InvoiceListRow,
  type InvoiceSettings,
  type Item,
  type InvoiceLine,
} from '@shared/domain/invoices';
import { parseTerms, termsDates } from '@shared/domain/terms';
import { addressSchema, type Address } from '@shared/domain/accounts';
import type { PostingResult } from '@shared/domain/payments';
import type { Page } from '@shared/domain/text';
import type { Actor, Queryable, ServiceContext } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { mergeSettings, readSetting, writeSetting } from '../settings';
import {
  accountBalance,
  allocate,
  businessToday,
  insertDocument,
  loadDocument,
  maxDate,
  postDraft,
  postNewDocument,
  receivablesDomains,
  requirePostableAccount,
  type DocumentRow,
  type Posting,
} from '../ledger/posting';
import { sqlRun } from '../ledger/raw';

/** Callers building an invoice in code (the demo, bulk generators) may leave the ship-to out: none. */
type DraftInput = Omit<z.output<typeof invoiceCreateDraftSchema>, 'shipTo'> & { shipTo?: Address | null };
type DraftPatch = z.output<typeof invoiceUpdateDraftSchema>;
type LineData = DraftInput['lines'][number];

/**
 * A credit note to post (invoices.postCreditNote's parsed input; the imports pass the same): the account
 * (or the invoice, whose account it is), a reason, and an amount or lines, never both.
 */
export interface CreditNoteInput {
  accountId?: number;
  invoiceId?: number;
  /** Default: today; never after today. */
  date?: string;
  reason: string;
  amountCents?: number;
  lines?: LineData[];
  memo?: string;
}

export async function readInvoiceSettings(db: Queryable): Promise<InvoiceSettings> {
  const raw = await readSetting<Partial<InvoiceSettings>>(db, 'invoices');
  return invoiceSettingsSchema.parse({ ...defaultInvoiceSettings, ...raw });
}

function totalsOrInvalid(lines: LineData[], invoiceDiscount: Discount | null, shippingCents: Cents, shippingTaxRateBp: number) {
  try {
    return computeInvoiceTotals({ lines, invoiceDiscount, shippingCents, shippingTaxRateBp });
  } catch (err) {
    if (err instanceof TotalsError) throw invalid(err.message, err.line ? { line: err.line } : undefined);
    throw err;
  }
}

/** Insert a draft document's lines with their computed amounts (invoices and credit notes alike). */
const INSERT_LINE = `INSERT INTO invoice_line (document_id, line_no, item_code, description, quantity_milli, unit_price_cents, discount, tax_rate_bp,
  icd10_codes, gross_cents, line_discount_cents, invoice_discount_cents, net_cents, tax_cents, total_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** One fixed statement per line (ledger/raw.ts): an import posts thousands of invoices in one transaction. */
async function insertLines(p: Posting, docId: number, lines: LineData[], totals: InvoiceTotals): Promise<void> {
  for (const [i, l] of lines.entries()) {
    const t = totals.lines[i]!;
    await sqlRun(p.trx, INSERT_LINE, [
      docId,
      i + 1,
      l.itemCode,
      l.description,
      l.quantityMilli,
      l.unitPriceCents,
      l.discount ? JSON.stringify(l.discount) : null,
      l.taxRateBp,
      JSON.stringify(l.icd10Codes),
      t.grossCents,
      t.lineDiscountCents,
      t.invoiceDiscountCents,
      t.netCents,
      t.taxCents,
      t.totalCents,
    ]);
  }
}

/** Write the draft's header totals and lines (replacing the lines). */
async function writeDraftContent(
  p: Posting,
  docId: number,
  header: {
    invoiceDate: string;
    terms: string;
    poNumber: string;
    memo: string;
    invoiceDiscount: Discount | null;
    shippingCents: Cents;
    shipTo: Address | null;
  },
  lines: LineData[],
) {
  const settings = await readInvoiceSettings(p.trx);
  const totals = totalsOrInvalid(lines, header.invoiceDiscount, header.shippingCents, settings.shippingTaxRateBp);
  const terms = parseTerms(header.terms)!;
  const dates = termsDates(header.invoiceDate, terms);
  await p.trx
    .updateTable('document')
    .set({
      doc_date: header.invoiceDate,
      due_date: dates.dueDate,
      terms: terms.label,
      discount_date: dates.discountDate,
      discount_bp: dates.discountBp,
      po_number: header.poNumber,
      memo: header.memo,
      ship_to: header.shipTo ? JSON.stringify(header.shipTo) : null,
      invoice_discount: header.invoiceDiscount ? JSON.stringify(header.invoiceDiscount) : null,
      subtotal_cents: totals.subtotalCents,
      discount_cents: totals.discountCents,
      tax_cents: totals.taxCents,
      shipping_cents: totals.shippingCents,
      shipping_tax_cents: totals.shippingTaxCents,
      total_cents: totals.totalCents,
      updated_at: p.clock.now().toISOString(),
    })
    .where('id', '=', docId)
    .where('status', '=', 'draft')
    .execute();
  await p.trx.deleteFrom('invoice_line').where('document_id', '=', docId).execute();
  if (lines.length > 0) await insertLines(p, docId, lines, totals);
  return totals;
}

/** The stored ship-to (JSON Address) read back; null when the invoice has none. */
function readShipTo(json: string | null): Address | null {
  return json ? addressSchema.parse(JSON.parse(json)) : null;
}

async function readLines(db: Queryable, docId: number): Promise<LineData[]> {
  const rows = await db.selectFrom('invoice_line').selectAll().where('document_id', '=', docId).orderBy('line_no').execute();
  return rows.map((r) => ({
    itemCode: r.item_code,
    description: r.description,
    quantityMilli: r.quantity_milli,
    unitPriceCents: cents(r.unit_price_cents),
    discount: r.discount ? (JSON.parse(r.discount) as Discount) : null,
    taxRateBp: r.tax_rate_bp,
    icd10Codes: JSON.parse(r.icd10_codes) as string[],
  }));
}

/** Create a draft invoice in the caller's transaction (audited). */
export async function insertDraftInvoice(p: Posting, input: DraftInput, today: string): Promise<number> {
  const acct = await requirePostableAccount(p.trx, input.accountId);
  const now = p.clock.now().toISOString();
  const row = await p.trx
    .insertInto('document')
    .values({
      account_id: acct.id,
      kind: 'invoice',
      side: 'debit',
      status: 'draft',
      doc_date: input.invoiceDate ?? today,
      total_cents: 0,
      open_cents: 0,
      currency: acct.currency,
      created_at: now,
      created_by: p.actor.username,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeDraftContent(
    p,
    row.id,
    {
      invoiceDate: input.invoiceDate ?? today,
      terms: input.terms ?? acct.terms,
      poNumber: input.poNumber,
      memo: input.memo,
      invoiceDiscount: input.invoiceDiscount,
      shippingCents: input.shippingCents,
      shipTo: input.shipTo ?? null,
    },
    input.lines,
  );
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'invoice.draft.create',
    entity: 'document',
    entityId: row.id,
    after: { accountId: acct.id, lines: input.lines.length },
  });
  return row.id;
}

/**
 * Post a draft invoice in the caller's transaction: recompute and freeze the totals from its lines,
 * take the next INV number, write the ledger entry, the account totals and the audit record.
 */
export async function postInvoiceInTrx(p: Posting, invoiceId: number): Promise<DocumentRow> {
  const draft = await loadDocument(p.trx, invoiceId, 'Invoice');
  if (draft.kind !== 'invoice') throw notFound(`Invoice ${invoiceId}`);
  if (draft.status !== 'draft') throw conflict(`Invoice ${draft.number} is already posted; correct it with a credit note.`);
  await requirePostableAccount(p.trx, draft.account_id);
  const lines = await readLines(p.trx, invoiceId);
  if (lines.length === 0) throw invalid('An invoice needs at least one line before it can be posted.');
  const invoiceDiscount = draft.invoice_discount ? (JSON.parse(draft.invoice_discount) as Discount) : null;
  const totals = await writeDraftContent(
    p,
    invoiceId,
    {
      invoiceDate: draft.doc_date,
      terms: draft.terms ?? 'Net 30',
      poNumber: draft.po_number,
      memo: draft.memo,
      invoiceDiscount,
      shippingCents: cents(draft.shipping_cents),
      shipTo: readShipTo(draft.ship_to),
    },
    lines,
  );
  if (totals.totalCents <= 0) throw invalid('The invoice total is zero; there is nothing to post.');
  const posted = await postDraft(p, draft, { total_cents: totals.totalCents });
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'invoice.post',
    entity: 'document',
    entityId: posted.id,
    after: {
      number: posted.number,
      accountId: posted.account_id,
      date: posted.doc_date,
      dueDate: posted.due_date,
      totalCents: posted.total_cents,
      taxCents: posted.tax_cents,
    },
  });
  return posted;
}

/**
 * For a bulk generator (and any caller posting a finished invoice at once): create and post an invoice
 * in the caller's transaction with the fewest statements: totals computed once, lines inserted once,
 * number, ledger entry, account totals and the `invoice.post` audit record. Pass `settings`
 * (readInvoiceSettings) to skip reading them per invoice.
 */
export async function createAndPostInvoice(p: Posting, input: DraftInput, today: string, settings?: InvoiceSettings): Promise<DocumentRow> {
  const acct = await requirePostableAccount(p.trx, input.accountId);
  if (input.lines.length === 0) throw invalid('An invoice needs at least one line before it can be posted.');
  const s = settings ?? (await readInvoiceSettings(p.trx));
  const totals = totalsOrInvalid(input.lines, input.invoiceDiscount, input.shippingCents, s.shippingTaxRateBp);
  if (totals.totalCents <= 0) throw invalid('The invoice total is zero; there is nothing to post.');
  const invoiceDate = input.invoiceDate ?? today;
  const terms = parseTerms(input.terms ?? acct.terms)!;
  const dates = termsDates(invoiceDate, terms);
  const now = p.clock.now().toISOString();
  const draft = await insertDocument(p.trx, {
    account_id: acct.id,
    kind: 'invoice',
    side: 'debit',
    status: 'draft',
    doc_date: invoiceDate,
    due_date: dates.dueDate,
    terms: terms.label,
    discount_date: dates.discountDate,
    discount_bp: dates.discountBp,
    po_number: input.poNumber,
    memo: input.memo,
    ship_to: input.shipTo ? JSON.stringify(input.shipTo) : null,
    invoice_discount: input.invoiceDiscount ? JSON.stringify(input.invoiceDiscount) : null,
    subtotal_cents: totals.subtotalCents,
    discount_cents: totals.discountCents,
    tax_cents: totals.taxCents,
    shipping_cents: totals.shippingCents,
    shipping_tax_cents: totals.shippingTaxCents,
    total_cents: 0,
    open_cents: 0,
    currency: acct.currency,
    created_at: now,
    created_by: p.actor.username,
    updated_at: now,
  });
  await insertLines(p, draft.id, input.lines, totals);
  const posted = await postDraft(p, draft, { total_cents: totals.totalCents });
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'invoice.post',
    entity: 'document',
    entityId: posted.id,
    after: {
      number: posted.number,
      accountId: posted.account_id,
      date: posted.doc_date,
      dueDate: posted.due_date,
      totalCents: posted.total_cents,
      taxCents: posted.tax_cents,
    },
  });
  return posted;
}

/** The invoice a credit note names: posted, of the credit note's account, with room left to credit. */
async function creditedInvoice(p: Posting, invoiceId: number, accountId: number | undefined) {
  const inv = await loadDocument(p.trx, invoiceId, 'Invoice');
  if (inv.kind !== 'invoice') throw invalid(`${inv.number ?? `Document ${inv.id}`} is not an invoice; credit notes correct invoices.`);
  if (inv.status !== 'posted') throw conflict('This invoice is still a draft; edit it instead of crediting it.');
  if (accountId !== undefined && accountId !== inv.account_id)
    throw invalid(`Invoice ${inv.number} belongs to another account; a credit note can name only an invoice of its own account.`, { field: 'invoiceId' });
  const prior = await p.trx
    .selectFrom('document')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total_cents'), eb.lit(0)).as('s'))
    .where('related_document_id', '=', inv.id)
    .where('kind', '=', 'credit_note')
    .executeTakeFirstOrThrow();
  return { inv, room: inv.total_cents - Number(prior.s) };
}

/**
 * Post a credit note in the caller's transaction: for an account with a reason, for an amount or for
 * lines (priced by the one totals function, stored in invoice_line like an invoice's). Naming an
 * invoice, it may not exceed what is left to credit on it and is applied to its open amount; the rest,
 * and a credit note that names none, is unapplied credit until applied (payments.applyCredit). Every
 * check runs before the CN number is taken, so a refused note leaves no gap in the series.
 */
export async function postCreditNoteInTrx(p: Posting, input: CreditNoteInput, today: string): Promise<DocumentRow> {
  if (input.accountId === undefined && input.invoiceId === undefined) throw invalid('Name the account to credit (or the invoice the credit note is for).');
  if ((input.amountCents === undefined) === (input.lines === undefined))
    throw invalid(input.lines ? 'A credit note has an amount or lines, not both.' : 'A credit note needs an amount or lines.');
  const reason = input.reason.trim();
  if (reason === '') throw invalid('A credit note needs a reason.', { field: 'reason' });
  const date = input.date ?? today;
  if (date > today) throw invalid(`A credit note cannot be dated after today (${formatDate(today)}).`, { field: 'date' });
  const credited = input.invoiceId !== undefined ? await creditedInvoice(p, input.invoiceId, input.accountId) : null;
  const acct = await requirePostableAccount(p.trx, credited?.inv.account_id ?? input.accountId!);
  if (input.lines && input.lines.length === 0) throw invalid('A credit note with lines needs at least one line.', { field: 'lines' });
  const totals = input.lines ? totalsOrInvalid(input.lines, null, cents(0), 0) : null;
  const amount = totals ? totals.totalCents : input.amountCents!;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw invalid('A credit note needs an amount of more than zero.', { field: 'amountCents' });
  if (credited && amount > credited.room)
    throw conflict(`Credit notes on ${credited.inv.number} cannot exceed its total: ${formatMoney(Math.max(0, credited.room))} can still be credited.`);
  const base = { reason, memo: input.memo ?? '', related_document_id: credited?.inv.id ?? null, currency: acct.currency };
  let cn: DocumentRow;
  if (!totals) {
    cn = await postNewDocument(p, {
      accountId: acct.id,
      kind: 'credit_note',
      date,
      totalCents: amount,
      reason,
      memo: base.memo,
      relatedDocumentId: base.related_document_id,
      currency: acct.currency,
    });
  } else {
    // Lines may be written only while the document is a draft (the invoice_line triggers), so the
    // note is inserted as a draft, given its lines, then posted, all in this transaction.
    const now = p.clock.now().toISOString();
    const draft = await p.trx
      .insertInto('document')
      .values({
        ...base,
        account_id: acct.id,
        kind: 'credit_note',
        side: 'credit',
        status: 'draft',
        doc_date: date,
        subtotal_cents: totals.subtotalCents,
        discount_cents: totals.discountCents,
        tax_cents: totals.taxCents,
        total_cents: 0,
        open_cents: 0,
        created_at: now,
        created_by: p.actor.username,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertLines(p, draft.id, input.lines!, totals);
    cn = await postDraft(p, draft, { total_cents: amount });
  }
  const apply = credited ? Math.min(credited.inv.open_cents, amount) : 0;
  if (credited && apply > 0)
    await allocate(p, {
      accountId: acct.id,
      creditDocumentId: cn.id,
      debitDocumentId: credited.inv.id,
      amountCents: apply,
      effectiveDate: maxDate(date, credited.inv.doc_date),
      sourceDocumentId: cn.id,
    });
  await appendAudit(p.trx, p.clock, p.actor, {
    action: 'creditNote.post',
    entity: 'document',
    entityId: cn.id,
    after: {
      number: cn.number,
      accountId: acct.id,
      date,
      invoice: credited?.inv.number ?? null,
      amountCents: cn.total_cents,
      taxCents: totals?.taxCents ?? 0,
      lines: input.lines?.length ?? 0,
      appliedCents: apply,
      reason,
    },
  });
  return cn;
}

/** A posted or draft document's lines with their stored amounts (an invoice's, or a credit note's). */
export async function documentLines(db: Queryable, docId: number): Promise<InvoiceLine[]> {
  const rows = await db.selectFrom('invoice_line').selectAll().where('document_id', '=', docId).orderBy('line_no').execute();
  return rows.map((l) => ({
    lineNo: l.line_no,
    itemCode: l.item_code,
    description: l.description,
    quantityMilli: l.quantity_milli,
    unitPriceCents: l.unit_price_cents,
    discount: l.discount ? (JSON.parse(l.discount) as Discount) : null,
    taxRateBp: l.tax_rate_bp,
    icd10Codes: JSON.parse(l.icd10_codes) as string[],
    grossCents: l.gross_cents,
    lineDiscountCents: l.line_discount_cents,
    invoiceDiscountCents: l.invoice_discount_cents,
    netCents: l.net_cents,
    taxCents: l.tax_cents,
    totalCents: l.total_cents,
  }));
}

function toItem(r: {
  id: number;
  code: string;
  code_system: Item['codeSystem'];
  description: string;
  unit_price_cents: number;
  tax_rate_bp: number;
  active: number;
}): Item {
  return {
    id: r.id,
    code: r.code,
    codeSystem: r.code_system,
    description: r.description,
    unitPriceCents: r.unit_price_cents,
    taxRateBp: r.tax_rate_bp,
    active: r.active === 1,
  };
}

export function createInvoicesService(ctx: ServiceContext) {
  const posting = <T>(actor: Actor, fn: (p: Posting, today: string) => Promise<T>): Promise<T> =>
    ctx.db.transaction().execute(async (trx) => fn({ trx, clock: ctx.clock, actor }, await businessToday(trx, ctx.clock)));
  const changed = () => ctx.emit('data.changed', { domains: receivablesDomains });

  async function get(id: number, db: Queryable = ctx.db): Promise<InvoiceDetail> {
    const d = await db
      .selectFrom('document')
      .innerJoin('account', 'account.id', 'document.account_id')
      .selectAll('document')
      .select(['account.account_number', 'account.name as account_name'])
      .where('document.id', '=', id)
      .executeTakeFirst();
    if (d?.kind !== 'invoice') throw notFound(`Invoice ${id}`);
    const lines = await documentLines(db, id);
    return {
      id: d.id,
      accountId: d.account_id,
      accountNumber: d.account_number,
      accountName: d.account_name,
      status: d.status,
      number: d.number,
      invoiceDate: d.doc_date,
      dueDate: d.due_date ?? d.doc_date,
      terms: d.terms ?? '',
      discountDate: d.discount_date,
      discountBp: d.discount_bp,
      earlyPaymentDiscountCents: applyBasisPoints(cents(d.total_cents), d.discount_bp),
      poNumber: d.po_number,
      memo: d.memo,
      shipTo: readShipTo(d.ship_to),
      lines,
      invoiceDiscount: d.invoice_discount ? (JSON.parse(d.invoice_discount) as Discount) : null,
      subtotalCents: d.subtotal_cents,
      discountCents: d.discount_cents,
      taxCents: d.tax_cents,
      shippingCents: d.shipping_cents,
      shippingTaxCents: d.shipping_tax_cents,
      totalCents: d.total_cents,
      openCents: d.open_cents,
      postedAt: d.posted_at,
      postedBy: d.posted_by,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
    };
  }

  return {
    get: (id: number) => get(id),

    /** A credit note's lines (none: it was posted for an amount). */
    creditNoteLines: (documentId: number) => documentLines(ctx.db, documentId),

    async createDraft(actor: Actor, input: DraftInput): Promise<InvoiceDetail> {
      const r = await posting(actor, async (p, today) => get(await insertDraftInvoice(p, input, today), p.trx));
      changed();
      return r;
    },

    async updateDraft(actor: Actor, input: DraftPatch): Promise<InvoiceDetail> {
      const r = await posting(actor, async (p) => {
        const before = await get(input.invoiceId, p.trx);
        if (before.status !== 'draft') throw conflict(`Invoice ${before.number} is posted and cannot be edited; post a credit note instead.`);
        const lines: LineData[] =
          input.lines ??
          before.lines.map((l) => ({
            itemCode: l.itemCode,
            description: l.description,
            quantityMilli: l.quantityMilli,
            unitPriceCents: cents(l.unitPriceCents),
            discount: l.discount,
            taxRateBp: l.taxRateBp,
            icd10Codes: l.icd10Codes,
          }));
        await writeDraftContent(
          p,
          before.id,
          {
            invoiceDate: input.invoiceDate ?? before.invoiceDate,
            terms: input.terms ?? before.terms,
            poNumber: input.poNumber ?? before.poNumber,
            memo: input.memo ?? before.memo,
            invoiceDiscount: input.invoiceDiscount !== undefined ? input.invoiceDiscount : before.invoiceDiscount,
            shippingCents: input.shippingCents ?? cents(before.shippingCents),
            shipTo: input.shipTo !== undefined ? input.shipTo : before.shipTo,
          },
          lines,
        );
        const after = await get(before.id, p.trx);
        await appendAudit(p.trx, p.clock, p.actor, { action: 'invoice.draft.update', entity: 'document', entityId: before.id, before, after });
        return after;
      });
      changed();
      return r;
    },

    async deleteDraft(actor: Actor, invoiceId: number): Promise<void> {
      await posting(actor, async (p) => {
        const before = await get(invoiceId, p.trx);
        if (before.status !== 'draft') throw conflict(`Invoice ${before.number} is posted; posted documents are never deleted.`);
        await p.trx.deleteFrom('invoice_line').where('document_id', '=', invoiceId).execute();
        await p.trx.deleteFrom('document').where('id', '=', invoiceId).where('status', '=', 'draft').execute();
        await appendAudit(p.trx, p.clock, p.actor, { action: 'invoice.draft.delete', entity: 'document', entityId: invoiceId, before });
      });
      changed();
    },

    async post(actor: Actor, invoiceId: number): Promise<InvoiceDetail> {
      const r = await posting(actor, async (p) => get((await postInvoiceInTrx(p, invoiceId)).id, p.trx));
      changed();
      return r;
    },

    async postCreditNote(actor: Actor, input: CreditNoteInput): Promise<PostingResult> {
      const r = await posting(actor, async (p, today) => {
        const cn = await postCreditNoteInTrx(p, input, today);
        return { documentId: cn.id, number: cn.number!, related: [], accountBalanceCents: await accountBalance(p.trx, cn.account_id) };
      });
      changed();
      return r;
    },

    async list(
      q: { limit: number; offset: number; accountId?: number; status?: 'draft' | 'posted'; openOnly: boolean; mine?: boolean },
      actor?: Actor,
    ): Promise<Page<InvoiceListRow>> {
      let base = ctx.db
        .selectFrom('document')
        .innerJoin('account', 'account.id', 'document.account_id')
        .leftJoin('app_user', 'app_user.username', 'document.created_by')
        .where('document.kind', '=', 'invoice');
      // Documents keep their creator's username (drafts are created by a signed-in user).
      if (q.mine) base = base.where('document.created_by', '=', actor?.username ?? '');
      if (q.accountId) base = base.where('document.account_id', '=', q.accountId);
      if (q.status) base = base.where('document.status', '=', q.status);
      if (q.openOnly) base = base.where('document.open_cents', '>', 0);
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base
        .select([
          'document.id',
          'document.account_id',
          'account.account_number',
          'account.name',
          'document.status',
          'document.number',
          'document.doc_date',
          'document.due_date',
          'document.total_cents',
          'document.open_cents',
          'document.updated_at',
          'app_user.display_name',
        ])
        .orderBy('document.doc_date', 'desc')
        .orderBy('document.id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      return {
        rows: rows.map((r) => ({
          id: r.id,
          accountId: r.account_id,
          accountNumber: r.account_number,
          accountName: r.name,
          status: r.status,
          number: r.number,
          invoiceDate: r.doc_date,
          dueDate: r.due_date ?? r.doc_date,
          totalCents: r.total_cents,
          openCents: r.open_cents,
          createdByName: r.display_name,
          updatedAt: r.updated_at,
        })),
        total,
        limit: q.limit,
        offset: q.offset,
      };
    },

    // ---- price list ----
    async listItems(q: { includeInactive?: boolean; search?: string }): Promise<Item[]> {
      let query = ctx.db.selectFrom('item').selectAll().orderBy('code');
      if (!q.includeInactive) query = query.where('active', '=', 1);
      if (q.search) {
        const s = q.search.trim();
        query = query.where((eb) =>
          eb.or([eb('code', 'like', `${s.replace(/[%_\\]/g, '\\$&')}%`), eb('description', 'like', `%${s.replace(/[%_\\]/g, '\\$&')}%`)]),
        );
      }
      return (await query.limit(1000).execute()).map(toItem);
    },

    async upsertItem(actor: Actor, input: z.output<typeof itemUpsertSchema>): Promise<Item> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const now = ctx.clock.now().toISOString();
        const old = input.id ? await trx.selectFrom('item').selectAll().where('id', '=', input.id).executeTakeFirst() : undefined;
        if (input.id && !old) throw notFound(`Item ${input.id}`);
        // A field not given keeps the stored value (editing) or takes the default (a new item).
        const active = input.active ?? (old ? old.active === 1 : true);
        const values = {
          code: input.code,
          code_system: input.codeSystem ?? old?.code_system ?? 'item',
          description: input.description,
          unit_price_cents: input.unitPriceCents,
          tax_rate_bp: input.taxRateBp ?? old?.tax_rate_bp ?? 0,
          active: active ? 1 : 0,
          updated_at: now,
        };
        const clash = await trx.selectFrom('item').select('id').where('code', '=', input.code).executeTakeFirst();
        if (clash && clash.id !== input.id) throw conflict(`Item code ${input.code} is already in the price list.`, { field: 'code' });
        const before: Item | null = old ? toItem(old) : null;
        const row = old
          ? await trx.updateTable('item').set(values).where('id', '=', old.id).returningAll().executeTakeFirstOrThrow()
          : await trx
              .insertInto('item')
              .values({ ...values, created_at: now })
              .returningAll()
              .executeTakeFirstOrThrow();
        const after = toItem(row);
        await appendAudit(trx, ctx.clock, actor, {
          action: before ? 'item.update' : 'item.create',
          entity: 'item',
          entityId: row.id,
          before: before ?? undefined,
          after,
        });
        return after;
      });
      ctx.emit('data.changed', { domains: ['items'] });
      return r;
    },

    getSettings: () => readInvoiceSettings(ctx.db),

    async updateSettings(actor: Actor, patch: Partial<InvoiceSettings>): Promise<InvoiceSettings> {
      const r = await ctx.db.transaction().execute(async (trx) => {
        const before = await readInvoiceSettings(trx);
        const after = mergeSettings(invoiceSettingsSchema, before, patch);
        await writeSetting(trx, 'invoices', after);
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: 'invoices', before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['settings', 'invoices'] });
      return r;
    },
  };
}
export type InvoicesService = ReturnType<typeof createInvoicesService>;
