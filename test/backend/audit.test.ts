import { describe, expect, it } from 'vitest';
import { auditHash } from '../../src-main/backend/services/audit';
import { verifyStore } from '../../src-main/backend/verify';
import { testBackend, withCompany } from '../support/store';

async function backendWithHistory() {
  const b = testBackend();
  const admin = await withCompany(b);
  for (const u of ['a1', 'a2', 'a3']) await b.call(admin, 'users.create', { username: u, displayName: u.toUpperCase(), role: 'clerk', password: 'password-1' });
  await b.call(admin, 'settings.update', { idleLockMinutes: 30 });
  return b;
}

/** A tamperer with the key can drop the append-only triggers; the chain must still tell. */
function dropGuards(b: ReturnType<typeof testBackend>) {
  b.ctx.store.sqlite.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
}

describe('the audit log', () => {
  it('records every change with who, before and after, and the chain verifies', async () => {
    const b = await backendWithHistory();
    const records = await b.services.audit.list({ limit: 100 });
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(['company.create', 'user.create', 'settings.update']));
    const settings = records.find((r) => r.action === 'settings.update')!;
    expect(settings).toMatchObject({ username: 'admin', before: { idleLockMinutes: 15 }, after: { idleLockMinutes: 30 } });
    expect(JSON.stringify(records)).not.toMatch(/scrypt\$/);
    expect(b.services.audit.verify()).toMatchObject({ ok: true, problems: [] });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('is append-only in the store itself', async () => {
    const b = await backendWithHistory();
    expect(() => b.ctx.store.sqlite.prepare(`UPDATE audit SET action = 'x' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => b.ctx.store.sqlite.prepare(`DELETE FROM audit WHERE seq = 1`).run()).toThrow(/append-only/);
  });

  it('detects an edited record', async () => {
    const b = await backendWithHistory();
    dropGuards(b);
    b.ctx.store.sqlite.prepare(`UPDATE audit SET after_json = '{"role":"administrator"}' WHERE seq = 3`).run();
    const report = b.services.audit.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ seq: 3, problem: expect.stringMatching(/edited/) });
  });

  it('detects an edited record whose hash was recomputed (the next link breaks)', async () => {
    const b = await backendWithHistory();
    dropGuards(b);
    const row = b.ctx.store.sqlite.prepare('SELECT * FROM audit WHERE seq = 3').get() as Parameters<typeof auditHash>[0] & { hash: string };
    const forged = { ...row, username: 'someone-else' };
    b.ctx.store.sqlite.prepare('UPDATE audit SET username = ?, hash = ? WHERE seq = 3').run(forged.username, auditHash(forged));
    const report = b.services.audit.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ seq: 4, problem: expect.stringMatching(/does not link/) });
  });

  it('detects a removed record', async () => {
    const b = await backendWithHistory();
    dropGuards(b);
    b.ctx.store.sqlite.prepare('DELETE FROM audit WHERE seq = 2').run();
    const report = b.services.audit.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.problem).join(' ')).toMatch(/missing/);
  });

  it('detects reordered records', async () => {
    const b = await backendWithHistory();
    dropGuards(b);
    const s = b.ctx.store.sqlite;
    s.transaction(() => {
      s.prepare('UPDATE audit SET seq = -1 WHERE seq = 2').run();
      s.prepare('UPDATE audit SET seq = 2 WHERE seq = 3').run();
      s.prepare('UPDATE audit SET seq = 3 WHERE seq = -1').run();
    })();
    const report = b.services.audit.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => /does not link|edited/.test(p.problem))).toBe(true);
  });

  it('a failed change writes neither the change nor its audit record', async () => {
    const b = await backendWithHistory();
    const before = b.services.audit.verify().records;
    const r = await b.call('admin-session', 'users.setActive', { userId: 1, active: false }); // refused: last administrator
    expect(r.ok).toBe(false);
    expect(b.services.audit.verify().records).toBe(before);
  });
});
