import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { contract, type Channel } from '../../src-shared/ipc/contract';
import { isoDateSchema } from '../../src-shared/domain/text';
import { instantSchema } from '../../src-shared/domain/collections';
import type { Backend } from '../../src-main/backend';
import { verifyStore } from '../../src-main/backend/verify';
import { collectionsBackend, value } from '../support/collections';
import { runCli } from '../../src-main/cli';
import {
  addDays,
  addMonths,
  dayNumber,
  daysBetween,
  formatDate,
  formatInZone,
  formatInstant,
  formatMonth,
  formatMonthShort,
  fromDayNumber,
  isCalendarDate,
  isIsoDate,
  readDate,
} from '../../src-shared/dates';

/** Every table's row count: a refused call must leave every one of them as it was. */
function rowCounts(b: Backend): Record<string, number> {
  const sqlite = b.ctx.store.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  return Object.fromEntries(tables.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

/** The channels whose input holds a business date or an instant somewhere (found by walking the zod schemas). */
function channelsTakingDates(): Channel[] {
  const holdsDate = (s: unknown, seen: Set<unknown>): boolean => {
    if (s === isoDateSchema || s === instantSchema) return true;
    if (!(s instanceof z.ZodType) || seen.has(s)) return false;
    seen.add(s);
    const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    return Object.entries(def).some(([k, v]) =>
      k === 'shape' && v && typeof v === 'object'
        ? Object.values(v).some((f) => holdsDate(f, seen))
        : Array.isArray(v)
          ? v.some((x) => holdsDate(x, seen))
          : holdsDate(v, seen),
    );
  };
  return (Object.keys(contract) as Channel[]).filter((c) => holdsDate(contract[c].input, new Set()));
}

describe('hole 6: business dates outside 1900-01-01..2199-12-31 are refused at the boundary', () => {
  it('every endpoint taking a date refuses 0000-01-01 and 0099-12-31 (and instants of those years) with VALIDATION, writing nothing', async () => {
    const { b, supervisor: sup, account } = await collectionsBackend('2026-03-16T15:00:00Z');
    const a = await account();
    const line = { itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: 50_000 };
    const inv = value(await b.call(sup, 'invoices.createDraft', { accountId: a.accountId, invoiceDate: '2026-01-05', lines: [line] }));
    value(await b.call(sup, 'invoices.post', { invoiceId: inv.id }));
    const draft = value(await b.call(sup, 'invoices.createDraft', { accountId: a.accountId, lines: [line] }));
    const pay = value(
      await b.call(sup, 'payments.post', { accountId: a.accountId, method: 'cash', amountCents: 1_000, date: '2026-03-01', allocation: { mode: 'none' } }),
    );
    const plan = value(await b.call(sup, 'plans.create', { accountId: a.accountId, installmentCount: 3, frequency: 'monthly', firstDate: '2026-04-01' }));
    const call = {
      accountId: a.accountId,
      contactId: a.contactId,
      phone: a.phone,
      direction: 'outgoing' as const,
      startedAt: '2026-03-16T15:00:00Z',
      outcome: 'no_answer' as const,
    };

    type Case = [Channel, (d: string, t: string) => unknown];
    const cases: Case[] = [
      ['invoices.createDraft', (d) => ({ accountId: a.accountId, invoiceDate: d, lines: [line] })],
      ['invoices.updateDraft', (d) => ({ invoiceId: draft.id, invoiceDate: d })],
      ['invoices.postCreditNote', (d) => ({ invoiceId: inv.id, date: d, amountCents: 100, reason: 'Goodwill' })],
      ['invoices.postCreditNote', (d) => ({ accountId: a.accountId, date: d, amountCents: 100, reason: 'Goodwill' })],
      ['payments.previewAllocation', (d) => ({ accountId: a.accountId, amountCents: 100, date: d })],
      ['payments.post', (d) => ({ accountId: a.accountId, date: d, method: 'cash', amountCents: 100 })],
      ['payments.applyCredit', (d) => ({ accountId: a.accountId, date: d })],
      ['payments.reverse', (d) => ({ paymentId: pay.documentId, date: d, reason: 'Bounced' })],
      ['payments.refund', (d) => ({ accountId: a.accountId, date: d, amountCents: 100, method: 'check', checkNumber: '101' })],
      ['ledger.get', (d) => ({ accountId: a.accountId, asOf: d })],
      ['ledger.postAdjustment', (d) => ({ accountId: a.accountId, date: d, amountCents: 100, reason: 'Correction' })],
      ['ledger.postWriteOff', (d) => ({ invoiceId: inv.id, date: d, amountCents: 100, reason: 'Small balance' })],
      ['aging.summary', (d) => ({ asOf: d })],
      ['aging.detail', (d) => ({ asOf: d })],
      ['aging.drill', (d) => ({ asOf: d, accountId: a.accountId, bucket: 0 })],
      ['compliance.checkCall', (_d, t) => ({ accountId: a.accountId, contactId: a.contactId, phone: a.phone, at: t })],
      ['compliance.overrides', (_d, t) => ({ from: t })],
      ['compliance.overrides', (_d, t) => ({ to: t })],
      ['compliance.recordValidationNotice', (d) => ({ accountId: a.accountId, sentOn: d })],
      ['calls.log', (_d, t) => ({ ...call, startedAt: t })],
      ['calls.log', (_d, t) => ({ ...call, callbackAt: t })],
      ['calls.log', (d) => ({ ...call, outcome: 'promise_to_pay', promise: { amountCents: 100, dueDate: d } })],
      ['promises.list', (d) => ({ accountId: a.accountId, asOf: d })],
      ['flags.set', (d) => ({ kind: 'disputed', accountId: a.accountId, reason: 'Letter', receivedOn: d })],
      ['flags.set', (d) => ({ kind: 'cease_communication', accountId: a.accountId, reason: 'Letter', receivedOn: d })],
      ['flags.set', (d) => ({ kind: 'bankruptcy', accountId: a.accountId, reason: 'Notice', chapter: '7', caseNumber: '26-1', filedOn: d })],
      ['flags.set', (d) => ({ kind: 'deceased', accountId: a.accountId, reason: 'Notice', dateOfDeath: d })],
      ['flags.recordVerification', (d) => ({ accountId: a.accountId, verifiedOn: d, note: 'Mailed' })],
      ['stages.evaluate', (d) => ({ asOf: d })],
      ['worklist.get', (d) => ({ asOf: d })],
      ['evaluations.run', (d) => ({ asOf: d })],
      ['plans.create', (d) => ({ accountId: a.accountId, installmentCount: 3, frequency: 'monthly', firstDate: d })],
      ['plans.create', (d) => ({ accountId: a.accountId, installmentCount: 3, frequency: 'monthly', firstDate: '2026-04-01', startDate: d })],
      ['plans.get', (d) => ({ planId: plan.id, asOf: d })],
      ['plans.list', (d) => ({ asOf: d })],
      ['fees.preview', (d) => ({ asOf: d })],
      ['fees.post', (d) => ({ asOf: d, invoiceIds: [inv.id] })],
      ['referrals.refer', (d) => ({ accountId: a.accountId, agencyName: 'Acme Recovery', date: d })],
      ['referrals.recall', (d) => ({ accountId: a.accountId, reason: 'Paid', date: d })],
      // A statement is asked for as of a date (and, balance-forward, from one): printed, saved or emailed.
      [
        'documents.print',
        (d) => ({
          documents: [{ kind: 'statement', accountId: a.accountId, asOf: d, type: 'open_item' }],
          choice: { printer: null, paper: 'Letter', copies: 1, duplex: 'simplex' },
        }),
      ],
      ['documents.savePdf', (d) => ({ documents: [{ kind: 'statement', accountId: a.accountId, asOf: '2026-03-01', type: 'balance_forward', from: d }] })],
      ['documents.email', (d) => ({ documents: [{ kind: 'statement', accountId: a.accountId, asOf: d, type: 'open_item' }] })],
      ['documents.preview', (d) => ({ document: { kind: 'statement', accountId: a.accountId, asOf: d, type: 'open_item' } })],
      // A letter asks payment by a date: composed, previewed or sent.
      ['documents.preview', (d) => ({ document: { kind: 'letter', accountId: a.accountId, templateId: 1, payByDate: d } })],
      ['letters.compose', (d) => ({ accountId: a.accountId, templateId: 1, payByDate: d })],
      ['statements.select', (d) => ({ asOf: d, type: 'open_item' })],
      ['statements.select', (d) => ({ asOf: '2026-03-01', type: 'balance_forward', from: d })],
      ['statements.saveRun', (d) => ({ asOf: d, type: 'open_item', accountIds: [a.accountId], channel: 'pdf' })],
      ['letters.startRun', (d) => ({ templateId: 1, channel: 'pdf', payByDate: d, accounts: [{ accountId: a.accountId }] })],
      ['reports.aging', (d) => ({ asOf: d })],
      ['reports.cashReceipts', (d) => ({ from: d, to: '2026-01-31' })],
      ['reports.cashReceipts', (d) => ({ from: '2026-01-01', to: d })],
      ['reports.periodFigures', (d) => ({ from: d, to: '2026-01-31', period: 'month' })],
      ['reports.periodFigures', (d) => ({ from: '2026-01-01', to: d, period: 'month' })],
      ['reports.billingPack', (d) => ({ from: d, to: '2026-01-31', period: 'month' })],
      ['reports.billingPack', (d) => ({ from: '2026-01-01', to: d, period: 'month' })],
      ['reports.teamPerformance', (d) => ({ from: d, to: '2026-01-31' })],
      ['reports.teamPerformance', (d) => ({ from: '2026-01-01', to: d, period: 'month' })],
      ['reports.collectionsActivity', (d) => ({ from: d, to: '2026-01-31' })],
      ['reports.collectionsActivity', (d) => ({ from: '2026-01-01', to: d, period: 'quarter' })],
      ['reports.auditTrail', (d) => ({ from: d, to: '2026-01-31' })],
      ['reports.auditTrail', (d) => ({ from: '2026-01-01', to: d })],
      // The audit log screen: office days from and to.
      ['audit.page', (d) => ({ from: d })],
      ['audit.page', (d) => ({ from: '2026-01-01', to: d })],
      // Export what you see: the date the grid shows figures for.
      ['grids.export', (d) => ({ grid: 'worklist', format: 'csv', asOf: d, columns: [{ header: 'Account', kind: 'text' }], rows: [['A-1']] })],
      ['reports.dashboard', (d) => ({ asOf: d })],
      // Opening balances: the cut-over date the open items are as of.
      ['imports.preview', (d) => ({ kind: 'open_items', fileName: 'open.csv', contentBase64: 'YQ==', cutOverDate: d })],
      ['imports.post', (d) => ({ kind: 'open_items', fileName: 'open.csv', contentBase64: 'YQ==', cutOverDate: d })],
      // The QuickBooks journal export: the period's first and last day.
      ['quickbooks.exportIif', (d) => ({ from: d, to: '2026-01-31' })],
      ['quickbooks.exportIif', (d) => ({ from: '2026-01-01', to: d })],
      // Deposits: the day of the deposit, and the dates a list of deposits is between.
      ['deposits.create', (d) => ({ officeBankAccountId: 1, depositDate: d, paymentIds: [pay.documentId] })],
      ['deposits.list', (d) => ({ from: d })],
      ['deposits.list', (d) => ({ to: d })],
      // A bank reconciliation: the period's first and last day.
      ['reconciliations.start', (d) => ({ officeBankAccountId: 1, periodFrom: d, periodTo: '2026-01-31' })],
      ['reconciliations.start', (d) => ({ officeBankAccountId: 1, periodFrom: '2026-01-01', periodTo: d })],
      // A returned payment: the day the bank returned it.
      ['returns.record', (d) => ({ paymentId: pay.documentId, returnCode: 'R01', returnDate: d })],
    ];
    // The table covers every endpoint whose input holds a date: a new one fails here until it is added.
    expect([...new Set(cases.map(([c]) => c))].sort()).toEqual(channelsTakingDates().sort());

    const before = rowCounts(b);
    const answers: string[] = [];
    for (const [date, instant] of [
      ['0000-01-01', '0000-01-01T12:00:00Z'],
      ['0099-12-31', '0099-12-31T12:00:00Z'],
      ['1899-12-31', '1899-12-31T12:00:00Z'],
      ['2200-01-01', '2200-01-01T12:00:00Z'],
    ] as const) {
      for (const [channel, input] of cases) {
        const r = await b.dispatch(sup, channel, input(date, instant));
        answers.push(`${channel} ${date}: ${r.ok ? 'ok' : `${r.error.code} ${r.error.message}`}`);
      }
    }
    const refusedWell = (s: string) => /: VALIDATION .*between 1900-01-01 and 2199-12-31/.test(s);
    expect(answers.filter((s) => !refusedWell(s))).toEqual([]);
    expect(rowCounts(b)).toEqual(before);
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('verify reports a posting dated outside the range or above the ceiling (as an older version could write)', async () => {
    const { b, supervisor: sup, account } = await collectionsBackend('2026-03-16T15:00:00Z');
    const a = await account();
    const draft = value(
      await b.call(sup, 'invoices.createDraft', {
        accountId: a.accountId,
        lines: [{ itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: 100 }],
      }),
    );
    expect((await verifyStore(b)).checks.find((c) => c.name === 'amounts and dates in range')?.ok).toBe(true);
    // What the old code let through: a posting dated 0000-01-01 of 4.5e18 cents (a draft made posted by hand here).
    b.ctx.store.sqlite
      .prepare(
        `UPDATE document SET status = 'posted', number = 'INV-000001', series = 'INV', number_seq = 1, posted_at = '2026-03-16T15:00:00.000Z', doc_date = '0000-01-01', total_cents = 4500000000000000000 WHERE id = ?`,
      )
      .run(draft.id);
    const check = (await verifyStore(b)).checks.find((c) => c.name === 'amounts and dates in range');
    expect(check).toMatchObject({ ok: false, problems: [expect.stringMatching(/^INV-000001: total .* cents, dated 0000-01-01$/)] });
  });

  it('the CLI refuses the same dates with the same words', async () => {
    const { b } = await collectionsBackend('2026-03-16T15:00:00Z');
    const storePath = (b as unknown as { storePath: string }).storePath;
    const keyFile = path.join(path.dirname(storePath), 'key.hex');
    fs.writeFileSync(keyFile, (b as unknown as { key: Buffer }).key.toString('hex'));
    await b.close();
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runCli(['aging', '--as-of', '0099-12-31', '--store', storePath, '--key-file', keyFile], () => undefined)).toBe(2);
      expect(await runCli(['demo', '--as-of', '0099-12-31', '--store', storePath, '--key-file', keyFile], () => undefined)).toBe(2);
      expect(said.mock.calls.map((c) => String(c[0]))).toEqual([
        'error: --as-of: Date must be between 1900-01-01 and 2199-12-31',
        'error: --as-of is out of range (0099-12-31); dates must be between 1900-01-01 and 2199-12-31',
      ]);
    } finally {
      said.mockRestore();
    }
  });

  it('the first and last accepted dates work end to end', async () => {
    const { b, supervisor: sup, account } = await collectionsBackend('2026-03-16T15:00:00Z');
    const a = await account();
    const line = { itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: 10_000 };
    for (const d of ['1900-01-01', '2199-12-31']) {
      const inv = value(await b.call(sup, 'invoices.createDraft', { accountId: a.accountId, invoiceDate: d, terms: 'Net 30', lines: [line] }));
      const posted = value(await b.call(sup, 'invoices.post', { invoiceId: inv.id }));
      expect(posted.invoiceDate).toBe(d);
      expect(posted.dueDate).toBe(d === '1900-01-01' ? '1900-01-31' : '2200-01-30');
      value(await b.call(sup, 'payments.post', { accountId: a.accountId, method: 'cash', amountCents: 100, date: d }));
      value(await b.call(sup, 'aging.summary', { asOf: d }));
      value(await b.call(sup, 'ledger.get', { accountId: a.accountId, asOf: d }));
    }
    const late = value(await b.call(sup, 'aging.detail', { asOf: '2199-12-31' }));
    expect(late.rows.find((r) => r.docDate === '1900-01-01')?.daysPastDue).toBe(109_542);
    expect((await verifyStore(b)).ok).toBe(true);
  });
});

describe('the date codec (src-shared/dates)', () => {
  it('does date arithmetic right for any year, not through Date.UTC (which reads 0-99 as 1900-1999)', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0001-03-01', -1)).toBe('0001-02-28');
    expect(addMonths('0050-03-31', -1)).toBe('0050-02-28');
    expect(daysBetween('0099-01-01', '0100-01-01')).toBe(365);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
    expect(addMonths('2026-11-30', 14)).toBe('2028-01-30');
    expect(dayNumber('1970-01-01')).toBe(0);
    // Every day of the accepted range agrees with the platform's calendar where Date is right (1900+).
    for (let n = dayNumber('1900-01-01'); n <= dayNumber('2199-12-31'); n += 1) {
      const d = fromDayNumber(n);
      if (d !== new Date(n * 86_400_000).toISOString().slice(0, 10) || dayNumber(d) !== n) throw new Error(`day ${n}: ${d}`);
    }
  });

  it('accepts one range, 1900-01-01..2199-12-31, and reads dates as people type them', () => {
    expect(isIsoDate('1900-01-01') && isIsoDate('2199-12-31')).toBe(true);
    expect(['1899-12-31', '2200-01-01', '0000-01-01', '0099-12-31', '2025-02-29', '2026-1-05'].some(isIsoDate)).toBe(false);
    expect(isCalendarDate('0000-02-29')).toBe(true); // proleptic Gregorian: year 0 is a leap year
    const read = (t: string) => {
      const r = readDate(t);
      return r.ok ? r.value : r.reason;
    };
    expect(['2026-3-5', '3/5/2026', 'Mar 5, 2026', 'March 5 2026', 'Sept 5, 2026', 'mar. 5, 2026'].map(read)).toEqual([
      '2026-03-05',
      '2026-03-05',
      '2026-03-05',
      '2026-03-05',
      '2026-09-05',
      '2026-03-05',
    ]);
    expect(read('2025-02-30')).toBe('is not a calendar date (2025-02-30)');
    expect(read('0099-12-31')).toBe('is out of range (0099-12-31); dates must be between 1900-01-01 and 2199-12-31');
    expect(read('yesterday')).toMatch(/^is not a date \(yesterday\); use YYYY-MM-DD or MM\/DD\/YYYY/);
    expect(read('Ma 5, 2026')).toMatch(/^is not a date/);
  });

  it('formats dates and instants one way for every screen', () => {
    expect(formatDate('2026-03-05')).toBe('Mar 5, 2026');
    expect(formatDate('1900-01-01')).toBe('Jan 1, 1900');
    expect(formatDate(null)).toBe('');
    expect(formatMonth('2026-03')).toBe('March 2026');
    expect(formatMonthShort('2026-03')).toBe('Mar 2026');
    expect(formatInstant('2026-03-10T19:05:00Z', 'America/Chicago')).toBe('Mar 10, 2026, 2:05 PM CDT');
    expect(formatInZone('2026-03-10T19:05:00Z', 'America/New_York')).toBe('Tue, Mar 10, 2026, 3:05 PM EDT');
    expect(formatInZone(new Date('2026-03-10T19:05:00Z'), 'America/New_York')).toBe('Tue, Mar 10, 2026, 3:05 PM EDT');
  });
});
