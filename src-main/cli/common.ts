import fs from 'node:fs';
import os from 'node:os';
import { createBackend } from '../backend';
import { createLogger } from '../log/logger';
import { CliError } from './cli-error';
import { readKey, storePathOf, type CommandOptions } from './store-lite';

export { CliError } from './cli-error';
export { readKey, storePathOf, type Command, type CommandOptions } from './store-lite';

/** The store with every service (createBackend), for the commands that need more than store-lite's. */

export function openBackend(opts: CommandOptions, createKey = false) {
  const storePath = storePathOf(opts);
  if (!createKey && !fs.existsSync(storePath)) throw new CliError(`Store not found: ${storePath}`);
  // The app's log file belongs to the app (one writer rotates it); the CLI writes the same safe, redacted entries to stderr.
  const logger = createLogger('backend', (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`), { home: os.homedir() });
  return createBackend({ storePath, key: readKey(opts, createKey), log: logger.error });
}
