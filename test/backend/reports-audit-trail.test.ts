import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { describeAudit } from '../../src-shared/domain/audit-words';
import { signInSession } from '../kit';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { tempDir } from '../support/store';
import { CSV_EVERY_SHEET, libreOfficeConvert, ooxmlFindings, readWorkbook, writeTemp } from '../support/workbooks';

const INJECTION = '=HYPERLINK("http://evil.example","Click")';
const FROM = '2026-03-02';
const TO = '2026-03-03';

/**
 * The company is in America/Chicago (CST, UTC-6, in early March). Clara (clerk) and Sam (supervisor) sign
 * in and work at these instants:
 *   03-02 05:30Z = 03-01 23:30 CST  creates account AT-0          before the range (a UTC 03-02 record)
 *   03-02 15:00Z = 03-02 09:00 CST  creates account AT-1 named like a formula
 *   03-02 16:00Z = 03-02 10:00 CST  drafts and posts invoice 100.00 on AT-1 (supervisor)
 *   03-04 04:30Z = 03-03 22:30 CST  posts payment 40.00 on AT-1    in the range (a UTC 03-04 record)
 *   03-04 15:00Z = 03-04 09:00 CST  creates account AT-2           after the range
 */
async function scenario() {
  const r = await receivablesBackend();
  const { b, s, clock } = r;
  // Moving the clock locks idle sessions: sign in again at each instant (those sign-ins are audited too).
  const at = async (iso: string) => {
    clock.set(iso);
    await signInSession(b, s.clerk, 'clara', 'password-123');
    await signInSession(b, s.supervisor, 'sam', 'password-123');
  };
  await at('2026-03-02T05:30:00Z');
  await newAccount(b, s.clerk, { name: 'Before Co', accountNumber: 'AT-0' });
  await at('2026-03-02T15:00:00Z');
  const x = await newAccount(b, s.clerk, { name: INJECTION, accountNumber: 'AT-1' });
  await at('2026-03-02T16:00:00Z');
  const inv = await postInvoice(b, s.supervisor, x.id, 10_000, { date: '2026-03-02', terms: 'Net 30' });
  await at('2026-03-04T04:30:00Z');
  const pay = await must(b, s.clerk, 'payments.post', {
    accountId: x.id,
    date: '2026-03-03',
    method: 'cash',
    amountCents: 4_000,
    allocation: { mode: 'none' },
  });
  await at('2026-03-04T15:00:00Z');
  await newAccount(b, s.clerk, { name: 'After Co', accountNumber: 'AT-2' });
  await at('2026-03-15T15:00:00Z');
  // Every record the log holds, oldest first, to check the workbook against.
  const all = (await must(b, s.supervisor, 'audit.list', { limit: 1000 })).reverse();
  const inRange = all.filter((a) => a.at >= '2026-03-02T06:00:00.000Z' && a.at < '2026-03-04T06:00:00.000Z');
  return { ...r, x, inv, pay, all, inRange };
}

const auditSheet = async (base64: string) => (await readWorkbook(Buffer.from(base64, 'base64'))).getWorksheet('Audit trail')!;
/** The data rows (between the header and the totals row) as values. */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 2; i < ws.rowCount; i++) out.push((ws.getRow(i).values as unknown[]).slice(1, 11));
  return out;
}

