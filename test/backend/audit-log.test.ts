import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../src-shared/domain/audit';
import { auditActionGroups, type AuditPageQuery } from '../../src-shared/domain/audit-log';
import { auditChanges, describeAudit } from '../../src-shared/domain/audit-words';
import { signInSession } from '../kit';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/**
 * The audit log screen's backend (docs/clerks-day.md, The audit log). The company is in America/Chicago
 * (UTC-6 in early March). Clara (clerk, clara), Sam (supervisor, sam) and the administrator work at these instants:
 *   03-02 05:30Z = 03-01 23:30 CST  Clara creates account C-1999 (Before Co)      office day 03-01
 *   03-02 15:00Z = 03-02 09:00 CST  Clara creates account C-2004 (Harbor Dental)
 *   03-02 16:00Z = 03-02 10:00 CST  Sam posts invoice $1,500.00 on C-2004
 *   03-04 04:30Z = 03-03 22:30 CST  Clara posts payment $1,233.49 on C-2004       office day 03-03
 *   03-04 15:00Z = 03-04 09:00 CST  Clara renames C-2004; the administrator sets idle lock to 30 minutes
 */
async function scenario() {
  const r = await receivablesBackend('2026-03-01T15:00:00Z');
  const { b, s, clock } = r;
  const at = async (iso: string) => {
    clock.set(iso);
    await signInSession(b, s.clerk, 'clara', 'password-123');
    await signInSession(b, s.supervisor, 'sam', 'password-123');
    await signInSession(b, s.admin, 'admin', 'correct horse');
  };
  await at('2026-03-02T05:30:00Z');
  const before = await newAccount(b, s.clerk, { name: 'Before Co', accountNumber: 'C-1999' });
  await at('2026-03-02T15:00:00Z');
  const harbor = await newAccount(b, s.clerk, { name: 'Harbor Dental', accountNumber: 'C-2004' });
  await at('2026-03-02T16:00:00Z');
  const inv = await postInvoice(b, s.supervisor, harbor.id, 150_000, { date: '2026-03-02', terms: 'Net 30' });
  await at('2026-03-04T04:30:00Z');
  const pay = await must(b, s.clerk, 'payments.post', {
    accountId: harbor.id,
    date: '2026-03-03',
    method: 'check',
    checkNumber: '1042',
    amountCents: 123_349,
    allocation: { mode: 'none' },
  });
  await at('2026-03-04T15:00:00Z');
  await must(b, s.clerk, 'accounts.update', { accountId: harbor.id, name: 'Harbor Dental Group' });
  await must(b, s.admin, 'settings.update', { idleLockMinutes: 30 });
  // Someone types Clara's name with a wrong password.
  expect((await b.call('stranger', 'auth.signIn', { username: 'clara', password: 'wrong-password' })).ok).toBe(false);
  // Every record, newest first, as the raw log lists them.
  const all = await must(b, s.supervisor, 'audit.list', { limit: 1000 });
  const page = (q: AuditPageQuery = {}) => must(b, s.supervisor, 'audit.page', { limit: 500, ...q });
  return { ...r, before, harbor, inv, pay, all, page };
}

const seqs = (p: { rows: { seq: number }[] }) => p.rows.map((r) => r.seq);

describe('audit log: paging', () => {
  it('pages over every record exactly once, newest first, with the total, by keyset and by offset', async () => {
    const { all, page } = await scenario();
    expect(all.length).toBeGreaterThan(20);
    const want = all.map((a) => a.seq);
    const byKey: number[] = [];
    let first = await page({ limit: 7 });
    expect(first.total).toBe(all.length);
    for (let p = first; p.rows.length; p = await page({ limit: 7, upToSeq: first.upToSeq, beforeSeq: p.rows.at(-1)!.seq })) byKey.push(...seqs(p));
    expect(byKey).toEqual(want);
    const byOffset: number[] = [];
    for (let offset = 0; offset < first.total; offset += 7) byOffset.push(...seqs(await page({ limit: 7, offset, upToSeq: first.upToSeq })));
    expect(byOffset).toEqual(want);
    first = await page({ limit: 7 });
    expect(first.rows).toHaveLength(7);
  });

  it('pins the log at its first page: records written meanwhile shift nothing and are not counted', async () => {
    const { b, s, page } = await scenario();
    const first = await page({ limit: 5 });
    await newAccount(b, s.clerk, { name: 'Meanwhile', accountNumber: 'C-3000' });
    const second = await page({ limit: 5, offset: 5, upToSeq: first.upToSeq });
    expect(second.total).toBe(first.total);
    expect(Math.max(...seqs(second))).toBeLessThan(Math.min(...seqs(first)));
    expect((await page({ limit: 5 })).total).toBe(first.total + 1);
  });
});

