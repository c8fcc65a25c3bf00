import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { anchorMacKey, fitAnchor, parseAnchor } from '../../src-main/backend/db/anchor';
import { auditHash } from '../../src-main/backend/services/audit';
import { verifyStore } from '../../src-main/backend/verify';
import { runCli } from '../../src-main/cli';
import { testBackend, withCompany } from '../support/store';

type Row = Parameters<typeof auditHash>[0] & { hash: string };

async function backendWithHistory() {
  const b = testBackend();
  const admin = await withCompany(b);
  for (const u of ['a1', 'a2', 'a3']) await b.call(admin, 'users.create', { username: u, displayName: u.toUpperCase(), role: 'clerk', password: 'password-1' });
  await b.call(admin, 'settings.update', { idleLockMinutes: 30 });
  return Object.assign(b, { anchorFile: `${b.storePath}.anchor.json` });
}

/** A careful tamperer holding the key: lifts the append-only triggers, changes rows, puts the triggers back. */
function tamper(sqlite: Sqlite.Database, change: () => void) {
  const guards = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'`).all() as { name: string; sql: string }[];
  expect(guards.length).toBeGreaterThan(0);
  for (const g of guards) sqlite.exec(`DROP TRIGGER ${g.name}`);
  change();
  for (const g of guards) sqlite.exec(g.sql);
}

