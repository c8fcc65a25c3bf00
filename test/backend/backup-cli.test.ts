import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { rawConnection } from '../support/store-files';
import { tempDir, testBackend, withCompany } from '../support/store';

/** `npm run cli -- backup / restore`, run in-process as the terminal would. */
async function cli(...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('the command line', () => {
  it('backs up with the key wrapped by a passphrase, and restores it as a new store on another computer (its own key file)', async () => {
    const b = testBackend();
    await withCompany(b);
    await b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    process.env.LD_TEST_PASSPHRASE = 'harbor lights 2026';
    const out = path.join(dir, 'off-site');
    fs.mkdirSync(out);

    const backup = await cli('backup', '--store', b.storePath, '--key-file', keyFile, '--to', out, '--passphrase-env', 'LD_TEST_PASSPHRASE');
    expect(backup).toMatchObject({ code: 0, text: expect.stringMatching(/backup: .*\.ldkbak \(\d+ bytes, verified, key wrapped with the passphrase\)/) });
    const file = fs.readdirSync(out).find((f) => f.endsWith('.ldkbak'))!;

    // Another computer: no store, a new key file.
    const there = path.join(tempDir(), 'office.ldk');
    const newKey = path.join(path.dirname(there), 'office.key');
    process.env.LD_TEST_PASSPHRASE = 'harbor lights 2025';
    expect(
      await cli('restore', '--store', there, '--key-file', newKey, '--from', path.join(out, file), '--passphrase-env', 'LD_TEST_PASSPHRASE'),
    ).toMatchObject({ code: 2, text: expect.stringMatching(/error: BACKUP_WRONG_PASSPHRASE/) });
    expect(fs.existsSync(there)).toBe(false);
    expect(fs.existsSync(newKey)).toBe(false);
    process.env.LD_TEST_PASSPHRASE = 'harbor lights 2026';
    const restored = await cli('restore', '--store', there, '--key-file', newKey, '--from', path.join(out, file), '--passphrase-env', 'LD_TEST_PASSPHRASE');
    expect(restored).toMatchObject({ code: 0, text: expect.stringMatching(/verify passes/) });
    const db = rawConnection(there, Buffer.from(fs.readFileSync(newKey, 'utf8').trim(), 'hex'));
    expect(db.prepare(`SELECT json_extract(value, '$.companyName') AS name FROM setting WHERE key = 'company'`).get()).toEqual({ name: 'Test Billing Co' });
    db.close();
    expect(await cli('verify', '--store', there, '--key-file', newKey)).toMatchObject({ code: 0 });
  });

  it('restores over a closed store, keeping it aside; refuses a folder that is not there', async () => {
    const b = testBackend();
    await withCompany(b);
    await b.close();
    const keyFile = path.join(tempDir(), 'k');
    fs.writeFileSync(keyFile, b.key.toString('hex'));
    expect(await cli('backup', '--store', b.storePath, '--key-file', keyFile, '--to', path.join(path.dirname(keyFile), 'nowhere'))).toMatchObject({
      code: 2,
      text: expect.stringMatching(/error: BACKUP_FOLDER_UNAVAILABLE: .*is not there/),
    });
    const to = path.dirname(keyFile);
    expect((await cli('backup', '--store', b.storePath, '--key-file', keyFile, '--to', to)).code).toBe(0);
    const file = path.join(to, fs.readdirSync(to).find((f) => f.endsWith('.ldkbak'))!);
    const restored = await cli('restore', '--store', b.storePath, '--key-file', keyFile, '--from', file);
    expect(restored).toMatchObject({ code: 0, text: expect.stringMatching(/kept at .*store\.before-restore-\d{8}-\d{6}\.ldk/) });
  });
});
