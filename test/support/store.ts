import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../src-main/backend';
import { createCompany, testCompany } from '../kit';

export { fixedClock } from '../kit';

const dirs: string[] = [];
const backends: Backend[] = [];

afterEach(async () => {
  for (const b of backends.splice(0)) await b.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-test-'));
  dirs.push(d);
  return d;
}

/** A real backend over a real encrypted store file in a temporary directory. */
export function testBackend(opts: Partial<BackendOptions> = {}): Backend & { storePath: string; key: Buffer } {
  const storePath = opts.storePath ?? path.join(tempDir(), 'store.ldk');
  const key = opts.key ?? randomBytes(32);
  const backend = createBackend({ storePath, key, ...opts, log: opts.log ?? (() => undefined) });
  backends.push(backend);
  return Object.assign(backend, { storePath, key });
}

/** Creates the test company and its administrator through the dispatch path; returns the administrator's session. */
export const withCompany = (b: Backend, session = 'admin-session') => createCompany(b, testCompany, session);
