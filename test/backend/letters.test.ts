import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { migrations } from '../../src-main/backend/db/migrations';
import { openStore } from '../../src-main/backend/db/open';
import { problemText } from '../../src-shared/domain/documents-text';
import type { FlagSetInput } from '../../src-shared/domain/collections';
import type { OutputRef } from '../../src-shared/domain/documents';
import { emailOptOutText } from '../../src-shared/domain/letters-text';
import { formatDate } from '../../src-shared/dates';
import { b64, configureSmtp, mustPrepare, prepare, smallPdf, smtpServer } from '../support/document-delivery';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { tempDir, testBackend } from '../support/store';

/**
 * Composing and sending one letter (docs/letters.md): a real backend on a real encrypted store, today
 * 2026-03-15 (America/Chicago). A consumer account owes INV 100.00 due 2026-01-31 (past due) and
 * 50.00 due 2026-03-31 (current).
 */
async function office() {
  const r = await receivablesBackend();
  const { b, s } = r;
  await must(b, s.admin, 'documents.updateSettings', { letterhead: { phone: '(312) 555-0100', legalName: 'Test Billing Co' } });
  const templates = await must(b, s.clerk, 'letters.templates.list', undefined);
  const template = (key: string) => {
    const t = templates.find((x) => x.key === key);
    if (!t) throw new Error(`no template ${key}`);
    return t;
  };
  let n = 0;
  const account = async (opts: { pastDue?: boolean; email?: string } = {}) => {
    n++;
    const a = await newAccount(b, s.clerk, {
      name: `Jordan Reyes ${n}`,
      accountNumber: `L-${100 + n}`,
      kind: 'consumer',
      billingAddress: { line1: '1200 Lakeview Drive', city: 'Chicago', state: 'IL', postalCode: '60601', country: 'US' },
      contacts: [{ name: `Jordan Reyes ${n}`, isPrimary: true, emails: [{ email: opts.email ?? `jordan${n}@example.com` }] }],
    });
    if (opts.pastDue !== false) await postInvoice(b, s.clerk, a.id, 10_000, { date: '2026-01-01', terms: 'Net 30' });
    await postInvoice(b, s.clerk, a.id, 5_000, { date: '2026-03-01', terms: 'Net 30' });
    return a;
  };
  return { ...r, template, account };
}
type Office = Awaited<ReturnType<typeof office>>;

const letterRef = (accountId: number, templateId: number, over: Partial<Extract<OutputRef, { kind: 'letter' }>> = {}): OutputRef => ({
  kind: 'letter',
  accountId,
  templateId,
  ...over,
});

/** Save as PDF and complete with a real PDF: what the shell does once the file is written. */
async function savePdf(o: Office, session: string, ref: OutputRef) {
  const job = await mustPrepare(o.b, session, 'documents.savePdf', { documents: [ref] });
  expect(job.problems).toEqual([]);
  const pdfs = await Promise.all(job.documents.map(() => smallPdf('letter')));
  const outcome = await must(o.b, session, 'documents.complete', { jobId: job.jobId, pdfs: pdfs.map(b64), destination: '/tmp/letter.pdf', pages: 0 });
  return { job, outcome };
}

const letters = (b: Backend) => b.ctx.db.selectFrom('letter').selectAll().orderBy('id').execute();
const audits = (b: Backend, action: string) =>
  b.ctx.db.selectFrom('audit').select(['action', 'entity_id', 'after_json']).where('action', '=', action).orderBy('seq').execute();

