import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Sqlite from 'better-sqlite3-multiple-ciphers';

const repoRoot = path.resolve(__dirname, '../..');

/** A second, raw connection to a store, as another program holding it would have. */
export function rawConnection(storePath: string, key: Buffer): Sqlite.Database {
  const db = new Sqlite(storePath, { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  return db;
}

/** Change one byte of a file in place (xor), as a bad sector or a stray write would. */
export function flipByte(file: string, offset: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, offset);
    b[0] = b[0]! ^ 0x5a;
    fs.writeSync(fd, b, 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** Closes a store and folds its WAL into the file, so the file alone holds everything. */
export function checkpointed(sqlite: Sqlite.Database): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

/** The files beside a store (its WAL, shared memory, anchor...), for before/after comparisons. */
export function siblings(storePath: string): string[] {
  return fs.readdirSync(path.dirname(storePath)).sort();
}

/**
 * Runs a TypeScript file of ours (through tsx) as a user without the power to ignore file
 * permissions. Root ignores a read-only mode bit, so as root the child runs with CAP_DAC_OVERRIDE
 * (and friends) dropped by setpriv: it then meets the permissions exactly as an office user does.
 */
export function runWithoutFileOverride(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const node = [
    process.execPath,
    path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
    '--tsconfig',
    path.join(repoRoot, 'tsconfig.node.json'),
    path.join(repoRoot, script),
    ...args,
  ];
  const argv = process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search,-fowner', ...node] : node;
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
