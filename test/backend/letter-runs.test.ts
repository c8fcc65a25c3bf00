import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { templateKeyOf } from '../../src-shared/domain/letter-runs';
import { signInSession } from '../kit';
import { b64, mustPrepare, smallPdf } from '../support/document-delivery';
import { must, newAccount, postInvoice, receivablesBackend, type Sessions } from '../support/receivables';

const address = (postalCode: string) => ({ line1: '1 Main St', line2: '', city: 'Springfield', state: 'IL', postalCode, country: 'US' });

/**
 * Today 2026-03-15. Five accounts, each with an invoice dated 2026-01-01, Net 30 (due 2026-01-31: 43
 * days past due on the 15th, the Second notice stage): Ames and Baker (consumers) and Cole
 * (commercial) can get a letter; Dent has no address; Eve asked us to stop writing (cease communication)
 * after her letter was queued.
 */
async function queuedOffice() {
  const { b, s, clock } = await receivablesBackend();
  const mk = async (name: string, kind: 'consumer' | 'commercial', zip: string | null, cents: number) => {
    const a = await newAccount(b, s.clerk, { name, kind, ...(zip ? { billingAddress: address(zip) } : {}) });
    const invoice = await postInvoice(b, s.clerk, a.id, cents, { date: '2026-01-01', terms: 'Net 30' });
    return { ...a, invoice };
  };
  const ames = await mk('Ames', 'consumer', '62704', 20_000);
  const baker = await mk('Baker', 'consumer', '10001', 5_000);
  const cole = await mk('Cole Supply', 'commercial', '30301', 90_000);
  const dent = await mk('Dent', 'consumer', null, 7_000);
  const eve = await mk('Eve', 'consumer', '94105', 8_000);
  await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
  // Eve's request came after the stage queued her letter.
  await must(b, s.clerk, 'flags.set', { kind: 'cease_communication', accountId: eve.id, reason: 'Letter received asking us to stop' });
  return { b, s, clock, ames, baker, cole, dent, eve };
}

const payOff = (b: Backend, s: Sessions, acct: { id: number; invoice: { id: number; totalCents: number } }) =>
  must(b, s.clerk, 'payments.post', {
    accountId: acct.id,
    date: '2026-03-15',
    method: 'cash',
    amountCents: acct.invoice.totalCents,
    allocation: { mode: 'manual', lines: [{ documentId: acct.invoice.id, amountCents: acct.invoice.totalCents }] },
  });

describe('letter template codes', () => {
  it('resolves the old stage codes to library keys and keeps a key as it is', () => {
    expect(templateKeyOf('REMINDER')).toBe('friendly-reminder');
    expect(templateKeyOf('SECOND_NOTICE')).toBe('second-notice');
    expect(templateKeyOf('FINAL_NOTICE')).toBe('final-demand');
    expect(templateKeyOf(' FINAL_NOTICE ')).toBe('final-demand');
    expect(templateKeyOf('intent-to-refer')).toBe('intent-to-refer');
    expect(templateKeyOf('final-demand')).toBe('final-demand');
    expect(templateKeyOf('toString')).toBe('toString'); // no prototype key is a code
  });

  it('the default ladder names templates of the library by key', async () => {
    const { b, s } = await receivablesBackend();
    const stages = await must(b, s.clerk, 'stages.list', undefined);
    const keys = stages.flatMap((st) => st.actions.flatMap((a) => (a.kind === 'letter' ? [a.templateCode] : [])));
    expect(keys).toEqual(['friendly-reminder', 'second-notice', 'final-demand']);
    const library = new Set((await must(b, s.clerk, 'letters.templates.list', undefined)).map((t) => t.key));
    for (const k of keys) expect(library.has(k)).toBe(true);
  });
});

