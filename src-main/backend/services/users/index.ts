import type { Assignee, PersonName, Role, UserSummary } from '@shared/domain/users';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import type { UserTable } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { appendAudit } from '../audit';
import { hashPassword } from './passwords';
import type { Selectable } from 'kysely';

export type UserRow = Selectable<UserTable>;

export function toUserSummary(r: UserRow): UserSummary {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    active: r.active === 1,
    lockedUntil: r.locked_until,
    lastSignInAt: r.last_sign_in_at,
    createdAt: r.created_at,
  };
}

/** What the audit log records of a user: never the password hash. */
const auditView = (r: UserRow) => ({ username: r.username, displayName: r.display_name, role: r.role, active: r.active === 1 });

export function createUsersService(ctx: ServiceContext) {
  async function byId(db: Queryable, id: number): Promise<UserRow> {
    const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`User ${id}`);
    return row;
  }

  async function activeAdministrators(db: Queryable, exceptId: number): Promise<number> {
    const r = await db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'administrator')
      .where('active', '=', 1)
      .where('id', '!=', exceptId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return {
    byId: (id: number, db: Queryable = ctx.db) => byId(db, id),

    async byUsername(username: string, db: Queryable = ctx.db): Promise<UserRow | undefined> {
      return db.selectFrom('app_user').selectAll().where('username', '=', username.trim()).executeTakeFirst();
    },

    async count(db: Queryable = ctx.db): Promise<number> {
      const r = await db
        .selectFrom('app_user')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async assignees(): Promise<Assignee[]> {
      const rows = await ctx.db
        .selectFrom('app_user')
        .select(['id', 'username', 'display_name', 'role'])
        .where('active', '=', 1)
        .orderBy('display_name')
        .execute();
      return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role }));
    },

    /** users.names: every user, active or not (history names people who have left), by their display name. */
    async names(): Promise<PersonName[]> {
      const rows = await ctx.db.selectFrom('app_user').select(['username', 'display_name']).orderBy('display_name').execute();
      return rows.map((r) => ({ username: r.username, displayName: r.display_name }));
    },

    async list(): Promise<UserSummary[]> {
      const rows = await ctx.db.selectFrom('app_user').selectAll().orderBy('active', 'desc').orderBy('display_name').execute();
      return rows.map(toUserSummary);
    },

    /** Inside a caller's transaction when given one (first run creates the company and its administrator together). */
    async create(actor: Actor, input: { username: string; displayName: string; role: Role; password: string }, db?: Trx): Promise<UserSummary> {
      const passwordHash = await hashPassword(input.password);
      const run = async (trx: Trx) => {
        if (await this.byUsername(input.username, trx)) throw conflict(`The user name "${input.username}" is already taken.`, { field: 'username' });
        const now = ctx.clock.now().toISOString();
        const row = await trx
          .insertInto('app_user')
          .values({
            username: input.username,
            display_name: input.displayName,
            role: input.role,
            password_hash: passwordHash,
            active: 1,
            failed_attempts: 0,
            locked_until: null,
            last_sign_in_at: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, { action: 'user.create', entity: 'user', entityId: row.id, after: auditView(row) });
        return toUserSummary(row);
      };
      const summary = db ? await run(db) : await ctx.db.transaction().execute(run);
      ctx.emit('data.changed', { domains: ['users'] });
      return summary;
    },

    async update(actor: Actor, input: { userId: number; displayName?: string; role?: Role }): Promise<UserSummary> {
      const summary = await ctx.db.transaction().execute(async (trx) => {
        const before = await byId(trx, input.userId);
        if (input.role && input.role !== 'administrator' && before.role === 'administrator' && (await activeAdministrators(trx, before.id)) === 0) {
          throw new DomainError('CONFLICT', 'This is the only active administrator; make another user an administrator first.');
        }
        const after = await trx
          .updateTable('app_user')
          .set({ display_name: input.displayName ?? before.display_name, role: input.role ?? before.role, updated_at: ctx.clock.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: 'user.update',
          entity: 'user',
          entityId: before.id,
          before: auditView(before),
          after: auditView(after),
        });
        return toUserSummary(after);
      });
      ctx.emit('data.changed', { domains: ['users'] });
      return summary;
    },

    async resetPassword(actor: Actor, userId: number, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      await ctx.db.transaction().execute(async (trx) => {
        const user = await byId(trx, userId);
        await trx
          .updateTable('app_user')
          .set({ password_hash: passwordHash, failed_attempts: 0, locked_until: null, updated_at: ctx.clock.now().toISOString() })
          .where('id', '=', user.id)
          .execute();
        await appendAudit(trx, ctx.clock, actor, { action: 'user.resetPassword', entity: 'user', entityId: user.id });
      });
      ctx.emit('data.changed', { domains: ['users'] });
    },

    /** Users are deactivated, never deleted: their name stays on every record they made. */
    async setActive(actor: Actor, userId: number, active: boolean): Promise<UserSummary> {
      const summary = await ctx.db.transaction().execute(async (trx) => {
        const before = await byId(trx, userId);
        if (!active && before.id === actor.userId) throw conflict('You cannot deactivate yourself.');
        if (!active && before.role === 'administrator' && (await activeAdministrators(trx, before.id)) === 0) {
          throw conflict('This is the only active administrator; add another administrator first.');
        }
        const after = await trx
          .updateTable('app_user')
          .set({ active: active ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx.clock, actor, {
          action: active ? 'user.activate' : 'user.deactivate',
          entity: 'user',
          entityId: before.id,
          before: auditView(before),
          after: auditView(after),
        });
        return toUserSummary(after);
      });
      ctx.emit('data.changed', { domains: ['users'] });
      return summary;
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