describe('composing a letter', () => {
  it('merges the account’s real figures, leaves out what the page prints itself, and the page has them in place', async () => {
    const o = await office();
    const a = await o.account();
    const t = o.template('final-demand');
    const c = await must(o.b, o.s.clerk, 'letters.compose', { accountId: a.id, templateId: t.id });
    expect(c).toMatchObject({
      templateId: t.id,
      version: 1,
      purpose: 'collection',
      payByDate: '2026-03-29',
      missing: [],
      nothingDue: false,
      lettersByEmail: false,
    });
    expect(c.check.allowed).toBe(true);
    expect(c.subject).toBe(`Final demand for payment: account ${a.accountNumber}`);
    // Past due 100.00 (the aging report's 1-30+ buckets), total 150.00, the open items table, the pay-by date.
    expect(c.bodyHtml).toContain('<strong>$100.00</strong>');
    expect(c.bodyHtml).toContain('the total balance is $150.00');
    expect(c.bodyHtml).toContain(formatDate('2026-03-29'));
    expect(c.bodyHtml).toMatch(/<table[^>]*>[\s\S]*\$50\.00[\s\S]*<\/table>/);
    expect(c.bodyHtml).not.toContain('{{');
    // The date, the address and the signature are the page's: not in the text to edit.
    expect(c.bodyHtml).not.toContain('1200 Lakeview Drive');
    expect(c.bodyHtml).not.toContain('clara');
    expect(c.bodyHtml.startsWith('<p>Dear Jordan Reyes 1,</p>')).toBe(true);

    const edited = c.bodyHtml.replace('<p>Dear Jordan Reyes 1,</p>', '<p>Dear Jordan Reyes 1,</p><p>We value you as a customer of many years.</p>');
    const preview = await must(o.b, o.s.clerk, 'documents.preview', { document: letterRef(a.id, t.id, { bodyHtml: edited }) });
    expect(preview.problems).toEqual([]);
    expect(preview.html).toContain('We value you as a customer of many years.');
    expect(preview.html).toMatch(/data-zone="recipient"[^>]*><div>Jordan Reyes 1<\/div><div>1200 Lakeview Drive<\/div><div>Chicago, IL 60601<\/div>/);
    expect(preview.html).toMatch(/data-field="signature"><div class="signer">clara<\/div><div>Accounts Receivable<\/div><div>Test Billing Co<\/div>/);
    expect(preview.html).toContain(`Final demand for payment: account ${a.accountNumber}`);
    // A preview records nothing.
    expect(await letters(o.b)).toEqual([]);
    expect(await must(o.b, o.s.clerk, 'documents.archiveList', {})).toEqual([]);
  });

  it('names the office’s supervisor for a clerk’s letter, the supervisor’s own name for theirs', async () => {
    const o = await office();
    const a = await o.account();
    const t = o.template('intent-to-refer');
    const ask = (session: string) => must(o.b, session, 'letters.compose', { accountId: a.id, templateId: t.id }).then((c) => c.bodyHtml);
    expect(await ask(o.s.clerk)).toContain('ask for sam.</p>');
    await must(o.b, o.s.admin, 'users.create', { username: 'ann', displayName: 'Ann Supervisor', role: 'supervisor', password: 'password-123' });
    expect(await ask(o.s.clerk)).toContain('ask for Ann Supervisor.</p>');
    expect(await ask(o.s.supervisor)).toContain('ask for sam.</p>');
  });

  it('greets a consumer without a contact by the account name, a business without one as “customer”', async () => {
    const o = await office();
    const t = o.template('friendly-reminder');
    const address = { line1: '9 Elm St', city: 'Chicago', state: 'IL', postalCode: '60602', country: 'US' };
    const person = await newAccount(o.b, o.s.clerk, { name: 'Sofia Ramirez', accountNumber: 'L-900', kind: 'consumer', billingAddress: address });
    const firm = await newAccount(o.b, o.s.clerk, { name: 'Elm Street Dental', accountNumber: 'L-901', kind: 'commercial', billingAddress: address });
    for (const a of [person, firm]) await postInvoice(o.b, o.s.clerk, a.id, 10_000, { date: '2026-01-01', terms: 'Net 30' });
    const greeting = async (accountId: number) =>
      (await must(o.b, o.s.clerk, 'letters.compose', { accountId, templateId: t.id })).bodyHtml.match(/<p>Dear [^<]*<\/p>/)?.[0];
    expect(await greeting(person.id)).toBe('<p>Dear Sofia Ramirez,</p>');
    expect(await greeting(firm.id)).toBe('<p>Dear customer,</p>');
  });

  it('refuses an unknown field left in edited text, naming it and the closest one', async () => {
    const o = await office();
    const a = await o.account();
    const r = await prepare(o.b, o.s.clerk, 'documents.savePdf', {
      documents: [letterRef(a.id, o.template('friendly-reminder').id, { bodyHtml: '<p>Dear {{acountName}}, please pay.</p>' })],
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('{{acountName}} is not a merge field (did you mean {{accountName}}?)') },
    });
  });
});

