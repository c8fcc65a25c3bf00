import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { formatMoney } from '../../src-shared/money';
import { verifyStore } from '../../src-main/backend/verify';
import { findChromium, renderWithChromiumCli } from '../../src-main/print/chromium-cli';
import { mustPrepare } from '../support/document-delivery';
import { must, newAccount, receivablesBackend } from '../support/receivables';
import { tempDir } from '../support/store';

/**
 * The reconciliation service on a real encrypted store. The office account, deposits and statement
 * lines are written as rows (the deposits and statement imports are other services, tested on their
 * own); payments are posted through payments.post.
 */
function officeAccount(b: Backend, name = 'Operating account'): number {
  const r = b.ctx.store.sqlite
    .prepare(
      `INSERT INTO office_bank_account (name, routing_number, account_number, last4, active, created_at, updated_at) VALUES (?, '011000015', '123456789', '6789', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    )
    .run(name);
  return Number(r.lastInsertRowid);
}

let depositSeq = 0;
function deposit(b: Backend, officeId: number, date: string, cents: number): { id: number; number: string } {
  depositSeq++;
  const number = `DEP-${String(depositSeq).padStart(6, '0')}`;
  const r = b.ctx.store.sqlite
    .prepare(
      `INSERT INTO deposit (series, number_seq, number, office_bank_account_id, deposit_date, cash_cents, check_cents, total_cents, payment_count, created_at) VALUES ('DEP', ?, ?, ?, ?, 0, ?, ?, 1, '2026-03-01T00:00:00Z')`,
    )
    .run(depositSeq, number, officeId, date, cents, cents);
  return { id: Number(r.lastInsertRowid), number };
}

let lineSeq = 0;
function statement(b: Backend, officeId: number, lines: { date: string; cents: number; ref?: string; text?: string }[]): number[] {
  const st = b.ctx.store.sqlite
    .prepare(
      `INSERT INTO bank_statement (office_bank_account_id, format, file_name, file_sha256, statement_from, statement_to, imported_at) VALUES (?, 'csv', 'march.csv', ?, '2026-03-01', '2026-03-31', '2026-04-01T00:00:00Z')`,
    )
    .run(officeId, `sha${lineSeq}`);
  return lines.map((l, i) => {
    lineSeq++;
    const r = b.ctx.store.sqlite
      .prepare(
        `INSERT INTO bank_statement_line (statement_id, line, booking_date, amount_cents, bank_reference, description, line_key) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(Number(st.lastInsertRowid), i + 2, l.date, l.cents, l.ref ?? null, l.text ?? '', `key-${lineSeq}`);
    return Number(r.lastInsertRowid);
  });
}

async function setUp() {
  const { b, s, clock } = await receivablesBackend('2026-04-02T15:00:00Z');
  depositSeq = 0; // a new store each test
  const office = officeAccount(b);
  const customer = await newAccount(b, s.clerk, { name: 'Harbor Clinic' });
  const ach = await must(b, s.clerk, 'payments.post', {
    accountId: customer.id,
    date: '2026-03-09',
    method: 'ach',
    amountCents: 75_00,
    reference: 'ACH-77123',
  });
  const transfer = await must(b, s.clerk, 'payments.post', {
    accountId: customer.id,
    date: '2026-03-10',
    method: 'bank_transfer',
    amountCents: 120_00,
    reference: 'WIRE-5501',
  });
  const d1 = deposit(b, office, '2026-03-02', 250_00);
  const d2 = deposit(b, office, '2026-03-12', 40_00);
  const dNever = deposit(b, office, '2026-03-16', 99_00);
  const [l1, l2, l3, l4, l5, fee] = statement(b, office, [
    { date: '2026-03-03', cents: 250_00, text: 'DEPOSIT' },
    { date: '2026-03-10', cents: 75_00, ref: 'ACH-77123', text: 'ACH CREDIT HARBOR' },
    { date: '2026-03-12', cents: 119_00, ref: 'WIRE 5501', text: 'INCOMING WIRE' },
    { date: '2026-03-13', cents: 40_00, text: 'BRANCH DEPOSIT' },
    { date: '2026-03-20', cents: 15_00, text: 'INTEREST' },
    { date: '2026-03-31', cents: -12_00, text: 'SERVICE FEE' },
  ]);
  return { b, s, clock, office, ach, transfer, d1, d2, dNever, lines: { l1, l2, l3, l4, l5, fee } };
}

const auditOf = (b: Backend, action: string) =>
  b.ctx.store.sqlite.prepare('SELECT username AS actor, entity_id, after_json AS after FROM audit WHERE action = ? ORDER BY seq').all(action) as {
    actor: string;
    entity_id: string;
    after: string;
  }[];