/** Rewrites every hash from `fromSeq` on, so the chain itself holds again. */
function rechain(sqlite: Sqlite.Database, fromSeq: number) {
  const rows = sqlite.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(fromSeq) as Row[];
  let prev = (sqlite.prepare('SELECT hash FROM audit WHERE seq = ?').get(fromSeq - 1) as { hash: string } | undefined)?.hash ?? '0'.repeat(64);
  for (const r of rows) {
    const hash = auditHash({ ...r, prev_hash: prev });
    sqlite.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

async function check(b: Awaited<ReturnType<typeof backendWithHistory>>, name: string) {
  const report = await verifyStore(b);
  const c = report.checks.find((x) => x.name === name);
  return { ok: report.ok, check: c, failed: report.checks.filter((x) => !x.ok).map((x) => x.name) };
}

describe('the audit chain is anchored outside the store', () => {
  it('keeps an anchor beside the store that verify accepts', async () => {
    const b = await backendWithHistory();
    expect(fs.existsSync(b.anchorFile)).toBe(true);
    const r = await check(b, 'audit anchor');
    expect(r.failed).toEqual([]);
    expect(r.check).toMatchObject({ ok: true, detail: expect.stringMatching(/^\d+ records anchored/) });
  });

  it('catches the last record deleted (the chain itself still holds)', async () => {
    const b = await backendWithHistory();
    const s = b.ctx.store.sqlite;
    tamper(s, () => s.prepare('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)').run());
    expect(b.services.audit.verify().ok).toBe(true); // what verify relied on before
    const r = await check(b, 'audit anchor');
    expect(r.failed).toEqual(['audit anchor']);
    expect(r.check?.detail).toMatch(/removed/);
  });

  it('catches a record edited and the chain recomputed after it', async () => {
    const b = await backendWithHistory();
    const s = b.ctx.store.sqlite;
    tamper(s, () => {
      s.prepare(`UPDATE audit SET after_json = '{"role":"administrator"}' WHERE seq = 3`).run();
      rechain(s, 3);
    });
    expect(b.services.audit.verify().ok).toBe(true);
    const r = await check(b, 'audit anchor');
    expect(r.failed).toEqual(['audit anchor']);
    expect(r.check?.detail).toMatch(/rewritten/);
  });

  it('fails when the append-only triggers are dropped or replaced by harmless ones', async () => {
    const b = await backendWithHistory();
    const s = b.ctx.store.sqlite;
    s.exec('DROP TRIGGER audit_no_delete');
    let r = await check(b, 'audit guards');
    expect(r.failed).toEqual(['audit guards']);
    expect(r.check?.problems?.join(' ')).toMatch(/audit_no_delete.*missing/);
    s.exec(`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END`);
    r = await check(b, 'audit guards');
    expect(r.failed).toEqual(['audit guards']);
    expect(r.check?.problems?.join(' ')).toMatch(/audit_no_delete.*changed/);
  });

  it('an anchor behind the chain (a crash between commit and anchor write) passes, saying so, and the next open catches up', async () => {
    const b = await backendWithHistory();
    const old = fs.readFileSync(b.anchorFile);
    await b.call('admin-session', 'settings.update', { idleLockMinutes: 20 });
    fs.writeFileSync(b.anchorFile, old);
    const r = await check(b, 'audit anchor');
    expect(r.failed).toEqual([]);
    expect(r.check?.detail).toMatch(/1 record written after the anchor/);
    await b.close();
    const again = testBackend({ storePath: b.storePath, key: b.key });
    const after = (await verifyStore(again)).checks.find((c) => c.name === 'audit anchor');
    expect(after).toMatchObject({ ok: true, detail: expect.not.stringMatching(/after the anchor/) });
  });

  it('a slot torn by a crash mid-write leaves the other slot, an earlier anchor, which still checks the chain', async () => {
    const b = await backendWithHistory();
    const bytes = fs.readFileSync(b.anchorFile);
    expect(bytes.length).toBe(1024);
    const newest = bytes
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { count: number }).count);
    const tornSlot = newest[0]! >= newest[1]! ? 0 : 1; // spoil the newer one
    bytes.fill(0x7b, tornSlot * 512 + 40, tornSlot * 512 + 300);
    fs.writeFileSync(b.anchorFile, bytes);
    const r = await check(b, 'audit anchor');
    expect(r.failed).toEqual([]);
    expect(r.check?.detail).toMatch(/records anchored/);
  });

  it('a signed anchor carried elsewhere (as a backup will) checks the chain later: behind is fine, a cut end is not', async () => {
    const b = await backendWithHistory();
    const carried = b.ctx.store.anchor!.forBackup();
    await b.call('admin-session', 'settings.update', { idleLockMinutes: 25 });
    const parsed = parseAnchor(JSON.stringify(carried), anchorMacKey(b.key));
    expect(parsed.kind).toBe('valid');
    expect(fitAnchor(b.ctx.store.sqlite, carried)).toEqual({ kind: 'behind', newer: 1 });
    const s = b.ctx.store.sqlite;
    tamper(s, () => s.prepare('DELETE FROM audit WHERE seq >= ?').run(carried.count));
    expect(fitAnchor(s, carried).kind).toBe('removed');
    expect(parseAnchor(JSON.stringify({ ...carried, count: carried.count + 1 }), anchorMacKey(b.key)).kind).toBe('forged');
  });

  it('an anchor not made with the store key (forged or damaged) fails', async () => {
    const b = await backendWithHistory();
    const anchor = JSON.parse(fs.readFileSync(b.anchorFile, 'utf8').split('\n')[0]!) as { count: number };
    fs.writeFileSync(b.anchorFile, JSON.stringify({ ...anchor, count: anchor.count - 1 }));
    const r = await check(b, 'audit anchor');
    expect(r.failed).toEqual(['audit anchor']);
    expect(r.check?.detail).toMatch(/not made with this store's key/);
    fs.writeFileSync(b.anchorFile, '{"trunc');
    expect((await check(b, 'audit anchor')).check?.detail).toMatch(/cannot be read/);
  });

  it('keeps the evidence: work after tampering does not move a contradicted anchor', async () => {
    const b = await backendWithHistory();
    const s = b.ctx.store.sqlite;
    tamper(s, () => s.prepare('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)').run());
    await b.close();
    const again = testBackend({ storePath: b.storePath, key: b.key });
    expect((await again.call('s2', 'auth.signIn', { username: 'admin', password: 'correct horse' })).ok).toBe(true);
    const r = (await verifyStore(again)).checks.find((c) => c.name === 'audit anchor');
    expect(r).toMatchObject({ ok: false, detail: expect.stringMatching(/rewritten|removed/) });
  });

  it('a missing anchor fails verify; `reanchor` (after checking the chain) anchors the chain as it is', async () => {
    const b = await backendWithHistory();
    await b.close();
    fs.rmSync(b.anchorFile);
    const keyFile = path.join(path.dirname(b.storePath), 'store.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await runCli(['verify', '--store', b.storePath, '--key-file', keyFile], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/FAIL\s+audit anchor: .*missing/);
    // Opening the store for work does not quietly anchor it again.
    await testBackend({ storePath: b.storePath, key: b.key }).close();
    expect(fs.existsSync(b.anchorFile)).toBe(false);
    lines.length = 0;
    expect(await runCli(['reanchor', '--store', b.storePath, '--key-file', keyFile], out)).toBe(0);
    expect(lines.join('\n')).toMatch(/anchored \d+ audit records/);
    lines.length = 0;
    expect(await runCli(['verify', '--store', b.storePath, '--key-file', keyFile], out)).toBe(0);
  });

  it('`reanchor` refuses a chain that does not hold', async () => {
    const b = await backendWithHistory();
    const s = b.ctx.store.sqlite;
    tamper(s, () => s.prepare(`UPDATE audit SET username = 'someone-else' WHERE seq = 2`).run());
    await b.close();
    fs.rmSync(b.anchorFile);
    const keyFile = path.join(path.dirname(b.storePath), 'store.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    const lines: string[] = [];
    expect(await runCli(['reanchor', '--store', b.storePath, '--key-file', keyFile], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/chain does not hold/);
    expect(fs.existsSync(b.anchorFile)).toBe(false);
  });
});