describe('what stops a letter at prepare time', () => {
  const flags: { flag: (accountId: number) => FlagSetInput; rule: string; citation: string }[] = [
    {
      flag: (accountId) => ({ kind: 'cease_communication', accountId, reason: 'Letter asking us to stop' }),
      rule: 'cease_communication',
      citation: '12 CFR 1006.6(c)',
    },
    {
      flag: (accountId) => ({ kind: 'disputed', accountId, reason: 'Disputes the charge', written: true }),
      rule: 'dispute',
      citation: '12 CFR 1006.34; 15 USC 1692g(b)',
    },
    {
      flag: (accountId) => ({ kind: 'attorney_represented', accountId, reason: 'Attorney letter', attorneyName: 'Lee Law' }),
      rule: 'attorney_represented',
      citation: '12 CFR 1006.6(b)(2)',
    },
    {
      flag: (accountId) => ({ kind: 'bankruptcy', accountId, reason: 'Court notice', chapter: '7', caseNumber: '26-10001' }),
      rule: 'bankruptcy',
      citation: '11 USC 362 (automatic stay)',
    },
    {
      flag: (accountId) => ({ kind: 'deceased', accountId, reason: 'Family called' }),
      rule: 'deceased',
      citation: '12 CFR 1006.2(e), 1006.6(a)(4) (office policy)',
    },
  ];

  it('cease communication, dispute, attorney, bankruptcy and deceased block a collection letter, naming the rule and its citation', async () => {
    const o = await office();
    const t = o.template('second-notice');
    for (const f of flags) {
      const a = await o.account();
      await must(o.b, o.s.clerk, 'flags.set', f.flag(a.id));
      const job = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [letterRef(a.id, t.id)] });
      expect(job.documents, f.rule).toEqual([]);
      expect(job.problems, f.rule).toEqual([
        expect.objectContaining({ code: 'BLOCKED', blocks: [expect.objectContaining({ rule: f.rule, citation: f.citation })] }),
      ]);
      expect(problemText(job.problems[0]!)).toContain(`(${f.citation})`);
      const c = await must(o.b, o.s.clerk, 'letters.compose', { accountId: a.id, templateId: t.id });
      expect(
        c.check.blocks.map((x) => x.rule),
        f.rule,
      ).toEqual([f.rule]);
    }
  });

  it('a supervisor’s override is recorded with the letter and audited; a clerk’s is refused', async () => {
    const o = await office();
    const a = await o.account();
    const t = o.template('final-demand');
    await must(o.b, o.s.clerk, 'flags.set', { kind: 'cease_communication', accountId: a.id, reason: 'Letter asking us to stop' });
    const reason = 'Customer asked in writing for one final statement of the balance';
    const clerk = await prepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [letterRef(a.id, t.id, { overrideReason: reason })] });
    expect(clerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const short = await prepare(o.b, o.s.supervisor, 'documents.savePdf', { documents: [letterRef(a.id, t.id, { overrideReason: 'because' })] });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const { outcome } = await savePdf(o, o.s.supervisor, letterRef(a.id, t.id, { overrideReason: reason }));
    expect(outcome.delivered).toBe(1);
    const [letter] = await letters(o.b);
    expect(letter).toMatchObject({
      account_id: a.id,
      template_id: t.id,
      override_id: expect.any(Number),
      archived_document_id: outcome.archivedIds[0],
      created_by: 'sam',
    });
    const override = await o.b.ctx.db.selectFrom('compliance_override').selectAll().where('id', '=', letter!.override_id!).executeTakeFirstOrThrow();
    expect(override).toMatchObject({ account_id: a.id, action: 'letter', reason, username: 'sam', role: 'supervisor' });
    expect(JSON.parse(override.rules)).toEqual(['cease_communication']);
    expect((await audits(o.b, 'compliance.override')).length).toBe(1);
    const [sent] = await audits(o.b, 'letter.sent');
    expect(JSON.parse(sent!.after_json!)).toMatchObject({ overrideId: override.id, archivedDocumentId: outcome.archivedIds[0], version: 1 });
  });

  it('a collection letter for an account with nothing past due is NOTHING_DUE; a field with no value is MISSING_FIELD', async () => {
    const o = await office();
    const current = await o.account({ pastDue: false });
    const job = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [letterRef(current.id, o.template('friendly-reminder').id)] });
    expect(job.problems.map((p) => p.code)).toEqual(['NOTHING_DUE']);

    // No promise to pay on the account: the confirmation has nothing to confirm.
    const a = await o.account();
    const noPromise = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [letterRef(a.id, o.template('promise-confirmation').id)] });
    expect(noPromise.problems).toEqual([expect.objectContaining({ code: 'MISSING_FIELD', missing: ['promiseAmount', 'promiseDate'] })]);
    expect(problemText(noPromise.problems[0]!)).toBe('The letter has no value for promised amount and promised date');
  });

  it('a run’s letter already recorded for the account is ALREADY_SENT; an account that did not ask for letters by email is NO_EMAIL_CONSENT', async () => {
    const o = await office();
    const a = await o.account();
    const ref = letterRef(a.id, o.template('second-notice').id, { runId: 777 });
    await savePdf(o, o.s.clerk, ref);
    const again = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(again.problems.map((p) => p.code)).toEqual(['ALREADY_SENT']);

    const server = await smtpServer({ tls: 'none' });
    await configureSmtp(o.b, o.s.admin, server.port, 'none');
    const email = await mustPrepare(o.b, o.s.clerk, 'documents.email', { documents: [letterRef(a.id, o.template('second-notice').id)] });
    expect(email.problems.map((p) => p.code)).toEqual(['NO_EMAIL_CONSENT']);
  });
});

