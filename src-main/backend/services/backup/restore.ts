/**
 * Swapping a verified, staged copy in for the store, on closed files (the backend is closed first:
 * host.ts). The current store is kept aside under a dated name with its anchor and key files, and at
 * every moment the store's own name holds a whole store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keyFilePathFor } from '../../../keystore/key-file';
import { anchorPathFor } from '../../db/anchor';
import { StoreError } from '../../db/errors';
import { wallTime } from '../compliance/zoned';
import { fsyncDir, removeQuietly } from './files';

/** `office.ldk` -> `office.before-restore-20260129-191502.ldk`, beside it (a free name). */
export function asidePathFor(storePath: string, at: Date, timeZone: string): string {
  const w = wallTime(at, timeZone);
  const stamp = `${w.date.replaceAll('-', '')}-${w.hhmm.replace(':', '')}${String(w.seconds % 60).padStart(2, '0')}`;
  const ext = path.extname(storePath);
  const stem = storePath.slice(0, storePath.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${stem}.before-restore-${stamp}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** Where a restore is staged: beside the store, so the final rename stays on one disk (atomic). */
export const stagedPathFor = (storePath: string) => `${storePath}.restoring-${process.pid}`;

/** `asidePath` null: there is no store yet (a new computer restoring from the command line). */
export function swapInRestored(storePath: string, stagedPath: string, asidePath: string | null): void {
  if (asidePath === null) {
    if (fs.existsSync(storePath)) throw new StoreError('STORE_LOCKED', `A store appeared at ${storePath} meanwhile; nothing was replaced.`, storePath);
    fs.renameSync(anchorPathFor(stagedPath), anchorPathFor(storePath));
    fs.renameSync(stagedPath, storePath);
    fsyncDir(path.dirname(storePath));
    return;
  }
  // A -wal beside a closed store means another program still has it open; a new file under that WAL would be corrupted by it.
  if (fs.existsSync(`${storePath}-wal`)) {
    throw new StoreError(
      'STORE_LOCKED',
      `The store ${storePath} is still open in another program (its -wal file is there), so it was not replaced. Close that program and restore again; nothing was changed.`,
      storePath,
    );
  }
  removeQuietly(`${storePath}-shm`);
  const asideFiles = [asidePath, anchorPathFor(asidePath), keyFilePathFor(asidePath)];
  try {
    // Keep the current store aside: a hard link is instant and never leaves the store's name empty; a copy where links are not allowed.
    try {
      fs.linkSync(storePath, asidePath);
    } catch {
      fs.copyFileSync(storePath, asidePath, fs.constants.COPYFILE_EXCL);
    }
    if (fs.existsSync(anchorPathFor(storePath))) fs.copyFileSync(anchorPathFor(storePath), anchorPathFor(asidePath));
    if (fs.existsSync(keyFilePathFor(storePath))) fs.copyFileSync(keyFilePathFor(storePath), keyFilePathFor(asidePath));
  } catch (err) {
    removeQuietly(...asideFiles);
    throw new StoreError(
      'STORE_FULL',
      `The current store could not be kept aside at ${asidePath} (${(err as NodeJS.ErrnoException).code ?? String(err)}), so nothing was replaced. Free some space beside the store and restore again.`,
      storePath,
    );
  }
  // The restored anchor goes first: over the current store (the same chain, further on) it reads as behind, which verify accepts.
  fs.renameSync(anchorPathFor(stagedPath), anchorPathFor(storePath));
  try {
    fs.renameSync(stagedPath, storePath);
  } catch (err) {
    if (fs.existsSync(anchorPathFor(asidePath))) fs.copyFileSync(anchorPathFor(asidePath), anchorPathFor(storePath));
    removeQuietly(...asideFiles);
    throw err;
  }
  fsyncDir(path.dirname(storePath));
}

/** Undoes a swap whose restored store would not open: the store kept aside goes back under the store's name. */
export function putBack(storePath: string, asidePath: string): void {
  removeQuietly(`${storePath}-wal`, `${storePath}-shm`);
  fs.renameSync(asidePath, storePath);
  if (fs.existsSync(anchorPathFor(asidePath))) fs.renameSync(anchorPathFor(asidePath), anchorPathFor(storePath));
  removeQuietly(keyFilePathFor(asidePath));
  fsyncDir(path.dirname(storePath));
}
