import fs from 'node:fs';
import nodePath, { type PlatformPath } from 'node:path';
import type { ErrorCode } from '@shared/ipc/result';
import { isFullPath } from '../../../shell/store-location';

export interface FolderProblem {
  code: ErrorCode;
  message: string;
}

/**
 * A typed backup folder, checked before anything touches the disk: it must be a full path under this
 * OS's rules (a drive letter or a UNC share on Windows), never relative to wherever the app started.
 * Pure: the path rules are passed in, so the Windows rules are tested on Linux.
 */
export function folderPathProblem(folder: string, path: PlatformPath): string | null {
  if (folder.trim() !== folder) return 'The folder path must not start or end with spaces.';
  if (!isFullPath(folder, path)) {
    const example = path.sep === '\\' ? 'D:\\Backups\\Ledgerdesk or \\\\server\\share\\Ledgerdesk' : '/mnt/backups/ledgerdesk';
    return `The backup folder must be a full path (e.g. ${example}); "${folder}" is not.`;
  }
  return null;
}

const unavailable = (message: string): FolderProblem => ({ code: 'BACKUP_FOLDER_UNAVAILABLE', message });

/**
 * Can a backup be written there now? A network share that is not connected reads as missing. Asynchronous:
 * a share that has gone away can take many seconds to answer, and the backend's thread must not wait.
 */
export async function folderProblem(folder: string): Promise<FolderProblem | null> {
  const typed = folderPathProblem(folder, nodePath);
  if (typed) return unavailable(typed);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return unavailable(
        `The backup folder ${folder} is not there (a network share that is not connected, or a drive that is not plugged in). Connect it, or choose another folder.`,
      );
    return unavailable(`The backup folder ${folder} cannot be reached (${code ?? 'error'}). Check the network share or the folder's permissions.`);
  }
  if (!stat.isDirectory()) return unavailable(`The backup folder ${folder} is a file, not a folder. Choose a folder.`);
  try {
    await fs.promises.access(folder, fs.constants.W_OK);
  } catch {
    return unavailable(`Ledgerdesk cannot write to the backup folder ${folder}. Give this user write permission on it, or choose another folder.`);
  }
  return null;
}

/** Maps what writing a backup met to a code and words (the folder's disk, the share, permissions). */
export function writeFailure(err: unknown, folder: string): FolderProblem | null {
  const sqlite = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (sqlite === 'SQLITE_FULL' || sqlite === 'ENOSPC' || sqlite === 'EDQUOT') {
    return {
      code: 'BACKUP_DISK_FULL',
      message: `The disk of the backup folder ${folder} is full, so the backup could not be written (its partial copy was deleted). Free some space there, or choose another folder.`,
    };
  }
  if (sqlite.startsWith('SQLITE_CANTOPEN') || sqlite === 'ENOENT')
    return unavailable(`The backup folder ${folder} is not there any more (a network share that was disconnected?). Nothing was left behind.`);
  if (sqlite.startsWith('SQLITE_READONLY') || sqlite === 'EACCES' || sqlite === 'EPERM' || sqlite === 'EROFS')
    return unavailable(`Ledgerdesk cannot write to the backup folder ${folder}. Give this user write permission on it, or choose another folder.`);
  if (
    sqlite.startsWith('SQLITE_IOERR') ||
    ['EIO', 'ENOTCONN', 'ESTALE', 'EHOSTDOWN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ETIMEDOUT', 'EBUSY'].includes(sqlite)
  ) {
    return unavailable(
      `Writing to the backup folder ${folder} failed part way (${sqlite}): the network share went away or the disk failed. The partial copy was deleted; try again when the folder is reachable.`,
    );
  }
  return null;
}
