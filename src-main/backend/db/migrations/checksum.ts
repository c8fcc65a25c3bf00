import { createHash } from 'node:crypto';
import type { Migration } from './types';

/**
 * The sha256 of the SQL a migration runs, recorded in the store when it is applied and compared on
 * every open: a released migration that changed would leave stores with different schemas under one
 * version number. The SQL is captured by running up() against a recorder, so no migration file has
 * to change shape for this.
 */
export function migrationChecksum(m: Migration): string {
  const statements: string[] = [];
  m.up({ exec: (sql) => void statements.push(sql) });
  return createHash('sha256').update(statements.join('\n;\n')).digest('hex');
}
