/**
 * Run by backup.test.ts in a child process whose backup folder is a small tmpfs (see fullDiskBackup):
 * takes a backup of the store into that folder and prints what came of it, and what the folder then
 * holds, as one line of JSON.
 *   backup-child.ts <store> <key hex> <folder>
 */
import fs from 'node:fs';
import { createBackend } from '../../src-main/backend';

async function main() {
  const [storePath, keyHex, folder] = process.argv.slice(2);
  const backend = createBackend({ storePath: storePath!, key: Buffer.from(keyHex!, 'hex'), backupsDir: folder, log: () => undefined });
  try {
    const entry = await backend.services.backup.backUp('cli', { userId: null, username: 'cli' });
    console.log(JSON.stringify({ ok: true, entry, files: fs.readdirSync(folder!) }));
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    console.log(JSON.stringify({ ok: false, code: String(e.code ?? ''), message: String(e.message ?? err), files: fs.readdirSync(folder!) }));
  } finally {
    await backend.close();
  }
}
void main();