describe('the letter queue', () => {
  it('lists what the stages queued with the template name, stage, past due now, address and what stands in the way', async () => {
    const { b, s, ames, baker, cole, dent, eve } = await queuedOffice();
    const queue = await must(b, s.clerk, 'letters.queue', {});
    expect(queue.map((q) => q.accountName)).toEqual(['Ames', 'Baker', 'Cole Supply', 'Dent', 'Eve']);
    const row = (id: number) => queue.find((q) => q.accountId === id)!;
    expect(row(ames.id)).toMatchObject({
      templateName: 'Second notice',
      stageName: 'Second notice',
      queuedOn: '2026-03-15',
      taskStatus: 'open',
      pastDueCents: 20_000,
      daysPastDue: 43,
      postalCode: '62704',
      addressMissing: [],
      emailConsent: false,
      exception: null,
      blocks: [],
    });
    expect(row(baker.id).exception).toBeNull();
    expect(row(cole.id).exception).toBeNull();
    expect(row(dent.id)).toMatchObject({ exception: 'NO_ADDRESS', addressMissing: ['line1', 'city', 'state', 'postalCode'] });
    // Blocked now, with the rule and its citation.
    expect(row(eve.id)).toMatchObject({ taskStatus: 'open', exception: 'BLOCKED' });
    expect(row(eve.id).blocks).toEqual([expect.objectContaining({ rule: 'cease_communication', citation: expect.stringContaining('1006.6(c)') })]);

    // Paid since it was queued: nothing past due any more.
    await payOff(b, s, baker);
    expect((await must(b, s.clerk, 'letters.queue', {})).find((q) => q.accountId === baker.id)?.exception).toBe('NOTHING_DUE');

    // Filters: status and template.
    expect(await must(b, s.clerk, 'letters.queue', { status: 'blocked' })).toEqual([]);
    expect(await must(b, s.clerk, 'letters.queue', { status: 'open' })).toHaveLength(5);
    const final = (await must(b, s.clerk, 'letters.templates.list', undefined)).find((t) => t.key === 'final-demand')!;
    expect(await must(b, s.clerk, 'letters.queue', { templateId: final.id })).toEqual([]);
    expect(await must(b, s.clerk, 'letters.queue', { templateId: row(ames.id).templateId! })).toHaveLength(5);
  });

  it('shows tasks queued under the old codes by their template name', async () => {
    const { b, s } = await receivablesBackend();
    const stages = await must(b, s.clerk, 'stages.list', undefined);
    await must(b, s.supervisor, 'stages.save', {
      stages: stages.map((st) => ({
        id: st.id,
        name: st.name,
        daysPastDue: st.daysPastDue,
        actions: st.actions.map((a) => (a.kind === 'letter' ? { kind: 'letter' as const, templateCode: 'FINAL_NOTICE' } : a)),
      })),
    });
    const a = await newAccount(b, s.clerk, { billingAddress: address('60601') });
    await postInvoice(b, s.clerk, a.id, 1_000, { date: '2026-01-01', terms: 'Net 30' });
    await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
    expect((await must(b, s.clerk, 'letters.queue', {})).map((q) => [q.templateName, q.exception])).toEqual([['Final demand', null]]);
  });
});

