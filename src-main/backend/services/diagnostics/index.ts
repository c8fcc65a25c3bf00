import fs from 'node:fs';
import type { LastBackup, StoreDiagnostics } from '@shared/ipc/contract/diagnostics';
import type { ServiceContext } from '../../context';
import { migrations } from '../../db/migrations';

const sizeOf = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // no WAL beside a store that was just checkpointed and closed
  }
};

/** The store's facts for the About page: its file and WAL sizes, its schema version, its last backup. */
export function createDiagnosticsService(ctx: ServiceContext) {
  return {
    async store(lastBackup: LastBackup | null): Promise<StoreDiagnostics> {
      const applied = await ctx.db.selectFrom('migration').select('id').execute();
      return {
        storePath: ctx.store.path,
        storeBytes: sizeOf(ctx.store.path),
        walBytes: sizeOf(`${ctx.store.path}-wal`),
        schemaVersion: Math.max(0, ...applied.map((m) => m.id)),
        migrationsApplied: applied.length,
        migrationsKnown: migrations.length,
        lastBackup,
      };
    },
  };
}
