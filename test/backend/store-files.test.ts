import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/backend/db/open';
import { runCli } from '../../src-main/cli';
import { testBackend, withCompany } from '../support/store';
import { checkpointed, flipByte, rawConnection, runWithoutFileOverride, siblings } from '../support/store-files';

const PAGE = 4096;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A store with a company, closed, its WAL folded in; plus a key file for the CLI. */
async function closedStore() {
  const b = testBackend();
  await withCompany(b);
  checkpointed(b.ctx.store.sqlite);
  await b.close();
  const keyFile = path.join(path.dirname(b.storePath), 'store.key');
  fs.writeFileSync(keyFile, b.key.toString('hex'));
  return { storePath: b.storePath, key: b.key, keyFile, anchorFile: `${b.storePath}.anchor.json` };
}

function openError(storePath: string, key: Buffer): { code: string; message: string } {
  try {
    openStore(storePath, key).sqlite.close();
  } catch (err) {
    return { code: String((err as { code?: unknown }).code), message: (err as Error).message };
  }
  throw new Error('the store opened');
}

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

/** What opening a store in a child process (as the app's worker does) came to. */
function openInChild(storePath: string, key: Buffer): { ok: boolean; code?: string; message?: string } {
  const r = runWithoutFileOverride('test/support/open-store-child.ts', [storePath, key.toString('hex')]);
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) throw new Error(`child said: ${r.stdout}\n${r.stderr}`);
  return JSON.parse(last) as { ok: boolean; code?: string; message?: string };
}

