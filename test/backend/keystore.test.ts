import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapWithPassphrase, wrapWithPassphrase, WrongPassphraseError } from '../../src-main/keystore/passphrase';
import { readKeyFile, writeKeyFile } from '../../src-main/keystore/key-file';
import { tempDir } from '../support/store';

const cheap = { N: 2 ** 14, r: 8, p: 1 };

describe('passphrase key wrap', () => {
  it('round-trips the key and refuses a wrong passphrase', () => {
    const key = randomBytes(32);
    const w = wrapWithPassphrase(key, 'a long office passphrase', cheap);
    expect(unwrapWithPassphrase(w, 'a long office passphrase').equals(key)).toBe(true);
    expect(() => unwrapWithPassphrase(w, 'a long office passphrasE')).toThrow(WrongPassphraseError);
    expect(JSON.stringify(w)).not.toContain(key.toString('base64'));
  });

  it('refuses a short passphrase', () => {
    expect(() => wrapWithPassphrase(randomBytes(32), 'short')).toThrow(/at least 10/);
  });

  it('writes and reads the key file, and rejects a malformed one', () => {
    const file = path.join(tempDir(), 'store.ldk.key.json');
    const key = randomBytes(32);
    writeKeyFile(file, { version: 1, wraps: [wrapWithPassphrase(key, 'a long office passphrase', cheap)] });
    const back = readKeyFile(file);
    expect(back?.wraps[0]?.kind).toBe('passphrase');
    writeKeyFile(file, { version: 1, wraps: [] } as never);
    expect(() => readKeyFile(file)).toThrow(/key file .* is not valid/);
  });
});
