import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../src-shared/ipc/contract';
import { DEFAULT_MAX_TEXT } from '../../src-shared/ipc/endpoint';
import { USERNAME_MAX } from '../../src-shared/domain/users';
import { rawInputProblem } from '../../src-main/backend/boundary';
import { appendAudit } from '../../src-main/backend/services/audit';
import { verifyStore } from '../../src-main/backend/verify';
import type { Backend } from '../../src-main/backend';
import { testBackend, withCompany } from '../support/store';

const auditCount = (b: Backend) => (b.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

async function refused(b: Backend, session: string, channel: string, input: unknown) {
  const r = await b.dispatch(session, channel, input);
  expect(r.ok, `${channel} should be refused`).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.code).toBe('VALIDATION');
  return r.error;
}

describe('hole 1: ill-formed Unicode cannot break the audit chain', () => {
  it('a sign-in attempt with a lone surrogate in the user name is refused and the chain still verifies', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const err = await refused(b, 'anyone', 'auth.signIn', { username: 'x\uD800y', password: 'whatever-it-is' });
    expect(err.message).toMatch(/^username: .*Unicode/);
    const report = await b.call(admin, 'audit.verify', undefined);
    expect(report).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
  });

  it('the audit hash covers the text as stored, even when a record is appended with ill-formed text', async () => {
    const b = testBackend();
    await withCompany(b);
    await b.ctx.db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          b.ctx.clock,
          { userId: null, username: 'x\uD800y\uDC00z' },
          { action: 'auth.signInFailed', entity: 'user\uDFFF', entityId: 'id\uD801', after: { reason: 'r\uD800' } },
        ),
      );
    expect(b.services.audit.verify()).toMatchObject({ ok: true, problems: [] });
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('refuses ill-formed Unicode and control characters in every string, nested ones and record keys included, naming the field', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const before = auditCount(b);
    const account = { accountNumber: 'A-1', name: 'Acme', kind: 'commercial' as const };
    expect((await refused(b, admin, 'accounts.create', { ...account, name: 'Ac\u0000me' })).message).toMatch(/^name: /);
    expect((await refused(b, admin, 'accounts.create', { ...account, notes: 'bell \u0007' })).message).toMatch(/^notes: /);
    expect((await refused(b, admin, 'accounts.create', { ...account, contacts: [{ name: 'Bo\uDC00b' }] })).message).toMatch(/^contacts\.0\.name: /);
    expect((await refused(b, admin, 'users.create', { username: 'ada2', displayName: 'Ada\u0000', role: 'clerk', password: 'password-123' })).message).toMatch(
      /^displayName: /,
    );
    expect((await refused(b, admin, 'settings.update', { companyName: 'Co\u001b[31m' })).message).toMatch(/^companyName: /);
    const file = Buffer.from('account_number,name\n').toString('base64');
    const mapping = { 'na\u0000me': 'name' };
    expect((await refused(b, admin, 'imports.preview', { kind: 'accounts', fileName: 'a.csv', contentBase64: file, mapping })).message).toMatch(/^mapping/);
    expect(auditCount(b)).toBe(before);
    // Tab, newline and carriage return are ordinary text.
    const ok = await b.call(admin, 'accounts.create', { ...account, notes: 'line 1\r\n\tline 2' });
    expect(ok.ok).toBe(true);
  });
});

