import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/backend/db/open';
import { migrations } from '../../src-main/backend/db/migrations';
import type { Migration } from '../../src-main/backend/db/migrations/types';
import { verifyStore } from '../../src-main/backend/verify';
import { newAccount } from '../support/receivables';
import { tempDir, testBackend, withCompany } from '../support/store';
import { rawConnection } from '../support/store-files';

/** The SQL each committed migration hands to exec(), hashed: what a store records when it applies it. */
function sqlOf(m: Migration): string[] {
  const sql: string[] = [];
  m.up({ exec: (s: string) => void sql.push(s) } as unknown as Parameters<Migration['up']>[0]);
  return sql;
}
const checksumOf = (m: Migration) => createHash('sha256').update(sqlOf(m).join('\n;\n')).digest('hex');

function openError(file: string, key: Buffer, list: readonly Migration[] = migrations) {
  try {
    openStore(file, key, { migrations: list }).sqlite.close();
  } catch (err) {
    return { code: String((err as { code?: unknown }).code), message: (err as Error).message };
  }
  throw new Error('the store opened');
}

describe('migration checksums', () => {
  it('records the checksum of each migration it applies', async () => {
    const b = testBackend();
    const rows = b.ctx.store.sqlite.prepare('SELECT id, checksum FROM migration ORDER BY id').all();
    expect(rows).toEqual(migrations.map((m) => ({ id: m.id, checksum: checksumOf(m) })));
  });

  it('refuses to open a store whose applied migration has since changed in the code (STORE_MIGRATION_CHANGED)', async () => {
    const b = testBackend();
    await withCompany(b);
    await b.close();
    const last = migrations.at(-1)!;
    // Any change to the SQL counts, even one that runs the same (a trailing comment).
    const edited: Migration = { ...last, up: (db) => db.exec(`${sqlOf(last).join('\n')}\n-- edited`) };
    const err = openError(b.storePath, b.key, [...migrations.slice(0, -1), edited]);
    expect(err.code).toBe('STORE_MIGRATION_CHANGED');
    expect(err.message).toContain(`migration ${last.id}`);
    // Nothing was changed: the real code still opens it.
    openStore(b.storePath, b.key).sqlite.close();
  });

  it('verify reports a recorded checksum that does not match the code', async () => {
    const b = testBackend();
    b.ctx.store.sqlite.prepare(`UPDATE migration SET checksum = ? WHERE id = 2`).run('0'.repeat(64));
    const report = await verifyStore(b);
    const c = report.checks.find((x) => x.name === 'migrations');
    expect(c).toMatchObject({ ok: false, detail: expect.stringMatching(/checksum/) });
    expect(c?.problems?.join(' ')).toMatch(/migration 2/);
  });

  it('opens a store made before checksums and records them', async () => {
    // A store as the previous version wrote it: the migration table without a checksum column.
    const file = path.join(tempDir(), 'old.ldk');
    const key = randomBytes(32);
    const s = openStore(file, key, { migrations: [] });
    s.sqlite.exec('DROP TABLE migration');
    s.sqlite.exec('CREATE TABLE migration (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    for (const m of migrations) {
      m.up(s.sqlite);
      s.sqlite.prepare('INSERT INTO migration (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, '2026-01-01T00:00:00.000Z');
    }
    await s.close();
    fs.rmSync(`${file}.anchor.json`, { force: true });
    const raw = rawConnection(file, key);
    expect(raw.prepare(`SELECT count(*) AS n FROM pragma_table_info('migration') WHERE name = 'checksum'`).get()).toEqual({ n: 0 });
    raw.close();

    const b = testBackend({ storePath: file, key });
    expect(b.ctx.store.sqlite.prepare('SELECT id, checksum FROM migration ORDER BY id').all()).toEqual(
      migrations.map((m) => ({ id: m.id, checksum: checksumOf(m) })),
    );
    expect((await verifyStore(b)).checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('the committed migrations never change (append a line for each new one)', () => {
    expect(Object.fromEntries(migrations.map((m) => [m.id, checksumOf(m).slice(0, 16)]))).toEqual(COMMITTED);
  });
});

describe('migration 031: the archive takes deposit slips and discrepancy reports', () => {
  it('keeps every archived row and its id, letters still reference the archive, and the no-edit, no-removal triggers stand', async () => {
    const b = testBackend({ migrations: migrations.filter((m) => m.id < 31) });
    const sqlite = b.ctx.store.sqlite;
    const archive = (kind: string) =>
      sqlite
        .prepare(
          `INSERT INTO archived_document (kind, number, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at) VALUES (?, 'N-1', 'pdf', 'x.pdf', 0, x'25504446', ?, 1, 4, 'job', '2026-03-01T00:00:00Z')`,
        )
        .run(kind, 'a'.repeat(64));
    expect(() => archive('deposit_slip')).toThrow(/CHECK/);
    const kept = Number(archive('letter').lastInsertRowid);
    // A letter that went out, pointing at it: a real account and template, as the app records them.
    const admin = await withCompany(b);
    const account = await newAccount(b, admin);
    const template = Number(
      sqlite.prepare(`INSERT INTO letter_template (key, name, purpose, created_at) VALUES ('probe', 'Probe', 'collection', '2026-03-01T00:00:00Z')`).run()
        .lastInsertRowid,
    );
    sqlite
      .prepare(
        `INSERT INTO letter (account_id, template_id, template_version, purpose, subject, body_html, pay_by_date, archived_document_id, channel, created_at) VALUES (?, ?, 1, 'collection', 'S', '<p>b</p>', '2026-03-15', ?, 'pdf', '2026-03-01T00:00:00Z')`,
      )
      .run(account.id, template, kept);
    await b.close();

    const store = openStore(b.storePath, b.key);
    try {
      const db = store.sqlite;
      expect(db.prepare('SELECT id, kind, number FROM archived_document').all()).toEqual([{ id: kept, kind: 'letter', number: 'N-1' }]);
      expect(db.prepare(`SELECT "table" FROM pragma_foreign_key_list('letter') WHERE "from" = 'archived_document_id'`).all()).toEqual([
        { table: 'archived_document' },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM letter l JOIN archived_document a ON a.id = l.archived_document_id').get()).toEqual({ n: 1 });
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name LIKE '%_next'`).get()).toEqual({ n: 0 });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(() => db.prepare('DELETE FROM letter').run()).toThrow(/never removed/);
      for (const kind of ['deposit_slip', 'discrepancy_report'])
        db.prepare(
          `INSERT INTO archived_document (kind, number, channel, destination, copy, pdf, sha256, pages, bytes, job_id, created_at) VALUES (?, 'N-2', 'print', 'Office', 0, x'25504446', ?, 1, 4, 'job', '2026-03-02T00:00:00Z')`,
        ).run(kind, 'b'.repeat(64));
      expect(() => db.prepare(`UPDATE archived_document SET number = 'X' WHERE id = ?`).run(kept)).toThrow(/never edited/);
      expect(() => db.prepare('DELETE FROM archived_document WHERE id = ?').run(kept)).toThrow(/never removed/);
      expect(
        db.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'archived_document' AND type = 'index' AND sql IS NOT NULL ORDER BY name`).all(),
      ).toEqual([{ name: 'archived_document_account' }, { name: 'archived_document_kind_number' }, { name: 'archived_document_source' }]);
    } finally {
      await store.close();
    }
  });
});

/** The first 16 hex digits of each committed migration's checksum. */
const COMMITTED: Record<number, string> = {
  1: '4bb084ecc13eb46f',
  2: '1275640590d7c42c',
  3: '1468b1aa60b5d040',
  4: 'd4e762949abe6ddc',
  5: '004466acdbc544ea',
  6: 'af5130b42adfcedd',
  7: 'd792e635b9d91f3a',
  8: 'ca8c778af61d6adf',
  9: 'e2c49ca53c2ba202',
  10: '6c763983f5a7a3bb',
  11: 'bbca4934930883c0',
  12: '6a05545508ed9eea',
  13: '377615af73c87f94',
  14: 'fa3b7542f49e37c4',
  15: 'e89b4c30fd94cf7b',
  16: '412f80dc99c3b579',
  17: 'dcce02ae6165f91a',
  18: 'ef9e1af9fdc655a2',
  19: '54aa6e94890c1375',
  20: 'f38b7d0edef204cd',
  22: '9ffe2a9f5e5adfe9',
  25: '8f71d4afe17958d6',
  28: '37ef09aaabc7a333',
  29: '584d0c9fd6f3d471',
  26: '08a64ca07c1f0683',
  27: '3e8c9489d09b96b0',
  30: '9cacac37d8bc2ef7',
  31: 'b50419cebe7743d7',
};
