import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { systemClock, type ServiceContext } from '../backend/context';
import { openStore } from '../backend/db/open';
import { createAgingService } from '../backend/services/aging';
import { createSettingsService } from '../backend/services/settings';
import { CliError } from './cli-error';

/**
 * The store's key and path from the command line, and the store with only the aging and settings
 * services: what `aging` and `settings` need, without createBackend's every service and their
 * libraries (workbooks, PDFs, mail), so those commands start in a fraction of the time. Nothing here
 * may import ../backend (index) or common.ts: the bundle would then load them with it.
 */
export type CommandOptions = Record<string, string | boolean | undefined>;
export type Command = (opts: CommandOptions, positionals: string[], out: (line: string) => void) => Promise<number>;

export function readKey(opts: CommandOptions, createIfMissing = false): Buffer {
  const keyFile = typeof opts['key-file'] === 'string' ? opts['key-file'] : undefined;
  if (keyFile) {
    if (!fs.existsSync(keyFile)) {
      if (!createIfMissing) throw new CliError(`Key file not found: ${keyFile}`);
      const key = randomBytes(32);
      fs.mkdirSync(path.dirname(path.resolve(keyFile)), { recursive: true });
      fs.writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600 });
      return key;
    }
    const raw = fs.readFileSync(keyFile);
    const text = raw.toString('utf8').trim();
    if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
    if (raw.length === 32) return raw;
    throw new CliError(`Key file ${keyFile} must hold 64 hex characters or 32 raw bytes.`);
  }
  const env = process.env.LEDGERDESK_KEY?.trim();
  if (env) {
    if (!/^[0-9a-fA-F]{64}$/.test(env)) throw new CliError('LEDGERDESK_KEY must be 64 hex characters.');
    return Buffer.from(env, 'hex');
  }
  throw new CliError('No key: pass --key-file FILE or set LEDGERDESK_KEY.');
}

export function storePathOf(opts: CommandOptions): string {
  const p = (typeof opts.store === 'string' ? opts.store : undefined) ?? process.env.LEDGERDESK_STORE;
  if (!p) throw new CliError('No store: pass --store FILE or set LEDGERDESK_STORE.');
  return p;
}

export function openLite(opts: CommandOptions) {
  const storePath = storePathOf(opts);
  if (!fs.existsSync(storePath)) throw new CliError(`Store not found: ${storePath}`);
  const store = openStore(storePath, readKey(opts));
  const ctx: ServiceContext = { store, db: store.db, clock: systemClock, emit: () => undefined };
  return { ctx, aging: createAgingService(ctx), settings: createSettingsService(ctx), close: () => store.close() };
}
