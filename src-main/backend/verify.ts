import { migrations } from './db/migrations';
import type { Backend } from '.';
import { receivablesChecks } from './services/ledger/verify';
import { collectionsPolicyChecks } from './services/fees/verify';

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
  problems?: string[];
}

/**
 * Every integrity check over a store, for the `verify` command and the tests. Each domain adds its
 * invariants here as one more check.
 */
export async function verifyStore(backend: Backend): Promise<{ ok: boolean; checks: VerifyCheck[] }> {
  const checks: VerifyCheck[] = [];
  const sqlite = backend.ctx.store.sqlite;

  const integrity = sqlite.pragma('quick_check') as { quick_check: string }[];
  const intOk = integrity.length === 1 && integrity[0]?.quick_check === 'ok';
  checks.push({ name: 'file integrity', ok: intOk, detail: intOk ? 'every page readable' : `${integrity.length} problem(s)`, problems: intOk ? undefined : integrity.map((r) => r.quick_check) });

  const applied = (sqlite.prepare('SELECT id FROM migration ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const expected = migrations.map((m) => m.id).sort((a, b) => a - b);
  const migOk = JSON.stringify(applied) === JSON.stringify(expected);
  checks.push({ name: 'migrations', ok: migOk, detail: migOk ? `${applied.length} applied, up to date` : `applied [${applied.join(', ')}], expected [${expected.join(', ')}]` });

  const audit = backend.services.audit.verify();
  checks.push({ name: 'audit chain', ok: audit.ok, detail: `${audit.records} records${audit.ok ? ', chain intact' : `, ${audit.problems.length} problem(s)`}`, problems: audit.problems.map((p) => `#${p.seq}: ${p.problem}`) });

  checks.push(...receivablesChecks(sqlite));
  checks.push(...collectionsPolicyChecks(sqlite));

  return { ok: checks.every((c) => c.ok), checks };
}
