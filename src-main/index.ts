/** App lifecycle and wiring only: every decision is a pure function in ./shell. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, shell } from 'electron';
import { osLabel } from '@shared/domain/diagnostics';
import type { DiagnosticsShellAnswered } from '@shared/ipc/contract/diagnostics';
import { isBackupsShellAnswered } from '@shared/ipc/contract/backups';
import { isDocumentsShellAnswered } from '@shared/ipc/contract/documents';
import type { StoreStatus } from '@shared/ipc/contract/store';
import { eventChannel } from '@shared/ipc/events';
import { BackendClient } from './ipc/backend-client';
import { installIpc } from './ipc/handle';
import { answerInShell, isDiagnosticsShellAnswered, type ShellAnswers } from './ipc/shell-answered';
import { DomainError } from './backend/errors';
import { openLogFile } from './log/log-file';
import { createLogger } from './log/logger';
import { receiveRelayed } from './log/relay';
import { createWithPassphrase, keychainAvailable, lookUpKey, unlockWithPassphrase } from './keystore';
import { WrongPassphraseError } from './keystore/passphrase';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { devServerUrl, type RendererSource } from './shell/origin';
import { storeLocation, type StoreLocation } from './shell/store-location';
import { createMainWindow } from './windows/main-window';
import { backupDialogs } from './windows/backup-dialogs';
import { documentsShellAnswers } from './print/document-answers';
import { closeDocumentsShell, electronDocumentsShell } from './print/electron-shell';
import { isHiddenPageWindow } from './print/hidden-page';
import { RunRegistry } from './print/runs';

// Before ready: app:// must be privileged before the app starts, userData before the single-instance lock.
registerAppScheme();
let storeAt: StoreLocation;
try {
  storeAt = storeLocation({ platform: process.platform, env: process.env, home: os.homedir(), path });
} catch (err) {
  dialog.showErrorBox('Ledgerdesk cannot start', err instanceof Error ? err.message : String(err));
  process.exit(1);
}
app.setPath('userData', storeAt.dataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
  process.exit(0);
}

// The log (src-main/log): <userData>/logs/ledgerdesk.log, written by main only; the worker's lines come through the relay.
const home = os.homedir();
const logFile = openLogFile({ dir: path.join(storeAt.dataDir, 'logs') });
const log = createLogger('main', logFile.write, { home });
receiveRelayed(logFile.write, { home });
log.info('app.started', 'started', { version: app.getVersion(), platform: process.platform, arch: process.arch });

const rendererDir = path.join(__dirname, '../renderer');
const source: RendererSource = { devServerUrl: devServerUrl({ env: process.env, isPackaged: app.isPackaged, devBuild: import.meta.env.DEV }) };
const storePath = storeAt.store;
let status: StoreStatus = { state: 'error', storePath, keychainAvailable: false, message: 'Starting…' };
let backend: BackendClient | null = null;
/** Print, save and email runs going on, per window, for documents.cancel. */
const documentRuns = new RunRegistry();

const broadcast = (event: string, payload: unknown) => {
  for (const w of BrowserWindow.getAllWindows()) w.webContents.send(eventChannel, event, payload);
};

async function openWith(key: Buffer): Promise<StoreStatus> {
  backend ??= new BackendClient(broadcast);
  // The backup schedule is checked every minute (docs/backups.md); the suggested folder is beside the store's data.
  const r = await backend.open(storePath, key, { backupsDir: storeAt.backupsDir, scheduleEveryMs: 60_000 });
  key.fill(0);
  status = r.ok
    ? { state: 'ready', storePath, keychainAvailable: keychainAvailable() }
    : { state: 'error', storePath, keychainAvailable: keychainAvailable(), message: r.message };
  return status;
}

