/**
 * Across the IPC boundary and into the audit log go codes, not free strings: audit actions and the
 * domains of `data.changed` are closed unions in src-shared, so a typo fails `tsc` (the
 * `@ts-expect-error` lines below are the proof: they fail the typecheck the day the type accepts any
 * string), and what the running backend writes and emits stays inside them.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, Clock, ServiceContext, Trx } from '../../src-main/backend/context';
import { appendAudit } from '../../src-main/backend/services/audit';
import { auditActions } from '../../src-shared/domain/audit';
import { dataDomains } from '../../src-shared/ipc/events';
import { testBackend, withCompany } from '../support/store';

/** Never called: the typecheck is the test. */
function typeLevel(trx: Trx, clock: Clock, actor: Actor, ctx: ServiceContext) {
  // @ts-expect-error: not an audit action (misspelt)
  void appendAudit(trx, clock, actor, { action: 'acount.update', entity: 'account' });
  // @ts-expect-error: not a data domain (misspelt)
  ctx.emit('data.changed', { domains: ['acounts'] });
  void appendAudit(trx, clock, actor, { action: 'account.update', entity: 'account' });
  ctx.emit('data.changed', { domains: ['accounts'] });
}

describe('codes across the boundary', () => {
  it('a misspelt audit action or data domain does not compile (see typeLevel)', () => {
    expect(typeLevel).toBeTypeOf('function');
  });

  it('every audit action written and every domain announced is a member of its union', async () => {
    const events: unknown[] = [];
    const b = testBackend({ onEvent: (event, payload) => events.push({ event, payload }) });
    const admin = await withCompany(b);
    const user = await b.call(admin, 'users.create', { username: 'cleo', displayName: 'Cleo', role: 'clerk', password: 'password-1' });
    expect(user.ok).toBe(true);
    await b.call(admin, 'settings.update', { idleLockMinutes: 30 });
    await b.call('nobody', 'auth.signIn', { username: 'cleo', password: 'wrong password' });
    await b.call(admin, 'accounts.create', { accountNumber: 'A-1', name: 'Acme', kind: 'commercial' });

    const actions = (await b.services.audit.list({ limit: 100 })).map((r) => r.action);
    expect(actions.length).toBeGreaterThan(4);
    for (const a of actions) expect(auditActions, a).toContain(a);
    const domains = events.flatMap((e) => ((e as { event: string }).event === 'data.changed' ? (e as { payload: { domains: string[] } }).payload.domains : []));
    expect(domains).toEqual(expect.arrayContaining(['users', 'settings', 'accounts']));
    for (const d of domains) expect(dataDomains, d).toContain(d);
  });
});