describe('hole 10: text is bounded at the boundary, before sign-in too', () => {
  it('a 1 MB user name is refused before anything is written', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const before = auditCount(b);
    const sizeBefore = fs.statSync(b.storePath).size + (fs.existsSync(`${b.storePath}-wal`) ? fs.statSync(`${b.storePath}-wal`).size : 0);
    for (let i = 0; i < 20; i++) await refused(b, `s${i}`, 'auth.signIn', { username: 'u'.repeat(1_000_000), password: 'x' });
    await refused(b, 'anyone', 'auth.signIn', { username: 'admin', password: 'p'.repeat(1_000_000) });
    expect(auditCount(b)).toBe(before);
    const sizeAfter = fs.statSync(b.storePath).size + (fs.existsSync(`${b.storePath}-wal`) ? fs.statSync(`${b.storePath}-wal`).size : 0);
    expect(sizeAfter - sizeBefore).toBeLessThan(64 * 1024);
    expect((await b.call(admin, 'audit.verify', undefined)).ok).toBe(true);
  });

  it('no sign-in attempt, failed or refused, leaves a user name longer than a user name can be in the audit log', async () => {
    const b = testBackend();
    await withCompany(b);
    for (const username of ['n'.repeat(41), 'n'.repeat(1000), 'nobody']) await b.dispatch('anyone', 'auth.signIn', { username, password: 'not the password' });
    const longest = b.ctx.store.sqlite.prepare('SELECT max(length(username)) AS n FROM audit').get() as { n: number };
    expect(longest.n).toBeLessThanOrEqual(USERNAME_MAX);
  });

  it('dispatch refuses any string beyond its cap before the schema runs; import files have their own, larger cap', async () => {
    // The backstop itself: whatever a schema forgets, no string over the cap, no deep nesting, no bad key.
    expect(rawInputProblem({ a: [{ b: 'x'.repeat(DEFAULT_MAX_TEXT + 1) }] }, DEFAULT_MAX_TEXT)).toEqual({
      path: 'a.0.b',
      message: expect.stringMatching(/too long/),
    });
    expect(rawInputProblem({ a: 'x'.repeat(DEFAULT_MAX_TEXT) }, DEFAULT_MAX_TEXT)).toBeNull();
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(rawInputProblem({ deep }, DEFAULT_MAX_TEXT)?.message).toMatch(/nested too deeply/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(rawInputProblem(cyclic, DEFAULT_MAX_TEXT)?.message).toMatch(/nested too deeply/);
    expect(rawInputProblem({ ['k'.repeat(DEFAULT_MAX_TEXT + 1)]: 1 }, DEFAULT_MAX_TEXT)).toEqual({ path: 'input', message: 'has a key that is too long' });

    const b = testBackend();
    const admin = await withCompany(b);
    const err = await refused(b, admin, 'accounts.search', { query: 'q'.repeat(200_000) });
    expect(err.message).toMatch(/^query: is too long/);
    // Import file contents travel as base64 and are limited by their own schema (25 MB), not the text cap.
    const csv = `account_number,name,kind\n${Array.from({ length: 3000 }, (_, i) => `N-${i},Name ${i},consumer`).join('\n')}\n`;
    const contentBase64 = Buffer.from(csv).toString('base64');
    expect(contentBase64.length).toBeGreaterThan(DEFAULT_MAX_TEXT);
    const big = await b.call(admin, 'imports.preview', { kind: 'accounts', fileName: 'a.csv', contentBase64 });
    expect(big.ok).toBe(true);
    // ...but the other strings of an import are held to the text rules.
    expect((await refused(b, admin, 'imports.preview', { kind: 'accounts', fileName: 'a\u0000.csv', contentBase64 })).message).toMatch(/^fileName: /);
  });

  it('every string in every endpoint input has a maximum length in the contract', () => {
    const unbounded: string[] = [];
    for (const [channel, ep] of Object.entries(contract)) walkStrings(ep.input, channel, unbounded);
    expect(unbounded).toEqual([]);
  });
});

/** Collects the paths of string schemas without a maximum length (for pipes, the input side counts). */
function walkStrings(schema: z.core.$ZodType, path: string, out: string[], seen = new Set<unknown>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def;
  switch (def.type) {
    case 'string': {
      const max = (schema as z.ZodString).maxLength;
      if (max === null || max === undefined) out.push(path);
      return;
    }
    case 'object':
      for (const [k, v] of Object.entries((def as z.core.$ZodObjectDef).shape)) walkStrings(v, `${path}.${k}`, out, seen);
      return;
    case 'array':
      walkStrings((def as z.core.$ZodArrayDef).element, `${path}[]`, out, seen);
      return;
    case 'record': {
      const d = def as z.core.$ZodRecordDef;
      walkStrings(d.keyType, `${path}{key}`, out, seen);
      walkStrings(d.valueType, `${path}{value}`, out, seen);
      return;
    }
    case 'union':
      for (const o of (def as z.core.$ZodUnionDef).options) walkStrings(o, path, out, seen);
      return;
    case 'pipe':
      walkStrings((def as z.core.$ZodPipeDef).in, path, out, seen);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walkStrings((def as unknown as { innerType: z.core.$ZodType }).innerType, path, out, seen);
      return;
    default:
      return;
  }
}