describe('audit log: filters and search', () => {
  it('narrows by office days, person, action, action group and record, and each combination', async () => {
    const { all, page, harbor, inv, pay } = await scenario();
    const users = (await page()).users;
    const clara = users.find((u) => u.name === 'clara')!;
    expect(clara).toBeDefined();
    const pick = (f: (a: (typeof all)[number]) => boolean) => all.filter(f).map((a) => a.seq);

    // 03-02 and 03-03 in Chicago: from 06:00Z on 03-02 to 06:00Z on 03-04.
    const days = await page({ from: '2026-03-02', to: '2026-03-03' });
    expect(seqs(days)).toEqual(pick((a) => a.at >= '2026-03-02T06:00:00.000Z' && a.at < '2026-03-04T06:00:00.000Z'));
    expect(days.rows.map((r) => r.description)).toContain('Payment RCT-000001 posted on account C-2004, $1,233.49');
    expect(days.rows.map((r) => r.description)).not.toContain('Account C-1999 created');
    expect(days.total).toBe(days.rows.length);

    // The person signed in: not the failed sign-in someone made with Clara's name.
    const byClara = (a: (typeof all)[number]) => a.username === 'clara' && a.action !== 'auth.signInFailed';
    expect(seqs(await page({ userId: clara.id }))).toEqual(pick(byClara));
    expect(seqs(await page({ action: 'payment.post' }))).toEqual(pick((a) => a.action === 'payment.post'));
    expect(pay.number).toBe('RCT-000001');
    expect(seqs(await page({ actionGroup: 'payments' }))).toEqual(pick((a) => a.action === 'payment.post'));
    expect(seqs(await page({ actionGroup: 'signIn', userId: clara.id }))).toEqual(
      pick((a) => byClara(a) && (auditActionGroups.signIn.actions as readonly string[]).includes(a.action)),
    );

    // An account: the account and every document on it; a document: that document.
    const onHarbor = await page({ recordKind: 'account', recordNumber: 'c-2004' });
    expect(onHarbor.rows.map((r) => r.action).sort()).toEqual(['account.create', 'account.update', 'invoice.draft.create', 'invoice.post', 'payment.post']);
    expect(seqs(onHarbor)).toEqual(
      // The only documents are Harbor's (Before Co has none).
      pick((a) => (a.entity === 'account' && a.entityId === String(harbor.id)) || a.entity === 'document'),
    );
    const theInvoice = await page({ recordKind: 'document', recordNumber: inv.number! });
    expect(theInvoice.rows.map((r) => r.action)).toEqual(['invoice.post', 'invoice.draft.create']);
    expect(await page({ recordKind: 'account', recordNumber: 'C-2004', userId: clara.id, actionGroup: 'payments' })).toMatchObject({
      total: 1,
      rows: [{ description: 'Payment RCT-000001 posted on account C-2004, $1,233.49' }],
    });
  });

  it('searches the recorded values, the numbers, the people and the action words', async () => {
    const { all, page } = await scenario();
    const descriptions = async (search: string) => (await page({ search })).rows.map((r) => r.description);
    // A name in the recorded values (the account's creation and its rename).
    expect(await descriptions('harbor dental')).toEqual(['Account C-2004 changed: name', 'Account C-2004 created']);
    // An account number: the records about it, including the payment that names it only by id.
    expect(await descriptions('C-2004')).toContain('Payment RCT-000001 posted on account C-2004, $1,233.49');
    // A document number.
    expect(await descriptions('RCT-000001')).toEqual(['Payment RCT-000001 posted on account C-2004, $1,233.49']);
    // A person's name and an action's words.
    const bySam = all.filter((a) => a.username === 'sam').map((a) => a.seq);
    expect(seqs(await page({ search: 'SAM' }))).toEqual(expect.arrayContaining(bySam));
    expect((await page({ search: 'failed sign' })).rows.map((r) => r.description)).toEqual(['Failed sign-in as clara']);
    expect((await page({ search: 'changed settings' })).total).toBe(0);
    expect((await page({ search: 'Updated settings' })).rows.map((r) => r.description)).toEqual(['Company settings changed: idle lock (minutes)']);
    // LIKE's wildcards are the characters typed.
    expect((await page({ search: '%' })).total).toBe(0);
    expect((await page({ search: '_' })).total).toBe(0);
  });

  it('refuses bad filters with what is wrong and where', async () => {
    const { b, s } = await scenario();
    const refused = async (q: Record<string, unknown>) => {
      const r = await b.call(s.supervisor, 'audit.page', q as AuditPageQuery);
      return r.ok ? null : { code: r.error.code, message: r.error.message };
    };
    expect(await refused({ from: '2026-03-05', to: '2026-03-01' })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/end date/) });
    expect(await refused({ recordNumber: 'C-2004' })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/account or a document/) });
    expect(await refused({ recordKind: 'account', recordNumber: 'C-9999' })).toEqual({ code: 'VALIDATION', message: 'No account is numbered C-9999.' });
    expect(await refused({ recordKind: 'document', recordNumber: 'RCT-999999' })).toEqual({
      code: 'VALIDATION',
      message: 'No document is numbered RCT-999999.',
    });
    expect(await refused({ action: 'payment.steal' })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ actionGroup: 'everything' })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ limit: 0 })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ limit: 501 })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ from: '2026-02-30' })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ search: 'x'.repeat(101) })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Search/) });
    // Supervisors and administrators only, as before.
    const clerk = await b.call(s.clerk, 'audit.page', {});
    expect(clerk.ok ? null : clerk.error.code).toBe('FORBIDDEN');
    expect((await b.call(s.admin, 'audit.page', {})).ok).toBe(true);
  });
});

