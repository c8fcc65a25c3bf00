import type Sqlite from 'better-sqlite3-multiple-ciphers';
import type { IsoDate } from '@shared/dates';
import type { Actor, Clock } from '../context';
import { auditHash, GENESIS_HASH } from '../services/audit';
import { createAndPostInvoice, postCreditNoteInTrx } from '../services/invoices';
import { postAdjustmentInTrx, postWriteOffInTrx } from '../services/ledger';
import { maxDate, type Posting } from '../services/ledger/posting';
import { formatNumber } from '../services/numbering';
import { postPaymentInTrx, reversePaymentInTrx } from '../services/payments';
import { cents } from '@shared/money';
import { invoiceFigures, pricedLines, type Sink } from './model';

/** A clock the generator moves: each posting carries an instant on its business date. */
export class SimClock implements Clock {
  private t = new Date(0);
  now(): Date {
    return this.t;
  }
  /** 08:00 in Chicago (13:00/14:00 UTC) plus a few minutes per event of the day. */
  set(date: IsoDate, seq: number): void {
    this.t = new Date(Date.parse(`${date}T14:00:00Z`) + Math.min(seq, 500) * 61_000);
  }
}

export interface DemoActors {
  clerk: Actor;
  supervisor: Actor;
}

/** Posts through the services' own in-transaction functions: the real posting code, every check. */
export function serviceSink(trx: Posting['trx'], clock: SimClock, actors: DemoActors): Sink {
  const clerk: Posting = { trx, clock, actor: actors.clerk };
  const supervisor: Posting = { trx, clock, actor: actors.supervisor };
  return {
    at: (date, seq) => clock.set(date, seq),
    async invoice(e) {
      const row = await createAndPostInvoice(
        clerk,
        {
          accountId: e.accountId,
          invoiceDate: e.date,
          terms: e.terms,
          poNumber: '',
          memo: '',
          lines: pricedLines(e.lines),
          invoiceDiscount: e.invoiceDiscount,
          shippingCents: cents(0),
        },
        e.date,
      );
      return { id: row.id, dueDate: row.due_date!, totalCents: row.total_cents };
    },
    async payment(e) {
      const { payment } = await postPaymentInTrx(
        clerk,
        {
          accountId: e.accountId,
          date: e.date,
          method: e.method,
          amountCents: cents(e.amountCents),
          reference: e.reference,
          checkNumber: e.checkNumber,
          cardLast4: e.cardLast4,
          memo: e.memo,
          allocation: e.lines.length ? { mode: 'manual', lines: e.lines.map((l) => ({ ...l, amountCents: cents(l.amountCents) })) } : { mode: 'none' },
          earlyPaymentDiscounts: [],
        },
        e.date,
      );
      return payment.id;
    },
    async reversal(e) {
      const r = await reversePaymentInTrx(clerk, { paymentId: e.paymentId, date: e.date, reason: e.reason, feeCents: cents(e.feeCents) }, e.date);
      return { reversalId: r.reversal.id, feeId: r.fee?.id ?? null };
    },
    async creditNote(e) {
      return (await postCreditNoteInTrx(clerk, { invoiceId: e.invoiceId, date: e.date, amountCents: cents(e.amountCents), reason: e.reason }, e.date)).id;
    },
    async writeOff(e) {
      return (await postWriteOffInTrx(supervisor, { invoiceId: e.invoiceId, date: e.date, reason: e.reason }, e.date)).id;
    },
    async adjustment(e) {
      return (
        await postAdjustmentInTrx(
          supervisor,
          { accountId: e.accountId, date: e.date, amountCents: cents(e.amountCents), reason: e.reason, applyToDocumentId: e.applyToDocumentId },
          e.date,
        )
      ).id;
    },
  };
}

interface Doc {
  accountId: number;
  side: 'debit' | 'credit';
  total: number;
  open: number;
  docDate: IsoDate;
  dueDate: IsoDate | null;
  /** The latest effective date of any allocation on this document (a new one never counts from before it). */
  lastEffective: IsoDate | null;
  number: string;
  method: string | null;
  reference: string;
}

