import { describe, expect, it } from 'vitest';
import { must } from '../kit';
import { fixedClock, testBackend, withCompany } from '../support/store';

describe('users and sign-in', () => {
  it('first run creates the company and its administrator once', async () => {
    const b = testBackend();
    expect((await b.call('s', 'app.status', undefined)).ok && (await b.call('s', 'app.status', undefined))).toMatchObject({
      value: { hasCompany: false, session: null },
    });
    await withCompany(b, 's');
    const st = await b.call('s', 'app.status', undefined);
    expect(st).toMatchObject({ ok: true, value: { hasCompany: true, companyName: 'Test Billing Co', session: { username: 'admin', role: 'administrator' } } });
    const again = await b.call('x', 'app.createCompany', {
      companyName: 'Other',
      timeZone: 'America/New_York',
      username: 'evil',
      displayName: 'E',
      password: 'password-1',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('stores salted scrypt hashes, never the password', async () => {
    const b = testBackend();
    await withCompany(b);
    await b.call('admin-session', 'users.create', { username: 'c1', displayName: 'C One', role: 'clerk', password: 'same-password' });
    await b.call('admin-session', 'users.create', { username: 'c2', displayName: 'C Two', role: 'clerk', password: 'same-password' });
    const rows = b.ctx.store.sqlite.prepare(`SELECT password_hash FROM app_user WHERE username IN ('c1','c2')`).all() as { password_hash: string }[];
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
    expect(rows.some((r) => r.password_hash.includes('same-password'))).toBe(false);
  });

  it('signs in, refuses a wrong password, and locks the user for 5 minutes after 5 failures', async () => {
    const clock = fixedClock('2026-03-02T15:00:00Z');
    const b = testBackend({ clock });
    await withCompany(b);
    await b.call('admin-session', 'users.create', { username: 'casey', displayName: 'Casey', role: 'clerk', password: 'clerk-pass-1' });
    for (let i = 1; i <= 4; i++) {
      expect(await b.call('w', 'auth.signIn', { username: 'casey', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    expect(await b.call('w', 'auth.signIn', { username: 'casey', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    // Locked now: even the right password is refused, and the message says for how long.
    const locked = await b.call('w', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/try again in 5 minutes/) } });
    clock.advance(4 * 60_000);
    expect(await b.call('w', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    clock.advance(61_000);
    expect(await b.call('w', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' })).toMatchObject({
      ok: true,
      value: { username: 'casey', role: 'clerk' },
    });
    const actions = (await b.services.audit.list({ limit: 50 })).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.signInFailed').length).toBeGreaterThanOrEqual(4);
    expect(actions).toContain('auth.lockout');
    expect(actions).toContain('auth.signIn');
  });

  it('an unknown user name fails the same way and is audited', async () => {
    const b = testBackend();
    await withCompany(b);
    expect(await b.call('w', 'auth.signIn', { username: 'nobody', password: 'whatever-1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: 'The user name or password is not correct.' },
    });
    const last = (await b.services.audit.list({ limit: 1 }))[0];
    expect(last).toMatchObject({ action: 'auth.signInFailed', username: 'nobody' });
  });

  it('locks an idle session; unlock needs the password; sign-out ends it', async () => {
    const clock = fixedClock('2026-03-02T15:00:00Z');
    const b = testBackend({ clock });
    const s = await withCompany(b);
    expect((await b.call(s, 'users.list', undefined)).ok).toBe(true);
    clock.advance(16 * 60_000); // default idle lock is 15 minutes
    expect(await b.call(s, 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await b.call(s, 'app.status', undefined)).toMatchObject({ ok: true, value: { locked: true } });
    expect(await b.call(s, 'auth.unlock', { password: 'wrong-one' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await b.call(s, 'auth.unlock', { password: 'correct horse' })).toMatchObject({ ok: true });
    expect((await b.call(s, 'users.list', undefined)).ok).toBe(true);
    await b.call(s, 'auth.signOut', undefined);
    expect(await b.call(s, 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('the idle time comes from settings', async () => {
    const clock = fixedClock('2026-03-02T15:00:00Z');
    const b = testBackend({ clock });
    const s = await withCompany(b);
    expect(await b.call(s, 'settings.update', { idleLockMinutes: 2 })).toMatchObject({ ok: true, value: { idleLockMinutes: 2 } });
    clock.advance(119_000);
    expect((await b.call(s, 'users.list', undefined)).ok).toBe(true);
    clock.advance(121_000);
    expect(await b.call(s, 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await b.call(s, 'settings.update', { idleLockMinutes: 0 })).toMatchObject({ ok: false });
  });

  it('enforces roles in main for every endpoint', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    await b.call(admin, 'users.create', { username: 'casey', displayName: 'Casey', role: 'clerk', password: 'clerk-pass-1' });
    await b.call(admin, 'users.create', { username: 'sam', displayName: 'Sam', role: 'supervisor', password: 'super-pass-1' });
    await b.call('c', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' });
    await b.call('s', 'auth.signIn', { username: 'sam', password: 'super-pass-1' });
    expect(await b.call('c', 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await b.call('s', 'users.list', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await b.call('c', 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await b.call('s', 'audit.list', {})).ok).toBe(true);
    expect(await b.call('s', 'settings.update', { idleLockMinutes: 5 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await b.call('c', 'settings.get', undefined)).ok).toBe(true);
    expect(await b.call('nobody', 'settings.get', undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await b.dispatch('c', 'users.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('a role change applies on the next call; a deactivated user is signed out and cannot sign in', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const created = await must(b, admin, 'users.create', { username: 'casey', displayName: 'Casey', role: 'clerk', password: 'clerk-pass-1' });
    await b.call('c', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' });
    expect((await b.call('c', 'audit.list', {})).ok).toBe(false);
    await b.call(admin, 'users.update', { userId: created.id, role: 'supervisor' });
    expect((await b.call('c', 'audit.list', {})).ok).toBe(true);
    await b.call(admin, 'users.setActive', { userId: created.id, active: false });
    expect(await b.call('c', 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await b.call('c2', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: expect.stringMatching(/deactivated/) },
    });
  });

  it('never removes the last administrator, and users cannot be deleted', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    expect(await b.call(admin, 'users.setActive', { userId: 1, active: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await b.call(admin, 'users.update', { userId: 1, role: 'clerk' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await b.call(admin, 'users.create', { username: 'ADMIN', displayName: 'dup', role: 'clerk', password: 'password-1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(Object.keys(await import('@shared/ipc/contract').then((m) => m.contract)).some((c) => c.startsWith('users.') && /delete|remove/i.test(c))).toBe(
      false,
    );
  });

  it('validates input with the contract and says which field is wrong', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const r = await b.dispatch(admin, 'users.create', { username: 'x', displayName: '', role: 'owner', password: 'short' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    const fields = (r.error.details as { path: string }[]).map((d) => d.path).sort();
    expect(fields).toEqual(['displayName', 'password', 'role', 'username']);
  });

  it('resetting a password clears a lockout', async () => {
    const b = testBackend();
    const admin = await withCompany(b);
    const created = await must(b, admin, 'users.create', { username: 'casey', displayName: 'Casey', role: 'clerk', password: 'clerk-pass-1' });
    for (let i = 0; i < 5; i++) await b.call('w', 'auth.signIn', { username: 'casey', password: 'nope' });
    expect(await b.call('w', 'auth.signIn', { username: 'casey', password: 'clerk-pass-1' })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    await b.call(admin, 'users.resetPassword', { userId: created.id, password: 'fresh-pass-2' });
    expect(await b.call('w', 'auth.signIn', { username: 'casey', password: 'fresh-pass-2' })).toMatchObject({ ok: true });
  });
});
