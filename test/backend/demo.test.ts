import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usStateTimeZones } from '@shared/domain/accounts';
import { createDemoCompany, demoUsers, DEMO_COMPANY, generateDemo } from '../../src-main/backend/demo';
import { mulberry32 } from '../../src-main/backend/demo/prng';
import { places } from '../../src-main/backend/demo/data';
import { verifyStore } from '../../src-main/backend/verify';
import { runCli } from '../../src-main/cli';
import { must } from '../kit';
import { fixedClock, tempDir, testBackend } from '../support/store';

const AS_OF = '2025-06-30';

async function demoStore(mode: 'services' | 'bulk', accounts: number, seed = 11) {
  const b = testBackend({ clock: fixedClock('2025-06-30T18:00:00Z') });
  await createDemoCompany(b.services, 'setup');
  const result = await generateDemo(b.ctx, b.services, { size: 'small', mode, accounts, seed, asOf: AS_OF });
  return { b, result };
}

const dump = (b: ReturnType<typeof testBackend>, sql: string) => b.ctx.store.sqlite.prepare(sql).all();
const totals = (b: ReturnType<typeof testBackend>) =>
  b.ctx.store.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM document) AS documents, (SELECT sum(balance_cents) FROM account) AS balance, (SELECT sum(unapplied_cents) FROM account) AS unapplied,
              (SELECT sum(total_cents) FROM document WHERE kind = 'invoice') AS invoiced, (SELECT sum(amount_cents) FROM allocation) AS allocated, (SELECT count(*) FROM allocation) AS allocations`,
    )
    .get();

describe('demo data', () => {
  it('mulberry32 is the published generator (same seed, same numbers)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 12);
  });

  it('the bulk writer writes exactly the rows the posting services write (documents, lines, ledger, allocations, accounts, numbers, audit chain)', async () => {
    const viaServices = await demoStore('services', 40);
    const viaBulk = await demoStore('bulk', 40);
    expect(viaServices.result.invoices).toBeGreaterThan(500);
    expect(viaServices.result.reversals + viaServices.result.creditNotes).toBeGreaterThan(0);
    for (const sql of [
      'SELECT * FROM document ORDER BY id',
      'SELECT * FROM invoice_line ORDER BY id',
      'SELECT * FROM ledger_entry ORDER BY id',
      'SELECT * FROM allocation ORDER BY id',
      'SELECT * FROM account ORDER BY id',
      'SELECT * FROM number_series ORDER BY series',
      'SELECT seq, at, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit ORDER BY seq',
    ]) {
      expect(dump(viaBulk.b, sql), sql).toEqual(dump(viaServices.b, sql));
    }
    for (const s of [viaServices, viaBulk]) expect((await verifyStore(s.b)).checks.filter((c) => !c.ok)).toEqual([]);
  }, 120_000);

  it('is deterministic: the same seed gives the same ledger, another seed another one', async () => {
    const one = await demoStore('bulk', 60, 5);
    const two = await demoStore('bulk', 60, 5);
    const other = await demoStore('bulk', 60, 6);
    expect(totals(two.b)).toEqual(totals(one.b));
    expect(dump(two.b, 'SELECT account_number, name, balance_cents FROM account ORDER BY id')).toEqual(
      dump(one.b, 'SELECT account_number, name, balance_cents FROM account ORDER BY id'),
    );
    expect(totals(other.b)).not.toEqual(totals(one.b));
  }, 120_000);

  it('app.openDemo creates Riverside Medical Billing (small, through the bulk writer), signs the caller in as administrator, passes verify and looks like an office', async () => {
    const b = testBackend({ clock: fixedClock('2025-06-30T18:00:00Z') });
    const events: string[] = [];
    const opened = await must(b, 'first-window', 'app.openDemo', undefined);
    expect(opened).toMatchObject({ companyName: DEMO_COMPANY, username: 'admin', role: 'administrator' });
    expect(opened.demo).toMatchObject({ size: 'small', asOf: '2025-06-30', accounts: 200, mode: 'bulk' });
    expect(opened.users.map((u) => u.username)).toEqual(['admin', 'supervisor', 'clerk']);
    void events;
    // The caller is signed in as the administrator.
    const me = await b.call('first-window', 'users.list', undefined);
    expect(me.ok).toBe(true);
    // Every demo user signs in with the documented password.
    for (const u of demoUsers) expect((await b.call(`w-${u.username}`, 'auth.signIn', { username: u.username, password: u.password })).ok).toBe(true);
    // Only once: the store has a company now.
    const again = await b.call('other-window', 'app.openDemo', undefined);
    expect(!again.ok && again.error.code).toBe('CONFLICT');

    const v = await verifyStore(b);
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);

    // Letters and statements print with the office's letterhead: every field the templates name has a value.
    expect((await must(b, 'first-window', 'documents.getSettings', undefined)).letterhead.phone).toBe('(312) 555-0100');
    const reminder = (await must(b, 'first-window', 'letters.templates.list', undefined)).find((t) => t.key === 'friendly-reminder');
    const owing = (await b.services.aging.summary({ asOf: '2025-06-30', offset: 0, sort: 'name' })).rows.find((r) => r.buckets.slice(1).some((x) => x > 0));
    const composed = await must(b, 'first-window', 'letters.compose', { accountId: owing!.accountId, templateId: reminder!.id });
    expect(composed.missing).toEqual([]);

    // Believable: something in every aging bucket, some unapplied credit, each kind of document.
    const aging = await b.services.aging.summary({ asOf: '2025-06-30', offset: 0, sort: 'name' });
    expect(aging.bucketLabels).toHaveLength(6);
    for (const [i, amount] of aging.totals.buckets.entries()) expect(amount, `bucket ${aging.bucketLabels[i]}`).toBeGreaterThan(0);
    expect(aging.totals.unappliedCents).toBeGreaterThan(0);
    const pastDueAccounts = aging.rows.filter((row) => row.buckets.slice(1).some((x) => x > 0)).length;
    expect(pastDueAccounts).toBeGreaterThan(10);
    expect(pastDueAccounts).toBeLessThan(150);
    const kinds = Object.fromEntries(
      (dump(b, 'SELECT kind, count(*) AS n FROM document GROUP BY kind') as { kind: string; n: number }[]).map((k) => [k.kind, k.n]),
    );
    expect(Object.keys(kinds).sort()).toEqual(['adjustment', 'credit_note', 'fee', 'invoice', 'payment', 'reversal', 'write_off']);
    expect(kinds.invoice).toBeGreaterThan(2500);
    // Invoices span 18 months and number in date order.
    const span = dump(b, "SELECT min(doc_date) AS lo, max(doc_date) AS hi FROM document WHERE kind = 'invoice'")[0] as { lo: string; hi: string };
    expect(span.lo).toBe('2023-12-30');
    expect(span.hi <= '2025-06-30' && span.hi >= '2025-06-20').toBe(true);
    // Accounts across states and time zones, the zone derived from the state; phones mostly local.
    const accts = dump(
      b,
      'SELECT a.kind, a.time_zone, a.billing_address, c.phones FROM account a JOIN account_contact c ON c.account_id = a.id AND c.is_primary = 1',
    ) as { kind: string; time_zone: string; billing_address: string; phones: string }[];
    const zones = new Set(accts.map((a) => a.time_zone));
    expect(zones.size).toBeGreaterThanOrEqual(4);
    let local = 0;
    for (const a of accts) {
      const state = JSON.parse(a.billing_address).state as string;
      expect(a.time_zone).toBe(usStateTimeZones[state]);
      const area = /^\((\d{3})\)/.exec(JSON.parse(a.phones)[0].number)![1]!;
      if (places.some(([p]) => p.state === state && p.areaCodes.includes(area))) local++;
    }
    expect(local / accts.length).toBeGreaterThan(0.75);
    expect(accts.filter((a) => a.kind === 'commercial').length).toBeGreaterThan(15);
    const terms = new Set((dump(b, "SELECT DISTINCT terms FROM document WHERE kind = 'invoice'") as { terms: string }[]).map((t) => t.terms));
    expect([...terms].sort()).toEqual(['2/10 Net 30', 'Due on receipt', 'Net 15', 'Net 30']);
    expect((dump(b, "SELECT count(*) AS n FROM invoice_line WHERE item_code = '99213'")[0] as { n: number }).n).toBeGreaterThan(50);
  }, 120_000);

  it('`demo` creates a store with the demo company and data, and refuses a store that has accounts', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'demo.ldk');
    const keyFile = path.join(dir, 'demo.key');
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    const code = await runCli(
      ['demo', '--size', 'medium', '--accounts', '30', '--store', store, '--key-file', keyFile, '--seed', '3', '--as-of', '2025-01-31', '--verify'],
      out,
    );
    expect(code, lines.join('\n')).toBe(0);
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(lines.join('\n')).toMatch(/Created "Riverside Medical Billing"/);
    expect(lines.join('\n')).toMatch(/demo medium \(bulk\): 30 accounts, \d+ invoices/);
    expect(lines.join('\n')).toMatch(/ok +account balances: 30 accounts/);
    const err = console.error;
    console.error = () => undefined;
    try {
      expect(await runCli(['demo', '--size', 'small', '--store', store, '--key-file', keyFile], out)).toBe(2);
    } finally {
      console.error = err;
    }
  }, 120_000);
});
