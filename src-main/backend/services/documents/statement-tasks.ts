import type { Actor, ServiceContext, Trx } from '../../context';
import { appendAudit } from '../audit';

/**
 * A statement that left for an account answers what its collection stage asked for: the account's
 * open stage "statement" tasks close as done, naming the archive entry, in the archive's transaction
 * (so a statement that did not leave closes nothing). Returns how many closed.
 */
export async function closeStatementTasks(
  trx: Trx,
  ctx: Pick<ServiceContext, 'clock'>,
  actor: Actor,
  input: { accountId: number; asOf: string; archivedId: number },
): Promise<number> {
  const open = await trx
    .selectFrom('collection_task')
    .select(['id', 'status'])
    .where('account_id', '=', input.accountId)
    .where('kind', '=', 'statement')
    .where('status', '=', 'open')
    .execute();
  if (open.length === 0) return 0;
  const now = ctx.clock.now().toISOString();
  const note = `Statement sent: as of ${input.asOf}, archive #${input.archivedId}`;
  for (const t of open) {
    await trx.updateTable('collection_task').set({ status: 'done', note, closed_at: now, closed_by: actor.username }).where('id', '=', t.id).execute();
    await appendAudit(trx, ctx.clock, actor, {
      action: 'task.done',
      entity: 'account',
      entityId: input.accountId,
      before: { taskId: t.id, kind: 'statement', status: t.status },
      after: { taskId: t.id, status: 'done', note },
    });
  }
  return open.length;
}