describe('reconciliation service', () => {
  it('starts a period: matches deposits and named electronic payments, lists what is open and the discrepancies', async () => {
    const { b, s, office, ach, transfer, d1, d2, dNever, lines } = await setUp();
    const v = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    expect(v.status).toBe('open');
    expect(v.matched.map((m) => [m.line.id, m.item.kind, m.item.id, m.method])).toEqual([
      [lines.l1, 'deposit', d1.id, 'auto'],
      [lines.l2, 'payment', ach.documentId, 'auto'],
      [lines.l4, 'deposit', d2.id, 'auto'],
    ]);
    expect(v.unmatchedLines.map((l) => l.id)).toEqual([lines.l3, lines.l5]); // the fee (a debit) is not money in
    expect(v.unmatchedItems.map((i) => [i.kind, i.id])).toEqual([
      ['deposit', dNever.id],
      ['payment', transfer.documentId],
    ]);
    expect(v.discrepancies.map((d) => [d.kind, d.subject, d.subjectId, d.relatedId])).toEqual([
      ['amount_differs', 'statement_line', lines.l3, transfer.documentId],
      ['unknown_credit', 'statement_line', lines.l5, null],
      ['not_seen_by_bank', 'deposit', dNever.id, null],
    ]);
    expect(v.totals).toEqual({ statementCreditsCents: 499_00, matchedCents: 365_00, unmatchedLinesCents: 134_00, unmatchedItemsCents: 219_00 });
    const [started] = auditOf(b, 'reconciliation.start');
    expect(started).toMatchObject({ actor: 'clara', entity_id: String(v.id) });
    expect(JSON.parse(started!.after)).toMatchObject({ autoMatched: 3, periodFrom: '2026-03-01' });
  });

  it('refuses a second open reconciliation and an overlapping period, naming them', async () => {
    const { b, s, office } = await setUp();
    await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    const again = await b.dispatch(s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-04-01', periodTo: '2026-04-30' });
    expect(again.ok ? 'ok' : again.error.message).toMatch(/already has an open reconciliation \(Mar 1, 2026 to Mar 31, 2026\)/);
    const backwards = await b.dispatch(s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-04-30', periodTo: '2026-04-01' });
    expect(backwards.ok ? 'ok' : backwards.error.message).toMatch(/end on or after its first day/);
    const missing = await b.dispatch(s.clerk, 'reconciliations.start', { officeBankAccountId: 999, periodFrom: '2026-04-01', periodTo: '2026-04-30' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
  });

  it('matches and unmatches by hand, only equal amounts and only open items, audited', async () => {
    const { b, s, office, d1, dNever, lines } = await setUp();
    const v = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    const differs = await b.dispatch(s.clerk, 'reconciliations.match', { reconciliationId: v.id, statementLineId: lines.l5, depositId: dNever.id });
    expect(differs.ok ? 'ok' : differs.error.message).toMatch(/bank credit is \$15\.00 and the deposit \$99\.00/);
    const taken = await b.dispatch(s.clerk, 'reconciliations.match', { reconciliationId: v.id, statementLineId: lines.l5, depositId: d1.id });
    expect(taken.ok ? 'ok' : taken.error.message).toMatch(/depositId: that deposit is not an unmatched item/);
    const both = await b.dispatch(s.clerk, 'reconciliations.match', {
      reconciliationId: v.id,
      statementLineId: lines.l5,
      depositId: d1.id,
      paymentDocumentId: 1,
    });
    expect(both.ok ? 'ok' : both.error.code).toBe('VALIDATION');

    // Unmatch the automatic deposit match, then match it again by hand.
    const auto = v.matched.find((m) => m.item.kind === 'deposit' && m.item.id === d1.id)!;
    const after = await must(b, s.clerk, 'reconciliations.unmatch', { reconciliationId: v.id, matchId: auto.id });
    expect(after.unmatchedLines.map((l) => l.id)).toContain(lines.l1);
    expect(after.unmatchedItems.map((i) => i.id)).toContain(d1.id);
    const again = await must(b, s.clerk, 'reconciliations.match', { reconciliationId: v.id, statementLineId: lines.l1, depositId: d1.id });
    expect(again.matched.find((m) => m.line.id === lines.l1)).toMatchObject({ method: 'manual', item: { kind: 'deposit', id: d1.id } });
    expect(auditOf(b, 'reconciliation.unmatch').map((a) => JSON.parse(a.after))).toEqual([
      { matchId: auto.id, statementLineId: lines.l1, depositId: d1.id, paymentDocumentId: null, method: 'auto' },
    ]);
    expect(auditOf(b, 'reconciliation.match').map((a) => JSON.parse(a.after))).toEqual([
      expect.objectContaining({ statementLineId: lines.l1, depositId: d1.id }),
    ]);
  });

  it('finishes only when every discrepancy is explained, then is locked for the service and the store', async () => {
    const { b, s, office, dNever, lines, transfer } = await setUp();
    const v = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    const refused = await b.dispatch(s.clerk, 'reconciliations.finish', { reconciliationId: v.id });
    expect(refused.ok ? 'ok' : refused.error.message).toBe(
      'Explain every discrepancy before finishing: the bank credit of Mar 12, 2026 ($119.00); the bank credit of Mar 20, 2026 ($15.00); the deposit of Mar 16, 2026 ($99.00) have no note.',
    );
    const notOpen = await b.dispatch(s.clerk, 'reconciliations.note', {
      reconciliationId: v.id,
      subject: 'statement_line',
      subjectId: lines.l1,
      note: 'matched',
    });
    expect(notOpen.ok ? 'ok' : notOpen.error.message).toMatch(/only an item left open/);
    await must(b, s.clerk, 'reconciliations.note', {
      reconciliationId: v.id,
      subject: 'statement_line',
      subjectId: lines.l3,
      note: 'Bank took a $1.00 wire fee',
    });
    await must(b, s.clerk, 'reconciliations.note', { reconciliationId: v.id, subject: 'statement_line', subjectId: lines.l5, note: 'first note' });
    await must(b, s.clerk, 'reconciliations.note', {
      reconciliationId: v.id,
      subject: 'statement_line',
      subjectId: lines.l5,
      note: 'Interest paid by the bank',
    });
    const one = await b.dispatch(s.clerk, 'reconciliations.finish', { reconciliationId: v.id });
    expect(one.ok ? 'ok' : one.error.message).toMatch(/the deposit of Mar 16, 2026 \(\$99\.00\) has no note\.$/);
    const noted = await must(b, s.clerk, 'reconciliations.note', {
      reconciliationId: v.id,
      subject: 'deposit',
      subjectId: dNever.id,
      note: 'Deposit slip lost; asked the bank',
    });
    expect(noted.discrepancies.map((d) => d.note)).toEqual(['Bank took a $1.00 wire fee', 'Interest paid by the bank', 'Deposit slip lost; asked the bank']);
    // The payment the wire named stays open but its discrepancy is the line's: no note needed on it.
    expect(noted.unmatchedItems.find((i) => i.id === transfer.documentId)?.note).toBeNull();

    const done = await must(b, s.clerk, 'reconciliations.finish', { reconciliationId: v.id });
    expect(done).toMatchObject({ status: 'finished', finishedBy: expect.any(String) });
    expect(done.finishedAt).not.toBeNull();
    const [finished] = auditOf(b, 'reconciliation.finish');
    expect(finished).toMatchObject({ actor: 'clara', entity_id: String(v.id) });
    expect(JSON.parse(finished!.after)).toMatchObject({ matched: 3, discrepancies: 3 });

    // Locked: the service refuses every change...
    for (const [channel, input] of [
      ['reconciliations.match', { reconciliationId: v.id, statementLineId: lines.l5, depositId: dNever.id }],
      ['reconciliations.unmatch', { reconciliationId: v.id, matchId: done.matched[0]!.id }],
      ['reconciliations.note', { reconciliationId: v.id, subject: 'deposit', subjectId: dNever.id, note: 'later' }],
      ['reconciliations.finish', { reconciliationId: v.id }],
    ] as const) {
      const r = await b.dispatch(s.clerk, channel, input);
      expect(r.ok ? 'ok' : `${r.error.code} ${r.error.message}`, channel).toBe(
        'CONFLICT This reconciliation is finished and locked: nothing in it can change.',
      );
    }
    // ...and so does the store, written to directly.
    const sqlite = b.ctx.store.sqlite;
    expect(() =>
      sqlite
        .prepare(`INSERT INTO reconciliation_match (reconciliation_id, statement_line_id, deposit_id, method, created_at) VALUES (?, ?, ?, 'manual', 'x')`)
        .run(v.id, lines.l5, dNever.id),
    ).toThrow(/finished reconciliation is locked/);
    expect(() => sqlite.prepare('DELETE FROM reconciliation_match WHERE reconciliation_id = ?').run(v.id)).toThrow(/locked/);
    expect(() => sqlite.prepare(`UPDATE reconciliation_note SET note = 'changed' WHERE reconciliation_id = ?`).run(v.id)).toThrow(/locked/);
    expect(() => sqlite.prepare(`UPDATE reconciliation SET status = 'open', finished_at = NULL WHERE id = ?`).run(v.id)).toThrow(/locked/);
    expect(() => sqlite.prepare('DELETE FROM reconciliation WHERE id = ?').run(v.id)).toThrow(/never removed/);

    // The next period can start; what this one matched stays out of it.
    const april = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-04-01', periodTo: '2026-04-30' });
    expect(april.matched).toEqual([]);
    const listed = await must(b, s.clerk, 'reconciliations.list', {});
    expect(listed.officeBankAccounts).toEqual([{ id: office, name: 'Operating account', last4: '6789', active: true }]);
    expect(listed.reconciliations.map((r) => [r.periodFrom, r.status])).toEqual([
      ['2026-04-01', 'open'],
      ['2026-03-01', 'finished'],
    ]);
    expect((await verifyStore(b)).checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('writes the discrepancy report workbook: what was left open with its notes, and what matched', async () => {
    const { b, s, office, lines, dNever } = await setUp();
    const v = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    await must(b, s.clerk, 'reconciliations.note', {
      reconciliationId: v.id,
      subject: 'statement_line',
      subjectId: lines.l3,
      note: 'Bank took a $1.00 wire fee',
    });
    await must(b, s.clerk, 'reconciliations.note', { reconciliationId: v.id, subject: 'statement_line', subjectId: lines.l5, note: 'Interest' });
    await must(b, s.clerk, 'reconciliations.note', { reconciliationId: v.id, subject: 'deposit', subjectId: dNever.id, note: 'Asked the bank' });
    await must(b, s.clerk, 'reconciliations.finish', { reconciliationId: v.id });
    const report = await must(b, s.clerk, 'reconciliations.report', { reconciliationId: v.id, format: 'xlsx' });
    expect(report.fileName).toBe('bank-reconciliation-2026-03-01-to-2026-03-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Discrepancies', 'Matched']);
    const rows = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((r) => (Array.isArray(r) ? r.slice(1).map((c) => (c && typeof c === 'object' && 'result' in c ? c.result : c)) : []));
    const disc = rows('Discrepancies');
    expect(disc[0]).toEqual(['Discrepancy', 'Item', 'Date', 'Amount', 'Expected', 'Reference', 'Named item', 'Note']);
    expect(disc.slice(1, 4).map((r) => [r[0], r[1], r[3], r[4], r[7]])).toEqual([
      ['Amount differs', 'Bank credit', 119, 120, 'Bank took a $1.00 wire fee'],
      ['Credit matches nothing', 'Bank credit', 15, undefined, 'Interest'],
      ['Not seen by the bank', 'Deposit', 99, undefined, 'Asked the bank'],
    ]);
    expect(disc[1]![6]).toMatch(/^Payment RCT-\d+, Bank transfer, Harbor Clinic$/);
    expect(
      rows('Matched')
        .slice(1, 4)
        .map((r) => [r[1], r[4], r[6]]),
    ).toEqual([
      [250, 'Deposit DEP-000001', 'Automatic'],
      [75, expect.stringMatching(/^Payment RCT-\d+, ACH, Harbor Clinic$/), 'Automatic'],
      [40, 'Deposit DEP-000002', 'Automatic'],
    ]);
    const about = rows('About').flat().map(String).join(' | ');
    expect(about).toMatch(/Operating account/);
    expect(about).toMatch(/Mar 1, 2026 to Mar 31, 2026/);
    expect(about).toMatch(/Finished/);
  });

  it('prints the discrepancy report through the document pipeline: what was left open with its notes, the figures, archived by its period', async () => {
    const { b, s, office, lines, dNever } = await setUp();
    const v = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    const ref = { kind: 'discrepancy_report', reconciliationId: v.id } as const;
    // Open, a note missing: the report says so rather than leaving the cell blank.
    const draft = await must(b, s.clerk, 'documents.preview', { document: ref });
    expect(draft.problems).toEqual([]);
    expect(draft.html).toContain('No note yet');
    expect(draft.html).toContain('3 without a note');
    await must(b, s.clerk, 'reconciliations.note', {
      reconciliationId: v.id,
      subject: 'statement_line',
      subjectId: lines.l3,
      note: 'Bank took a $1.00 wire fee',
    });
    await must(b, s.clerk, 'reconciliations.note', { reconciliationId: v.id, subject: 'statement_line', subjectId: lines.l5, note: 'Interest' });
    await must(b, s.clerk, 'reconciliations.note', { reconciliationId: v.id, subject: 'deposit', subjectId: dNever.id, note: 'Asked the bank' });
    await must(b, s.clerk, 'reconciliations.finish', { reconciliationId: v.id });

    const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(job.problems).toEqual([]);
    expect(job.documents[0]).toMatchObject({ kind: 'discrepancy_report', number: '2026-03-01 to 2026-03-31', accountId: null });
    expect(job.documents[0]!.fileName).toBe('Discrepancy report 2026-03-01 to 2026-03-31.pdf');
    const chromium = findChromium(process.env, process.platform, fs.existsSync);
    const pdf = Buffer.from(await renderWithChromiumCli(job.documents[0]!.html, chromium));
    const file = path.join(tempDir(), 'report.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('DISCREPANCIES');
    expect(text).toContain('Operating account');
    expect(text).toContain('Mar 1, 2026 to Mar 31, 2026');
    expect(text).toMatch(/State Finished/);
    expect(text).toMatch(/Amount differs .*Mar 12, 2026 \$119\.00 \$120\.00 Bank took a \$1\.00 wire/);
    expect(text).toMatch(/Credit matches .*\$15\.00 Interest/);
    expect(text).toMatch(/Not seen by the Deposit DEP-\d+ Mar 16, 2026 \$99\.00 Asked the bank/);
    expect(text).toMatch(/Names Payment RCT-\s*\d+,[\s\S]*Bank transfer,[\s\S]*Harbor Clinic/);
    expect(text).toMatch(/LEFT OPEN\s*each with its note 3 discrepancies/);
    expect(text).toMatch(/Finished by \S+/);
    expect(text).toMatch(/Matched \(3\) \$365\.00/);
    expect(text).not.toContain('No note yet');
    if (process.env.LEDGERDESK_REPORT_PNG) execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', file, process.env.LEDGERDESK_REPORT_PNG]);

    await must(b, s.clerk, 'documents.complete', { jobId: job.jobId, pdfs: [pdf.toString('base64')], destination: 'report.pdf', pages: 0 });
    const archived = await must(b, s.clerk, 'documents.archiveList', { kind: 'discrepancy_report', number: '2026-03-01 to 2026-03-31' });
    expect(archived.map((a) => [a.kind, a.channel, a.accountId])).toEqual([['discrepancy_report', 'pdf', null]]);
    const emailed = await b.call(s.clerk, 'documents.email', { documents: [ref] });
    expect(emailed.ok ? null : emailed.error.message).toContain('never emailed');
  }, 60_000);

  it('spreads a long discrepancy report over sheets: every discrepancy printed once, the header repeated, the figures on the last sheet', async () => {
    const { b, s, office } = await setUp();
    // Forty deposits the bank never showed, each with a long note.
    for (let i = 0; i < 40; i++) deposit(b, office, '2026-03-04', 1_000 + i);
    const v = await must(b, s.clerk, 'reconciliations.start', { officeBankAccountId: office, periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    for (const d of v.discrepancies.filter((x) => x.subject === 'deposit'))
      await must(b, s.clerk, 'reconciliations.note', {
        reconciliationId: v.id,
        subject: 'deposit',
        subjectId: d.subjectId,
        note: 'The branch says the bag was received; the bank is tracing it and will credit it next week.',
      });
    const job = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: [{ kind: 'discrepancy_report', reconciliationId: v.id }] });
    const html = job.documents[0]!.html;
    const sheets = html.split('<section class="sheet">').slice(1);
    expect(sheets.length).toBeGreaterThanOrEqual(3);
    const rows = [...html.matchAll(/data-field="discrepancy"/g)];
    expect(rows).toHaveLength(v.discrepancies.length);
    for (const sheet of sheets.filter((x) => x.includes('data-field="discrepancy"'))) expect(sheet).toContain('<th class="">Discrepancy</th>');
    expect(sheets.at(-1)).toContain('data-field="credits"');
    expect(sheets.slice(0, -1).join('')).not.toContain('data-field="credits"');
    // The PDF has one page per sheet: nothing overflowed onto a page of its own.
    const chromium = findChromium(process.env, process.platform, fs.existsSync);
    const pdf = Buffer.from(await renderWithChromiumCli(html, chromium));
    const file = path.join(tempDir(), 'long.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Pages:\\s+${sheets.length}\\n`));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (let i = 0; i < 40; i++) expect(text).toContain(formatMoney(1_000 + i));
    if (process.env.LEDGERDESK_LONG_REPORT_PNG) execFileSync('pdftoppm', ['-png', '-r', '60', file, process.env.LEDGERDESK_LONG_REPORT_PNG]);
  }, 60_000);
});
