import { describe, expect, it } from 'vitest';
import type { StatementCandidate } from '../../src-shared/domain/statements';
import { buildDocument } from '../../src-main/backend/services/documents/build';
import { documentSettings } from '../support/document-builds';
import { b64, mustPrepare, smallPdf } from '../support/document-delivery';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import type { PreparedJob, StatementType } from '../../src-shared/domain/documents';

/**
 * Statement runs (docs/documents.md, Statement runs). Today 2026-03-15.
 *   R-1 consumer, billing email, mailable: I 2026-01-01 Net 30 100.00 (past due), 30.00 paid 03-01
 *   R-2 commercial, no email, no address:  I 2026-03-10 Net 30 50.00 (current)
 *   R-3 consumer, primary email, mailable: I 2025-12-01 Net 30 5.00 (past due)
 *   R-4 commercial, mailable, email: nothing posted
 *   R-5 commercial, address without a postal code: I 2026-02-01 Net 30 80.00, paid in full 03-05
 */
const address = { line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' };
async function scenario() {
  const r = await receivablesBackend();
  const { b, s } = r;
  const mk = (accountNumber: string, kind: 'consumer' | 'commercial', over: object) =>
    newAccount(b, s.clerk, { accountNumber, name: `Run ${accountNumber}`, kind, ...over });
  const r1 = await mk('R-1', 'consumer', {
    billingAddress: address,
    contacts: [
      { name: 'Pat', isPrimary: true, emails: [{ label: 'home', email: 'pat@home.example' }] },
      { name: 'Accounts', isPrimary: false, emails: [{ label: 'Billing', email: 'bills@r1.example' }] },
    ],
  });
  const r2 = await mk('R-2', 'commercial', {});
  const r3 = await mk('R-3', 'consumer', { billingAddress: address, contacts: [{ name: 'Lee', isPrimary: true, emails: [{ email: 'lee@r3.example' }] }] });
  const r4 = await mk('R-4', 'commercial', { billingAddress: address, contacts: [{ name: 'Kim', isPrimary: true, emails: [{ email: 'kim@r4.example' }] }] });
  const r5 = await mk('R-5', 'commercial', { billingAddress: { ...address, postalCode: '' } });
  const i1 = await postInvoice(b, s.clerk, r1.id, 10_000, { date: '2026-01-01', terms: 'Net 30' });
  await postInvoice(b, s.clerk, r2.id, 5_000, { date: '2026-03-10', terms: 'Net 30' });
  await postInvoice(b, s.clerk, r3.id, 500, { date: '2025-12-01', terms: 'Net 30' });
  const i5 = await postInvoice(b, s.clerk, r5.id, 8_000, { date: '2026-02-01', terms: 'Net 30' });
  const pay = (accountId: number, date: string, amountCents: number, documentId: number) =>
    must(b, s.clerk, 'payments.post', { accountId, date, method: 'cash', amountCents, allocation: { mode: 'manual', lines: [{ documentId, amountCents }] } });
  await pay(r1.id, '2026-03-01', 3_000, i1.id);
  await pay(r5.id, '2026-03-05', 8_000, i5.id);
  return { ...r, r1, r2, r3, r4, r5 };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

const select = (o: Scenario, asOf: string, filters: object = {}, type: StatementType = 'open_item') =>
  must(o.b, o.s.clerk, 'statements.select', { asOf, type, filters });
const numbers = (list: StatementCandidate[]) => list.map((c) => c.accountNumber);

describe('statements.select', () => {
  it('lists the accounts with a balance as of the date in account-number order, with the aging report figures', async () => {
    const o = await scenario();
    for (const asOf of ['2026-03-15', '2026-03-02', '2026-02-15']) {
      const sel = await select(o, asOf);
      const aging = await must(o.b, o.s.clerk, 'aging.summary', { asOf });
      // Every account of the aging report for that date, each with its total and past-due buckets.
      const expected = aging.rows
        .map((r) => ({ accountNumber: r.accountNumber, balanceCents: r.totalCents, pastDueCents: r.buckets.slice(1).reduce((a, x) => a + x, 0) }))
        .sort((a, b) => a.accountNumber.localeCompare(b.accountNumber));
      expect(sel.accounts.map((c) => ({ accountNumber: c.accountNumber, balanceCents: c.balanceCents, pastDueCents: c.pastDueCents }))).toEqual(expected);
      expect(sel.totals.balanceCents).toBe(aging.totals.totalCents);
    }
    // Back-dated: R-5 was paid on 03-05, so it is on the run of 03-02 and not on today's; R-1 owed 100.00 before its 03-01 payment.
    expect(numbers((await select(o, '2026-03-02')).accounts)).toEqual(['R-1', 'R-3', 'R-5']);
    const feb = await select(o, '2026-02-15');
    expect(numbers(feb.accounts)).toEqual(['R-1', 'R-3', 'R-5']);
    expect(feb.accounts[0]).toMatchObject({ balanceCents: 10_000, pastDueCents: 10_000 });
    expect(feb.accounts[2]).toMatchObject({ balanceCents: 8_000, pastDueCents: 0 });
    const today = await select(o, '2026-03-15');
    expect(numbers(today.accounts)).toEqual(['R-1', 'R-2', 'R-3']);
    expect(today.accounts[0]).toMatchObject({ balanceCents: 7_000, pastDueCents: 7_000 });
  });

  it('names the billing email (the one labelled billing first) and why a statement cannot be mailed', async () => {
    const o = await scenario();
    const sel = await select(o, '2026-03-15', { accountIds: [o.r1.id, o.r2.id, o.r3.id, o.r5.id] });
    const by = new Map(sel.accounts.map((c) => [c.accountNumber, c]));
    expect(by.get('R-1')).toMatchObject({ email: 'bills@r1.example', mailProblem: null });
    expect(by.get('R-2')).toMatchObject({ email: null, mailProblem: { code: 'NO_ADDRESS' } });
    expect(by.get('R-3')).toMatchObject({ email: 'lee@r3.example', mailProblem: null });
    expect(by.get('R-5')).toMatchObject({ email: null, mailProblem: { code: 'PARTIAL_ADDRESS', missing: ['postalCode'] } });
    expect(sel.totals).toMatchObject({ accounts: 4, withoutEmail: 2, notMailable: 2 });
  });

  it('applies each filter', async () => {
    const o = await scenario();
    const asOf = '2026-03-15';
    expect(numbers((await select(o, asOf, { minBalanceCents: 1_000 })).accounts)).toEqual(['R-1', 'R-2']);
    expect(numbers((await select(o, asOf, { minBalanceCents: 7_000 })).accounts)).toEqual(['R-1']);
    expect(numbers((await select(o, asOf, { pastDueOnly: true })).accounts)).toEqual(['R-1', 'R-3']);
    expect(numbers((await select(o, asOf, { accountKind: 'consumer' })).accounts)).toEqual(['R-1', 'R-3']);
    expect(numbers((await select(o, asOf, { accountKind: 'commercial' })).accounts)).toEqual(['R-2']);
    expect(numbers((await select(o, asOf, { accountKind: 'consumer', minBalanceCents: 1_000, pastDueOnly: true })).accounts)).toEqual(['R-1']);
    // Picked by hand: only those, even one with nothing posted (a statement that says so); other filters still apply.
    const picked = await select(o, asOf, { accountIds: [o.r4.id, o.r1.id] });
    expect(numbers(picked.accounts)).toEqual(['R-1', 'R-4']);
    expect(picked.accounts[1]).toMatchObject({ balanceCents: 0, pastDueCents: 0, email: 'kim@r4.example' });
    expect(numbers((await select(o, asOf, { accountIds: [o.r4.id, o.r1.id], minBalanceCents: 1 })).accounts)).toEqual(['R-1']);
    expect(await o.b.call(o.s.clerk, 'statements.select', { asOf, type: 'open_item', filters: { accountIds: [999_999] } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('999999') },
    });
  });

  it('filters by collection stage: exactly the accounts the stages placed', async () => {
    const o = await scenario();
    await must(o.b, o.s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
    const stageOf = new Map<number, number | null>();
    for (const a of [o.r1, o.r2, o.r3, o.r4, o.r5]) stageOf.set(a.id, (await must(o.b, o.s.clerk, 'stages.account', { accountId: a.id })).stage?.id ?? null);
    const stageIds = [...new Set([...stageOf.values()].filter((x): x is number => x !== null))];
    expect(stageIds.length).toBeGreaterThan(0);
    const all = await select(o, '2026-03-15');
    for (const stageId of stageIds) {
      const inStage = all.accounts.filter((c) => stageOf.get(c.accountId) === stageId).map((c) => c.accountNumber);
      expect(numbers((await select(o, '2026-03-15', { stageIds: [stageId] })).accounts)).toEqual(inStage);
    }
    expect(numbers((await select(o, '2026-03-15', { stageIds })).accounts)).toEqual(
      all.accounts.filter((c) => stageOf.get(c.accountId) !== null).map((c) => c.accountNumber),
    );
  });

  it('resolves the balance-forward period and refuses one that starts after the date', async () => {
    const o = await scenario();
    expect(await select(o, '2026-03-15', {}, 'balance_forward')).toMatchObject({ from: '2026-02-13', type: 'balance_forward' });
    expect((await select(o, '2026-03-15')).from).toBeNull();
    const bad = await o.b.call(o.s.clerk, 'statements.select', { asOf: '2026-03-15', type: 'balance_forward', from: '2026-03-20', filters: {} });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('from') } });
  });
});