describe('selecting accounts ad hoc', () => {
  it('filters by account kind, days past due, amount past due and stage; supervisors only', async () => {
    const { b, s, ames, baker, cole, eve, dent } = await queuedOffice();
    const newer = await newAccount(b, s.clerk, { name: 'Fox', kind: 'consumer', billingAddress: address('73301') });
    await postInvoice(b, s.clerk, newer.id, 50_000, { date: '2026-02-01', terms: 'Net 30' }); // due 2026-03-03: 12 days
    const templates = await must(b, s.clerk, 'letters.templates.list', undefined);
    const final = templates.find((t) => t.key === 'final-demand')!;
    const ids = async (filters: object) => (await must(b, s.supervisor, 'letters.select', { templateId: final.id, ...filters })).map((c) => c.accountId);

    expect((await b.call(s.clerk, 'letters.select', { templateId: final.id })).ok).toBe(false);
    expect(await ids({})).toEqual([ames.id, baker.id, cole.id, dent.id, eve.id, newer.id]);
    expect(await ids({ accountKind: 'commercial' })).toEqual([cole.id]);
    expect(await ids({ accountKind: 'consumer', minDaysPastDue: 30 })).toEqual([ames.id, baker.id, dent.id, eve.id]);
    expect(await ids({ minDaysPastDue: 43 })).toEqual([ames.id, baker.id, cole.id, dent.id, eve.id]);
    expect(await ids({ minDaysPastDue: 44 })).toEqual([]);
    expect(await ids({ minPastDueCents: 20_000 })).toEqual([ames.id, cole.id, newer.id]);
    const second = (await must(b, s.clerk, 'stages.list', undefined)).find((st) => st.name === 'Second notice')!;
    expect(await ids({ stageId: second.id })).toEqual([ames.id, baker.id, cole.id, dent.id, eve.id]);

    const picked = await must(b, s.supervisor, 'letters.select', { templateId: final.id, accountKind: 'consumer', minDaysPastDue: 30 });
    expect(picked.map((c) => [c.accountName, c.templateName, c.taskId, c.stageName, c.exception])).toEqual([
      ['Ames', 'Final demand', null, 'Second notice', null],
      ['Baker', 'Final demand', null, 'Second notice', null],
      ['Dent', 'Final demand', null, 'Second notice', 'NO_ADDRESS'],
      ['Eve', 'Final demand', null, 'Second notice', 'BLOCKED'],
    ]);
  });
});

describe('skipping letters', () => {
  it('closes the chosen tasks as cancelled with the reason, audited, all or none', async () => {
    const { b, s, ames, baker, cole } = await queuedOffice();
    const queue = await must(b, s.clerk, 'letters.queue', {});
    const task = (id: number) => queue.find((q) => q.accountId === id)!.taskId!;
    expect((await b.call(s.clerk, 'letters.skip', { taskIds: [task(ames.id)], reason: '' })).ok).toBe(false); // a reason is required

    expect(await must(b, s.clerk, 'letters.skip', { taskIds: [task(ames.id), task(baker.id)], reason: 'Paid by phone today' })).toEqual({ skipped: 2 });
    const view = await must(b, s.clerk, 'stages.account', { accountId: ames.id });
    expect(view.tasks.find((t) => t.id === task(ames.id))).toMatchObject({ status: 'cancelled', note: 'Paid by phone today', closedBy: 'clara' });
    const audit = await must(b, s.admin, 'audit.list', { limit: 20 });
    const skips = audit.filter((r) => r.action === 'letter.skip');
    expect(skips).toHaveLength(2);
    expect(skips.map((r) => r.after)).toContainEqual({ taskId: task(ames.id), status: 'cancelled', reason: 'Paid by phone today' });
    expect((await must(b, s.clerk, 'letters.queue', {})).map((q) => q.accountId)).not.toContain(ames.id);

    // A task already closed fails the whole skip: Cole's stays open.
    const again = await b.call(s.clerk, 'letters.skip', { taskIds: [task(cole.id), task(ames.id)], reason: 'Twice' });
    expect(again.ok).toBe(false);
    expect((await must(b, s.clerk, 'letters.queue', {})).find((q) => q.accountId === cole.id)?.taskStatus).toBe('open');
  });
});

