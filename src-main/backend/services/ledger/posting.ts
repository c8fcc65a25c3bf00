import type { Insertable, Selectable } from 'kysely';
import { DATE_RANGE_MESSAGE, dateInZone, isIsoDate, type IsoDate } from '@shared/dates';
import { MAX_CENTS, MAX_CENTS_TEXT, formatMoney } from '@shared/money';
import { seriesOfKind, type DocumentKind } from '@shared/domain/ledger';
import type { DataDomain } from '@shared/ipc/events';
import type { Actor, Clock, Queryable, Trx } from '../../context';
import type { AccountTable, DocumentTable } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nextNumber } from '../numbering';
import { companyTimeZone } from '../settings';
import { sqlFirst, sqlRows, sqlRun } from './raw';

/**
 * The posting engine shared by every receivables service. All functions take the caller's transaction
 * (a `Posting`), so a bulk generator can post thousands of documents in one transaction, and a
 * service posts a document, its allocations, the account totals and its audit record together.
 */
export interface Posting {
  trx: Trx;
  clock: Clock;
  actor: Actor;
}

export type DocumentRow = Selectable<DocumentTable>;

export const sideOfKind: Record<DocumentKind, 'debit' | 'credit'> = {
  invoice: 'debit',
  fee: 'debit',
  refund: 'debit',
  reversal: 'debit',
  adjustment: 'debit', // a negative adjustment is posted with side 'credit'
  credit_note: 'credit',
  payment: 'credit',
  write_off: 'credit',
};

export const maxDate = (...dates: IsoDate[]): IsoDate => dates.reduce((a, b) => (b > a ? b : a));

/** Today's business date in the company's time zone. */
export async function businessToday(db: Queryable, clock: Clock): Promise<IsoDate> {
  return dateInZone(clock.now(), await companyTimeZone(db));
}

export async function loadDocument(db: Queryable, id: number, what = 'Document'): Promise<DocumentRow> {
  const row = await db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`${what} ${id}`);
  return row;
}

export async function loadAccountRow(db: Queryable, id: number): Promise<Selectable<AccountTable>> {
  const row = await sqlFirst<Selectable<AccountTable>>(db, 'SELECT * FROM account WHERE id = ?', [id]);
  if (!row) throw notFound(`Account ${id}`);
  return row;
}

/** Refuse postings to a closed account. */
export async function requirePostableAccount(db: Queryable, id: number) {
  const acct = await loadAccountRow(db, id);
  if (acct.status === 'closed') throw conflict(`Account ${acct.account_number} is closed; reopen it before posting to it.`);
  return acct;
}

/**
 * The last check before anything posts, whoever computed the document (a clerk, an import, a fee run):
 * its amount within the one ceiling and its dates within the accepted range. Schemas refuse such input
 * first; this keeps a computed amount or date from reaching the ledger either.
 */
function checkPostable(what: string, totalCents: number, dates: (IsoDate | null | undefined)[]): void {
  if (!Number.isSafeInteger(totalCents) || totalCents > MAX_CENTS)
    throw invalid(
      `The ${what} amount (${Number.isSafeInteger(totalCents) ? formatMoney(totalCents) : totalCents}) is more than ${MAX_CENTS_TEXT}, the most one document may be.`,
    );
  for (const d of dates) if (d != null && !isIsoDate(d)) throw invalid(`${DATE_RANGE_MESSAGE}: the ${what} is dated ${d}.`);
}

/** The ledger entry and the account's summary columns for a document that just became posted. */
async function recordLedger(
  p: Posting,
  doc: { id: number; account_id: number; side: 'debit' | 'credit'; total_cents: number; doc_date: string },
): Promise<void> {
  const signed = doc.side === 'debit' ? doc.total_cents : -doc.total_cents;
  await sqlRun(p.trx, 'INSERT INTO ledger_entry (account_id, document_id, entry_date, amount_cents, created_at) VALUES (?, ?, ?, ?, ?)', [
    doc.account_id,
    doc.id,
    doc.doc_date,
    signed,
    p.clock.now().toISOString(),
  ]);
  await sqlRun(p.trx, 'UPDATE account SET balance_cents = balance_cents + ?, unapplied_cents = unapplied_cents + ? WHERE id = ?', [
    signed,
    doc.side === 'credit' ? doc.total_cents : 0,
    doc.account_id,
  ]);
}

export interface NewPostedDocument {
  accountId: number;
  kind: DocumentKind;
  side?: 'debit' | 'credit';
  date: IsoDate;
  dueDate?: IsoDate | null;
  totalCents: number;
  method?: DocumentTable['method'];
  checkNumber?: string;
  cardLast4?: string;
  reference?: string;
  reason?: string;
  memo?: string;
  relatedDocumentId?: number | null;
  currency?: string;
  /** Check and ACH payments: the customer's bank account it came from (checked by the caller). */
  bankAccountId?: number | null;
}