describe('saved statement runs', () => {
  it('saves the parameters and the accounts in order, and gives them back identically to reprint', async () => {
    const o = await scenario();
    const filters = { pastDueOnly: true, accountKind: 'consumer' as const };
    const sel = await must(o.b, o.s.clerk, 'statements.select', { asOf: '2026-03-01', type: 'balance_forward', from: '2026-02-01', filters });
    const accountIds = sel.accounts.map((c) => c.accountId);
    expect(accountIds).toEqual([o.r1.id, o.r3.id]);
    const run = await must(o.b, o.s.clerk, 'statements.saveRun', {
      asOf: '2026-03-01',
      type: 'balance_forward',
      from: '2026-02-01',
      filters,
      accountIds,
      channel: 'email',
    });
    expect(run).toMatchObject({ asOf: '2026-03-01', type: 'balance_forward', from: '2026-02-01', filters, accountIds, channel: 'email', createdBy: 'clara' });
    expect(run.statements).toEqual(
      accountIds.map((accountId) => ({ kind: 'statement', accountId, asOf: '2026-03-01', type: 'balance_forward', from: '2026-02-01' })),
    );
    // Later payments change nothing of a saved run: the same refs, the same accounts.
    await must(o.b, o.s.clerk, 'payments.post', { accountId: o.r3.id, date: '2026-03-15', method: 'cash', amountCents: 500, allocation: { mode: 'auto' } });
    expect(await must(o.b, o.s.supervisor, 'statements.getRun', { runId: run.id })).toEqual(run);

    // An open-item run with the default period has no from; a balance-forward one without from stores the resolved day.
    const second = await must(o.b, o.s.clerk, 'statements.saveRun', {
      asOf: '2026-03-15',
      type: 'open_item',
      filters: {},
      accountIds: [o.r2.id, o.r1.id],
      channel: 'print',
    });
    expect(second.statements).toEqual([
      { kind: 'statement', accountId: o.r2.id, asOf: '2026-03-15', type: 'open_item' },
      { kind: 'statement', accountId: o.r1.id, asOf: '2026-03-15', type: 'open_item' },
    ]);
    const third = await must(o.b, o.s.clerk, 'statements.saveRun', {
      asOf: '2026-03-15',
      type: 'balance_forward',
      filters: {},
      accountIds: [o.r4.id],
      channel: 'pdf',
    });
    expect(third.from).toBe('2026-02-13');
    expect((await must(o.b, o.s.clerk, 'statements.runs', {})).map((r) => r.id)).toEqual([third.id, second.id, run.id]);
    expect((await must(o.b, o.s.clerk, 'statements.runs', { limit: 1 })).map((r) => r.id)).toEqual([third.id]);

    const audit = await must(o.b, o.s.supervisor, 'audit.list', { limit: 50 });
    expect(JSON.stringify(audit)).toContain('statementRun.save');
  });

  it('refuses a run naming an account twice or one that does not exist, writing nothing', async () => {
    const o = await scenario();
    const base = { asOf: '2026-03-15', type: 'open_item', filters: {}, channel: 'print' } as const;
    expect(await o.b.call(o.s.clerk, 'statements.saveRun', { ...base, accountIds: [o.r1.id, o.r1.id] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('twice') },
    });
    expect(await o.b.call(o.s.clerk, 'statements.saveRun', { ...base, accountIds: [o.r1.id, 424_242] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('424242') },
    });
    expect(await o.b.call(o.s.clerk, 'statements.saveRun', { ...base, accountIds: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await o.b.call(o.s.clerk, 'statements.getRun', { runId: 77 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await must(o.b, o.s.clerk, 'statements.runs', {})).toEqual([]);
  });

  it('is never edited nor removed (triggers on statement_run)', async () => {
    const o = await scenario();
    const run = await must(o.b, o.s.clerk, 'statements.saveRun', { asOf: '2026-03-15', type: 'open_item', filters: {}, accountIds: [o.r1.id], channel: 'pdf' });
    const sqlite = o.b.ctx.store.sqlite;
    expect(() => sqlite.prepare(`UPDATE statement_run SET account_ids = '[1,2]' WHERE id = ?`).run(run.id)).toThrow(/never edited/);
    expect(() => sqlite.prepare('DELETE FROM statement_run WHERE id = ?').run(run.id)).toThrow(/never removed/);
    expect(await must(o.b, o.s.clerk, 'statements.getRun', { runId: run.id })).toEqual(run);
  });

  it("a run's statements leave through the pipeline: each archived and on its account's timeline", async () => {
    const o = await scenario();
    const run = await must(o.b, o.s.clerk, 'statements.saveRun', {
      asOf: '2026-03-15',
      type: 'open_item',
      filters: {},
      accountIds: [o.r1.id, o.r3.id],
      channel: 'pdf',
    });
    const job = (await o.b.dispatch(o.s.clerk, 'documents.savePdf', { documents: run.statements })) as { ok: true; value: PreparedJob };
    expect(job.ok).toBe(true);
    expect(job.value.documents.map((d) => d.number)).toEqual(['R-1 2026-03-15', 'R-3 2026-03-15']);
    const pdfs = [b64(await smallPdf('one')), b64(await smallPdf('two'))];
    const outcome = await must(o.b, o.s.clerk, 'documents.complete', { jobId: job.value.jobId, pdfs, destination: 'run.pdf', pages: 0 });
    expect(outcome.delivered).toBe(2);
    for (const a of [o.r1, o.r3]) {
      const archived = await must(o.b, o.s.clerk, 'documents.archiveList', { accountId: a.id });
      expect(archived.map((x) => [x.kind, x.number, x.channel])).toEqual([['statement', `${a.accountNumber} 2026-03-15`, 'pdf']]);
      const timeline = await must(o.b, o.s.clerk, 'timeline.get', { accountId: a.id });
      expect(timeline.filter((e) => e.kind === 'document')).toMatchObject([
        { documentKind: 'statement', number: `${a.accountNumber} 2026-03-15`, channel: 'pdf' },
      ]);
    }
  });
});

describe('a balance-forward statement of a busy month', () => {
  /** R-1 gets `n` invoices in March (the period), each later one paid off in part; the statement's sheets. */
  async function sheetsOf(n: number) {
    const o = await scenario();
    for (let i = 0; i < n; i++) await postInvoice(o.b, o.s.clerk, o.r1.id, 1_000 + i, { date: `2026-03-${String(2 + i).padStart(2, '0')}`, terms: 'Net 30' });
    const r = await buildDocument(
      o.b.services,
      { kind: 'statement', accountId: o.r1.id, asOf: '2026-03-15', type: 'balance_forward', from: '2026-03-01' },
      { channel: 'pdf', copy: false, settings: documentSettings(), logo: null, companyName: 'Riverside' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    return r.document.html.split('<section class="sheet">').slice(1);
  }

  it('keeps the opening and seven entries with the totals and the aging block on the first sheet, above the stub', async () => {
    // The period holds the 03-01 payment and six invoices: the opening row and seven entries.
    const [first, ...rest] = await sheetsOf(6);
    expect(rest).toEqual([]);
    expect((first!.match(/data-field="entry"/g) ?? []).length).toBe(7);
    expect(first).toContain('data-field="closingBalance"');
    expect(first).toContain('data-field="aging"');
  });

  it('when the rows do not fit, carries the last rows over with the totals: no sheet of totals alone', async () => {
    const sheets = await sheetsOf(12);
    expect(sheets.length).toBe(2);
    const [first, second] = sheets;
    expect(first).not.toContain('data-field="closingBalance"');
    expect(first).toContain('Continued on the next page');
    expect((second!.match(/data-field="entry"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(second).toContain('data-field="closingBalance"');
    // Every entry is on one sheet or the other, once.
    expect(sheets.join('').match(/data-field="entry"/g)?.length).toBe(13);
  });
});

describe('statements a collection stage queued', () => {
  it('are found with queuedOnly; a statement that leaves closes the stage task, audited, and one prepared but never sent closes nothing', async () => {
    const o = await scenario();
    // R-3 is 74 days past due: the default ladder's final notice queues a statement (R-1, 43 days, gets a letter only).
    await must(o.b, o.s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
    expect(numbers((await select(o, '2026-03-15', { queuedOnly: true })).accounts)).toEqual(['R-3']);
    const tasks = () =>
      o.b.ctx.db.selectFrom('collection_task').select(['id', 'status', 'note']).where('account_id', '=', o.r3.id).where('kind', '=', 'statement').execute();
    const [task] = await tasks();
    expect(task).toMatchObject({ status: 'open' });

    const ref = { kind: 'statement', accountId: o.r3.id, asOf: '2026-03-15', type: 'open_item' } as const;
    await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [ref] });
    expect(await tasks()).toMatchObject([{ status: 'open' }]);

    const job = await mustPrepare(o.b, o.s.clerk, 'documents.savePdf', { documents: [ref] });
    const out = await must(o.b, o.s.clerk, 'documents.complete', {
      jobId: job.jobId,
      pdfs: [b64(await smallPdf('statement'))],
      destination: '/tmp/s.pdf',
      pages: 0,
    });
    const note = `Statement sent: as of 2026-03-15, archive #${out.archivedIds[0]}`;
    expect(await tasks()).toEqual([{ id: task!.id, status: 'done', note }]);
    const audit = await o.b.ctx.db.selectFrom('audit').select(['after_json']).where('action', '=', 'task.done').execute();
    expect(audit.map((a) => JSON.parse(a.after_json ?? 'null'))).toEqual([{ taskId: task!.id, status: 'done', note }]);
    expect((await select(o, '2026-03-15', { queuedOnly: true })).accounts).toEqual([]);
  });
});
