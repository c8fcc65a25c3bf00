/**
 * The store key: 32 random bytes, wrapped by the OS keychain (Electron safeStorage) and kept beside
 * the store. There is no plaintext fallback: without a keychain the user sets a passphrase and the
 * wrap is derived from it with scrypt (passphrase.ts).
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import { keyFilePathFor, readKeyFile, writeKeyFile, type KeyFile } from './key-file';
import { unwrapWithPassphrase, wrapWithPassphrase } from './passphrase';

export type KeyLookup = { kind: 'key'; key: Buffer } | { kind: 'needsPassphrase' } | { kind: 'needsNewPassphrase' } | { kind: 'missingKeyFile' };

/** On Linux without a keyring, safeStorage falls back to a fixed key ('basic_text'): not a keychain. */
export const keychainAvailable = () =>
  safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');

/** Finds or creates the key for a store without asking the user, when that is possible. */
export function lookUpKey(storePath: string): KeyLookup {
  const file = keyFilePathFor(storePath);
  const existing = readKeyFile(file);
  if (existing) {
    const viaKeychain = existing.wraps.find((w) => w.kind === 'safeStorage');
    if (viaKeychain && keychainAvailable()) {
      return { kind: 'key', key: Buffer.from(safeStorage.decryptString(Buffer.from(viaKeychain.wrapped, 'base64')), 'hex') };
    }
    return { kind: 'needsPassphrase' };
  }
  if (fs.existsSync(storePath) && fs.statSync(storePath).size > 0) return { kind: 'missingKeyFile' };
  if (!keychainAvailable()) return { kind: 'needsNewPassphrase' };
  const key = randomBytes(32);
  writeKeyFile(file, { version: 1, wraps: [keychainWrap(key)] });
  return { kind: 'key', key };
}

function keychainWrap(key: Buffer): KeyFile['wraps'][number] {
  return { kind: 'safeStorage', wrapped: safeStorage.encryptString(key.toString('hex')).toString('base64') };
}

export function unlockWithPassphrase(storePath: string, passphrase: string): Buffer {
  const file = keyFilePathFor(storePath);
  const existing = readKeyFile(file);
  const wrap = existing?.wraps.find((w) => w.kind === 'passphrase');
  if (!existing || !wrap || wrap.kind !== 'passphrase') throw new Error('This store has no passphrase-wrapped key.');
  const key = unwrapWithPassphrase(wrap, passphrase);
  // Once the keychain works again, add its wrap so the passphrase is not asked every start.
  if (keychainAvailable() && !existing.wraps.some((w) => w.kind === 'safeStorage'))
    writeKeyFile(file, { version: 1, wraps: [keychainWrap(key), ...existing.wraps] });
  return key;
}

export function createWithPassphrase(storePath: string, passphrase: string): Buffer {
  const key = randomBytes(32);
  writeKeyFile(keyFilePathFor(storePath), { version: 1, wraps: [wrapWithPassphrase(key, passphrase)] });
  return key;
}
