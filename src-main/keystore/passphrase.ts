import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/**
 * Wrapping the store key with a passphrase: scrypt (memory-hard) derives a key-encryption key,
 * AES-256-GCM seals the store key. Used when the OS keychain is unavailable, and for backups that
 * move to another machine. Pure Node, so it is tested without Electron.
 */
export interface PassphraseWrap {
  kind: 'passphrase';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  iv: string;
  tag: string;
  wrapped: string;
}

const KDF = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;

export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is not correct.');
    this.name = 'WrongPassphraseError';
  }
}

function kek(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFKC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: MAXMEM });
}

export function wrapWithPassphrase(key: Buffer, passphrase: string, cost: { N: number; r: number; p: number } = KDF): PassphraseWrap {
  if (passphrase.length < 10) throw new RangeError('The passphrase must be at least 10 characters.');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek(passphrase, salt, cost), iv);
  cipher.setAAD(Buffer.from('ledgerdesk-store-key-v1'));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kind: 'passphrase',
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

export function unwrapWithPassphrase(w: PassphraseWrap, passphrase: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek(passphrase, Buffer.from(w.kdf.salt, 'base64'), w.kdf), Buffer.from(w.iv, 'base64'));
  decipher.setAAD(Buffer.from('ledgerdesk-store-key-v1'));
  decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(w.wrapped, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
}