describe('recording a letter', () => {
  it('keeps its template version and exact text after the template gets a new version', async () => {
    const o = await office();
    const a = await o.account();
    const t = o.template('friendly-reminder');
    const c = await must(o.b, o.s.clerk, 'letters.compose', { accountId: a.id, templateId: t.id });
    const edited = `${c.bodyHtml}<p>We value you as a customer of many years.</p>`;
    await savePdf(o, o.s.clerk, letterRef(a.id, t.id, { version: c.version, bodyHtml: edited }));
    const v1 = await must(o.b, o.s.supervisor, 'letters.templates.get', { templateId: t.id });
    const saved = await must(o.b, o.s.supervisor, 'letters.templates.save', {
      templateId: t.id,
      name: t.name,
      purpose: t.purpose,
      subject: 'Reminder: {{accountNumber}}',
      bodyHtml: '<p>Dear {{contactName}},</p><p>A new wording of {{amountPastDue}}.</p>',
    });
    expect(saved.version).toBe(2);
    const [letter] = await letters(o.b);
    expect(letter).toMatchObject({
      template_version: 1,
      subject: `A reminder about account ${a.accountNumber}`,
      body_html: edited,
      purpose: 'collection',
      channel: 'pdf',
    });
    expect(v1.currentVersion).toBe(1);
    const next = await must(o.b, o.s.clerk, 'letters.compose', { accountId: a.id, templateId: t.id });
    expect(next).toMatchObject({
      version: 2,
      subject: `Reminder: ${a.accountNumber}`,
      bodyHtml: '<p>Dear Jordan Reyes 1,</p><p>A new wording of $100.00.</p>',
    });
  });

  it('letters are never edited or removed (triggers)', async () => {
    const o = await office();
    const a = await o.account();
    await savePdf(o, o.s.clerk, letterRef(a.id, o.template('friendly-reminder').id));
    const db = o.b.ctx.store.sqlite;
    expect(() => db.prepare("UPDATE letter SET body_html = '<p>changed</p>'").run()).toThrow(/letters are never edited/);
    expect(() => db.prepare('DELETE FROM letter').run()).toThrow(/letters are never removed/);
    expect((await letters(o.b))[0]?.body_html).not.toBe('<p>changed</p>');
  });

  it('closes the stage task it answers, naming the archive entry; the timeline names the template', async () => {
    const o = await office();
    const a = await o.account();
    const task = await o.b.ctx.db
      .insertInto('collection_task')
      .values({ account_id: a.id, kind: 'letter', detail: '{}', due_date: '2026-03-15', status: 'open', created_at: '2026-03-15T15:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { outcome } = await savePdf(o, o.s.clerk, letterRef(a.id, o.template('second-notice').id, { taskId: task.id }));
    const closed = await o.b.ctx.db.selectFrom('collection_task').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ status: 'done', closed_by: 'clara', note: `Letter sent: Second notice (version 1), archive #${outcome.archivedIds[0]}` });
    expect((await audits(o.b, 'task.done')).length).toBe(1);
    const timeline = await must(o.b, o.s.clerk, 'timeline.get', { accountId: a.id });
    expect(timeline).toContainEqual(expect.objectContaining({ kind: 'document', documentKind: 'letter', number: 'Second notice', channel: 'pdf' }));
    // Another account's task is refused.
    const other = await o.account();
    const r = await prepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [letterRef(other.id, o.template('second-notice').id, { taskId: task.id })] });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('the archive row and the letter row commit together: a letter that cannot be recorded leaves neither', async () => {
    const o = await office();
    const a = await o.account();
    const ref = letterRef(a.id, o.template('second-notice').id, { runId: 42 });
    // Two jobs prepared before either completes: the second's letter breaks the one-per-run rule.
    const first = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [ref] });
    const second = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [ref] });
    const pdf = b64(await smallPdf('letter'));
    await must(o.b, o.s.clerk, 'documents.complete', { jobId: first.jobId, pdfs: [pdf], destination: 'a.pdf', pages: 0 });
    const failed = await o.b.dispatch(o.s.clerk, 'documents.complete', { jobId: second.jobId, pdfs: [pdf], destination: 'b.pdf', pages: 0 });
    expect(failed.ok).toBe(false);
    expect(await letters(o.b)).toHaveLength(1);
    const archived = await must(o.b, o.s.clerk, 'documents.archiveList', { accountId: a.id });
    expect(archived.map((x) => x.destination)).toEqual(['a.pdf']);
  });
});