const columnName = /^[a-z_0-9]+$/;
/** The SQL of an insert or update of these columns (names from our code, never input), one text per shape so it is prepared once. */
function insertDocumentSql(values: object): string {
  const cols = Object.keys(values);
  if (!cols.every((c) => columnName.test(c))) throw new Error('document columns must be plain names');
  return `INSERT INTO document (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) RETURNING *`;
}

/** Insert a document row (a draft, or a document posted at once) and return it as stored. */
export async function insertDocument(db: Queryable, values: Insertable<DocumentTable>): Promise<DocumentRow> {
  return (await sqlRows<DocumentRow>(db, insertDocumentSql(values), Object.values(values)))[0]!;
}

/** Insert a document that is posted at once (everything but invoices, which start as drafts). */
export async function postNewDocument(p: Posting, d: NewPostedDocument): Promise<DocumentRow> {
  if (!Number.isSafeInteger(d.totalCents) || d.totalCents <= 0) throw conflict(`A ${d.kind.replace('_', ' ')} needs an amount of more than zero.`);
  checkPostable(d.kind.replace('_', ' '), d.totalCents, [d.date]);
  const side = d.side ?? sideOfKind[d.kind];
  const series = seriesOfKind[d.kind];
  const { seq, number } = await nextNumber(p.trx, series);
  const now = p.clock.now().toISOString();
  const values: Insertable<DocumentTable> = {
    account_id: d.accountId,
    kind: d.kind,
    side,
    status: 'posted',
    series,
    number_seq: seq,
    number,
    doc_date: d.date,
    due_date: side === 'debit' ? (d.dueDate ?? d.date) : null,
    total_cents: d.totalCents,
    open_cents: d.totalCents,
    method: d.method ?? null,
    check_number: d.checkNumber ?? '',
    card_last4: d.cardLast4 ?? '',
    reference: d.reference ?? '',
    reason: d.reason ?? '',
    memo: d.memo ?? '',
    related_document_id: d.relatedDocumentId ?? null,
    currency: d.currency ?? 'USD',
    created_at: now,
    created_by: p.actor.username,
    updated_at: now,
    posted_at: now,
    posted_by_id: p.actor.userId,
    posted_by: p.actor.username,
    ...(d.bankAccountId ? { bank_account_id: d.bankAccountId } : {}),
  };
  const row = await insertDocument(p.trx, values);
  await recordLedger(p, row);
  return row;
}

/** Turn a draft (an invoice) into a posted document with its number and frozen totals. */
export async function postDraft(p: Posting, draft: DocumentRow, frozen: Partial<Insertable<DocumentTable>> & { total_cents: number }): Promise<DocumentRow> {
  if (draft.status !== 'draft') throw conflict(`${draft.number ?? `Document ${draft.id}`} is already posted.`);
  checkPostable(draft.kind.replace('_', ' '), frozen.total_cents, [draft.doc_date]);
  const series = seriesOfKind[draft.kind];
  const { seq, number } = await nextNumber(p.trx, series);
  const now = p.clock.now().toISOString();
  const set: Partial<Insertable<DocumentTable>> = {
    ...frozen,
    status: 'posted',
    series,
    number_seq: seq,
    number,
    open_cents: frozen.total_cents,
    updated_at: now,
    posted_at: now,
    posted_by_id: p.actor.userId,
    posted_by: p.actor.username,
  };
  const cols = Object.keys(set);
  if (!cols.every((c) => columnName.test(c))) throw new Error('document columns must be plain names');
  const row = await sqlFirst<DocumentRow>(
    p.trx,
    `UPDATE document SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND status = 'draft' RETURNING *`,
    [...Object.values(set), draft.id],
  );
  if (!row) throw conflict(`${draft.number ?? `Document ${draft.id}`} is already posted.`);
  await recordLedger(p, row);
  return row;
}

export interface AllocationInput {
  accountId: number;
  creditDocumentId: number;
  debitDocumentId: number;
  /** Positive: match; negative: undo an earlier match (payment reversal). */
  amountCents: number;
  effectiveDate: IsoDate;
  sourceDocumentId: number | null;
}

/**
 * A new match never counts from before an earlier match or undo of either document: its effective
 * date is at least the latest effective date already on them. Otherwise a back-dated application
 * after a reversal could make an item "open" below zero as of some past date.
 */
async function effectiveFrom(p: Posting, creditId: number, debitId: number, wanted: string): Promise<string> {
  const r = await sqlFirst<{ m: string | null }>(
    p.trx,
    'SELECT max(effective_date) AS m FROM allocation WHERE (debit_document_id = ? OR credit_document_id = ?)',
    [debitId, creditId],
  );
  const m = r?.m;
  return m && m > wanted ? m : wanted;
}

