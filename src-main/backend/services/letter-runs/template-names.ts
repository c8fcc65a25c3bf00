import { templateKeyOf } from '@shared/domain/letter-runs';
import type { Queryable } from '../../context';
import { defaultTemplates } from '../letters/defaults';

/**
 * The name of the template a stage's letter action names (its key, or an old code), for screens: they
 * show the name, never the key or code. A default not yet seeded into the library (it is on first use)
 * goes by its shipped name. Null when neither has the key.
 */
export async function templateNamer(db: Queryable): Promise<(templateCode: string | null | undefined) => string | null> {
  const rows = await db.selectFrom('letter_template').select(['key', 'name']).execute();
  const byKey = new Map([...defaultTemplates().map((t) => [t.key, t.name] as const), ...rows.map((r) => [r.key, r.name] as const)]);
  return (code) => (code ? (byKey.get(templateKeyOf(code)) ?? null) : null);
}