/**
 * The bulk writer for big data sets: the same rows the services write (documents, lines, ledger
 * entries, allocations, number series, account totals, audit records with the same actions and
 * content), through prepared statements, committing every `batch` postings. The maintained columns
 * (document.open_cents, account.balance_cents/unapplied_cents) are kept in memory and written at
 * each commit. test/backend/demo.test.ts proves it writes what the services write; `verify` checks
 * every invariant over the result.
 */
export function bulkSink(sqlite: Sqlite.Database, clock: SimClock, actors: DemoActors, opts: { shippingTaxRateBp: number; currency: string; batch?: number }) {
  const batch = opts.batch ?? 25_000;
  const insDoc =
    sqlite.prepare(`INSERT INTO document (account_id, kind, side, status, series, number_seq, number, doc_date, due_date, terms, discount_date, discount_bp, po_number, invoice_discount,
      subtotal_cents, discount_cents, tax_cents, shipping_cents, shipping_tax_cents, total_cents, open_cents, method, check_number, card_last4, reference, reason, memo, related_document_id, currency,
      created_at, created_by, updated_at, posted_at, posted_by_id, posted_by)
    VALUES (@account_id, @kind, @side, @status, @series, @number_seq, @number, @doc_date, @due_date, @terms, @discount_date, @discount_bp, '', @invoice_discount,
      @subtotal_cents, @discount_cents, @tax_cents, 0, @shipping_tax_cents, @total_cents, @open_cents, @method, @check_number, @card_last4, @reference, @reason, @memo, @related_document_id, @currency,
      @now, @by, @now, @now, @by_id, @by)`);
  const insLine =
    sqlite.prepare(`INSERT INTO invoice_line (document_id, line_no, item_code, description, quantity_milli, unit_price_cents, discount, tax_rate_bp, icd10_codes, gross_cents, line_discount_cents, invoice_discount_cents, net_cents, tax_cents, total_cents)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insLedger = sqlite.prepare('INSERT INTO ledger_entry (account_id, document_id, entry_date, amount_cents, created_at) VALUES (?, ?, ?, ?, ?)');
  const insAlloc = sqlite.prepare(
    'INSERT INTO allocation (account_id, credit_document_id, debit_document_id, amount_cents, effective_date, debit_doc_date, debit_due_date, credit_doc_date, source_document_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insAudit = sqlite.prepare(
    'INSERT INTO audit (seq, at, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
  );
  const updOpen = sqlite.prepare('UPDATE document SET open_cents = ? WHERE id = ?');
  const postDraft = sqlite.prepare("UPDATE document SET status = 'posted', open_cents = total_cents WHERE id = ? AND status = 'draft'");
  const updAccount = sqlite.prepare('UPDATE account SET balance_cents = ?, unapplied_cents = ? WHERE id = ?');
  const upsSeries = sqlite.prepare(
    'INSERT INTO number_series (series, next_value) VALUES (?, ?) ON CONFLICT (series) DO UPDATE SET next_value = excluded.next_value',
  );

  const series = new Map(
    (sqlite.prepare('SELECT series, next_value FROM number_series').all() as { series: string; next_value: number }[]).map((r) => [r.series, r.next_value]),
  );
  const last = sqlite.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const accounts = new Map(
    (sqlite.prepare('SELECT id, balance_cents, unapplied_cents FROM account').all() as { id: number; balance_cents: number; unapplied_cents: number }[]).map(
      (r) => [r.id, { balance: r.balance_cents, unapplied: r.unapplied_cents }],
    ),
  );
  const docs = new Map<number, Doc>();
  /** Per payment: net allocated per debit document and the last effective date (for a reversal). */
  const paid = new Map<number, Map<number, { net: number; last: IsoDate }>>();
  const dirtyDocs = new Set<number>();
  const dirtyAccounts = new Set<number>();
  let pending = 0;
  const begin = () => sqlite.exec('BEGIN');

  const now = () => clock.now().toISOString();
  function audit(actor: Actor, action: string, entityId: number, after: unknown) {
    seq++;
    const row = {
      seq,
      at: now(),
      user_id: actor.userId,
      username: actor.username,
      action,
      entity: 'document',
      entity_id: String(entityId),
      before_json: null,
      after_json: JSON.stringify(after),
      prev_hash: prevHash,
    };
    const hash = auditHash(row);
    insAudit.run(seq, row.at, row.user_id, row.username, action, 'document', row.entity_id, row.after_json, prevHash, hash);
    prevHash = hash;
  }
  function take(s: string) {
    const next = series.get(s) ?? 1;
    series.set(s, next + 1);
    return { seq: next, number: formatNumber(s, next) };
  }
  function post(
    actor: Actor,
    d: {
      draft?: boolean;
      accountId: number;
      kind: string;
      side: 'debit' | 'credit';
      series: string;
      date: IsoDate;
      dueDate: IsoDate | null;
      total: number;
      method?: string | null;
      checkNumber?: string;
      cardLast4?: string;
      reference?: string;
      reason?: string;
      memo?: string;
      related?: number | null;
      terms?: string | null;
      discountDate?: IsoDate | null;
      discountBp?: number;
      invoiceDiscount?: string | null;
      subtotal?: number;
      discount?: number;
      tax?: number;
      shippingTax?: number;
    },
  ): Doc & { id: number } {
    const n = take(d.series);
    const t = now();
    const id = Number(
      insDoc.run({
        status: d.draft ? 'draft' : 'posted',
        open_cents: d.draft ? 0 : d.total,
        account_id: d.accountId,
        kind: d.kind,
        side: d.side,
        series: d.series,
        number_seq: n.seq,
        number: n.number,
        doc_date: d.date,
        due_date: d.dueDate,
        terms: d.terms ?? null,
        discount_date: d.discountDate ?? null,
        discount_bp: d.discountBp ?? 0,
        invoice_discount: d.invoiceDiscount ?? null,
        subtotal_cents: d.subtotal ?? 0,
        discount_cents: d.discount ?? 0,
        tax_cents: d.tax ?? 0,
        shipping_tax_cents: d.shippingTax ?? 0,
        total_cents: d.total,
        method: d.method ?? null,
        check_number: d.checkNumber ?? '',
        card_last4: d.cardLast4 ?? '',
        reference: d.reference ?? '',
        reason: d.reason ?? '',
        memo: d.memo ?? '',
        related_document_id: d.related ?? null,
        currency: opts.currency,
        now: t,
        by: actor.username,
        by_id: actor.userId,
      }).lastInsertRowid,
    );
    const signed = d.side === 'debit' ? d.total : -d.total;
    insLedger.run(d.accountId, id, d.date, signed, t);
    const acct = accounts.get(d.accountId)!;
    acct.balance += signed;
    if (d.side === 'credit') acct.unapplied += d.total;
    dirtyAccounts.add(d.accountId);
    const doc: Doc = {
      accountId: d.accountId,
      side: d.side,
      total: d.total,
      open: d.total,
      docDate: d.date,
      dueDate: d.dueDate,
      lastEffective: null,
      number: n.number,
      method: d.method ?? null,
      reference: d.reference ?? '',
    };
    docs.set(id, doc);
    return { ...doc, id };
  }
  function allocate(actor: Actor, accountId: number, creditId: number, debitId: number, amount: number, wanted: IsoDate, source: number | null) {
    const c = docs.get(creditId)!;
    const d = docs.get(debitId)!;
    // As the posting code: never effective before an earlier match or undo on either document.
    const effective = [wanted, c.lastEffective ?? wanted, d.lastEffective ?? wanted].reduce((x, y) => (y > x ? y : x));
    c.lastEffective = effective;
    d.lastEffective = effective;
    if (
      c.open - amount < 0 ||
      c.open - amount > c.total ||
      d.open - amount < 0 ||
      d.open - amount > d.total ||
      c.accountId !== accountId ||
      d.accountId !== accountId
    ) {
      throw new Error(`bulk demo: allocation of ${amount} from ${c.number} to ${d.number} does not fit (open ${c.open} / ${d.open})`);
    }
    c.open -= amount;
    d.open -= amount;
    dirtyDocs.add(creditId).add(debitId);
    insAlloc.run(accountId, creditId, debitId, amount, effective, d.docDate, d.dueDate ?? d.docDate, c.docDate, source, now(), actor.username);
    accounts.get(accountId)!.unapplied -= amount;
    let m = paid.get(creditId);
    if (!m) {
      m = new Map();
      paid.set(creditId, m);
    }
    const prev = m.get(debitId);
    m.set(debitId, { net: (prev?.net ?? 0) + amount, last: prev && prev.last > effective ? prev.last : effective });
  }
  function flush() {
    for (const id of dirtyDocs) updOpen.run(docs.get(id)!.open, id);
    for (const id of dirtyAccounts) {
      const a = accounts.get(id)!;
      updAccount.run(a.balance, a.unapplied, id);
    }
    for (const [s, next] of series) upsSeries.run(s, next);
    dirtyDocs.clear();
    dirtyAccounts.clear();
  }
  async function tick() {
    if (++pending >= batch) {
      flush();
      sqlite.exec('COMMIT');
      begin();
      pending = 0;
    }
  }
  const { clerk, supervisor } = actors;

  const sink: Sink & { begin(): void; finish(): void; abort(): void } = {
    begin,
    finish() {
      flush();
      sqlite.exec('COMMIT');
    },
    abort() {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    },
    at: (date, s) => clock.set(date, s),
    async invoice(e) {
      const f = invoiceFigures(e, opts.shippingTaxRateBp);
      // As the services do: a draft with its lines (lines of a posted invoice are refused by a
      // trigger), then posted, with one audit record.
      const doc = post(clerk, {
        draft: true,
        accountId: e.accountId,
        kind: 'invoice',
        side: 'debit',
        series: 'INV',
        date: e.date,
        dueDate: f.dates.dueDate,
        total: f.totals.totalCents,
        terms: f.terms.label,
        discountDate: f.dates.discountDate,
        discountBp: f.dates.discountBp,
        invoiceDiscount: e.invoiceDiscount ? JSON.stringify(e.invoiceDiscount) : null,
        subtotal: f.totals.subtotalCents,
        discount: f.totals.discountCents,
        tax: f.totals.taxCents,
        shippingTax: f.totals.shippingTaxCents,
        memo: '',
      });
      e.lines.forEach((l, i) => {
        const t = f.totals.lines[i]!;
        insLine.run(
          doc.id,
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
        );
      });
      postDraft.run(doc.id);
      audit(clerk, 'invoice.post', doc.id, {
        number: doc.number,
        accountId: e.accountId,
        date: e.date,
        dueDate: f.dates.dueDate,
        totalCents: f.totals.totalCents,
        taxCents: f.totals.taxCents,
      });
      await tick();
      return { id: doc.id, dueDate: f.dates.dueDate, totalCents: f.totals.totalCents };
    },
    async payment(e) {
      const pay = post(clerk, {
        accountId: e.accountId,
        kind: 'payment',
        side: 'credit',
        series: 'RCT',
        date: e.date,
        dueDate: null,
        total: e.amountCents,
        method: e.method,
        checkNumber: e.checkNumber,
        cardLast4: e.cardLast4,
        reference: e.reference,
        memo: e.memo,
      });
      let applied = 0;
      for (const l of e.lines) {
        allocate(clerk, e.accountId, pay.id, l.documentId, l.amountCents, maxDate(e.date, docs.get(l.documentId)!.docDate), pay.id);
        applied += l.amountCents;
      }
      audit(clerk, 'payment.post', pay.id, {
        number: pay.number,
        accountId: e.accountId,
        date: e.date,
        method: e.method,
        amountCents: e.amountCents,
        allocations: e.lines.map((l) => ({ documentId: l.documentId, number: docs.get(l.documentId)!.number, amountCents: l.amountCents })),
        unappliedCents: e.amountCents - applied,
      });
      await tick();
      return pay.id;
    },
    async reversal(e) {
      const pay = docs.get(e.paymentId)!;
      const rev = post(clerk, {
        accountId: pay.accountId,
        kind: 'reversal',
        side: 'debit',
        series: 'REV',
        date: e.date,
        dueDate: e.date,
        total: pay.total,
        reason: e.reason,
        related: e.paymentId,
        method: pay.method,
        reference: pay.reference,
      });
      const nets = [...(paid.get(e.paymentId) ?? new Map<number, { net: number; last: IsoDate }>()).entries()].sort((a, b) => a[0] - b[0]);
      const reopened: { documentId: number; amountCents: number }[] = [];
      for (const [debitId, n] of nets) {
        if (n.net <= 0) continue;
        allocate(clerk, pay.accountId, e.paymentId, debitId, -n.net, maxDate(e.date, n.last), rev.id);
        reopened.push({ documentId: debitId, amountCents: n.net });
      }
      allocate(clerk, pay.accountId, e.paymentId, rev.id, pay.total, e.date, rev.id);
      let feeId: number | null = null;
      let feeNumber: string | null = null;
      if (e.feeCents > 0) {
        const fee = post(clerk, {
          accountId: pay.accountId,
          kind: 'fee',
          side: 'debit',
          series: 'FEE',
          date: e.date,
          dueDate: e.date,
          total: e.feeCents,
          reason: `Returned payment fee (${pay.number})`,
          related: rev.id,
        });
        audit(clerk, 'fee.post', fee.id, { number: fee.number, amountCents: e.feeCents, reversal: rev.number });
        feeId = fee.id;
        feeNumber = fee.number;
      }
      audit(clerk, 'payment.reverse', rev.id, { number: rev.number, payment: pay.number, amountCents: pay.total, reason: e.reason, reopened, fee: feeNumber });
      await tick();
      return { reversalId: rev.id, feeId };
    },
    async creditNote(e) {
      const inv = docs.get(e.invoiceId)!;
      const cn = post(clerk, {
        accountId: inv.accountId,
        kind: 'credit_note',
        side: 'credit',
        series: 'CN',
        date: e.date,
        dueDate: null,
        total: e.amountCents,
        reason: e.reason,
        related: e.invoiceId,
      });
      const apply = Math.min(inv.open, e.amountCents);
      if (apply > 0) allocate(clerk, inv.accountId, cn.id, e.invoiceId, apply, maxDate(e.date, inv.docDate), cn.id);
      // The same record postCreditNoteInTrx writes (the demo test compares the two paths' audit chains).
      audit(clerk, 'creditNote.post', cn.id, {
        number: cn.number,
        accountId: inv.accountId,
        date: e.date,
        invoice: inv.number,
        amountCents: e.amountCents,
        taxCents: 0,
        lines: 0,
        appliedCents: apply,
        reason: e.reason,
      });
      await tick();
      return cn.id;
    },
    async writeOff(e) {
      const target = docs.get(e.invoiceId)!;
      const amount = target.open;
      const wo = post(supervisor, {
        accountId: target.accountId,
        kind: 'write_off',
        side: 'credit',
        series: 'WO',
        date: e.date,
        dueDate: null,
        total: amount,
        reason: e.reason,
        related: e.invoiceId,
      });
      allocate(supervisor, target.accountId, wo.id, e.invoiceId, amount, maxDate(e.date, target.docDate), wo.id);
      audit(supervisor, 'writeOff.post', wo.id, {
        number: wo.number,
        document: target.number,
        amountCents: amount,
        reason: e.reason,
        approvedBy: supervisor.username,
      });
      await tick();
      return wo.id;
    },
    async adjustment(e) {
      const side = e.amountCents > 0 ? 'debit' : 'credit';
      const adj = post(supervisor, {
        accountId: e.accountId,
        kind: 'adjustment',
        side,
        series: 'ADJ',
        date: e.date,
        dueDate: side === 'debit' ? e.date : null,
        total: Math.abs(e.amountCents),
        reason: e.reason,
        related: e.applyToDocumentId ?? null,
      });
      if (e.applyToDocumentId) {
        const target = docs.get(e.applyToDocumentId)!;
        allocate(supervisor, e.accountId, adj.id, e.applyToDocumentId, Math.min(target.open, adj.total), maxDate(e.date, target.docDate), adj.id);
      }
      audit(supervisor, 'adjustment.post', adj.id, {
        number: adj.number,
        accountId: e.accountId,
        date: e.date,
        amountCents: e.amountCents,
        reason: e.reason,
        appliedTo: e.applyToDocumentId ?? null,
      });
      await tick();
      return adj.id;
    },
  };
  return sink;
}
