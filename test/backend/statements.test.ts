import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src-main/backend/db/migrations';
import { openStore } from '../../src-main/backend/db/open';
import { buildDocument, type BuildOptions } from '../../src-main/backend/services/documents/build';
import { remittanceStubs } from '../../src-main/backend/services/documents/envelope';
import { messageFor, payByDate } from '../../src-main/backend/services/documents/statement-facts';
import { defaultStatementMessages, documentSettingsSchema, type OutputRef } from '../../src-shared/domain/documents';
import { fillTemplate, unknownMergeFields } from '../../src-shared/domain/document-email';
import { formatMoney } from '../../src-shared/money';
import { documentSettings } from '../support/document-builds';
import { b64, documentsBackend, mustPrepare, postedInvoice, smallPdf } from '../support/document-delivery';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { tempDir, testBackend } from '../support/store';

/**
 * Today 2026-03-15. One account:
 *   I1 2026-01-01 Net 30 (due 01-31) 100.00, 40.00 paid 02-01 -> 60.00 open
 *   I2 2026-03-01 Net 30 (due 03-31)  50.00
 *   I3 2025-10-01 on receipt          20.00, 10.00 paid 03-10 -> 10.00 open
 *   P3 2026-03-12 7.00 left unapplied
 */
async function scenario(name = 'Statement Test Co') {
  const r = await receivablesBackend();
  const { b, s } = r;
  const a = await newAccount(b, s.clerk, {
    name,
    accountNumber: 'ST-1',
    billingAddress: { line1: '1200 Lakeview Drive', city: 'Chicago', state: 'IL', postalCode: '60601' },
  });
  const i1 = await postInvoice(b, s.clerk, a.id, 10000, { date: '2026-01-01', terms: 'Net 30' });
  const i2 = await postInvoice(b, s.clerk, a.id, 5000, { date: '2026-03-01', terms: 'Net 30' });
  const i3 = await postInvoice(b, s.clerk, a.id, 2000, { date: '2025-10-01', terms: 'Due on receipt' });
  const pay = (date: string, amountCents: number, documentId: number) =>
    must(b, s.clerk, 'payments.post', {
      accountId: a.id,
      date,
      method: 'cash',
      amountCents,
      allocation: { mode: 'manual', lines: [{ documentId, amountCents }] },
    });
  await pay('2026-02-01', 4000, i1.id);
  await pay('2026-03-10', 1000, i3.id);
  await must(b, s.clerk, 'payments.post', { accountId: a.id, date: '2026-03-12', method: 'cash', amountCents: 700, allocation: { mode: 'none' } });
  return { ...r, a, i1, i2, i3 };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

const opts = (over: Partial<BuildOptions> = {}): BuildOptions => ({
  channel: 'pdf',
  copy: false,
  settings: documentSettings(),
  logo: null,
  companyName: 'Riverside',
  ...over,
});

async function page(o: Scenario, ref: Omit<Extract<OutputRef, { kind: 'statement' }>, 'kind' | 'accountId'>, over: Partial<BuildOptions> = {}) {
  const r = await buildDocument(o.b.services, { kind: 'statement', accountId: o.a.id, ...ref }, opts(over));
  if (!r.ok) throw new Error(`expected a statement, got ${JSON.stringify(r.problem)}`);
  return r;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The text of the first element carrying `attr="value"`, tags stripped. */
function text(html: string, value: string, attr = 'data-field'): string {
  const m = new RegExp(`<([a-z]+)[^>]*${attr}="${value}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!m) throw new Error(`no ${attr}=${value}`);
  return decode(m[2]!.replace(/<[^>]+>/g, '').trim());
}
/** The aging block's bucket cells, in order. */
const buckets = (html: string) => all(html, /<td class="[^"]*" data-bucket="\d+">([^<]*)</g);
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);

describe('statements: facts from the ledger and aging services', () => {
  it('open-item: items, aging block and totals equal aging.detail, aging.summary and the ledger for today', async () => {
    const o = await scenario();
    const { b, s, a } = o;
    const r = await page(o, { asOf: '2026-03-15', type: 'open_item' });
    const html = r.document.html;
    const summary = await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-15' });
    const row = summary.rows.find((x) => x.accountId === a.id)!;
    const detail = await must(b, s.clerk, 'aging.detail', { asOf: '2026-03-15', accountId: a.id });
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });

    expect(row.buckets).toEqual([5000, 0, 6000, 0, 0, 1000]);
    expect(buckets(html)).toEqual(row.buckets.map((c) => formatMoney(c)));
    expect(text(html, 'agingUnapplied')).toBe(formatMoney(-700));
    expect(text(html, 'agingBalance')).toBe(formatMoney(row.totalCents));
    expect(row.totalCents).toBe(ledger.totals.balanceCents);
    expect(text(html, 'amountDue')).toBe(formatMoney(11300));
    expect(text(html, 'stubAmountDue')).toBe(formatMoney(11300));
    expect(text(html, 'stubAccount')).toBe('ST-1');
    // one row per open item as of the date, with its open amount
    const open = all(html, /<tr data-field="openItem">([\s\S]*?)<\/tr>/g).map((t) => /([^>]*)<\/td>$/.exec(t)![1]);
    expect(open).toEqual(detail.rows.map((d) => formatMoney(d.openCents)));
    expect(text(html, 'openTotal')).toBe(formatMoney(detail.totals.openCents));
    // the oldest item (I3, 165 days) is over 120: the last bucket's message
    expect(text(html, 'message')).toBe(defaultStatementMessages[5]);
    // asOf + 14 days
    expect(text(html, 'payBy')).toBe('Mar 29, 2026');
    expect(r.document.sourceDocumentId).toBeNull();
    expect(r.document.accountId).toBe(a.id);
    expect(r.document.fileName).toBe('Statement ST-1 2026-03-15.pdf');
    expect(r.email.values.amountDue).toBe(formatMoney(11300));
  });

  it('a back-dated as-of with a partial payment: later documents and payments do not count', async () => {
    const o = await scenario();
    const { b, s, a } = o;
    // 2026-03-05: I2 current, I1 60.00 open (the 02-01 partial payment counts), I3 20.00 (the 03-10 payment not yet), no unapplied credit
    const r = await page(o, { asOf: '2026-03-05', type: 'open_item' });
    const html = r.document.html;
    const row = (await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-05' })).rows.find((x) => x.accountId === a.id)!;
    expect(row.buckets).toEqual([5000, 0, 6000, 0, 0, 2000]);
    expect(buckets(html)).toEqual(row.buckets.map((c) => formatMoney(c)));
    expect(text(html, 'agingBalance')).toBe(formatMoney(13000));
    expect(text(html, 'amountDue')).toBe(formatMoney(13000));
    expect(html).toContain(formatMoney(6000));
    expect(all(html, /<tr data-field="openItem">([\s\S]*?)<\/tr>/g)).toHaveLength(3);
  });

  it('balance-forward: opening balance, the period documents with a running balance, closing = ledger balance as of the date', async () => {
    const o = await scenario();
    const { b, s, a } = o;
    const r = await page(o, { asOf: '2026-03-11', type: 'balance_forward', from: '2026-02-01' });
    const html = r.document.html;
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: a.id });
    const upTo = ledger.entries.filter((e) => e.date <= '2026-03-11');
    const before = upTo.filter((e) => e.date < '2026-02-01');
    const inPeriod = upTo.filter((e) => e.date >= '2026-02-01');
    expect(inPeriod.map((e) => e.date)).toEqual(['2026-02-01', '2026-03-01', '2026-03-10']);
    expect(text(html, 'openingBalance')).toBe(formatMoney(before.at(-1)!.runningBalanceCents));
    expect(text(html, 'openingBalance')).toBe(formatMoney(12000));
    const running = all(html, /<tr data-field="entry">[\s\S]*?<td class="num">([^<]*)<\/td><\/tr>/g);
    expect(running).toEqual(inPeriod.map((e) => formatMoney(e.runningBalanceCents)));
    expect(text(html, 'closingBalance')).toBe(formatMoney(upTo.at(-1)!.runningBalanceCents));
    // the closing balance is the aging report's total on that date
    const row = (await must(b, s.clerk, 'aging.summary', { asOf: '2026-03-11' })).rows.find((x) => x.accountId === a.id)!;
    expect(text(html, 'closingBalance')).toBe(formatMoney(row.totalCents));
    expect(text(html, 'agingBalance')).toBe(formatMoney(row.totalCents));
    expect(text(html, 'period')).toBe('Feb 1, 2026 – Mar 11, 2026');
    // without --from: the 30 days before the as-of date
    const dflt = await page(o, { asOf: '2026-03-11', type: 'balance_forward' });
    expect(text(dflt.document.html, 'period')).toBe('Feb 9, 2026 – Mar 11, 2026');
  });

  it('the dunning message follows the oldest open item, and each bucket message is editable in the settings', async () => {
    const o = await scenario();
    const messages = ['All current: thank you.', 'One to 30 days late.', '31 to 60 days late.', 'Over 60 days late.'];
    const settings = { ...documentSettings(), statementMessages: messages };
    // 2026-01-15: only I3 (due 2025-10-01, 106 days) and I1 (current) are open -> bucket 4, past the list: the last message
    expect(text((await page(o, { asOf: '2026-01-15', type: 'open_item' }, { settings })).document.html, 'message')).toBe('Over 60 days late.');
    // 2025-10-20: I3 19 days past due -> bucket 1
    expect(text((await page(o, { asOf: '2025-10-20', type: 'open_item' }, { settings })).document.html, 'message')).toBe('One to 30 days late.');
    // 2025-10-01: I3 due today -> current
    const current = (await page(o, { asOf: '2025-10-01', type: 'open_item' }, { settings })).document.html;
    expect(text(current, 'message')).toBe('All current: thank you.');
    expect(messageFor(messages, 9)).toBe('Over 60 days late.');
    // the settings endpoint keeps them, and refuses an empty list
    const { b, s } = o;
    const view = await must(b, s.admin, 'documents.updateSettings', { statementMessages: messages });
    expect(view.statementMessages).toEqual(messages);
    expect(view.layout.paper).toBe('Letter');
    const bad = await b.call(s.admin, 'documents.updateSettings', { statementMessages: [] });
    expect(bad.ok).toBe(false);
    expect((await must(b, s.admin, 'documents.getSettings', undefined)).statementMessages).toEqual(messages);
    // settings stored before statements existed read the defaults
    expect(documentSettingsSchema.parse({}).statementMessages).toEqual(defaultStatementMessages);
  });

  it('pay by: 14 days after the as-of date, or the earliest due date when later; nothing due, no date', () => {
    expect(payByDate('2026-03-15', [{ dueDate: '2026-01-31' }], 100)).toBe('2026-03-29');
    expect(payByDate('2026-03-15', [{ dueDate: '2026-04-30' }, { dueDate: '2026-05-30' }], 100)).toBe('2026-04-30');
    expect(payByDate('2026-03-15', [{ dueDate: '2026-01-31' }], 0)).toBeNull();
  });

  it('before the account had any document: a clear "no activity" statement, nothing due', async () => {
    const o = await scenario();
    const r = await page(o, { asOf: '2025-06-30', type: 'open_item' });
    expect(text(r.document.html, 'noActivity')).toBe('No activity: this account has no documents on or before Jun 30, 2025.');
    expect(text(r.document.html, 'amountDue')).toBe(formatMoney(0));
    expect(r.document.html).not.toContain('data-field="payBy"');
    const bf = await page(o, { asOf: '2025-06-30', type: 'balance_forward' });
    expect(bf.document.html).toContain('data-field="noActivity"');
  });

  it('escapes hostile text, refuses a period that starts after its date, lists an unknown account as not found', async () => {
    const o = await scenario('<script>alert(1)</script> & "Sons"');
    const hostile = '<img src=x onerror=alert(1)>';
    const settings = { ...documentSettings(), statementMessages: [hostile] };
    const html = (await page(o, { asOf: '2026-03-15', type: 'open_item' }, { settings })).document.html;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;');
    expect(text(html, 'message')).toBe(hostile);
    await expect(page(o, { asOf: '2026-03-01', type: 'balance_forward', from: '2026-03-02' })).rejects.toThrow(/after the statement date/);
    const missing = await buildDocument(o.b.services, { kind: 'statement', accountId: 99999, asOf: '2026-03-15', type: 'open_item' }, opts());
    expect(missing.ok ? null : missing.problem.code).toBe('NOT_FOUND');
  });

  it('puts the tear line on the lower fold and the remit-to inside the return window', async () => {
    const o = await scenario();
    const html = (await page(o, { asOf: '2026-03-15', type: 'open_item' })).document.html;
    expect(html).toMatch(/class="tear" data-field="tearLine" style="top:7.333in"/);
    const remit = /data-zone="remitTo"[^>]*>((?:<div>[^<]*<\/div>)+)<\/div>/.exec(html)![1]!;
    expect(all(remit, /<div>([^<]*)<\/div>/g)).toEqual(['Riverside Medical Billing LLC', 'PO Box 9120', 'Springfield, IL 62791']);
    expect(remittanceStubs.Letter.remitTo.y).toBeGreaterThan(remittanceStubs.Letter.tearAt + 2.04 + 0.12);
    expect(remittanceStubs.Letter.remitTo.y + remittanceStubs.Letter.remitTo.h).toBeLessThan(remittanceStubs.Letter.tearAt + 3.17 - 0.12);
  });
});

describe('statements leave through the pipeline', () => {
  it('is saved as a PDF and archived on its account (migration 013), never as a copy', async () => {
    const { b, s } = await documentsBackend();
    const { account } = await postedInvoice(b, s.clerk, 54_321);
    const ref = { kind: 'statement', accountId: account.id, asOf: '2026-03-15', type: 'open_item' } as const;
    for (const name of ['first', 'again']) {
      const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
      expect(job.problems).toEqual([]);
      expect(job.documents[0]).toMatchObject({ kind: 'statement', copy: false, sourceDocumentId: null, accountId: account.id });
      await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(await smallPdf(name))], destination: `${name}.pdf`, pages: 0 });
    }
    const archived = await must(b, s.clerk, 'documents.archiveList', { accountId: account.id });
    expect(archived.map((a) => [a.kind, a.number, a.copy, a.sourceDocumentId])).toEqual([
      ['statement', `${account.accountNumber} 2026-03-15`, false, null],
      ['statement', `${account.accountNumber} 2026-03-15`, false, null],
    ]);
    const sqlite = b.ctx.store.sqlite;
    expect(() => sqlite.prepare('DELETE FROM archived_document WHERE id = ?').run(archived[0]!.id)).toThrow(/never removed/);
  });
});

describe('a statement by email', () => {
  it('fills the statement template (its own default, kept beside templates saved before statements existed)', async () => {
    const o = await scenario();
    const contacts = [{ name: 'Dana Ortiz', isPrimary: true, emails: [{ label: 'Billing', email: 'ap@statement.example' }] }];
    await must(o.b, o.s.clerk, 'accounts.update', { accountId: o.a.id, contacts });
    const r = await page(o, { asOf: '2026-03-15', type: 'open_item' }, { channel: 'email' });
    expect(r.email.to).toBe('ap@statement.example');
    const t = documentSettingsSchema.parse({}).emailTemplates.statement;
    expect([...unknownMergeFields(t.subject), ...unknownMergeFields(t.body)]).toEqual([]);
    expect(fillTemplate(t.subject, r.email.values)).toBe('Statement of account ST-1 from Riverside');
    expect(fillTemplate(t.body, r.email.values)).toContain(`Amount due: ${formatMoney(11300)}, please pay by Mar 29, 2026.`);
    // Templates stored before statements existed (three kinds) keep their wording and gain the statement's default.
    const old = documentSettingsSchema.shape.emailTemplates.parse({
      invoice: { subject: 'Inv {{documentNumber}}', body: 'b' },
      credit_note: { subject: 'CN', body: 'b' },
      receipt: { subject: 'R', body: 'b' },
    });
    expect(old.invoice.subject).toBe('Inv {{documentNumber}}');
    expect(old.statement).toEqual(t);
  });
});

describe('migration 013: the archive takes statements', () => {
  it('keeps every archived row (same id and bytes) and its triggers, and accepts the statement kind', async () => {
    const file = path.join(tempDir(), 'before-013.ldk');
    const key = randomBytes(32);
    const old = openStore(file, key, { migrations: migrations.filter((m) => m.id < 13) });
    const insert =
      'INSERT INTO archived_document (kind, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at) VALUES (?, ?, ?, 0, ?, ?, 1, 17, ?, ?)';
    const add = (db: typeof old.sqlite, kind: string) => {
      return db.prepare(insert).run(kind, 'pdf', 'a.pdf', Buffer.from('%PDF-1.7 archived'), 'a'.repeat(64), 'job-1', '2026-03-01T00:00:00.000Z');
    };
    add(old.sqlite, 'calibration');
    expect(() => add(old.sqlite, 'statement')).toThrow(/CHECK constraint/);
    await old.close();

    const b = testBackend({ storePath: file, key });
    const sqlite = b.ctx.store.sqlite;
    expect(sqlite.prepare('SELECT id, kind, pdf FROM archived_document').all()).toEqual([
      { id: 1, kind: 'calibration', pdf: Buffer.from('%PDF-1.7 archived') },
    ]);
    expect(add(sqlite, 'statement').changes).toBe(1);
    // Letters came with migration 014, office documents with 031; a kind no migration has is still refused.
    expect(() => add(sqlite, 'fax_cover')).toThrow(/CHECK constraint/);
    expect(() => sqlite.prepare('DELETE FROM archived_document WHERE id = 1').run()).toThrow(/never removed/);
    expect(() => sqlite.prepare(`UPDATE archived_document SET destination = 'x' WHERE id = 1`).run()).toThrow(/never edited/);
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'archived_document' AND type = 'index' ORDER BY name`).all()).toEqual([
      { name: 'archived_document_account' },
      // Migration 031's: office documents found by kind and number.
      { name: 'archived_document_kind_number' },
      { name: 'archived_document_source' },
    ]);
    await b.close();
  });
});