/**
 * Record one allocation and keep the maintained remainders (document.open_cents on both sides,
 * account.unapplied_cents) in step, in the caller's transaction. Refuses to over-allocate.
 */
export async function allocate(p: Posting, a: AllocationInput): Promise<void> {
  if (!Number.isSafeInteger(a.amountCents) || a.amountCents === 0) throw conflict('An allocation needs a non-zero amount.');
  const amt = a.amountCents;
  const effectiveDate = await effectiveFrom(p, a.creditDocumentId, a.debitDocumentId, a.effectiveDate);
  const dates: Record<'credit' | 'debit', { doc_date: string; due_date: string | null } | undefined> = { credit: undefined, debit: undefined };
  for (const [id, side] of [
    [a.creditDocumentId, 'credit'],
    [a.debitDocumentId, 'debit'],
  ] as const) {
    const res = await sqlFirst<{ doc_date: string; due_date: string | null }>(
      p.trx,
      `UPDATE document SET open_cents = open_cents - ? WHERE id = ? AND account_id = ? AND side = ? AND status = 'posted' AND open_cents - ? BETWEEN 0 AND total_cents RETURNING doc_date, due_date`,
      [amt, id, a.accountId, side, amt],
    );
    dates[side] = res;
    if (!res) {
      const doc = await p.trx.selectFrom('document').select(['number', 'open_cents', 'account_id', 'side', 'status']).where('id', '=', id).executeTakeFirst();
      if (!doc) throw conflict(`Document ${id} does not exist.`);
      if (doc.account_id !== a.accountId) throw conflict(`${doc.number ?? `Document ${id}`} belongs to another account.`);
      if (doc.status !== 'posted') throw conflict(`${doc.number ?? `Document ${id}`} is not posted.`);
      if (doc.side !== side) throw conflict(`${doc.number} is a ${doc.side} document and cannot take this allocation.`);
      throw conflict(
        amt > 0
          ? `Cannot apply ${amt} cents: ${doc.number} has only ${doc.open_cents} cents ${side === 'debit' ? 'open' : 'unapplied'}.`
          : `Cannot undo ${-amt} cents on ${doc.number}: it would exceed its total.`,
      );
    }
  }
  await sqlRun(p.trx, INSERT_ALLOCATION, [
    a.accountId,
    a.creditDocumentId,
    a.debitDocumentId,
    amt,
    effectiveDate,
    dates.debit!.doc_date,
    dates.debit!.due_date ?? dates.debit!.doc_date,
    dates.credit!.doc_date,
    a.sourceDocumentId,
    p.clock.now().toISOString(),
    p.actor.username,
  ]);
  await sqlRun(p.trx, 'UPDATE account SET unapplied_cents = unapplied_cents - ? WHERE id = ?', [amt, a.accountId]);
}

