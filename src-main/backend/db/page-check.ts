import fs from 'node:fs';
import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';

/**
 * Does this key open pages of this file? SQLCipher v4 (our format, raw 256-bit key) authenticates
 * every page with HMAC-SHA512 over its ciphertext, IV and little-endian page number, keyed by
 * PBKDF2-SHA512(key, salt ^ 0x3a, 2 rounds); the 16-byte salt opens page 1. SQLite answers "not a
 * database" alike for a wrong key and for a damaged page 1, so when page 1 fails we check pages 2..n
 * here: if one of them authenticates, the key is right and page 1 is damaged. A damaged salt makes
 * every page fail, so "no" means "the wrong key, or a damaged salt" (the anchor file can tell those).
 */
export function keyOpensOtherPages(path: string, key: Buffer, pageSize: number, pagesToTry = 4): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const salt = Buffer.alloc(16);
    if (fs.readSync(fd, salt, 0, 16, 0) !== 16) return false;
    const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
    const page = Buffer.alloc(pageSize);
    const last = Math.min(Math.floor(size / pageSize), pagesToTry + 1);
    for (let pgno = 2; pgno <= last; pgno++) {
      if (fs.readSync(fd, page, 0, pageSize, (pgno - 1) * pageSize) !== pageSize) return false;
      const body = page.subarray(0, pageSize - HMAC_SIZE);
      const tag = page.subarray(pageSize - HMAC_SIZE);
      const pgnoLe = Buffer.alloc(4);
      pgnoLe.writeUInt32LE(pgno);
      if (timingSafeEqual(createHmac('sha512', hmacKey).update(body).update(pgnoLe).digest(), tag)) return true;
    }
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

const HMAC_SIZE = 64;