describe('audit log: records in words', () => {
  it('describes a payment, an invoice, an account change and a settings change by numbers and amounts', async () => {
    const { page } = await scenario();
    const rows = (await page()).rows;
    const of = (action: string) => rows.find((r) => r.action === action)!;
    expect(of('payment.post').description).toBe('Payment RCT-000001 posted on account C-2004, $1,233.49');
    expect(of('invoice.post').description).toBe('Invoice INV-000001 posted on account C-2004, $1,500.00, due Apr 1, 2026');
    expect(of('invoice.draft.create').description).toBe('Draft invoice INV-000001 created on account C-2004');
    expect(of('account.update').description).toBe('Account C-2004 changed: name');
    expect(of('settings.update').description).toBe('Company settings changed: idle lock (minutes)');
    expect(of('account.create').description).toBe('Account C-2004 created');
    expect(of('account.create').record).toBe('C-2004');
    expect(of('payment.post').record).toBe('RCT-000001');
    expect(of('auth.signInFailed')).toMatchObject({ userName: 'Not signed in', description: 'Failed sign-in as clara' });
    expect(rows.filter((r) => r.action === 'auth.signIn').map((r) => [r.actionText, r.userName, r.description])).toContainEqual([
      'Signed in',
      'clara',
      'clara signed in',
    ]);
    // No internal ids, codes or raw values anywhere in the words.
    for (const r of rows) {
      expect(r.description).not.toMatch(/document \d|account \d|[{}"]|Cents|\d{4}-\d{2}-\d{2}/);
      for (const c of r.changes) expect(`${c.field} ${c.before} ${c.after}`).not.toMatch(/[{}"]|Cents|\d{4}-\d{2}-\d{2}/);
    }
  });

  it('shows what changed as fields: label in words, before and after, money and dates by the codecs', async () => {
    const { page } = await scenario();
    const rows = (await page()).rows;
    const of = (action: string) => rows.find((r) => r.action === action)!;
    expect(of('account.update').changes).toEqual([{ field: 'Name', before: 'Harbor Dental', after: 'Harbor Dental Group' }]);
    expect(of('settings.update').changes).toEqual([{ field: 'Idle lock (minutes)', before: '15', after: '30' }]);
    expect(of('payment.post').changes).toEqual(
      expect.arrayContaining([
        { field: 'Account', before: '', after: 'C-2004' },
        { field: 'Date', before: '', after: 'Mar 3, 2026' },
        { field: 'Method', before: '', after: 'Check' },
        { field: 'Amount', before: '', after: '$1,233.49' },
      ]),
    );
    expect(of('invoice.post').changes).toEqual(expect.arrayContaining([{ field: 'Due date', before: '', after: 'Apr 1, 2026' }]));
  });

  it('words records without the store: ids it cannot name are not shown as ids', () => {
    const lookup = { accounts: new Map([[7, 'P-1001']]), documents: new Map([[41, { number: 'INV-000041', accountId: 7 }]]), users: new Map() };
    const payment = {
      action: 'payment.post',
      entity: 'document',
      entityId: '9',
      before: null,
      after: { number: 'RCT-000812', accountId: 7, amountCents: 123_349 },
    };
    expect(describeAudit(payment, lookup)).toBe('Payment RCT-000812 posted on account P-1001, $1,233.49');
    expect(describeAudit({ ...payment, after: { number: 'RCT-000812', accountId: 8, amountCents: 5 } }, lookup)).toBe('Payment RCT-000812 posted, $0.05');
    expect(
      auditChanges(
        null,
        {
          allocations: [
            { documentId: 41, amountCents: 100 },
            { documentId: 42, amountCents: 1 },
          ],
          accountId: 99,
        },
        lookup,
      ).map((c) => c.after),
    ).toEqual(['document INV-000041, amount $1.00; document a document not in the store, amount $0.01', 'an account not in the store']);
    expect(describeAudit({ action: 'odd.thing', entity: 'payment_plan', entityId: '3', before: null, after: null })).toBe('odd.thing');
    expect(
      describeAudit(
        { action: 'writeOff.post', entity: 'document', entityId: '50', before: null, after: { number: 'WO-000001', document: 'INV-000041', amountCents: 900 } },
        lookup,
      ),
    ).toBe('Write-off WO-000001 posted for INV-000041, $9.00');
  });

  it('places every action in exactly one group', () => {
    const grouped = Object.values(auditActionGroups).flatMap((g) => g.actions);
    expect([...grouped].sort()).toEqual([...auditActions].sort());
  });
});

describe('audit log: export', () => {
  it('exports every record the filter selects, not only the page, as CSV and Excel, in the same words', async () => {
    const { b, s, page } = await scenario();
    const filter = { from: '2026-03-02', to: '2026-03-04', actionGroup: 'accounts' } as const;
    const shown = await page({ ...filter, limit: 1 });
    expect(shown.total).toBeGreaterThan(1);
    const all = await page({ ...filter });
    const file = await must(b, s.supervisor, 'reports.auditTrail', { ...filter, format: 'csv' });
    expect(file.fileName).toBe('Audit trail 2026-03-02 to 2026-03-04.csv');
    const csv = Papa.parse<Record<string, string>>(
      Buffer.from(file.base64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(csv.map((r) => [Number(r.Sequence), r.Description])).toEqual(all.rows.map((r) => [r.seq, r.description]).reverse());
    expect(csv.map((r) => r.Description)).toEqual(['Account C-2004 created', 'Account C-2004 changed: name']);
    expect(csv[1]).toMatchObject({ Before: 'Name: Harbor Dental', After: 'Name: Harbor Dental Group', Time: '2026-03-04 09:00:00' });
  });
});