describe('store files the app cannot use', () => {
  it('refuses a 0-byte file as empty instead of making it into a new store, and leaves it as it is', () => {
    const dir = path.dirname(testBackend().storePath);
    const file = path.join(dir, 'emptied.ldk');
    fs.writeFileSync(file, '');
    const before = siblings(file);
    const err = openError(file, randomBytes(32));
    expect(err.code).toBe('STORE_EMPTY');
    expect(err.message).toMatch(/empty file \(0 bytes\)/);
    expect(err.message).toMatch(/backup/);
    expect(fs.statSync(file).size).toBe(0);
    expect(siblings(file)).toEqual(before);
  });

  it('tells one changed byte on page 1 from the wrong key', async () => {
    const s = await closedStore();
    flipByte(s.storePath, 1000); // inside page 1's encrypted part
    const damaged = openError(s.storePath, s.key);
    expect(damaged.code).toBe('STORE_DAMAGED');
    expect(damaged.message).toMatch(/first page/);
    // Without the anchor file too: the other pages still vouch for the key.
    fs.rmSync(s.anchorFile, { force: true });
    expect(openError(s.storePath, s.key).code).toBe('STORE_DAMAGED');
    // And a wrong key is still the wrong key.
    const wrong = openError(s.storePath, randomBytes(32));
    expect(wrong.code).toBe('STORE_WRONG_KEY');
    expect(wrong.message).toMatch(/key does not open this store/);
  });

  it('a changed byte in the salt (which every page check uses): damage when the anchor vouches for the key; otherwise it says it cannot tell', async () => {
    const s = await closedStore();
    expect(fs.existsSync(s.anchorFile)).toBe(true);
    flipByte(s.storePath, 5);
    expect(openError(s.storePath, s.key)).toMatchObject({ code: 'STORE_DAMAGED', message: expect.stringMatching(/first page/) });
    fs.rmSync(s.anchorFile);
    const unsure = openError(s.storePath, s.key);
    expect(unsure.code).toBe('STORE_WRONG_KEY');
    expect(unsure.message).toMatch(/or the start of the file is damaged/);
  });

  it('a read-only store file: the app and the CLI say so (STORE_READ_ONLY) and what to do', async () => {
    const s = await closedStore();
    fs.chmodSync(s.storePath, 0o444);
    try {
      const r = openInChild(s.storePath, s.key);
      expect(r).toMatchObject({ ok: false, code: 'STORE_READ_ONLY' });
      expect(r.message).toMatch(/read-only/);
      expect(r.message).toMatch(/permission/);
      const c = runWithoutFileOverride('src-main/cli.ts', ['aging', '--as-of', '2026-03-15', '--store', s.storePath, '--key-file', s.keyFile]);
      expect(c.status).toBe(2);
      expect(c.stderr).toMatch(/^error: .*read-only/);
      expect(c.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      fs.chmodSync(s.storePath, 0o644);
    }
  });

  it('a read-only folder: STORE_READ_ONLY on open', async () => {
    const s = await closedStore();
    const dir = path.dirname(s.storePath);
    fs.chmodSync(dir, 0o555);
    try {
      const r = openInChild(s.storePath, s.key);
      expect(r).toMatchObject({ ok: false, code: 'STORE_READ_ONLY' });
      expect(r.message).toMatch(/folder/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it('a store file this user may not read: STORE_NO_ACCESS', async () => {
    const s = await closedStore();
    fs.chmodSync(s.storePath, 0o000);
    try {
      const r = openInChild(s.storePath, s.key);
      expect(r).toMatchObject({ ok: false, code: 'STORE_NO_ACCESS' });
      expect(r.message).toMatch(/may not read/);
    } finally {
      fs.chmodSync(s.storePath, 0o644);
    }
  });

  it('a store another program holds for writing: STORE_LOCKED when opening and when a change meets it, never INTERNAL', async () => {
    const s = await closedStore();
    const other = rawConnection(s.storePath, s.key);
    try {
      other.exec('BEGIN IMMEDIATE'); // holds the write lock, as a long import would
      let caught: unknown;
      try {
        testBackend({ storePath: s.storePath, key: s.key, busyTimeoutMs: 100 });
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({ code: 'STORE_LOCKED', message: expect.stringMatching(/another program/) });
      other.exec('ROLLBACK');

      const b = testBackend({ storePath: s.storePath, key: s.key, busyTimeoutMs: 100 });
      other.exec('BEGIN IMMEDIATE');
      const r = await b.call('s', 'auth.signIn', { username: 'admin', password: 'correct horse' }); // writes its audit record
      expect(r).toMatchObject({ ok: false, error: { code: 'STORE_LOCKED', message: expect.stringMatching(/nothing was saved/) } });
      other.exec('ROLLBACK');
      expect((await b.call('s', 'auth.signIn', { username: 'admin', password: 'correct horse' })).ok).toBe(true);
    } finally {
      other.close();
    }
  });
});

describe('verify on store files', () => {
  it('opens read-only: no WAL or shared-memory file appears, and the bytes and mtime stay the same', async () => {
    const s = await closedStore();
    const before = { listing: siblings(s.storePath), sha: sha(s.storePath), mtime: fs.statSync(s.storePath).mtimeMs, anchor: sha(s.anchorFile) };
    const r = await cli(['verify', '--store', s.storePath, '--key-file', s.keyFile]);
    expect(r.out).toMatch(/all checks passed/);
    expect(r.code).toBe(0);
    expect(siblings(s.storePath)).toEqual(before.listing);
    expect(sha(s.storePath)).toBe(before.sha);
    expect(fs.statSync(s.storePath).mtimeMs).toBe(before.mtime);
    expect(sha(s.anchorFile)).toBe(before.anchor);
  });

  it('reports a damaged page as a finding and exits 1, never a stack trace', async () => {
    const s = await closedStore();
    const pages = fs.statSync(s.storePath).size / PAGE;
    flipByte(s.storePath, (pages - 2) * PAGE + 700); // a data page near the end
    const r = await cli(['verify', '--store', s.storePath, '--key-file', s.keyFile]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL/);
    expect(r.out).toMatch(/damaged|integrity/);
    expect(r.out).toMatch(/verify: problems found/);
  });

  it('reports an empty file, the wrong key, a damaged first page and a missing store as findings (exit 1)', async () => {
    const s = await closedStore();
    const wrongKey = path.join(path.dirname(s.storePath), 'wrong.key');
    fs.writeFileSync(wrongKey, randomBytes(32).toString('hex'));
    const wrong = await cli(['verify', '--store', s.storePath, '--key-file', wrongKey]);
    expect(wrong).toMatchObject({ code: 1, out: expect.stringMatching(/FAIL .*key does not open this store/) });

    const empty = path.join(path.dirname(s.storePath), 'empty.ldk');
    fs.writeFileSync(empty, '');
    const e = await cli(['verify', '--store', empty, '--key-file', s.keyFile]);
    expect(e).toMatchObject({ code: 1, out: expect.stringMatching(/FAIL .*empty file/) });
    expect(fs.statSync(empty).size).toBe(0);

    const missing = await cli(['verify', '--store', path.join(path.dirname(s.storePath), 'nowhere.ldk'), '--key-file', s.keyFile]);
    expect(missing).toMatchObject({ code: 1, out: expect.stringMatching(/FAIL .*not found/) });

    flipByte(s.storePath, 2000);
    const first = await cli(['verify', '--store', s.storePath, '--key-file', s.keyFile]);
    expect(first).toMatchObject({ code: 1, out: expect.stringMatching(/FAIL .*first page/) });
  });
});
