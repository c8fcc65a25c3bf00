/**
 * The real app under Electron, when an Electron binary exists on this machine. Installs here use
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (the binary cannot be downloaded), so this is skipped with a reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

function electronBinary(): string | null {
  const dir = path.resolve(__dirname, '../../node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

const binary = electronBinary();
const outDir = path.resolve(__dirname, '../../out');

/** The built app (npm run build) with its store in `dir`. */
function launch(dir: string) {
  if (!binary) throw new Error('No Electron binary.');
  return electron.launch({
    executablePath: binary,
    args: [path.join(outDir, 'main/index.js')],
    env: { ...process.env, LEDGERDESK_STORE: path.join(dir, 'store.ldk') },
  });
}

test.describe('the Electron shell', () => {
  test.skip(
    !binary,
    'No Electron binary in node_modules/electron (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 because it cannot be downloaded here); the bridge suite covers the renderer and backend.',
  );

  test('starts, isolates the renderer and reaches first run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-electron-'));
    const app = await launch(dir);
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { name: /Set up your office|Protect the store with a passphrase/ })).toBeVisible();
      const isolation = await win.evaluate(() => ({
        api: typeof window.api,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(isolation).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
      const status = await win.evaluate(() => window.api.store.status());
      expect(status.ok).toBe(true);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('serves its pages from app://ledgerdesk with their types and the CSP, and refuses traversal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-electron-'));
    const app = await launch(dir);
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { name: /Set up your office|Protect the store with a passphrase/ })).toBeVisible();
      expect(win.url()).toMatch(/^app:\/\/ledgerdesk\//);
      const answers = await win.evaluate(async () => {
        const probe = async (url: string) => {
          const r = await fetch(url);
          return { status: r.status, type: r.headers.get('content-type'), csp: r.headers.get('content-security-policy'), body: await r.text() };
        };
        const script = document.querySelector<HTMLScriptElement>('script[type=module]')?.src ?? '';
        return {
          origin: location.origin,
          index: await probe('app://ledgerdesk/index.html'),
          script: await probe(script),
          encodedSlash: await probe('app://ledgerdesk/..%2f..%2fpackage.json'),
          backslash: await probe('app://ledgerdesk/assets/..%5c..%5cpackage.json'),
          dotDot: await probe('app://ledgerdesk/%2e%2e/%2e%2e/package.json'),
          missing: await probe('app://ledgerdesk/nothing-here.js'),
        };
      });
      expect(answers.origin).toBe('app://ledgerdesk');
      expect(answers.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(answers.index.csp).toContain("script-src 'self'");
      expect(answers.script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
      expect(answers.encodedSlash.status).toBe(403);
      expect(answers.backslash.status).toBe(403);
      expect(answers.dotDot.status).toBe(404); // the URL parser keeps it at the root: <renderer>/package.json, which does not exist
      expect(answers.missing.status).toBe(404);
      for (const a of [answers.encodedSlash, answers.backslash, answers.dotDot]) expect(a.body).not.toContain('"name"');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('answers IPC only from its own origin: a data: page and a file:// page in a sibling folder get FORBIDDEN', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-electron-'));
    const sibling = path.join(outDir, 'renderer-other');
    fs.mkdirSync(sibling, { recursive: true });
    fs.writeFileSync(path.join(sibling, 'index.html'), '<!doctype html><title>not ours</title>');
    const app = await launch(dir);
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { name: /Set up your office|Protect the store with a passphrase/ })).toBeVisible();
      expect(await win.evaluate(() => window.api.store.status())).toMatchObject({ ok: true });
      // Windows with our preload but another origin, made in the main process.
      const strangers = await app.evaluate(
        async ({ BrowserWindow }, { preload, urls }) => {
          const answers: unknown[] = [];
          for (const url of urls) {
            const w = new BrowserWindow({ show: false, webPreferences: { preload, contextIsolation: true, sandbox: true } });
            try {
              await w.loadURL(url);
              answers.push(await w.webContents.executeJavaScript('window.api.store.status()'));
            } finally {
              w.destroy();
            }
          }
          return answers;
        },
        { preload: path.join(outDir, 'preload/index.cjs'), urls: ['data:text/html,<title>x</title>', pathToFileURL(path.join(sibling, 'index.html')).href] },
      );
      expect(strangers).toEqual([
        { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from Ledgerdesk windows.' } },
        { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from Ledgerdesk windows.' } },
      ]);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(sibling, { recursive: true, force: true });
    }
  });

  test('takes a backup in its backup thread: a verified, encrypted copy and its manifest in the chosen folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-electron-'));
    const folder = path.join(dir, 'office-share');
    fs.mkdirSync(folder);
    const app = await launch(dir);
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { name: /Set up your office|Protect the store with a passphrase/ })).toBeVisible();
      const answers = await win.evaluate(async (folder) => {
        const status = await window.api.store.status();
        // Without an OS keychain (a Linux build machine) the store key is protected by a passphrase first.
        if (status.ok && status.value.state === 'needsNewPassphrase') await window.api.store.create({ passphrase: 'electron test passphrase' });
        const company = await window.api.app.createCompany({
          companyName: 'Electron Billing',
          timeZone: 'America/Chicago',
          username: 'admin',
          displayName: 'Admin',
          password: 'admin-pass-1',
        });
        const settings = await window.api.backups.updateSettings({ folder });
        const backup = await window.api.backups.backUpNow();
        const overview = await window.api.backups.overview();
        return { company: company.ok, settings: settings.ok, backup, overview };
      }, folder);
      expect(answers).toMatchObject({
        company: true,
        settings: true,
        backup: { ok: true, value: { result: 'ok', trigger: 'manual', folder } },
        overview: { ok: true },
      });
      const files = fs.readdirSync(folder).sort();
      expect(files).toEqual([expect.stringMatching(/^ledgerdesk-\d{8}-\d{6}\.ldkbak$/), expect.stringMatching(/^ledgerdesk-\d{8}-\d{6}\.manifest\.json$/)]);
      expect(fs.readFileSync(path.join(folder, files[0]!)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
