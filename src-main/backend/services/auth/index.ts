import { defaultCompanySettings } from '@shared/domain/settings';
import type { Role, SessionInfo } from '@shared/domain/users';
import type { Actor, ServiceContext } from '../../context';
import { conflict, DomainError } from '../../errors';
import { appendAudit } from '../audit';
import { writeSetting, type SettingsService } from '../settings';
import type { UserRow, UsersService } from '../users';
import { dummyHash, hashPassword, verifyPassword } from '../users/passwords';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

/** One signed-in window (Electron: a webContents; e2e: a page). */
export interface Session {
  userId: number;
  lastActivity: number;
  locked: boolean;
}

export function createAuthService(ctx: ServiceContext, users: UsersService, settings: SettingsService) {
  const sessions = new Map<string, Session>();
  const actorOf = (u: UserRow): Actor => ({ userId: u.id, username: u.username });

  async function sessionInfo(user: UserRow): Promise<SessionInfo> {
    const company = await settings.requireCompany();
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      companyName: company.companyName,
      idleLockMinutes: company.idleLockMinutes,
    };
  }

  async function recordFailure(user: UserRow | undefined, username: string, reason: string): Promise<void> {
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      if (user) {
        const attempts = user.failed_attempts + 1;
        const lock = attempts >= MAX_FAILED_ATTEMPTS;
        await trx
          .updateTable('app_user')
          .set({
            failed_attempts: lock ? 0 : attempts,
            locked_until: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : user.locked_until,
          })
          .where('id', '=', user.id)
          .execute();
        await appendAudit(
          trx,
          ctx.clock,
          { userId: null, username },
          { action: lock ? 'auth.lockout' : 'auth.signInFailed', entity: 'user', entityId: user.id, after: { reason, attempts } },
        );
      } else {
        await appendAudit(trx, ctx.clock, { userId: null, username }, { action: 'auth.signInFailed', entity: 'user', after: { reason } });
      }
    });
  }

  /** Checks a password for a user, applying lockout; returns the user on success. */
  async function authenticate(username: string, password: string): Promise<UserRow> {
    const user = await users.byUsername(username);
    const now = ctx.clock.now();
    if (user?.locked_until && new Date(user.locked_until) > now) {
      const minutes = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
      await recordFailure(undefined, username, 'locked');
      throw new DomainError(
        'ACCOUNT_LOCKED',
        `Too many failed attempts. This user is locked; try again in ${minutes} minute${minutes === 1 ? '' : 's'} or ask an administrator to reset the password.`,
        { lockedUntil: user.locked_until },
      );
    }
    const good = await verifyPassword(password, user?.password_hash ?? dummyHash);
    if (!user || !good) {
      await recordFailure(user, username, user ? 'wrong password' : 'unknown user');
      throw new DomainError('BAD_CREDENTIALS', 'The user name or password is not correct.');
    }
    if (user.active !== 1) {
      await recordFailure(undefined, username, 'deactivated');
      throw new DomainError('BAD_CREDENTIALS', 'This user has been deactivated. Ask an administrator.');
    }
    return user;
  }

  return {
    sessions,

    async createCompany(
      sessionId: string,
      input: { companyName: string; timeZone: string; username: string; displayName: string; password: string },
    ): Promise<SessionInfo> {
      const passwordHash = await hashPassword(input.password);
      const admin = await ctx.db.transaction().execute(async (trx) => {
        if ((await users.count(trx)) > 0 || (await settings.company(trx))) throw conflict('The company has already been created; sign in instead.');
        const company = { ...defaultCompanySettings, companyName: input.companyName, timeZone: input.timeZone };
        await writeSetting(trx, 'company', company);
        const now = ctx.clock.now().toISOString();
        const row = await trx
          .insertInto('app_user')
          .values({
            username: input.username,
            display_name: input.displayName,
            role: 'administrator',
            password_hash: passwordHash,
            active: 1,
            failed_attempts: 0,
            locked_until: null,
            last_sign_in_at: now,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const actor = actorOf(row);
        await appendAudit(trx, ctx.clock, actor, { action: 'company.create', entity: 'setting', entityId: 'company', after: company });
        await appendAudit(trx, ctx.clock, actor, {
          action: 'user.create',
          entity: 'user',
          entityId: row.id,
          after: { username: row.username, displayName: row.display_name, role: row.role },
        });
        return row;
      });
      sessions.set(sessionId, { userId: admin.id, lastActivity: ctx.clock.now().getTime(), locked: false });
      return sessionInfo(admin);
    },

    async signIn(sessionId: string, username: string, password: string): Promise<SessionInfo> {
      const user = await authenticate(username, password);
      const now = ctx.clock.now();
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now.toISOString() })
          .where('id', '=', user.id)
          .execute();
        await appendAudit(trx, ctx.clock, actorOf(user), { action: 'auth.signIn', entity: 'user', entityId: user.id });
      });
      sessions.set(sessionId, { userId: user.id, lastActivity: now.getTime(), locked: false });
      return sessionInfo(user);
    },

    async signOut(sessionId: string, actor: Actor): Promise<void> {
      if (!sessions.delete(sessionId)) return;
      await ctx.db.transaction().execute((trx) => appendAudit(trx, ctx.clock, actor, { action: 'auth.signOut', entity: 'user', entityId: actor.userId }));
    },

    lock(sessionId: string): void {
      const s = sessions.get(sessionId);
      if (s) s.locked = true;
    },

    /** Re-enter the password after an idle lock; failures count towards lockout like sign-in. */
    async unlock(sessionId: string, password: string): Promise<SessionInfo> {
      const s = sessions.get(sessionId);
      if (!s) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      const user = await users.byId(s.userId);
      const checked = await authenticate(user.username, password);
      s.locked = false;
      s.lastActivity = ctx.clock.now().getTime();
      await ctx.db
        .transaction()
        .execute((trx) => appendAudit(trx, ctx.clock, actorOf(checked), { action: 'auth.unlock', entity: 'user', entityId: checked.id }));
      return sessionInfo(checked);
    },

    async changePassword(actor: Actor, current: string, next: string): Promise<void> {
      const user = await users.byId(actor.userId ?? -1);
      await authenticate(user.username, current);
      const passwordHash = await hashPassword(next);
      await ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ password_hash: passwordHash, updated_at: ctx.clock.now().toISOString() }).where('id', '=', user.id).execute();
        await appendAudit(trx, ctx.clock, actor, { action: 'user.changePassword', entity: 'user', entityId: user.id });
      });
    },

    /**
     * The gate of every non-public call: the session exists, its user is still active, idle time has
     * not run out. Returns the fresh user row, so a role change applies on the next call.
     */
    async check(sessionId: string, opts: { allowLocked: boolean }): Promise<{ user: UserRow; session: Session }> {
      const s = sessions.get(sessionId);
      if (!s) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      const user = await users.byId(s.userId).catch(() => undefined);
      if (user?.active !== 1) {
        sessions.delete(sessionId);
        throw new DomainError('UNAUTHENTICATED', 'Your user was deactivated; sign in again.');
      }
      const now = ctx.clock.now().getTime();
      const company = await settings.requireCompany();
      if (!s.locked && now - s.lastActivity > company.idleLockMinutes * 60_000) s.locked = true;
      if (s.locked && !opts.allowLocked) throw new DomainError('SESSION_LOCKED', 'The session locked after idle time. Enter your password to continue.');
      if (!s.locked) s.lastActivity = now;
      return { user, session: s };
    },

    info: sessionInfo,
    roleOf: (u: UserRow): Role => u.role,
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
