/**
 * `npx tsx --tsconfig tsconfig.node.json scripts/backup-bench.ts --store FILE --key-file FILE [--post]`
 *
 * A backup of a store as the app takes it (VACUUM INTO in the backup thread, then verified), timed by
 * stage, and then a restore's staging (copy with sha256, checks, verify) of that backup; with --post,
 * payments are posted one after another while the backup runs, with their latencies. Works on a copy of
 * the store (--post writes to it), in a temporary folder removed at the end. Prints JSON; docs/backups.md
 * keeps the figures. Make a bench store with `npm run cli -- demo --size medium|large`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../src-main/backend';
import { threadRunner } from '../src-main/backend/services/backup/runner';
import { runJob } from '../src-main/backend/services/backup/jobs';
import { stagedPathFor } from '../src-main/backend/services/backup/restore';

const { values } = parseArgs({ options: { store: { type: 'string' }, 'key-file': { type: 'string' }, post: { type: 'boolean' } } });
if (!values.store || !values['key-file']) throw new Error('--store FILE --key-file FILE');
const key = Buffer.from(fs.readFileSync(values['key-file'], 'utf8').trim(), 'hex');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-backup-bench-'));
const ms = (x: number) => Math.round(x);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] ?? 0;
const log = (msg: string) => process.stderr.write(`[backup-bench] ${msg}\n`);

async function main() {
  const storePath = path.join(dir, 'store.ldk');
  log('copying the store');
  fs.copyFileSync(values.store!, storePath);
  if (fs.existsSync(`${values.store}.anchor.json`)) fs.copyFileSync(`${values.store}.anchor.json`, `${storePath}.anchor.json`);
  const b = createBackend({ storePath, key, backupsDir: path.join(dir, 'Backups'), backupRunner: threadRunner, log: () => undefined });
  const stages: Record<string, number> = {};
  let t0 = 0;
  b.ctx.emit = (event, payload) => {
    if (event === 'progress') stages[(payload as { label: string }).label] = ms(performance.now() - t0);
  };
  const signedIn = await b.call('bench', 'auth.signIn', { username: 'admin', password: 'riverside-admin' });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const account = b.ctx.store.sqlite
    .prepare(`SELECT account_id AS id FROM document WHERE kind = 'invoice' AND status = 'posted' AND open_cents > 100000 LIMIT 1`)
    .get() as { id: number };

  log('backing up');
  t0 = performance.now();
  let done = false;
  const backup = b.services.backup.backUp('cli', { userId: null, username: 'bench' }).finally(() => (done = true));
  const latencies: number[] = [];
  while (values.post && !done) {
    const t = performance.now();
    const r = await b.call('bench', 'payments.post', { accountId: account.id, method: 'cash', amountCents: 1, reference: `bench ${latencies.length}` });
    if (!r.ok) throw new Error(r.error.message);
    latencies.push(performance.now() - t);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const entry = await backup;
  const backupMs = ms(performance.now() - t0);
  await b.close();

  log('staging a restore of it');
  const t1 = performance.now();
  const restoreStages: Record<string, number> = {};
  const staged = await runJob(
    { kind: 'stage', key: new Uint8Array(key), backupPath: entry.path!, stagedPath: stagedPathFor(storePath) },
    (label) => (restoreStages[label] = ms(performance.now() - t1)),
  );
  if (!staged.ok) throw new Error(staged.message);
  const restoreMs = ms(performance.now() - t1);

  console.log(
    JSON.stringify(
      {
        store: { path: values.store, bytes: fs.statSync(values.store!).size },
        backup: { ms: backupMs, stagesStartedAtMs: stages, bytes: entry.sizeBytes, findings: entry.findings },
        postingsDuringBackup: values.post
          ? {
              count: latencies.length,
              p50Ms: +quantile(latencies, 0.5).toFixed(2),
              p95Ms: +quantile(latencies, 0.95).toFixed(2),
              maxMs: +Math.max(...latencies).toFixed(2),
            }
          : null,
        restoreStaging: { ms: restoreMs, stagesStartedAtMs: restoreStages, auditRecords: staged.value.auditRecords },
      },
      null,
      2,
    ),
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