describe('emailed letters', () => {
  it('go only to an account that asked for them, with the letter’s subject and the opt-out sentence (12 CFR 1006.6(e))', async () => {
    const o = await office();
    const server = await smtpServer({ tls: 'none' });
    await configureSmtp(o.b, o.s.admin, server.port, 'none');
    const a = await o.account({ email: 'jordan@example.com' });
    const pref = await must(o.b, o.s.clerk, 'letters.setLettersByEmail', { accountId: a.id, lettersByEmail: true });
    expect(pref).toMatchObject({ accountId: a.id, lettersByEmail: true, updatedBy: 'clara' });
    expect(await must(o.b, o.s.clerk, 'letters.deliveryPreference', { accountId: a.id })).toMatchObject({ lettersByEmail: true });
    expect((await audits(o.b, 'account.lettersByEmail')).map((x) => JSON.parse(x.after_json!))).toEqual([{ lettersByEmail: true }]);

    const t = o.template('final-demand');
    const job = await mustPrepare(o.b, o.s.clerk, 'documents.email', { documents: [letterRef(a.id, t.id)] });
    expect(job.problems).toEqual([]);
    const outcome = await must(o.b, o.s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(await smallPdf('letter'))], destination: '', pages: 0 });
    expect(outcome).toMatchObject({ delivered: 1, destination: 'jordan@example.com' });
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!.parsed;
    expect(mail.subject).toBe(`Final demand for payment: account ${a.accountNumber}`);
    const optOut = emailOptOutText('(312) 555-0100');
    expect(optOut).toBe('If you want us to stop emailing you about this debt, reply to this email with the word STOP or call us at (312) 555-0100.');
    expect(mail.text).toContain(optOut);
    expect(mail.text).not.toMatch(/https?:\/\//);
    expect(await letters(o.b)).toEqual([expect.objectContaining({ channel: 'email', account_id: a.id })]);
  });
});

