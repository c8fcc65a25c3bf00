import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createBackend } from '../backend';
import { createLogger } from '../log/logger';

export class CliError extends Error {}

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

export function openBackend(opts: CommandOptions, createKey = false) {
  const storePath = storePathOf(opts);
  if (!createKey && !fs.existsSync(storePath)) throw new CliError(`Store not found: ${storePath}`);
  // The app's log file belongs to the app (one writer rotates it); the CLI writes the same safe, redacted entries to stderr.
  const logger = createLogger('backend', (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`), { home: os.homedir() });
  return createBackend({ storePath, key: readKey(opts, createKey), log: logger.error });
}

/** `--name value`, `--name=value`, or a bare `--flag` (true); everything else is positional. */
export function parseOptions(args: string[]): { values: CommandOptions; positionals: string[] } {
  const values: CommandOptions = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) values[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) values[a.slice(2)] = args[++i];
    else values[a.slice(2)] = true;
  }
  return { values, positionals };
}
