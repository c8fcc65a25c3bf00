import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import type { ClerkPeriodRow } from '../../src-shared/domain/team-performance';
import { addStaff, postInvoice } from '../kit';
import { collectionsBackend, failure, value } from '../support/collections';
import { b64, mustPrepare, smallPdf } from '../support/document-delivery';
import { tempDir } from '../support/store';
import { CSV_EVERY_SHEET, libreOfficeConvert, ooxmlFindings, packagePart, readWorkbook, writeTemp } from '../support/workbooks';

const INJECTION = '=HYPERLINK("http://evil.example","Click")';

/**
 * January to March 2026 in America/Chicago; the consumers are in New York (calls at 10:00 EST = 15:00Z).
 * Clerks cleo and dana, supervisor sam (his display name looks like a formula).
 *   A owes INV 1,000.00 dated 2025-12-01 Net 30 (due 12-31); B owes 400.00 dated 01-10 (due 02-09).
 *   01-12 cleo calls A, no answer.           01-13 cleo calls A: promise 200.00 due 02-13 (last day 02-15)
 *   01-20 dana calls B, left message.        01-21 dana calls B, spoke with debtor
 *   01-22 C calls dana (incoming, spoke)     02-01 stages as of 01-31: none move (A's promise is not due yet)
 *   02-02 dana calls B: promise 150.00 due 02-20 (last 02-22), never paid: broken
 *   02-03 cleo calls C: promise 50.00 due 02-25 (last 02-27); C pays 30.00 on 02-26: broken, 30.00 collected
 *   02-15 A pays 200.00: cleo's promise kept  03-01 stages as of 02-28: A -> Second notice, B -> Friendly reminder
 *   03-03 cleo sends A a letter               03-04 07:30 EST sam calls D, before 8 am: override
 *   03-05 B pays 400.00 in full               03-09 stages as of 03-09: A Second -> Final notice, B Friendly -> none
 *   03-10 dana sets up a plan for A: 3 monthly installments from 04-15 (late on 04-20, within 5 grace days)
 *   04-01 stages as of 03-31: A is on a plan in force (not moved). Today is 2026-04-20.
 */
