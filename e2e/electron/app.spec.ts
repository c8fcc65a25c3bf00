/**
 * The real app under Electron, when an Electron binary exists on this machine. Installs here use
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (the binary cannot be downloaded), so this is skipped with a reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

function electronBinary(): string | null {
  const dir = path.resolve(__dirname, '../../node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

const binary = electronBinary();

test.describe('the Electron shell', () => {
  test.skip(!binary, 'No Electron binary in node_modules/electron (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 because it cannot be downloaded here); the bridge suite covers the renderer and backend.');

  test('starts, isolates the renderer and reaches first run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [path.resolve(__dirname, '../../out/main/index.js')], env: { ...process.env, LEDGERDESK_STORE: path.join(dir, 'store.ldk') } });
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { name: /Set up your office|Protect the store with a passphrase/ })).toBeVisible();
      const isolation = await win.evaluate(() => ({ api: typeof window.api, require: typeof (window as unknown as { require?: unknown }).require, process: typeof (window as unknown as { process?: unknown }).process }));
      expect(isolation).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
      const status = await win.evaluate(() => window.api.store.status());
      expect(status.ok).toBe(true);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