describe('migration 014: the archive takes letters', () => {
  it('keeps every archived row (same id and bytes), its indexes and triggers, and accepts the letter kind', async () => {
    const file = path.join(tempDir(), 'before-014.ldk');
    const key = randomBytes(32);
    const old = openStore(file, key, { migrations: migrations.filter((m) => m.id < 14) });
    const insert =
      'INSERT INTO archived_document (kind, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at) VALUES (?, ?, ?, 0, ?, ?, 1, 17, ?, ?)';
    const add = (db: typeof old.sqlite, kind: string) =>
      db.prepare(insert).run(kind, 'pdf', 'a.pdf', Buffer.from('%PDF-1.7 archived'), 'a'.repeat(64), 'job-1', '2026-03-01T00:00:00.000Z');
    add(old.sqlite, 'statement');
    expect(() => add(old.sqlite, 'letter')).toThrow(/CHECK constraint/);
    await old.close();

    const b = testBackend({ storePath: file, key });
    const sqlite = b.ctx.store.sqlite;
    expect(sqlite.prepare('SELECT id, kind, pdf FROM archived_document').all()).toEqual([{ id: 1, kind: 'statement', pdf: Buffer.from('%PDF-1.7 archived') }]);
    expect(add(sqlite, 'letter').changes).toBe(1);
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

describe('the letter page', () => {
  it('spreads a long letter over sheets: every paragraph and open item printed once, the table header repeated, the signature on the last sheet', async () => {
    const o = await office();
    const a = await o.account();
    for (let i = 0; i < 38; i++) await postInvoice(o.b, o.s.clerk, a.id, 1_000 + i, { date: '2026-01-02', terms: 'Net 30' });
    const t = o.template('second-notice');
    const c = await must(o.b, o.s.clerk, 'letters.compose', { accountId: a.id, templateId: t.id });
    const paragraphs = Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i + 1}: ${'we would like to hear from you about this account. '.repeat(6)}</p>`);
    const preview = await must(o.b, o.s.clerk, 'documents.preview', { document: letterRef(a.id, t.id, { bodyHtml: c.bodyHtml + paragraphs.join('') }) });
    if (process.env.LETTER_PAGE_OUT) (await import('node:fs')).writeFileSync(process.env.LETTER_PAGE_OUT, preview.html);
    const sheets = preview.html.split('<section class="sheet">').slice(1);
    expect(sheets.length).toBeGreaterThanOrEqual(3);
    // 40 invoices: each row once, the header on every sheet the table reaches.
    const rows = [...preview.html.matchAll(/<td>INV-\d{6}<\/td>/g)];
    expect(rows).toHaveLength(40);
    const withTable = sheets.filter((s) => s.includes('<td>INV-'));
    expect(withTable.length).toBeGreaterThan(1);
    for (const s of withTable) expect(s).toContain('<th>Number</th>');
    for (let i = 1; i <= 12; i++) expect(preview.html.split(`Paragraph ${i}:`)).toHaveLength(2);
    expect(sheets.at(-1)).toContain('data-field="signature"');
    expect(sheets.slice(0, -1).some((s) => s.includes('data-field="signature"'))).toBe(false);
    expect(sheets[0]).toContain('data-zone="recipient"');
    expect(sheets[1]).toContain('(continued)');
  });
});