async function scenario() {
  const env = await collectionsBackend('2026-01-12T15:00:00Z');
  const { b, clock, admin, supervisor, clerk, account } = env;
  await addStaff(b, admin, [{ username: 'dana', role: 'clerk', password: 'correct horse', session: 'dana-session' }]);
  const dana = 'dana-session';
  value(await b.call(admin, 'users.update', { userId: (await b.services.users.byUsername('sam'))!.id, displayName: INJECTION }));
  value(await b.call(admin, 'documents.updateSettings', { letterhead: { phone: '(312) 555-0100', legalName: 'Test Billing Co' } }));
  // Move the clock with every session kept active (no idle lock across simulated days).
  const at = async (iso: string) => {
    env.travel(iso);
    const s = b.services.auth.sessions.get(dana);
    if (s) s.lastActivity = clock.now().getTime();
  };
  const a = await account({ state: 'NY', name: 'Alma Able' });
  const bb = await account({ state: 'NY', name: 'Bert Baker' });
  const c = await account({ state: 'NY', name: 'Cruz Cole' });
  const d = await account({ state: 'NY', name: 'Dove Dale' });
  const i1 = await postInvoice(b, clerk, a.accountId, 100000, { date: '2025-12-01', terms: 'Net 30' });
  await postInvoice(b, clerk, bb.accountId, 40000, { date: '2026-01-10', terms: 'Net 30' });
  type Acct = typeof a;
  const call = async (
    session: string,
    x: Acct,
    outcome: 'no_answer' | 'left_message' | 'spoke_with_debtor' | 'promise_to_pay',
    more: { direction?: 'outgoing' | 'incoming'; promise?: { amountCents: number; dueDate: string }; override?: { reason: string } } = {},
  ) =>
    value(
      await b.call(session, 'calls.log', {
        accountId: x.accountId,
        contactId: x.contactId,
        phone: x.phone,
        direction: more.direction ?? 'outgoing',
        startedAt: clock.now().toISOString(),
        outcome,
        ...(more.promise ? { promise: more.promise } : {}),
        ...(more.override ? { override: more.override } : {}),
      }),
    );
  const pay = async (x: Acct, date: string, amountCents: number) =>
    value(await b.call(clerk, 'payments.post', { accountId: x.accountId, date, method: 'check', checkNumber: date, amountCents }));
  const evaluate = async (asOf: string) => value(await b.call(supervisor, 'stages.evaluate', { asOf }));

  await call(clerk, a, 'no_answer');
  await at('2026-01-13T15:00:00Z');
  await call(clerk, a, 'promise_to_pay', { promise: { amountCents: 20000, dueDate: '2026-02-13' } });
  await at('2026-01-20T15:00:00Z');
  await call(dana, bb, 'left_message');
  await at('2026-01-21T15:00:00Z');
  await call(dana, bb, 'spoke_with_debtor');
  await at('2026-01-22T15:00:00Z');
  await call(dana, c, 'spoke_with_debtor', { direction: 'incoming' });
  await at('2026-02-01T15:00:00Z');
  await evaluate('2026-01-31');
  await at('2026-02-02T15:00:00Z');
  await call(dana, bb, 'promise_to_pay', { promise: { amountCents: 15000, dueDate: '2026-02-20' } });
  await at('2026-02-03T15:00:00Z');
  await call(clerk, c, 'promise_to_pay', { promise: { amountCents: 5000, dueDate: '2026-02-25' } });
  await at('2026-02-15T15:00:00Z');
  await pay(a, '2026-02-15', 20000);
  await at('2026-02-26T15:00:00Z');
  await pay(c, '2026-02-26', 3000);
  await at('2026-03-01T15:00:00Z');
  await evaluate('2026-02-28');
  await at('2026-03-03T15:00:00Z');
  const templates = value(await b.call(clerk, 'letters.templates.list', undefined));
  const template = templates.find((t) => t.key === 'second-notice')!;
  const job = await mustPrepare(b, clerk, 'documents.savePdf', { documents: [{ kind: 'letter', accountId: a.accountId, templateId: template.id }] });
  expect(job.problems).toEqual([]);
  value(await b.call(clerk, 'documents.complete', { jobId: job.jobId, pdfs: [b64(await smallPdf('letter'))], destination: '/tmp/letter.pdf', pages: 0 }));
  await at('2026-03-04T12:30:00Z');
  await call(supervisor, d, 'no_answer', { override: { reason: 'The consumer asked in writing for a call before work' } });
  await at('2026-03-05T15:00:00Z');
  await pay(bb, '2026-03-05', 40000);
  await at('2026-03-09T15:00:00Z');
  await evaluate('2026-03-09');
  await at('2026-03-10T15:00:00Z');
  value(await b.call(dana, 'plans.create', { accountId: a.accountId, installmentCount: 3, frequency: 'monthly', firstDate: '2026-04-15' }));
  await at('2026-04-01T15:00:00Z');
  await evaluate('2026-03-31');
  await at('2026-04-20T15:00:00Z');
  return { ...env, dana, at, a, bb, c, d, i1 };
}

/** The figures of a clerk's row that the scenario sets, in a fixed order. */
const figures = (r: ClerkPeriodRow) => [
  r.callAttempts,
  r.rightPartyContacts,
  r.rightPartyContactRate,
  r.promisesMade,
  r.promisesDue,
  r.promisesKept,
  r.promisesBroken,
  r.promisesPending,
  r.promiseKeptRate,
  r.promisedCents,
  r.collectedOnPromisesCents,
  r.lettersSent,
  r.accountsWorked,
  r.plansSetUp,
  r.complianceOverrides,
];
const idle = [0, 0, null, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0];