const INSERT_ALLOCATION = `INSERT INTO allocation (account_id, credit_document_id, debit_document_id, amount_cents, effective_date, debit_doc_date,
  debit_due_date, credit_doc_date, source_document_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Several allocations of one account at once (a payment over many invoices): the same checks and
 * updates as `allocate`, with one insert and one account update for the lot.
 */
export async function allocateMany(p: Posting, accountId: number, list: Omit<AllocationInput, 'accountId'>[]): Promise<void> {
  if (list.length === 0) return;
  if (list.length === 1) return allocate(p, { accountId, ...list[0]! });
  const credit = new Map<number, number>();
  const debit = new Map<number, number>();
  let sum = 0;
  for (const a of list) {
    if (!Number.isSafeInteger(a.amountCents) || a.amountCents <= 0) throw conflict('An allocation needs an amount of more than zero.');
    credit.set(a.creditDocumentId, (credit.get(a.creditDocumentId) ?? 0) + a.amountCents);
    debit.set(a.debitDocumentId, (debit.get(a.debitDocumentId) ?? 0) + a.amountCents);
    sum += a.amountCents;
  }
  const docDates = new Map<number, { doc_date: string; due_date: string | null }>();
  for (const [side, m] of [
    ['credit', credit],
    ['debit', debit],
  ] as const) {
    for (const [id, amt] of m) {
      const res = await sqlFirst<{ doc_date: string; due_date: string | null }>(
        p.trx,
        `UPDATE document SET open_cents = open_cents - ? WHERE id = ? AND account_id = ? AND side = ? AND status = 'posted' AND open_cents >= ? RETURNING doc_date, due_date`,
        [amt, id, accountId, side, amt],
      );
      if (res) docDates.set(id, res);
      if (!res) {
        const doc = await p.trx.selectFrom('document').select(['number', 'open_cents', 'account_id']).where('id', '=', id).executeTakeFirst();
        if (!doc) throw conflict(`Document ${id} does not exist.`);
        if (doc.account_id !== accountId) throw conflict(`${doc.number ?? `Document ${id}`} belongs to another account.`);
        throw conflict(
          `Cannot apply ${amt} cents: ${doc.number ?? `document ${id}`} has only ${doc.open_cents} cents ${side === 'debit' ? 'open' : 'unapplied'}.`,
        );
      }
    }
  }
  const now = p.clock.now().toISOString();
  const dates: string[] = [];
  for (const a of list) dates.push(await effectiveFrom(p, a.creditDocumentId, a.debitDocumentId, a.effectiveDate));
  for (const [i, a] of list.entries()) {
    const debit = docDates.get(a.debitDocumentId)!;
    await sqlRun(p.trx, INSERT_ALLOCATION, [
      accountId,
      a.creditDocumentId,
      a.debitDocumentId,
      a.amountCents,
      dates[i]!,
      debit.doc_date,
      debit.due_date ?? debit.doc_date,
      docDates.get(a.creditDocumentId)!.doc_date,
      a.sourceDocumentId,
      now,
      p.actor.username,
    ]);
  }
  await sqlRun(p.trx, 'UPDATE account SET unapplied_cents = unapplied_cents - ? WHERE id = ?', [sum, accountId]);
}

export type OpenDebit = Pick<DocumentRow, 'id' | 'kind' | 'number' | 'doc_date' | 'due_date' | 'total_cents' | 'open_cents'>;

/** The account's open items, oldest due date first (then oldest date, then first posted). */
export async function openDebits(db: Queryable, accountId: number): Promise<OpenDebit[]> {
  return sqlRows<OpenDebit>(
    db,
    `SELECT id, kind, number, doc_date, due_date, total_cents, open_cents FROM document WHERE account_id = ? AND side = 'debit' AND open_cents > 0
     ORDER BY due_date, doc_date, id`,
    [accountId],
  );
}

export type OpenCredit = Pick<DocumentRow, 'id' | 'kind' | 'number' | 'doc_date' | 'total_cents' | 'open_cents'>;

/** The account's unapplied credits, oldest first. */
export async function openCredits(db: Queryable, accountId: number): Promise<OpenCredit[]> {
  return sqlRows<OpenCredit>(
    db,
    `SELECT id, kind, number, doc_date, total_cents, open_cents FROM document WHERE account_id = ? AND side = 'credit' AND open_cents > 0 ORDER BY doc_date, id`,
    [accountId],
  );
}

/**
 * Plan how `amount` is applied: 'auto' = oldest due first; 'manual' = the given lines, checked
 * against the open amounts (no document twice, none over its open amount, not more than `amount`).
 */
export function planAllocation(
  open: OpenDebit[],
  amount: number,
  choice: { mode: 'auto' } | { mode: 'none' } | { mode: 'manual'; lines: { documentId: number; amountCents: number }[] },
): { debit: OpenDebit; amountCents: number }[] {
  if (choice.mode === 'none') return [];
  if (choice.mode === 'auto') {
    const plan: { debit: OpenDebit; amountCents: number }[] = [];
    let left = amount;
    for (const d of open) {
      if (left <= 0) break;
      const take = Math.min(left, d.open_cents);
      plan.push({ debit: d, amountCents: take });
      left -= take;
    }
    return plan;
  }
  const byId = new Map(open.map((d) => [d.id, d]));
  const seen = new Set<number>();
  let sum = 0;
  const plan = choice.lines.map((l, i) => {
    const d = byId.get(l.documentId);
    if (!d) throw conflict(`Allocation line ${i + 1}: document ${l.documentId} is not an open item of this account.`);
    if (seen.has(d.id)) throw conflict(`Allocation line ${i + 1}: ${d.number} appears twice.`);
    seen.add(d.id);
    if (l.amountCents > d.open_cents)
      throw conflict(`Allocation line ${i + 1}: ${l.amountCents} cents is more than the ${d.open_cents} cents open on ${d.number}.`);
    sum += l.amountCents;
    return { debit: d, amountCents: l.amountCents };
  });
  if (sum > amount) throw conflict(`The allocations add up to ${sum} cents, more than the ${amount} cents available.`);
  return plan;
}

export async function accountBalance(db: Queryable, accountId: number): Promise<number> {
  const r = await db.selectFrom('account').select('balance_cents').where('id', '=', accountId).executeTakeFirstOrThrow();
  return r.balance_cents;
}

// Postings also settle plan installments and promises, so those views refresh too.
export const receivablesDomains: DataDomain[] = ['accounts', 'invoices', 'payments', 'ledger', 'aging', 'plans', 'collections'];
