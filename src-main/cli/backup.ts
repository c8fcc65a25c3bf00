/**
 * `backup` and `restore` from a terminal (docs/backups.md), doing what the app does: a verified,
 * encrypted copy with its sealed manifest; a restore verified whole before the store is touched, the
 * current store kept aside.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createBackend } from '../backend';
import { StoreError } from '../backend/db/errors';
import { DomainError } from '../backend/errors';
import { companyTimeZone } from '../backend/services/settings';
import { runJob } from '../backend/services/backup/jobs';
import { asidePathFor, stagedPathFor, swapInRestored } from '../backend/services/backup/restore';
import { verifyStoreFile } from '../backend/verify';
import { CliError, openBackend, readKey, storePathOf, type Command, type CommandOptions } from './common';

const cliActor = { userId: null, username: 'cli' };

/** The passphrase from the environment variable named by --passphrase-env (never from the command line, where `ps` shows it). */
function passphraseOf(opts: CommandOptions): string | undefined {
  const name = opts['passphrase-env'];
  if (name === undefined) return undefined;
  if (typeof name !== 'string') throw new CliError('--passphrase-env needs the name of an environment variable that holds the passphrase.');
  const value = process.env[name];
  if (!value) throw new CliError(`The environment variable ${name} (--passphrase-env) is not set.`);
  return value;
}

function folderOf(opts: CommandOptions, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`Pass --${name} ${name === 'to' ? 'FOLDER' : 'FILE'}.`);
  return path.resolve(v);
}

const refused = (err: unknown, out: (line: string) => void): number => {
  if (err instanceof DomainError) {
    out(`error: ${err.code}: ${err.message}`);
    return 2;
  }
  throw err;
};

export const backupCommands: Record<string, Command> = {
  async backup(opts, _pos, out) {
    const to = folderOf(opts, 'to');
    const passphrase = passphraseOf(opts);
    if (passphrase !== undefined && passphrase.length < 10) throw new CliError('The passphrase must be at least 10 characters.');
    const backend = openBackend(opts);
    try {
      const entry = await backend.services.backup.backUp('cli', cliActor, { folder: to, passphrase });
      out(`backup: ${entry.path} (${entry.sizeBytes} bytes, verified${passphrase ? ', key wrapped with the passphrase' : ''}) and its manifest`);
      for (const f of entry.findings) out(`  note: the store has a verify finding, copied as it is: ${f}`);
      return 0;
    } catch (err) {
      return refused(err, out);
    } finally {
      await backend.close();
    }
  },

  /**
   * Restores onto a store that is closed (the app not running), or makes a new store from the backup.
   * The backup is verified in a copy beside the store first; the store is kept aside, then replaced.
   */
  async restore(opts, _pos, out) {
    const from = folderOf(opts, 'from');
    const storePath = path.resolve(storePathOf(opts));
    const exists = fs.existsSync(storePath);
    // A new store gets a new key (the restored copy is re-encrypted with it), written only once it is in place.
    const keyFile = typeof opts['key-file'] === 'string' ? opts['key-file'] : null;
    const newKeyFile = !exists && keyFile !== null && !fs.existsSync(keyFile) ? keyFile : null;
    const key = newKeyFile ? randomBytes(32) : readKey(opts);
    if (exists && fs.existsSync(`${storePath}-wal`))
      throw new CliError(`The store ${storePath} is open in Ledgerdesk or another program: close it, then restore.`);
    fs.mkdirSync(path.dirname(storePath), { recursive: true });
    let timeZone = 'UTC';
    if (exists) {
      const current = createBackend({ storePath, key, readonly: true, log: () => undefined });
      try {
        timeZone = await companyTimeZone(current.ctx.db);
      } finally {
        await current.close();
      }
    }
    const stagedPath = stagedPathFor(storePath);
    const staged = await runJob({ kind: 'stage', key: new Uint8Array(key), backupPath: from, passphrase: passphraseOf(opts), stagedPath }, (label) =>
      out(`restore: ${label}…`),
    );
    if (!staged.ok) {
      out(`error: ${staged.code}: ${staged.message}`);
      return 2;
    }
    const aside = exists ? asidePathFor(storePath, new Date(), timeZone) : null;
    try {
      swapInRestored(storePath, stagedPath, aside);
    } catch (err) {
      fs.rmSync(stagedPath, { force: true });
      if (err instanceof StoreError) throw err;
      throw new CliError(`The store could not be replaced: ${err instanceof Error ? err.message : String(err)}. Nothing was changed.`);
    }
    if (newKeyFile) {
      fs.mkdirSync(path.dirname(path.resolve(newKeyFile)), { recursive: true });
      fs.writeFileSync(newKeyFile, `${key.toString('hex')}\n`, { mode: 0o600 });
      out(`restore: the new store's key is in ${newKeyFile}`);
    }
    const backend = createBackend({ storePath, key, log: () => undefined });
    try {
      await backend.services.backup.recordRestore(cliActor, {
        ...staged.value,
        path: staged.value.backupPath,
        storePath,
        keptAsidePath: aside ?? '',
        restoredAt: new Date().toISOString(),
      });
    } finally {
      await backend.close();
    }
    const report = await verifyStoreFile(storePath, key);
    out(
      `restore: ${storePath} is the backup of ${staged.value.createdAt} (${staged.value.auditRecords} audit records); verify ${report.ok ? 'passes' : 'FAILS'}`,
    );
    if (aside) out(`restore: the store as it was is kept at ${aside} (with its anchor and key files)`);
    return report.ok ? 0 : 1;
  },
};
