import fs from 'node:fs';
import { createHash } from 'node:crypto';

const CHUNK = 1 << 20;

/** Size and sha256 of a file, read in 1 MB chunks. */
export function hashFile(file: string): { sizeBytes: number; sha256: string } {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(CHUNK);
  const fd = fs.openSync(file, 'r');
  let size = 0;
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
      hash.update(buf.subarray(0, n));
      size += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sizeBytes: size, sha256: hash.digest('hex') };
}

/** Copies a file, hashing what it read, and makes the copy durable (fsync) before answering. */
export function copyWithHash(from: string, to: string): { sizeBytes: number; sha256: string } {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(CHUNK);
  const src = fs.openSync(from, 'r');
  let size = 0;
  try {
    const dst = fs.openSync(to, 'wx', 0o600);
    try {
      for (let n = fs.readSync(src, buf); n > 0; n = fs.readSync(src, buf)) {
        hash.update(buf.subarray(0, n));
        for (let off = 0; off < n; ) off += fs.writeSync(dst, buf, off, n - off);
        size += n;
      }
      fs.fsyncSync(dst);
    } finally {
      fs.closeSync(dst);
    }
  } finally {
    fs.closeSync(src);
  }
  return { sizeBytes: size, sha256: hash.digest('hex') };
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes renames in a folder durable where the OS allows it (not on Windows, where folders cannot be opened). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some network file systems refuse; the rename itself is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Removes files that may or may not exist (temporary copies after a failure). */
export function removeQuietly(...files: string[]): void {
  for (const f of files) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      // Best effort: a temporary name never looks like a backup.
    }
  }
}

/** Writes a small file under a temporary name, syncs it and renames it into place. */
export function writeFileDurably(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.partial-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fsyncFile(tmp);
    fs.renameSync(tmp, file);
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  }
}