async function start(): Promise<void> {
  const found = lookUpKey(storePath);
  const base = { storePath, keychainAvailable: keychainAvailable() };
  if (found.kind === 'key') await openWith(found.key);
  else if (found.kind === 'needsPassphrase') status = { ...base, state: 'needsPassphrase' };
  else if (found.kind === 'needsNewPassphrase')
    status = {
      ...base,
      state: 'needsNewPassphrase',
      message: 'The operating system keychain is not available, so the store key will be protected by a passphrase you choose.',
    };
  else status = { ...base, state: 'error', message: `The key file for ${storePath} is missing. Restore the store and its key from a backup.` };
}

/** What main answers in the backend's place once the backend has let the call through (src-main/ipc/shell-answered.ts). */
const shellAnswers: ShellAnswers<DiagnosticsShellAnswered> = {
  'diagnostics.shell': () => ({
    appVersion: app.getVersion(),
    runtime: 'electron',
    electron: process.versions.electron,
    chromium: process.versions.chrome,
    node: process.versions.node,
    os: osLabel(process.platform, process.getSystemVersion(), process.arch),
    logFolder: logFile.dir,
  }),
  'diagnostics.openLogFolder': async () => {
    fs.mkdirSync(logFile.dir, { recursive: true });
    const problem = await shell.openPath(logFile.dir);
    if (problem) throw new DomainError('NOT_FOUND', `The log folder ${logFile.dir} could not be opened: ${problem}`);
    return true;
  },
};

installIpc(
  {
    async store(channel, input) {
      const i = input as { passphrase?: string } | undefined;
      if (channel === 'store.status') return status;
      if (channel === 'store.unlock') {
        if (status.state !== 'needsPassphrase') return status;
        try {
          return await openWith(unlockWithPassphrase(storePath, i?.passphrase ?? ''));
        } catch (err) {
          if (err instanceof WrongPassphraseError) {
            log.warn('store.unlockRefused', 'wrong passphrase');
            throw err;
          }
          log.error('store.unlockFailed', 'the store could not be unlocked', err);
          throw new Error(`The store could not be unlocked: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (status.state !== 'needsNewPassphrase') return status;
      return openWith(createWithPassphrase(storePath, i?.passphrase ?? ''));
    },
    async backend(sessionId, channel, input) {
      if (!backend || status.state !== 'ready') return { ok: false, error: { code: 'INTERNAL', message: 'The store is not open yet.' } };
      const answer = await backend.call(sessionId, channel, input);
      const onError = (err: unknown) => log.error('shell.answerFailed', 'main could not answer', err, { channel });
      if (isBackupsShellAnswered(channel)) return answerInShell(channel, answer, backupDialogs(sessionId, storeAt.backupsDir), onError);
      if (isDocumentsShellAnswered(channel)) {
        // The rendered PDFs go back to the backend as this same session: it archives (and emails) them.
        const complete = async (done: unknown) =>
          backend
            ? backend.call(sessionId, 'documents.complete', done)
            : { ok: false as const, error: { code: 'INTERNAL' as const, message: 'The store is not open.' } };
        return answerInShell(channel, answer, documentsShellAnswers(sessionId, electronDocumentsShell(sessionId, documentRuns, complete)), onError, input);
      }
      if (!isDiagnosticsShellAnswered(channel)) return answer;
      return answerInShell(channel, answer, shellAnswers, onError);
    },
  },
  source,
);

app.whenReady().then(async () => {
  try {
    await start();
    log.info('store.state', 'the store after start', { state: status.state });
  } catch (err) {
    log.error('app.startFailed', 'start failed', err);
    dialog.showErrorBox('Ledgerdesk cannot start', err instanceof Error ? err.message : String(err));
  }
  serveAppProtocol(rendererDir);
  const win = createMainWindow(source);
  const id = String(win.webContents.id);
  win.on('closed', () => {
    documentRuns.endSession(id);
    backend?.endSession(id);
    // The hidden print window would otherwise keep 'window-all-closed' from firing.
    void closeDocumentsShell().catch(() => undefined);
  });
});

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows().find((w) => !isHiddenPageWindow(w));
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('window-all-closed', async () => {
  log.info('app.quit', 'every window closed');
  await backend?.close();
  app.quit();
});