describe('Audit trail workbook', () => {
  it('lists the records of the range in the company time zone, in order, with words and times as date-times', async () => {
    const { b, s, inRange, inv, pay } = await scenario();
    const work = inRange.filter((a) => a.action !== 'auth.signIn');
    expect(work.map((a) => a.action)).toEqual(['account.create', 'invoice.draft.create', 'invoice.post', 'payment.post']);
    const file = await must(b, s.supervisor, 'reports.auditTrail', { from: FROM, to: TO });
    expect(file.fileName).toBe(`Audit trail ${FROM} to ${TO}.xlsx`);
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Audit trail']);
    const about = wb.getWorksheet('About')!.getSheetValues().flat().map(String).join('\n');
    expect(about).toContain('hash-chained');
    expect(about).toContain('All users');

    const ws = wb.getWorksheet('Audit trail')!;
    const headers = ['Sequence', 'Time', 'User', 'Action', 'Action words', 'Record type', 'Record', 'Description', 'Before', 'After'];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    const got = rows(ws);
    expect(got.map((r) => [r[0], r[2], r[3]])).toEqual(inRange.map((a) => [a.seq, a.username, a.action]));
    const row = (action: string) => got.find((r) => r[3] === action)!;
    // Office wall-clock times (CST), stored as date-times.
    expect(work.map((a) => (row(a.action)[1] as Date).toISOString())).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-03T22:30:00.000Z',
    ]);
    expect(work.map((a) => row(a.action)[2])).toEqual(['clara', 'sam', 'sam', 'clara']);
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.Number);
    // Records by their business numbers, described as the audit log screen describes them (audit-words.ts).
    expect(work.map((a) => row(a.action)[6])).toEqual(['AT-1', inv.number, inv.number, pay.number]);
    expect(row('payment.post')[7]).toBe(`Payment ${pay.number} posted on account AT-1, $40.00`);
    expect(row('invoice.post')[7]).toBe(`Invoice ${inv.number} posted on account AT-1, $100.00, due Apr 1, 2026`);
    expect(row('account.create')[7]).toBe('Account AT-1 created');
    expect(row('auth.signIn')[4]).toBe('Signed in');
    expect(row('payment.post')[9]).toContain('Amount: $40.00');
    for (const r of got) for (const c of [7, 8, 9]) expect(String(r[c] ?? '')).not.toMatch(/[{}]/);
    // The formula-like account name stays text.
    const injected = ws.getCell(`J${got.indexOf(row('account.create')) + 2}`);
    expect(injected.value).toContain(`Name: ${INJECTION}`);
    expect(injected.type).toBe(ExcelJS.ValueType.String);
    expect(ws.autoFilter).toBe(`A1:J${got.length + 1}`);

    const dir = tempDir();
    const src = writeTemp(bytes, 'audit.xlsx');
    libreOfficeConvert([src], CSV_EVERY_SHEET, dir);
    const csv = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'audit-Audit trail.csv'), 'utf8').trim()).data;
    expect(csv[0]).toEqual(headers);
    expect(csv.slice(1, got.length + 1).map((l) => [Number(l[0]), l[3], l[6]])).toEqual(got.map((r) => [r[0], r[3], r[6]]));
    expect(ooxmlFindings(src)).toEqual([]);
  }, 180_000);

  it('narrows by user, action, record type and record id', async () => {
    const { b, s, x, inRange } = await scenario();
    const seqs = async (q: Record<string, string>) =>
      rows(await auditSheet((await must(b, s.supervisor, 'reports.auditTrail', { from: FROM, to: TO, ...q })).base64)).map((r) => r[0]);
    const seqOf = (f: (a: (typeof inRange)[number]) => boolean) => inRange.filter(f).map((a) => a.seq);
    expect(await seqs({ user: 'clara' })).toEqual(seqOf((a) => a.username === 'clara'));
    expect(await seqs({ action: 'invoice.post' })).toEqual(seqOf((a) => a.action === 'invoice.post'));
    expect(await seqs({ entity: 'account' })).toEqual(seqOf((a) => a.entity === 'account'));
    expect(await seqs({ entity: 'account', entityId: String(x.id) })).toEqual(seqOf((a) => a.entity === 'account' && a.entityId === String(x.id)));
    expect(await seqs({ user: 'clara', action: 'invoice.post' })).toEqual([]);
  });

  it('words a record without JSON, for a known and an unknown action', () => {
    const lookup = { accounts: new Map([[3, 'P-1001']]), documents: new Map(), users: new Map() };
    expect(
      describeAudit(
        { action: 'payment.post', entity: 'document', entityId: '7', before: null, after: { number: 'RCT-000045', accountId: 3, amountCents: 12_000 } },
        lookup,
      ),
    ).toBe('Payment RCT-000045 posted on account P-1001, $120.00');
    // An action this app does not know shows as itself, and an id it cannot name is not shown.
    expect(describeAudit({ action: 'odd.thing', entity: 'payment_plan', entityId: '3', before: { a: { b: 1 } }, after: null })).toBe('odd.thing');
    expect(describeAudit({ action: 'company.create', entity: 'setting', entityId: 'company', before: null, after: { currency: 'USD' } })).toBe(
      'Created the company',
    );
  });

  it('is for supervisors and administrators: a clerk is refused; bad filters are validation errors', async () => {
    const { b, s } = await scenario();
    const refused = await b.call(s.clerk, 'reports.auditTrail', { from: FROM, to: TO });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect((await b.call(s.admin, 'reports.auditTrail', { from: FROM, to: TO })).ok).toBe(true);
    const backwards = await b.call(s.supervisor, 'reports.auditTrail', { from: TO, to: FROM });
    expect(backwards.ok ? null : backwards.error.code).toBe('VALIDATION');
    const action = await b.call(s.supervisor, 'reports.auditTrail', { from: FROM, to: TO, action: 'nope' as never });
    expect(action.ok ? null : action.error.code).toBe('VALIDATION');
  });

  it('writes the workbook from the command line, and refuses an unknown action', async () => {
    const { b, inRange } = await scenario();
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const out = path.join(dir, 'audit.xlsx');
    const lines: string[] = [];
    const argv = ['report', 'audit-trail', '--from', FROM, '--to', TO, '--user', 'clara', '--action', 'payment.post', '--out', out];
    const code = await runCli([...argv, '--store', b.storePath, '--key-file', keyFile], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`Audit trail ${FROM} to ${TO}: ${out}`);
    const ws = (await readWorkbook(fs.readFileSync(out))).getWorksheet('Audit trail')!;
    expect(rows(ws).map((r) => r[0])).toEqual(inRange.filter((a) => a.action === 'payment.post').map((a) => a.seq));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const errors: string[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => errors.push(a.join(' '));
    try {
      const bad = [
        'report',
        'audit-trail',
        '--from',
        FROM,
        '--to',
        TO,
        '--action',
        'payment.steal',
        '--out',
        out,
        '--store',
        b.storePath,
        '--key-file',
        keyFile,
      ];
      expect(await runCli(bad, () => undefined)).not.toBe(0);
    } finally {
      console.error = error;
    }
    expect(errors.join('\n')).toContain('--action "payment.steal" is not an audit action');
  });
});