describe('Team performance (reports.teamPerformance)', () => {
  it('counts each clerk’s calls, promises, letters, plans and overrides per month, stage moves and roll rates, as hand-computed', async () => {
    const { b, supervisor } = await scenario();
    const tp = value(await b.call(supervisor, 'reports.teamPerformance', { from: '2026-01-01', to: '2026-03-31' }));
    expect(tp.period).toBe('month');
    expect(tp.plansAsOf).toBe('2026-04-20');
    expect(tp.periods).toEqual([
      { label: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { label: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { label: '2026-03', from: '2026-03-01', to: '2026-03-31' },
    ]);
    // Rows by period, then clerk by name (sam's starts with '='); every clerk with activity in the range has a row each month.
    expect(tp.clerks.map((r) => `${r.label} ${r.clerk.username}`)).toEqual([
      '2026-01 sam',
      '2026-01 cleo',
      '2026-01 dana',
      '2026-02 sam',
      '2026-02 cleo',
      '2026-02 dana',
      '2026-03 sam',
      '2026-03 cleo',
      '2026-03 dana',
    ]);
    expect(tp.clerks[0]!.clerk.name).toBe(INJECTION);
    expect(tp.clerks.map(figures)).toEqual([
      // January. sam: nothing; cleo: 2 attempts on A, 1 contact (the promise), the promise made; dana: 2 attempts on B, 1 contact, C's incoming call works C.
      idle,
      [2, 1, 0.5, 1, 0, 0, 0, 0, null, 0, 0, 0, 1, 0, 0],
      [2, 1, 0.5, 0, 0, 0, 0, 0, null, 0, 0, 0, 2, 0, 0],
      // February. cleo: C's promise made; A's (200.00, kept by the 02-15 payment) and C's (50.00, 30.00 paid) fall due.
      idle,
      [1, 1, 1, 1, 2, 1, 1, 0, 0.5, 25000, 23000, 0, 1, 0, 0],
      // dana: B's promise of 150.00 made and broken, nothing collected on it.
      [1, 1, 1, 1, 1, 0, 1, 0, 0, 15000, 0, 0, 1, 0, 0],
      // March. sam: one attempt on D, no contact, with an override; cleo: the letter to A; dana: the plan for A.
      [1, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, 1, 0, 1],
      [0, 0, null, 0, 0, 0, 0, 0, null, 0, 0, 1, 1, 0, 0],
      [0, 0, null, 0, 0, 0, 0, 0, null, 0, 0, 0, 1, 1, 0],
    ]);
    // The plan's status is the plans service's as of today: its first installment (04-15) is 5 days late, within the grace days.
    expect(tp.clerks[8]!.plansByStatus).toEqual({ current: 0, late: 1, broken: 0, completed: 0, cancelled: 0 });

    // The same definitions as the billing pack: per month, the clerks' counts add up to reports.periodFigures'.
    const months = value(await b.call(supervisor, 'reports.periodFigures', { from: '2026-01-01', to: '2026-03-31', period: 'month' })).rows;
    for (const m of months) {
      const rows = tp.clerks.filter((r) => r.label === m.label);
      const sum = (f: (r: ClerkPeriodRow) => number) => rows.reduce((s, r) => s + f(r), 0);
      expect([sum((r) => r.callAttempts), sum((r) => r.rightPartyContacts), sum((r) => r.promisesKept), sum((r) => r.promisesBroken)], m.label).toEqual([
        m.callAttempts,
        m.rightPartyContacts,
        m.promisesKept,
        m.promisesBroken,
      ]);
    }

    expect(tp.stages.filter((s) => s.label === '2026-01').map((s) => s.stage)).toEqual([
      'Friendly reminder',
      'Second notice',
      'Final notice',
      'Agency referral review',
    ]);
    expect(tp.stages.map((s) => `${s.label} ${s.stage}: +${s.entering} -${s.leaving}`)).toEqual([
      '2026-01 Friendly reminder: +0 -0',
      '2026-01 Second notice: +0 -0',
      '2026-01 Final notice: +0 -0',
      '2026-01 Agency referral review: +0 -0',
      '2026-02 Friendly reminder: +1 -0',
      '2026-02 Second notice: +1 -0',
      '2026-02 Final notice: +0 -0',
      '2026-02 Agency referral review: +0 -0',
      '2026-03 Friendly reminder: +0 -1',
      '2026-03 Second notice: +0 -1',
      '2026-03 Final notice: +1 -0',
      '2026-03 Agency referral review: +0 -0',
    ]);

    // Month-end buckets (Current, 1-30, 31-60, 61-90, 91-120, over 120), due-date basis:
    //   12-31: A 1,000.00 current.  01-31: A 31 days (31-60), B current.  02-28: A 800.00 at 59 days (31-60), B 19 days (1-30).
    //   03-31: A 800.00 at 90 days (61-90), B paid.
    expect(tp.bucketLabels).toHaveLength(6);
    expect(tp.rollRates.map((r) => [r.label, r.from, r.to, r.earlierBuckets])).toEqual([
      ['2026-01', '2025-12-31', '2026-01-31', [100000, 0, 0, 0, 0, 0]],
      ['2026-02', '2026-01-31', '2026-02-28', [40000, 0, 100000, 0, 0, 0]],
      ['2026-03', '2026-02-28', '2026-03-31', [0, 40000, 80000, 0, 0, 0]],
    ]);
    expect(tp.rollRates.map((r) => r.rates)).toEqual([
      [1, null, null, null, null],
      [1, null, 0, null, null],
      [null, 0, 1, null, null],
    ]);
    expect(tp.rollRates.map((r) => r.rates)).toEqual(months.map((m) => m.rollRates));
  }, 120_000);

  it('by quarter, and a range cut inside a period: this month so far is one period; no month-end in it, no roll rates', async () => {
    const { b, supervisor } = await scenario();
    const q = value(await b.call(supervisor, 'reports.teamPerformance', { from: '2026-01-01', to: '2026-03-31', period: 'quarter' }));
    expect(q.periods).toEqual([{ label: '2026-Q1', from: '2026-01-01', to: '2026-03-31' }]);
    const cleo = q.clerks.find((r) => r.clerk.username === 'cleo')!;
    // Calls, promises and letters over the quarter; A's account counted once though worked in January and March.
    expect(figures(cleo)).toEqual([3, 2, 2 / 3, 2, 2, 1, 1, 0, 0.5, 25000, 23000, 1, 2, 0, 0]);
    expect(q.rollRates).toHaveLength(3);

    const part = value(await b.call(supervisor, 'reports.teamPerformance', { from: '2026-02-10', to: '2026-03-04' }));
    expect(part.periods).toEqual([
      { label: '2026-02', from: '2026-02-10', to: '2026-02-28' },
      { label: '2026-03', from: '2026-03-01', to: '2026-03-04' },
    ]);
    // February from the 10th: none of the calls (02-02, 02-03); the promises falling due are the same.
    expect(part.clerks.filter((r) => r.label === '2026-02').map((r) => [r.clerk.username, r.callAttempts, r.promisesKept, r.promisesBroken])).toEqual([
      ['sam', 0, 0, 0],
      ['cleo', 0, 1, 1],
      ['dana', 0, 0, 1],
    ]);
    expect(part.rollRates.map((r) => r.label)).toEqual(['2026-02']);
    const early = value(await b.call(supervisor, 'reports.teamPerformance', { from: '2026-03-02', to: '2026-03-04' }));
    expect([early.rollRates, early.bucketLabels.length, early.clerks.map((r) => r.clerk.username)]).toEqual([[], 6, ['sam', 'cleo']]);
  }, 120_000);

  it('forty quarters: the roll rates of all 120 months, though period figures answer at most 120 months a call', async () => {
    const { b, supervisor, account } = await collectionsBackend('2026-01-12T15:00:00Z');
    const a = await account();
    await postInvoice(b, supervisor, a.accountId, 10000, { date: '2016-01-10', terms: 'Net 30' });
    const tp = value(await b.call(supervisor, 'reports.teamPerformance', { from: '2016-01-01', to: '2025-12-31', period: 'quarter' }));
    expect([tp.periods.length, tp.rollRates.length, tp.rollRates[0]!.label, tp.rollRates.at(-1)!.label]).toEqual([40, 120, '2016-01', '2025-12']);
    // 100.00 due 2016-02-09, never paid: current at the end of January, then one bucket later each month until over 120 days.
    expect(tp.rollRates.slice(0, 6).map((r) => r.rates)).toEqual([
      [null, null, null, null, null],
      [1, null, null, null, null],
      [null, 1, null, null, null],
      [null, null, 1, null, null],
      [null, null, null, 1, null],
      [null, null, null, null, 1],
    ]);
    // Across the seam between the two windows of period figures (2025-12 starts the second), the buckets carry on.
    expect(tp.rollRates.slice(118).map((r) => [r.label, r.earlierBuckets])).toEqual([
      ['2025-11', [0, 0, 0, 0, 0, 10000]],
      ['2025-12', [0, 0, 0, 0, 0, 10000]],
    ]);
  }, 120_000);

  it('is for supervisors and administrators; the clerk is refused and a range ending before it starts is invalid', async () => {
    const { b, clerk, admin, supervisor } = await scenario();
    failure(await b.call(clerk, 'reports.teamPerformance', { from: '2026-01-01', to: '2026-01-31' }), 'FORBIDDEN');
    value(await b.call(admin, 'reports.teamPerformance', { from: '2026-01-01', to: '2026-01-31' }));
    expect(failure(await b.call(supervisor, 'reports.teamPerformance', { from: '2026-02-01', to: '2026-01-31' }), 'VALIDATION').message).toMatch(/before from/);
  }, 120_000);
});

const MONEY_FORMAT = '"$"#,##0.00;[Red]-"$"#,##0.00;"-"';
/** A cell's dollars as cents; + 0 keeps negative zero out of the comparisons. */
const cents = (v: unknown) => Math.round(Number(v) * 100) + 0;
/** A LibreOffice CSV value: n/a, a percent (all its digits and a sign), or a number. */
const fromCsv = (v: string) => (v === 'n/a' ? v : v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v));
const QUERY = { from: '2026-01-01', to: '2026-03-31', period: 'month' } as const;

/** By clerk, column by column from the 6th (after period, from, to, clerk, user name): the row's figures as the sheet holds them. */
const clerkCells = (r: ClerkPeriodRow) => [
  r.callAttempts,
  r.rightPartyContacts,
  r.rightPartyContactRate ?? 'n/a',
  r.promisesMade,
  r.promisesDue,
  r.promisesKept,
  r.promisesBroken,
  r.promisesPending,
  r.promiseKeptRate ?? 'n/a',
  r.promisedCents / 100,
  r.collectedOnPromisesCents / 100,
  r.lettersSent,
  r.accountsWorked,
  r.plansSetUp,
  r.plansByStatus.current,
  r.plansByStatus.late,
  r.plansByStatus.broken,
  r.plansByStatus.completed,
  r.plansByStatus.cancelled,
  r.complianceOverrides,
];

describe('Collections activity workbook (reports.collectionsActivity)', () => {
  it('holds reports.teamPerformance by clerk, stage and month with SUBTOTAL totals and rates of the totals, and reads the same in LibreOffice', async () => {
    const { b, supervisor } = await scenario();
    const tp = value(await b.call(supervisor, 'reports.teamPerformance', QUERY));
    const file = value(await b.call(supervisor, 'reports.collectionsActivity', QUERY));
    expect(file.fileName).toBe('Collections activity 2026-01-01 to 2026-03-31 by month.xlsx');
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'By clerk', 'By stage', 'Roll rates']);
    expect(wb.creator).toBe(INJECTION);
    const aboutText = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
    expect(aboutText).toContain('2026-01 (2026-01-01 to 2026-01-31), 2026-02 (2026-02-01 to 2026-02-28)');
    expect(aboutText).toContain('call_log, direction outgoing');
    expect(aboutText).toContain('Kept / (kept + broken)');
    expect(aboutText).toContain('as of 2026-04-20');

    const ws = wb.getWorksheet('By clerk')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:Y10');
    expect((ws.getRow(1).values as unknown[]).slice(1, 9)).toEqual([
      'Period',
      'From',
      'To',
      'Clerk',
      'User name',
      'Call attempts',
      'Right-party contacts',
      'Right-party contact rate',
    ]);
    tp.clerks.forEach((row, i) => {
      const r = ws.getRow(i + 2);
      expect(r.getCell(1).value).toBe(row.label);
      expect(r.getCell(2).value).toEqual(new Date(`${row.from}T00:00:00Z`));
      expect(r.getCell(3).numFmt).toBe('yyyy-mm-dd');
      expect([r.getCell(4).value, r.getCell(5).value]).toEqual([row.clerk.name, row.clerk.username]);
      expect(clerkCells(row).map((_, j) => r.getCell(6 + j).value)).toEqual(clerkCells(row));
    });
    // Types and formats: counts and amounts are numbers, a rate a fraction shown as a percent or the text n/a.
    const feb = ws.getRow(6); // 2026-02 cleo
    expect(feb.getCell(5).value).toBe('cleo');
    expect([feb.getCell(6).type, feb.getCell(6).numFmt]).toEqual([ExcelJS.ValueType.Number, '#,##0']);
    expect([feb.getCell(14).value, feb.getCell(14).numFmt]).toEqual([0.5, '0.0%']);
    expect([feb.getCell(15).value, feb.getCell(15).numFmt, feb.getCell(16).value]).toEqual([250, MONEY_FORMAT, 230]);
    expect([ws.getRow(2).getCell(8).value, ws.getRow(2).getCell(8).type]).toEqual(['n/a', ExcelJS.ValueType.String]);
    // The formula-like display name is a string cell, no formula.
    const sam = ws.getRow(2).getCell(4);
    expect([sam.value, sam.type, sam.formula]).toEqual([INJECTION, ExcelJS.ValueType.String, undefined]);
    // (The footer names the maker as text; no cell formula holds it.)
    expect(await packagePart(bytes, 'xl/worksheets/sheet2.xml')).not.toMatch(/<f>[^<]*HYPERLINK/);
    expect(await packagePart(bytes, 'xl/sharedStrings.xml')).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;)');

    // Totals: SUBTOTAL of the counts and amounts (hand-computed), rates from those totals, not averaged.
    const totals = ws.getRow(11);
    expect(totals.getCell(1).value).toBe('Total');
    const sub = (col: number, result: number) => {
      const cell = totals.getCell(col);
      const letter = ws.getColumn(col).letter;
      expect([cell.formula, cell.result], letter).toEqual([`SUBTOTAL(109,${letter}2:${letter}10)`, result]);
    };
    sub(6, 7);
    sub(7, 4);
    sub(9, 3);
    sub(10, 3);
    sub(11, 1);
    sub(12, 2);
    sub(13, 0);
    sub(15, 400);
    sub(16, 230);
    sub(17, 1);
    sub(19, 1);
    sub(21, 1);
    sub(25, 1);
    expect([totals.getCell(8).formula, totals.getCell(8).result]).toEqual(['IF(F11=0,"n/a",G11/F11)', 4 / 7]);
    expect([totals.getCell(14).formula, totals.getCell(14).result]).toEqual(['IF(K11+L11=0,"n/a",K11/(K11+L11))', 1 / 3]);
    expect(totals.getCell(8).numFmt).toBe('0.0%');
    // Distinct accounts do not add up across rows: no total.
    expect(totals.getCell(18).value).toBeNull();

    const st = wb.getWorksheet('By stage')!;
    expect(st.autoFilter).toBe('A1:G13');
    expect(
      tp.stages.map((_, i) => {
        const r = st.getRow(i + 2);
        return [r.getCell(1).value, r.getCell(4).value, r.getCell(5).value, r.getCell(6).value, r.getCell(7).value];
      }),
    ).toEqual(tp.stages.map((s) => [s.label, s.stage, s.daysPastDue, s.entering, s.leaving]));
    expect([st.getRow(14).getCell(6).result, st.getRow(14).getCell(7).result]).toEqual([3, 2]);

    const rr = wb.getWorksheet('Roll rates')!;
    expect((rr.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['Month', 'From month-end', 'To month-end', 'Current at start', 'Current rolled']);
    expect(rr.getRow(1).cellCount).toBe(3 + 2 * 5);
    // February: Current 400.00 at 01-31 all rolled (100%); 31-60 held 1,000.00 and none rolled (0%); 1-30 held nothing (n/a).
    const fr = rr.getRow(3);
    expect([fr.getCell(1).value, fr.getCell(2).value, fr.getCell(4).value, fr.getCell(5).value, fr.getCell(6).value, fr.getCell(7).value]).toEqual([
      '2026-02',
      new Date('2026-01-31T00:00:00Z'),
      400,
      1,
      0,
      'n/a',
    ]);
    expect([fr.getCell(8).value, fr.getCell(9).value, fr.getCell(9).numFmt, fr.getCell(8).numFmt]).toEqual([1000, 0, '0.0%', MONEY_FORMAT]);

    // LibreOffice reads the same numbers (CSV of every sheet) and keeps the autofilter through its own .xlsx.
    const dir = tempDir();
    const src = writeTemp(bytes, 'activity.xlsx');
    libreOfficeConvert([src], CSV_EVERY_SHEET, dir);
    const csv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'activity-By clerk.csv'), 'utf8').trim()).data;
    tp.clerks.forEach((row, i) => {
      const line = csv[i + 1]!;
      expect(line.slice(3, 5)).toEqual([row.clerk.name, row.clerk.username]);
      // Its CSV writes a percent as the full value with a percent sign (57.1428571428571%).
      expect(line.slice(5).map(fromCsv)).toEqual(clerkCells(row));
    });
    expect(csv[10]![0]).toBe('Total');
    expect(fromCsv(csv[10]![7]!)).toBeCloseTo(4 / 7, 12);
    expect(fromCsv(csv[10]![13]!)).toBeCloseTo(1 / 3, 12);
    expect(cents(csv[10]![14])).toBe(40000);
    const stageCsv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'activity-By stage.csv'), 'utf8').trim()).data;
    expect(stageCsv[13]!.slice(5)).toEqual(['3', '2']);

    const outDir = tempDir();
    libreOfficeConvert([src], 'xlsx', outDir);
    const round = fs.readFileSync(path.join(outDir, 'activity.xlsx'));
    expect(await packagePart(round, 'xl/worksheets/sheet2.xml')).toContain('<autoFilter ref="A1:Y10"');
    expect(await packagePart(round, 'xl/worksheets/sheet3.xml')).toContain('<autoFilter ref="A1:G13"');
    expect(await packagePart(round, 'xl/workbook.xml')).toMatch(/<definedName[^>]*localSheetId="1"[^>]*name="_xlnm._FilterDatabase"/);
    expect(ooxmlFindings(src)).toEqual([]);
  }, 240_000);

  it('is for supervisors and administrators: the clerk is refused', async () => {
    const { b, clerk, admin } = await scenario();
    failure(await b.call(clerk, 'reports.collectionsActivity', QUERY), 'FORBIDDEN');
    value(await b.call(admin, 'reports.collectionsActivity', { from: '2026-01-01', to: '2026-01-31' }));
  }, 120_000);

  it('writes the workbook from the command line, and says what is wrong with bad options', async () => {
    const { b } = await scenario();
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const store = ['--store', b.storePath, '--key-file', keyFile];
    const out = path.join(dir, 'activity.xlsx');
    const lines: string[] = [];
    const args = ['report', 'collections-activity', '--from', '2026-01-01', '--to', '2026-03-31', '--period', 'quarter', '--as', 'cleo', '--out', out];
    expect(await runCli([...args, ...store], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain(`Collections activity 2026-01-01 to 2026-03-31 by quarter: ${out}`);
    const wb = await readWorkbook(fs.readFileSync(out));
    expect(wb.creator).toBe('cleo');
    const ws = wb.getWorksheet('By clerk')!;
    // One quarter, three clerks; cleo's quarter: 3 attempts, 2 contacts.
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['2026-Q1', 'cleo']));
    expect([ws.getRow(3).getCell(6).value, ws.getRow(3).getCell(7).value]).toEqual([3, 2]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const errors: string[] = [];
    const run = async (...argv: string[]) => {
      const error = console.error;
      console.error = (...a: unknown[]) => errors.push(a.join(' '));
      try {
        return await runCli([...argv, ...store], () => undefined);
      } finally {
        console.error = error;
      }
    };
    expect(await run('report', 'collections-activity', '--to', '2026-03-31', '--out', out)).not.toBe(0);
    expect(await run('report', 'collections-activity', '--from', '2026-01-01', '--to', '2026-03-31', '--period', 'year', '--out', out)).not.toBe(0);
    expect(await run('report', 'collections-activity', '--from', '2026-03-01', '--to', '2026-02-01', '--out', out)).not.toBe(0);
    expect(await run('report', 'collections-activity', '--from', '2026-01-01', '--to', '2026-03-31', '--out', 'activity.csv')).not.toBe(0);
    expect(errors.join('\n')).toMatch(
      /--from YYYY-MM-DD is required[\s\S]*--period must be one of month, quarter[\s\S]*To \(2026-02-01\) is before from \(2026-03-01\)[\s\S]*must end in \.xlsx/,
    );
  }, 120_000);
});