describe('starting a letter run', () => {
  it('records the run and answers the letters sorted by postal code, with the accounts that cannot get one listed apart', async () => {
    const { b, s, ames, baker, cole, dent, eve } = await queuedOffice();
    await payOff(b, s, baker);
    const queue = await must(b, s.clerk, 'letters.queue', {});
    const templateId = queue[0]!.templateId!;
    const plan = await must(b, s.clerk, 'letters.startRun', {
      templateId,
      channel: 'pdf',
      payByDate: '2026-03-29',
      filters: { source: 'queue' },
      accounts: queue.map((q) => ({ accountId: q.accountId, taskId: q.taskId })),
    });
    expect(plan).toMatchObject({ templateName: 'Second notice', version: 1, channel: 'pdf', payByDate: '2026-03-29', email: [] });
    // 30301 (Cole) before 62704 (Ames).
    expect(plan.paper.map((r) => r.accountId)).toEqual([cole.id, ames.id]);
    const taskOf = (id: number) => queue.find((q) => q.accountId === id)!.taskId!;
    expect(plan.paper[0]).toEqual({
      kind: 'letter',
      accountId: cole.id,
      templateId,
      version: 1,
      payByDate: '2026-03-29',
      runId: plan.runId,
      taskId: taskOf(cole.id),
    });
    expect(plan.exceptions.map((e) => [e.accountName, e.code, e.taskId])).toEqual([
      ['Baker', 'NOTHING_DUE', taskOf(baker.id)],
      ['Dent', 'NO_ADDRESS', taskOf(dent.id)],
      ['Eve', 'BLOCKED', taskOf(eve.id)],
    ]);
    expect(plan.exceptions.find((e) => e.code === 'BLOCKED')?.blocks[0]?.rule).toBe('cease_communication');

    const audit = await must(b, s.admin, 'audit.list', { limit: 5 });
    expect(audit.find((r) => r.action === 'letterRun.start')).toMatchObject({ entityId: String(plan.runId) });

    // One letter per account; a past pay-by date is refused.
    const twice = await b.call(s.clerk, 'letters.startRun', { templateId, channel: 'pdf', accounts: [{ accountId: ames.id }, { accountId: ames.id }] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const past = await b.call(s.clerk, 'letters.startRun', { templateId, channel: 'pdf', payByDate: '2026-03-01', accounts: [{ accountId: ames.id }] });
    expect(past).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

/** What the shell does after a save: complete the prepared job with one real PDF per letter. */
async function saveLetters(b: Backend, session: string, refs: object[]) {
  const job = await mustPrepare(b, session, 'documents.savePdf', { documents: refs });
  const pdfs = await Promise.all(job.documents.map(() => smallPdf('letter')));
  if (!pdfs.length) return { job, outcome: null };
  const outcome = await must(b, session, 'documents.complete', { jobId: job.jobId, pdfs: pdfs.map(b64), destination: 'letters.pdf', pages: 0 });
  return { job, outcome };
}

describe('resuming a letter run', () => {
  it('after a cancelled job (nothing recorded) and one letter recorded, resumes with only the others; no account gets two letters', async () => {
    const { b, s, ames, baker, cole } = await queuedOffice();
    await must(b, s.admin, 'documents.updateSettings', { letterhead: { phone: '(312) 555-0100', legalName: 'Test Billing Co' } });
    const queue = await must(b, s.clerk, 'letters.queue', {});
    const plan = await must(b, s.clerk, 'letters.startRun', {
      templateId: queue[0]!.templateId!,
      channel: 'pdf',
      accounts: queue.map((q) => ({ accountId: q.accountId, taskId: q.taskId })),
    });
    expect(plan.paper.map((r) => r.accountId)).toEqual([baker.id, cole.id, ames.id]); // 10001, 30301, 62704

    // The first job is prepared and then cancelled: the shell never completes it, so nothing is recorded.
    const cancelled = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: plan.paper });
    expect(cancelled.problems).toEqual([]);
    expect(cancelled.documents).toHaveLength(3);
    expect((await must(b, s.clerk, 'letters.getRun', { runId: plan.runId })).sent).toEqual([]);

    // One letter (Baker's) goes out on its own.
    await saveLetters(b, s.clerk, [plan.paper[0]!]);
    const view = await must(b, s.clerk, 'letters.getRun', { runId: plan.runId });
    expect(view.sent).toEqual([baker.id]);
    expect(view.accounts).toBe(5);
    expect(view.paper.map((r) => r.accountId)).toEqual([cole.id, ames.id]);
    expect(view.exceptions.map((e) => e.code)).toEqual(['NO_ADDRESS', 'BLOCKED']);
    expect(view.paper.every((r) => r.runId === plan.runId && r.version === plan.version && r.payByDate === plan.payByDate)).toBe(true);

    // Resumed: the two others go; producing the whole plan again sends nothing twice (ALREADY_SENT).
    const resumed = await saveLetters(b, s.clerk, view.paper);
    expect(resumed.outcome).toMatchObject({ delivered: 2 });
    const again = await mustPrepare(b, s.clerk, 'documents.savePdf', { documents: plan.paper });
    expect(again.documents).toEqual([]);
    expect(again.problems.map((p) => p.code)).toEqual(['ALREADY_SENT', 'ALREADY_SENT', 'ALREADY_SENT']);

    const sent = await b.ctx.db.selectFrom('letter').select(['account_id', 'run_id', 'task_id']).where('run_id', '=', plan.runId).execute();
    expect(sent.map((l) => l.account_id).sort((x, y) => x - y)).toEqual([ames.id, baker.id, cole.id]);
    expect(new Set(sent.map((l) => l.account_id)).size).toBe(sent.length);
    // Each letter closed its stage task: the queue keeps only the two that could not go.
    expect((await must(b, s.clerk, 'letters.queue', {})).map((q) => q.accountName)).toEqual(['Dent', 'Eve']);
    expect((await must(b, s.clerk, 'letters.getRun', { runId: plan.runId })).paper).toEqual([]);
  });

  it('emails the accounts that asked for letters by email and leaves the rest on paper; the ad-hoc selection leaves out accounts written to lately', async () => {
    const { b, s, ames, baker, cole, clock } = await queuedOffice();
    await must(b, s.admin, 'documents.updateSettings', { letterhead: { phone: '(312) 555-0100', legalName: 'Test Billing Co' } });
    const withEmail = await must(b, s.clerk, 'accounts.update', {
      accountId: ames.id,
      contacts: [{ name: 'Ames', isPrimary: true, emails: [{ email: 'ames@example.com' }] }],
    });
    expect(withEmail.contacts).toHaveLength(1);
    await must(b, s.clerk, 'letters.setLettersByEmail', { accountId: ames.id, lettersByEmail: true });
    await must(b, s.clerk, 'letters.setLettersByEmail', { accountId: cole.id, lettersByEmail: true }); // no email address: paper
    const queue = await must(b, s.clerk, 'letters.queue', {});
    expect(queue.filter((q) => q.emailConsent).map((q) => q.accountId)).toEqual([ames.id]);
    const templateId = queue[0]!.templateId!;
    const accounts = [ames, baker, cole].map((a) => ({ accountId: a.id }));
    const mixed = await must(b, s.clerk, 'letters.startRun', { templateId, channel: 'print', emailOptedIn: true, accounts });
    expect(mixed.email.map((r) => r.accountId)).toEqual([ames.id]);
    expect(mixed.paper.map((r) => r.accountId)).toEqual([baker.id, cole.id]);
    const paperOnly = await must(b, s.clerk, 'letters.startRun', { templateId, channel: 'pdf', accounts });
    expect(paperOnly.paper.map((r) => r.accountId)).toEqual([baker.id, cole.id, ames.id]);

    // Baker gets a letter today; ten days on, "no letter in 30 days" leaves Baker out, "in 7 days" keeps Baker.
    await saveLetters(b, s.clerk, [paperOnly.paper[0]!]);
    clock.set('2026-03-25T15:00:00Z');
    await signInSession(b, s.supervisor, 'sam', 'password-123');
    const ids = async (days: number) =>
      (await must(b, s.supervisor, 'letters.select', { templateId, accountKind: 'consumer', noLetterInDays: days })).map((c) => c.accountId);
    expect(await ids(30)).not.toContain(baker.id);
    expect(await ids(30)).toContain(ames.id);
    expect(await ids(7)).toContain(baker.id);
  });
});
