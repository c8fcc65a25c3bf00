/**
 * The native dialogs of the Backups page: main answers `backups.pickFolder` and `backups.pickBackup`
 * with them once the backend has let the call through (an administrator's session). The dialog is
 * modal to the window that asked (the session is that window's webContents id).
 */
import { BrowserWindow, dialog, webContents, type OpenDialogOptions } from 'electron';
import type { PickAnswer } from '@shared/domain/backups';
import type { BackupsShellAnswered } from '@shared/ipc/contract/backups';
import type { ShellAnswers } from '../ipc/shell-answered';

async function pick(sessionId: string, options: OpenDialogOptions): Promise<PickAnswer> {
  const contents = webContents.fromId(Number(sessionId));
  const win = contents ? BrowserWindow.fromWebContents(contents) : null;
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const chosen = r.filePaths[0];
  return r.canceled || !chosen ? { kind: 'cancelled' } : { kind: 'picked', path: chosen };
}

/** `suggested`: where the dialogs open (the backup folder in use). */
export function backupDialogs(sessionId: string, suggested: string): ShellAnswers<BackupsShellAnswered> {
  return {
    'backups.pickFolder': () =>
      pick(sessionId, {
        title: 'Choose a folder for backups',
        defaultPath: suggested,
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'createDirectory'],
      }),
    'backups.pickBackup': () =>
      pick(sessionId, {
        title: 'Choose a backup to restore',
        defaultPath: suggested,
        buttonLabel: 'Choose',
        properties: ['openFile'],
        filters: [{ name: 'Ledgerdesk backups', extensions: ['ldkbak'] }],
      }),
  };
}
